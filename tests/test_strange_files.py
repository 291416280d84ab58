"""The strange files of benchmarks/reliability/strange (odd grammar, bytes,
sizes, syntax newer than this Python) under every rule with unsafe fixes: no
internal error, no exception, every applied fix parses and compiles when the
original does. make sweep runs the same files with more checks."""

import warnings
from pathlib import Path

import pytest

from perflint.config import Settings
from perflint.runner import FIX, Job, process_source

STRANGE = Path(__file__).resolve().parent.parent / "benchmarks" / "reliability" / "strange"
FILES = sorted(p for p in STRANGE.glob("*.py") if p.name != "make_files.py")
ALL = Settings(select=("ALL",))
# Cannot be parsed or read: exactly one PFL001 or PFL002 finding.
UNPARSABLE = {p.name for p in FILES if p.name.startswith("invalid_")} | {
    "py314_tstring_concat.py",  # LibCST: CSTLogicError
    "py314_tstring_tr_prefix.py",  # LibCST knows `rt"..."` but not `tr"..."`
}
KNOWN_BUGS: dict[str, str] = {}


def _compiles(data: bytes) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(data, "<strange>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            return False
    return True


def test_the_corpus_is_there():
    assert len(FILES) >= 40
    assert {"py312_type_params.py", "bytes_crlf.py", "big_deep_nesting.py"} <= {
        p.name for p in FILES
    }


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=pytest.mark.xfail(reason=KNOWN_BUGS[p.name], strict=True))
        if p.name in KNOWN_BUGS
        else p
        for p in FILES
    ],
    ids=[p.name for p in FILES],
)
def test_strange_file(path):
    data = path.read_bytes()
    result, fixed = process_source(str(path), data, ALL, Job(FIX, unsafe_fixes=True))
    assert result.internal_errors == [] and result.error is None
    assert result.rejected == [], "a fix produced code that does not parse"
    codes = [d.code for d in result.diagnostics]
    if path.name in UNPARSABLE:
        assert len(codes) == 1 and codes[0] in ("PFL001", "PFL002"), result.diagnostics
        assert fixed is None
        return
    assert "PFL001" not in codes and "PFL002" not in codes, result.diagnostics
    if fixed is not None and _compiles(data):
        assert _compiles(fixed), "the fixed file does not compile"
