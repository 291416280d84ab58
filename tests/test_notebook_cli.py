"""`perflint check` on Jupyter notebooks: discovery, positions in every output
format, fixes that change only the fixed cells' sources, bad input, the cache
and fingerprints."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from perflint.notebook.layout import source_spans
from tests.conftest import write

IMPORTS = "import os\nimport pandas as pd"
QUEUE = "def drain(xs):\n    q = list(xs)\n    while q:\n        x = q.pop(0)\n        print(x)"
FINDING = "cell 3:4:13: PFL103"


def cell(source: str, kind: str = "code", as_lines: bool = True, **extra: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"cell_type": kind, "id": f"id-{abs(hash(source)) % 10**6}"}
    found["metadata"] = {"tags": ["keep"]}
    if kind == "code":
        found["execution_count"] = 7
        found["outputs"] = extra.pop("outputs", [])
    found["source"] = source.splitlines(True) if as_lines else source
    found.update(extra)
    return found


def notebook(*cells: dict[str, Any], language: str = "python", **top: Any) -> dict[str, Any]:
    metadata = {
        "kernelspec": {"display_name": "Python 3", "language": language, "name": "python3"},
        "language_info": {"name": language, "version": "3.11.7"},
    }
    return {"cells": list(cells), "metadata": metadata, "nbformat": 4, "nbformat_minor": 5, **top}


def default_cells(**options: Any) -> list[dict[str, Any]]:
    return [
        cell("# Title\nSome *markdown*.", kind="markdown"),
        cell(IMPORTS, **options),
        cell(QUEUE, outputs=[{"output_type": "stream", "name": "stdout", "text": ["1\n"]}]),
    ]


def save(path: Path, document: dict[str, Any], indent: int = 1, end: str = "\n") -> Path:
    return write(path, json.dumps(document, indent=indent, ensure_ascii=False) + end)


def sources(path: Path) -> list[str]:
    return ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]]


def outside_sources(text: str) -> str:
    """The file's text with every cell's `source` value cut out."""
    spans = sorted(source_spans(text).values(), key=lambda s: s.start)
    pieces, at = [], 0
    for span in spans:
        pieces.append(text[at : span.start])
        at = span.end
    return "".join(pieces) + text[at:]


# --- finding notebooks ---------------------------------------------------------


def test_folders_include_notebooks_by_default(run_cli, tmp_path):
    save(tmp_path / "nb" / "analysis.ipynb", notebook(*default_cells()))
    write(tmp_path / "nb" / "notes.txt", "q.pop(0)\n")
    code, out, _ = run_cli("check", "--no-cache", "nb")
    assert code == 1
    assert out.startswith(f"nb/analysis.ipynb:{FINDING} ")
    assert "4 |         x = q.pop(0)\n  |             ^^^^^^^^" in out


def test_include_and_extend_include_choose_what_folders_lint(run_cli, tmp_path):
    save(tmp_path / "analysis.ipynb", notebook(*default_cells()))
    write(tmp_path / "tool.pyw", "x = 1\n")
    write(tmp_path / "pyproject.toml", '[tool.perflint]\ninclude = ["*.py"]\n')
    assert run_cli("check", "--show-files", ".")[1] == ""
    write(tmp_path / "pyproject.toml", '[tool.perflint]\nextend-include = ["*.pyw"]\n')
    shown = run_cli("check", "--show-files", ".")[1]
    assert "analysis.ipynb" in shown and "tool.pyw" in shown
    shown = run_cli("check", "--show-files", "--include", "*.pyw", ".")[1]
    assert "tool.pyw" in shown and "analysis.ipynb" not in shown
    # A notebook named on the command line is linted whatever the patterns say.
    write(tmp_path / "pyproject.toml", '[tool.perflint]\ninclude = ["*.py"]\n')
    assert FINDING in run_cli("check", "--no-cache", "analysis.ipynb")[1]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('include = "*.py"', "include: expected a list of strings"),
        ('extend-include = ["!"]', "extend-include: '!' is not a valid file pattern"),
        ("extend-includes = []", "did you mean `extend-include`?"),
    ],
)
def test_include_keys_are_validated(run_cli, tmp_path, table, message):
    write(tmp_path / "pyproject.toml", f"[tool.perflint]\n{table}\n")
    code, _, err = run_cli("check", ".")
    assert code == 2 and message in err and "Traceback" not in err


def test_include_flags_are_validated(run_cli):
    code, _, err = run_cli("check", "--extend-include", "*.pyw,!", ".")
    assert code == 2 and "--extend-include: '!' is not a valid file pattern" in err


# --- positions in every format ---------------------------------------------------


def test_json_has_the_cell_and_fix_edits_name_theirs(run_cli, tmp_path):
    save(tmp_path / "a.ipynb", notebook(*default_cells()))
    _, out, _ = run_cli("check", "--no-cache", "--format", "json", "a.ipynb")
    [finding] = json.loads(out)
    assert finding["cell"] == 3 and finding["location"] == {"row": 4, "column": 13}
    edits = finding["fix"]["edits"]
    assert [e["cell"] for e in edits] == [2, 3, 3]
    assert edits[0]["content"] == "import collections\n"


def test_sarif_github_and_gitlab_point_at_the_files_line(run_cli, tmp_path):
    path = save(tmp_path / "a.ipynb", notebook(*default_cells()))
    line = path.read_text().splitlines().index('    "        x = q.pop(0)\\n",') + 1
    _, out, _ = run_cli("check", "--no-cache", "--format", "sarif", "a.ipynb")
    [result] = json.loads(out)["runs"][0]["results"]
    [location] = result["locations"]
    assert location["physicalLocation"]["region"] == {"startLine": line, "endLine": line}
    assert location["message"]["text"] == "cell 3, line 4, column 13"
    assert result["properties"]["cell"] == 3
    assert "fixes" not in result  # its regions would address the JSON text
    _, out, _ = run_cli("check", "--no-cache", "--format", "github", "a.ipynb")
    assert out.startswith(f"::warning file=a.ipynb,line={line},endLine={line},title=PFL103")
    assert "at cell 3%2C line 4%2C column 13" in out
    _, out, _ = run_cli("check", "--no-cache", "--format", "gitlab", "a.ipynb")
    [issue] = json.loads(out)
    assert issue["location"]["lines"] == {"begin": line, "end": line}
    assert issue["description"].endswith("(cell 3, line 4, column 13)")


def test_a_string_source_is_one_line_of_the_file(run_cli, tmp_path):
    cells = [cell(IMPORTS), cell(QUEUE, as_lines=False)]
    path = save(tmp_path / "a.ipynb", notebook(*cells))
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "q.pop(0)" in t)
    _, out, _ = run_cli("check", "--no-cache", "--format", "gitlab", "a.ipynb")
    assert json.loads(out)[0]["location"]["lines"]["begin"] == line


def test_junit_and_concise_name_the_cell(run_cli, tmp_path):
    save(tmp_path / "a.ipynb", notebook(*default_cells()))
    assert run_cli("check", "--no-cache", "--format", "concise", "a.ipynb")[1].startswith(
        f"a.ipynb:{FINDING}"
    )
    assert f"a.ipynb:{FINDING}" in run_cli("check", "--no-cache", "--format", "junit", "a.ipynb")[1]


def test_noqa_in_a_cell_and_add_noqa_keep_the_notebook_valid(run_cli, tmp_path):
    path = save(tmp_path / "a.ipynb", notebook(*default_cells()))
    before = path.read_text()
    code, out, _ = run_cli("check", "--no-cache", "--add-noqa", "a.ipynb")
    assert code == 0 and "Added 1 noqa directive" in out
    assert "x = q.pop(0)  # noqa: PFL103" in sources(path)[2]
    assert outside_sources(path.read_text()) == outside_sources(before)
    assert run_cli("check", "--no-cache", "a.ipynb")[0] == 0


# --- fixes ------------------------------------------------------------------------


def _fix(run_cli, path: Path) -> tuple[str, str]:
    before = path.read_text()
    code, out, err = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", path.name)
    assert code == 0, out + err
    return before, path.read_text()


@pytest.mark.parametrize("indent", [1, 2, 4])
@pytest.mark.parametrize("end", ["\n", ""])
def test_a_fix_changes_only_the_fixed_cells_sources(run_cli, tmp_path, indent, end):
    document = notebook(*default_cells(), cell("print(1)"), cell("Last words.", kind="raw"))
    document["metadata"]["custom"] = {"z": 1, "a": [1, 2]}  # key order kept
    path = save(tmp_path / "a.ipynb", document, indent=indent, end=end)
    before, after = _fix(run_cli, path)
    assert outside_sources(after) == outside_sources(before)
    assert after.endswith("}" + end)
    new = sources(path)
    assert new[1] == "import collections\n" + IMPORTS
    assert "q = collections.deque(xs)" in new[2] and "x = q.popleft()" in new[2]
    assert new[0] == "# Title\nSome *markdown*." and new[3:] == ["print(1)", "Last words."]
    # The lists keep Jupyter's layout: one string per line, as deep as before.
    pad = " " * (indent * 4)
    assert f'{pad}"import collections\\n",\n{pad}"import os\\n",' in after
    # Fixing again changes nothing.
    assert _fix(run_cli, path)[1] == after


def test_a_string_source_stays_a_string_and_a_list_a_list(run_cli, tmp_path):
    cells = [cell(IMPORTS, as_lines=False), cell(QUEUE, as_lines=True)]
    path = save(tmp_path / "a.ipynb", notebook(*cells))
    _fix(run_cli, path)
    stored = [c["source"] for c in json.loads(path.read_text())["cells"]]
    assert stored[0] == "import collections\n" + IMPORTS
    assert isinstance(stored[1], list) and "    q = collections.deque(xs)\n" in stored[1]


def test_non_ascii_text_and_a_byte_order_mark_are_kept(run_cli, tmp_path):
    cells = [cell("# Données — ünïcode\n" + IMPORTS), cell(QUEUE)]
    text = json.dumps(notebook(*cells), indent=1, ensure_ascii=False) + "\n"
    path = write(tmp_path / "a.ipynb", b"\xef\xbb\xbf" + text.encode())
    run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", "a.ipynb")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "Données — ünïcode".encode() in data
    escaped = json.dumps(notebook(*cells), indent=1) + "\n"  # \u00e9: keeps escaping
    path = write(tmp_path / "b.ipynb", escaped)
    run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", "b.ipynb")
    assert path.read_text().isascii() and "collections" in path.read_text()


def test_magics_are_never_changed_and_no_fix_spans_them(run_cli, tmp_path):
    magic_cells = [
        cell("%matplotlib inline\n" + IMPORTS),
        cell("%%time\n" + QUEUE.replace("print(x)", "!echo {x}")),
        cell("files = !ls\n?pd.read_csv\npd.read_csv??"),
    ]
    path = save(tmp_path / "a.ipynb", notebook(*magic_cells))
    code, out, err = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", "a.ipynb")
    new = sources(path)
    assert new[0] == "%matplotlib inline\nimport collections\n" + IMPORTS
    assert new[1].startswith("%%time\n") and "        !echo {x}" in new[1]
    assert "q.popleft()" in new[1]
    assert new[2] == "files = !ls\n?pd.read_csv\npd.read_csv??"


def test_diff_shows_cells_by_number_and_writes_nothing(run_cli, tmp_path):
    path = save(tmp_path / "a.ipynb", notebook(*default_cells()))
    before = path.read_bytes()
    code, out, _ = run_cli("check", "--no-cache", "--diff", "--unsafe-fixes", "a.ipynb")
    assert code == 1 and path.read_bytes() == before
    assert "--- a/a.ipynb:cell 2\n+++ b/a.ipynb:cell 2\n" in out
    assert "--- a/a.ipynb:cell 3\n+++ b/a.ipynb:cell 3\n" in out
    assert "+import collections\n" in out and "-        x = q.pop(0)\n" in out
    assert "cell 1" not in out


def test_stdin_with_a_notebook_name(run_cli, tmp_path):
    text = json.dumps(notebook(*default_cells()), indent=1)
    code, out, _ = run_cli("check", "--stdin-filename", "a.ipynb", input=text)
    assert code == 1 and out.startswith(f"a.ipynb:{FINDING}")


# --- what is not a Python notebook -----------------------------------------------


def test_a_notebook_of_another_language_is_skipped_with_a_note(run_cli, tmp_path):
    save(tmp_path / "r.ipynb", notebook(cell("x <- c(1, 2)"), language="R"))
    code, out, err = run_cli("check", "--no-cache", ".")
    assert code == 0 and "All checks passed!" in out
    assert "perflint: note: r.ipynb: kernel language is R, not Python: not checked" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"cells": [', "not valid JSON: Expecting value at line 1 column 12"),
        ("[1, 2]", "JSON but not a Jupyter notebook (not an object at the top)"),
        ('{"nbformat": 4}', "JSON but not a Jupyter notebook (no `cells` list at the top)"),
        ('{"cells": []}', "nbformat None is not one perflint reads (nbformat 4 is)"),
        (
            '{"worksheets": [{"cells": []}], "nbformat": 3}',
            "nbformat 3 notebook; perflint reads nbformat 4",
        ),
        ('{"metadata": {}}', "JSON but not a Jupyter notebook"),
        (
            '{"cells": [], "nbformat": 3}',
            "nbformat 3 notebook; perflint reads nbformat 4 (convert it with",
        ),
        ('{"cells": [], "nbformat": "4"}', "nbformat '4' is not one perflint reads"),
        ('{"cells": [{"cell_type": "code"}], "nbformat": 4}', "cell 1 has no `source`"),
        ('{"cells": [{"cell_type": "code", "source": 3}], "nbformat": 4}', "must be a string"),
        ('{"cells": [7], "nbformat": 4}', "cell 1 is not a JSON object"),
        ('{"cells": [{"source": ""}], "nbformat": 4}', "cell 1 has no `cell_type`"),
        (b"\xff\xfe{}", "not valid UTF-8"),
        ("[" * 100_000, "not"),
    ],
)
def test_bad_notebooks_are_a_clear_finding(run_cli, tmp_path, content, message):
    write(tmp_path / "bad.ipynb", content)
    code, out, err = run_cli("check", "--no-cache", "--fix", ".")
    assert code == 1 and "Traceback" not in out + err
    assert out.startswith("bad.ipynb:1:1: PFL002 ") and message in out


def test_a_syntax_error_is_reported_at_its_cell(run_cli, tmp_path):
    save(tmp_path / "a.ipynb", notebook(cell(IMPORTS), cell("x = 1\ndef f(:\n    pass")))
    _, out, _ = run_cli("check", "--no-cache", "a.ipynb")
    assert out.startswith("a.ipynb:cell 2:2:7: PFL001 syntax error")


def test_huge_outputs_cost_little(run_cli, tmp_path):
    output = {"output_type": "stream", "name": "stdout", "text": ["x" * 1000 + "\n"] * 30_000}
    cells = [cell(IMPORTS), cell(QUEUE, outputs=[output])]
    path = save(tmp_path / "big.ipynb", notebook(*cells))
    assert path.stat().st_size > 30_000_000
    started = time.perf_counter()
    code, out, _ = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", "big.ipynb")
    assert time.perf_counter() - started < 10
    assert "collections.deque" in sources(path)[1]


# --- cache and fingerprints --------------------------------------------------------


def test_an_unchanged_notebook_comes_from_the_cache(run_cli, tmp_path, monkeypatch):
    from perflint.notebook import process

    linted: list[object] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        linted.append(args)
        return lint_cells(*args, **kwargs)

    lint_cells = process.lint_cells
    monkeypatch.setattr(process, "lint_cells", counted)
    path = save(tmp_path / "a.ipynb", notebook(*default_cells()))
    first = run_cli("check", "a.ipynb")
    assert FINDING in first[1] and len(linted) == 1
    assert run_cli("check", "a.ipynb") == first and len(linted) == 1
    save(path, notebook(*default_cells(), cell("y = 2")))  # new content: linted again
    assert run_cli("check", "a.ipynb") == first and len(linted) == 2


def test_fingerprints_survive_edits_of_other_cells(run_cli, tmp_path):
    path = save(tmp_path / "a.ipynb", notebook(*default_cells()))
    assert run_cli("check", "--no-cache", "--write-baseline", "base.json", "a.ipynb")[0] == 0
    edited = default_cells()
    edited[1] = cell(IMPORTS + "\nimport sys\n\nprint(sys.path)")
    save(path, notebook(cell("A new first cell", kind="markdown"), *edited))
    code, out, _ = run_cli("check", "--no-cache", "--baseline", "base.json", "a.ipynb")
    assert code == 0 and "1 finding in the baseline not shown" in out
    edited[2] = cell(QUEUE.replace("print(x)", "print(x + 1)"))  # the finding's own cell
    save(path, notebook(*edited))
    code, out, _ = run_cli("check", "--no-cache", "--baseline", "base.json", "a.ipynb")
    assert code == 0, "a change elsewhere in its cell keeps it too"


def test_merge_joins_notebook_reports(run_cli, tmp_path):
    save(tmp_path / "a.ipynb", notebook(*default_cells()))
    save(tmp_path / "b.ipynb", notebook(*default_cells()))
    for name in ("a", "b"):
        for fmt in ("sarif", "json"):
            args = ("--format", fmt, "--output-file", f"{name}.{fmt}", f"{name}.ipynb")
            run_cli("check", "--no-cache", "--exit-zero", *args)
    code, out, err = run_cli("merge", "a.sarif", "b.sarif")
    assert code == 1 and len(json.loads(out)["runs"][0]["results"]) == 2, err
    code, out, _ = run_cli("merge", "--format", "text", "a.json", "b.json")
    assert f"a.ipynb:{FINDING}" in out and f"b.ipynb:{FINDING}" in out
