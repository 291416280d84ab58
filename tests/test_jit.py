"""PFL302 against numba itself: every kind of code it reports must also fail
to compile in numba; and the shipped catalogue matches the installed numba."""

import json
import re
import warnings
from pathlib import Path

import pytest

from perflint.config import Settings
from perflint.jit.catalogue import PATH, catalogue
from perflint.runner import CHECK, Job, process_source
from tests.conftest import write

HEADER = "import math\nimport sys\n\nimport numba\nimport numpy as np\n\n\n"

# kind -> body of `f(n)`, decorated with @numba.njit; each must fail in numba.
UNSUPPORTED = {
    "class": "    class A:\n        pass\n    return n\n",
    "yield from": "    yield from range(n)\n",
    "set comprehension": "    return len({i for i in range(n)})\n",
    "generator expression": "    return sum(i for i in range(n))\n",
    "with": "    with open('x') as h:\n        pass\n    return n\n",
    "except as": "    try:\n        n = n + 1\n    except Exception as e:\n        n = 0\n    return n\n",
    "specific except": "    try:\n        n = n + 1\n    except ValueError:\n        n = 0\n    return n\n",
    "str.format": "    return '{}'.format(n)\n",
    "%-formatting": "    return '%d' % n\n",
    "f-string format spec": "    return f'{n:.2f}'\n",
    "global": "    global G\n    G = n\n    return n\n",
    "del": "    x = n\n    del x\n    return n\n",
    "raise from": "    if n < 0:\n        raise ValueError('negative') from None\n    return n\n",
    "** in a call": "    d = {'a': 1}\n    return max(**d)\n",
    "print to a file": "    print(n, file=sys.stderr)\n    return n\n",
    "open()": "    return open('x')\n",
    "any()": "    return any(np.ones(n))\n",
    "numpy function": "    return np.einsum('ii', np.ones((n, n)))\n",
    "math function": "    return math.comb(n, 2)\n",
    "plain helper": "    return helper(n)\n",
}


def _module(body: str) -> str:
    return f"{HEADER}G = 0\n\n\ndef helper(x):\n    return x\n\n\n@numba.njit\ndef f(n):\n{body}"


@pytest.mark.parametrize("kind", list(UNSUPPORTED))
def test_pfl302_reports_it(kind):
    source = _module(UNSUPPORTED[kind]).encode()
    result, _ = process_source("k.py", source, Settings(select=("PFL302",)), Job(CHECK))
    assert [d.code for d in result.diagnostics], kind


@pytest.mark.parametrize("kind", list(UNSUPPORTED))
def test_numba_rejects_it_too(kind):
    numba = pytest.importorskip("numba")
    namespace: dict = {}
    exec(compile(_module(UNSUPPORTED[kind]), "k.py", "exec"), namespace)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(Exception):  # noqa: B017 (numba raises several types)
            result = namespace["f"](3)
            if hasattr(result, "__next__"):
                list(result)
    assert isinstance(namespace["f"], numba.core.registry.CPUDispatcher)


def test_shipped_catalogue_matches_installed_numba():
    """The catalogue records the numba it was made from: a numba upgrade
    without `make numba-catalogue` fails here (skipped without numba)."""
    numba = pytest.importorskip("numba")
    shipped = json.loads(PATH.read_text())
    assert shipped["numba"] == numba.__version__, (
        f"perflint/data/numba_catalogue.json is for numba {shipped['numba']}, "
        f"{numba.__version__} is installed: run `make numba-catalogue`"
    )
    assert catalogue().numba_version == shipped["numba"]
    from perflint.jit.make_catalogue import build

    fresh = build()
    assert fresh["functions"] == shipped["functions"]
    assert fresh["array_members"] == shipped["array_members"]


def test_catalogue_knows_the_basics():
    known = catalogue()
    assert {
        "numpy.sum",
        "numpy.zeros",
        "math.sqrt",
        "builtins.range",
        "numpy.random.normal",
    } <= known.functions
    assert {"shape", "sum", "T"} <= known.array_members
    assert "numpy.einsum" not in known.functions


def test_flagged_kernels_compile_after_the_fix():
    """examples/kernels.py: every PFL301 finding, once fixed, compiles with
    numba and gives the plain function's result."""
    numba = pytest.importorskip("numba")
    import numpy as np

    from perflint.fix import fix_text

    source = (Path(__file__).resolve().parents[1] / "examples" / "kernels.py").read_text()
    settings = Settings(select=("PFL301",), numba_in_project=True)
    found, _ = process_source("kernels.py", source.encode(), settings, Job(CHECK))
    flagged = {d.message.split("`")[-2] for d in found.diagnostics}
    # count_primes is integers only: nothing shows they stay within int64.
    assert flagged == {
        "pairwise_distances",
        "running_std",
        "monte_carlo_pi",
        "histogram",
        "logistic_map",
    }
    fixed = fix_text(source, "kernels.py", settings, unsafe=True).text
    plain, jitted = {}, {}
    exec(compile(source, "kernels.py", "exec"), plain)
    exec(compile(fixed, "kernels.py", "exec"), jitted)
    arguments = {
        "pairwise_distances": (np.arange(12.0).reshape(4, 3),),
        "running_std": (np.arange(20.0), 5),
        "histogram": (np.linspace(0, 1, 50), 5, 0.0, 1.0),
        "logistic_map": (3.7, 0.5, 100),
    }
    for name, args in arguments.items():
        assert isinstance(jitted[name], numba.core.registry.CPUDispatcher), name
        assert np.allclose(jitted[name](*args), plain[name](*args)), name
    assert 2.0 < jitted["monte_carlo_pi"](10_000) < 4.0


COMPILES = (
    "import numpy as np\n\n\ndef smooth(a, n):\n    out = np.empty(a.shape[0])\n"
    "    for i in range(a.shape[0]):\n        out[i] = a[max(i - 1, 0)] * 0.5 + a[i] * 0.5\n"
    "    return out\n"
)
# Flagged (numbers and tuples only), but numba cannot unify a float with a tuple.
FAILS = (
    "def odd(n):\n    t = 0.0\n    for i in range(n):\n        t += i\n    if t > 1:\n"
    "        return t\n    return (t, t)\n"
)


def test_verify_jit_keeps_what_compiles_and_drops_the_rest(run_cli, tmp_path):
    pytest.importorskip("numba")
    write(tmp_path / "ok.py", COMPILES)
    write(tmp_path / "bad.py", FAILS)
    code, out, err = run_cli("check", "--no-cache", "--select", "PFL301", "ok.py", "bad.py")
    assert out.count("PFL301") == 2
    code, out, err = run_cli(
        "check", "--no-cache", "--select", "PFL301", "--verify-jit", "-v", "ok.py", "bad.py"
    )
    assert "ok.py:4:5: PFL301" in out
    assert re.search(r"measured \d+x faster for float64\[:\] of 100,000 elements", out), out
    assert "bad.py" not in out
    assert "bad.py:1: PFL301 dropped, `odd` numba could not compile it: " in err


def test_verify_jit_evidence_in_json(run_cli, tmp_path):
    pytest.importorskip("numba")
    write(tmp_path / "ok.py", COMPILES)
    code, out, err = run_cli(
        "check", "--no-cache", "--select", "PFL301", "--verify-jit", "--format", "json", "ok.py"
    )
    (finding,) = json.loads(out)
    evidence = finding["jit"]
    assert evidence["verified"] is True
    assert evidence["signature"] == "(float64[:], float64)"
    assert evidence["speedup"] >= 2
    assert evidence["sizes"] == {"a": [100_000]}


# Two functions numba compiles that are not worth it, with the reasons --verify-jit gives.
LIST_BUILDER = (
    "def halves(xs):\n    out = []\n    for x in xs:\n        out.append(x / 2.0)\n    return out\n"
)
THREE_STEPS = (
    "def blend(x, y):\n    t = 0.0\n    for k in range(3):\n        t += x * k + y\n    return t\n"
)


def test_verify_drops_what_is_not_worth_compiling():
    pytest.importorskip("numba")
    from perflint.jit.verify import Verifier

    verifier = Verifier()
    try:
        lists = verifier.verify(LIST_BUILDER, "halves")
        steps = verifier.verify(THREE_STEPS, "blend")
    finally:
        verifier.close()
    # Reflected lists in and out: slower compiled (13x in the review that asked for this).
    assert not lists.kept and lists.speedup is not None and lists.speedup < 2, lists
    assert "for reflected list(float64) of" in lists.detail and "under 2x" in lists.detail
    # Three steps: microseconds to save, a compile to pay.
    assert not steps.kept, steps
    assert steps.detail.startswith("has too little work: ") and "a call for a" in steps.detail


def test_verify_drops_a_different_result():
    """int64 wraps around where Python's integers grow: the measurement sees it."""
    pytest.importorskip("numba")
    from perflint.jit.verify import Verifier

    code = (
        "def grow(x, n):\n    p = 1\n    t = 0.0\n    for i in range(n):\n"
        "        p = p * 3\n        t += x\n    return p + t\n"
    )
    verifier = Verifier()
    try:
        outcome = verifier.verify(code, "grow")
    finally:
        verifier.close()
    assert not outcome.kept and "gives a different result" in outcome.detail, outcome


def test_verify_jit_needs_numba(run_cli, tmp_path, monkeypatch):
    import perflint.jit.verify as verify

    monkeypatch.setattr(verify, "numba_available", lambda: False)
    write(tmp_path / "ok.py", COMPILES)
    code, out, err = run_cli("check", "--verify-jit", "ok.py")
    assert code == 2
    assert "--verify-jit needs numba: pip install 'perflint-cst[jit]'" in err


def test_verify_jit_is_for_findings_only(run_cli, tmp_path):
    pytest.importorskip("numba")
    write(tmp_path / "ok.py", COMPILES)
    code, out, err = run_cli("check", "--verify-jit", "--fix", "ok.py")
    assert code == 2 and "without --fix" in err


def _signatures(code: str) -> list[str]:
    import ast

    from perflint.jit.signatures import candidate_signatures

    return candidate_signatures(ast.parse(code).body[0])  # type: ignore[arg-type]


def test_signatures_come_from_annotations_and_use():
    signatures = _signatures(
        "def f(a, n: int, x, grid):\n    for i in range(n):\n        a[i] += x * grid[i, 0]\n"
    )
    # `a` is only indexed: as likely a list (tried first), then an array.
    assert signatures[0] == "(List(float64, True), int64, float64, float64[:, :])"
    assert "(float64[:], int64, float64, float64[:, :])" in signatures
    assert _signatures("def g(x):\n    rows, cols = x.shape\n    return rows\n")[0] == (
        "(float64[:, :],)"
    )


def test_signatures_keep_integers_integers():
    """`//`, `%`, `range(n)` and indexes say int64; the float is the fallback."""
    digits = "def f(n):\n    t = 0.0\n    while n > 0:\n        t += n % 10\n        n //= 10\n    return t\n"
    assert _signatures(digits) == ["(int64,)", "(float64,)"]
    counted = (
        "def f(x, n):\n    t = 0.0\n    for i in range(n):\n        t += x * i\n    return t\n"
    )
    assert _signatures(counted)[0] == "(float64, int64)"
    indexed = "def f(a, k):\n    return a.sum() + a[k + 1]\n"
    assert _signatures(indexed)[0] == "(float64[:], int64)"
    # Items used as indexes make an integer array.
    scatter = (
        "def f(idx, w, n):\n    out = np.zeros(n)\n    for i in range(idx.shape[0]):\n"
        "        out[idx[i]] += w[i] * 0.5\n    return out\n"
    )
    assert _signatures(scatter)[0] == "(int64[:], List(float64, True), int64)"
    # Under a division in an index, a parameter may be a float.
    binned = "def f(v, low, width, counts):\n    counts[int((v - low) / width)] += 1\n"
    assert _signatures(binned)[0].startswith("(float64, float64, float64,")


def test_signatures_take_floats_without_evidence_of_integers():
    assert _signatures("def f(r, x):\n    return r * x * (1.0 - x)\n") == [
        "(float64, float64)",
        "(int64, float64)",
        "(float64, int64)",
    ]


def test_signatures_report_lists_for_sequences_never_used_as_arrays():
    iterated = "def f(xs):\n    t = 0.0\n    for x in xs:\n        t += x\n    return t\n"
    assert _signatures(iterated) == ["(List(float64, True),)", "(float64[:],)"]
    with_len = (
        "def f(xs):\n    t = 0.0\n    for i in range(len(xs)):\n        t += xs[i]\n    return t\n"
    )
    assert _signatures(with_len)[0] == "(List(float64, True),)"
    # Any array use makes it an array: an attribute, a numpy call, two indexes.
    for use in ("xs.shape[0]", "np.sum(xs)", "xs[0, 0]"):
        code = f"def f(xs):\n    t = {use}\n    for x in xs:\n        t += x\n    return t\n"
        assert not _signatures(code)[0].startswith("(List"), use


def test_signatures_see_two_dimensions():
    loops = (
        "def f(a):\n    t = 0.0\n    for i in range(a.shape[0]):\n"
        "        for j in range(a.shape[1]):\n            t += a[i, j]\n    return t\n"
    )
    assert _signatures(loops) == ["(float64[:, :],)", "(int64[:, :],)"]
    assert _signatures("def f(a):\n    return a.shape[1] * 2.0\n")[0] == "(float64[:, :],)"
    assert _signatures("def f(a):\n    return a[1, 2, 0]\n")[0] == "(float64[:, :, :],)"


def test_counts_grow_with_the_inputs():
    import ast

    from perflint.jit.signatures import candidate_plans

    code = "def f(x, window, steps):\n    for i in range(1, steps + 1):\n        x += i % window\n    return x\n"
    (plan, *_) = candidate_plans(ast.parse(code).body[0])  # type: ignore[arg-type]
    assert [(p.name, p.dtype, p.count) for p in plan] == [
        ("x", "float64", False),
        ("window", "int64", False),
        ("steps", "int64", True),
    ]


def test_jit_settings_shape_the_fix():
    from perflint.fix import fix_text

    code = "def count(n):\n    t = 0.0\n    for i in range(n):\n        t += i % 7\n    return t\n"
    settings = Settings(
        select=("PFL301",),
        jit_decorator="numba.jit",
        jit_options=(("cache", True),),
        numba_in_project=True,
    )
    fixed = fix_text(code, "k.py", settings, unsafe=True).text
    assert fixed.startswith("import numba\n")
    assert "@numba.jit(cache=True)\ndef count(n):" in fixed


def test_jit_table_is_validated():
    from perflint.config import ConfigError, settings_from_table

    table = {"jit": {"decorator": "numba.njit", "cache": True, "fastmath": False}}
    settings = settings_from_table(table, "pyproject.toml", ".")
    assert settings.jit_options == (("cache", True), ("fastmath", False))
    with pytest.raises(ConfigError, match="jit.decorator: expected a dotted name"):
        settings_from_table({"jit": {"decorator": "njit"}}, "pyproject.toml", ".")
    with pytest.raises(ConfigError, match="jit: unknown key 'cahce'"):
        settings_from_table({"jit": {"cahce": True}}, "pyproject.toml", ".")
    with pytest.raises(ConfigError, match="jit.cache: expected true or false"):
        settings_from_table({"jit": {"cache": "yes"}}, "pyproject.toml", ".")


def test_linting_never_imports_numba(tmp_path):
    """The rules read the shipped catalogue; numba may be missing (new Pythons)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('numba', 'llvmlite'):\n"
        "            raise ImportError('numba is blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from perflint.api import lint_source\n"
        "from perflint.config import Settings\n"
        "code = open(sys.argv[1]).read()\n"
        "result = lint_source(code, 'k.py', Settings(select=('PFL301', 'PFL302')))\n"
        "assert not result.errors, result.errors\n"
        "print(sorted({d.code for d in result.diagnostics}))\n"
    )
    sample = write(
        tmp_path / "k.py", COMPILES + "\n\n@numba.njit\ndef g(x):\n    return '{}'.format(x)\n"
    )
    write(tmp_path / "k.py", "import numba\n" + sample.read_text())
    done = subprocess.run(
        [sys.executable, "-c", script, str(sample)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['PFL301', 'PFL302']"


# Evidence PFL301 takes from real numba code (benchmarks/jit/recall.py's tuning set).
WIDENED = {
    # A scan: comparisons of items, no arithmetic (sktime's numba_max).
    "scan": "import numpy as np\n\n\ndef largest(x):\n    m = x[0]\n    for i in range(1, x.shape[0]):\n"
    "        if x[i] > m:\n            m = x[i]\n    return m\n",
    # A numpy type bound to a module name (pynndescent's `_U = np.uint64`).
    "numpy alias": "import numpy as np\n\n_U = np.uint64\n\n\ndef mix(x, n):\n    out = np.empty(n, dtype=np.uint64)\n"
    "    for i in range(n):\n        out[i] = _U(x) + _U(i)\n    return out\n",
    # A default that is a module constant (quantecon's `xtol=_xtol`) or arithmetic on numbers.
    "constant default": "import numpy as np\n\n_XTOL = 2e-12\n\n\ndef halve(a, tol=_XTOL, limit=10 ** 6):\n"
    "    t = 0.0\n    for i in range(min(a.shape[0], limit)):\n        t += a[i] * tol\n    return t\n",
    # numba's own fixed-width casts are elementwise, not whole-array work.
    "int16 cast": "import numpy as np\n\n\ndef dot8(x, y):\n    d = np.int32(0)\n    for i in range(x.shape[0]):\n"
    "        d += np.int32(np.int16(x[i]) * np.int16(y[i]))\n    return d\n",
}
STILL_SILENT = {
    # Handed to numba by the module's own code: compiled already.
    "guvectorize": "import numpy as np\nfrom numba import guvectorize\n\n\ndef fill(r, out):\n"
    "    for i in range(1, r.shape[0]):\n        out[i] = r[i] * 0.5 - r[i - 1]\n\n\n"
    "fill_all = guvectorize(['(f8[:], f8[:])'], '(n),(m)')(fill)\n",
    # Comparing whole objects or slices is no scalar scan.
    "slices": "import numpy as np\n\n\ndef first_sorted(a):\n    for i in range(a.shape[0]):\n"
    "        if a[i:] <= a[:i]:\n            return i\n    return -1\n",
    # A default that is an array: numba would not take it.
    "array default": "import numpy as np\n\nONES = np.ones(3)\n\n\ndef scale(a, w=ONES):\n    t = 0.0\n"
    "    for i in range(a.shape[0]):\n        t += a[i] * w[i % 3]\n    return t\n",
}


@pytest.mark.parametrize("kind", list(WIDENED))
def test_pfl301_takes_evidence_from_real_numba_code(kind):
    result, _ = process_source(
        "k.py", WIDENED[kind].encode(), Settings(select=("PFL301",)), Job(CHECK)
    )
    assert [d.code for d in result.diagnostics] == ["PFL301"], kind


@pytest.mark.parametrize("kind", list(STILL_SILENT))
def test_pfl301_stays_silent_without_that_evidence(kind):
    result, _ = process_source(
        "k.py", STILL_SILENT[kind].encode(), Settings(select=("PFL301",)), Job(CHECK)
    )
    assert not result.diagnostics, kind


@pytest.mark.parametrize("kind", list(WIDENED))
def test_what_pfl301_now_takes_compiles(kind):
    numba = pytest.importorskip("numba")
    namespace: dict = {}
    exec(compile(WIDENED[kind], "k.py", "exec"), namespace)
    import numpy as np

    function = next(v for k, v in namespace.items() if callable(v) and k not in ("np", "_U"))
    arguments = {
        "scan": (np.arange(5.0),),
        "numpy alias": (np.uint64(7), 4),
        "constant default": (np.arange(4.0),),
        "int16 cast": (np.arange(4, dtype=np.int8), np.arange(4, dtype=np.int8)),
    }[kind]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert np.allclose(numba.njit(function)(*arguments), function(*arguments)), kind
