"""make precision (benchmarks/precision/harness.py) on a corpus of two tiny local packages."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.precision import harness

FILLER = "".join(f"\n\ndef helper_{i}():\n    return {i}\n" for i in range(6))

ALPHA = (
    '"""Alpha."""\nimport time\n'
    + FILLER
    + """

def flatten(groups):
    return sum(groups, [])


def best(scores):
    return sorted(scores)[-1]


async def handler(request):
    time.sleep(1)
    return request
"""
    + FILLER
)

BETA = (
    '"""Beta."""\n'
    + FILLER
    + """

def dedupe(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
"""
    + FILLER
)

CORPUS = """
skip-folders = ["tests"]

[dev]
stdlib = false

[dev.packages]
alpha = { path = "src/alpha-1.0", source = ["alpha"], kind = "a" }
beta = { path = "src/beta-2.0", source = ["."], kind = "b" }

[final]
stdlib = false

[final.packages]
gone = { version = "0.0.0", path = "src/nowhere" }
"""

README = (
    "# Benchmarks\n\nbefore\n\n<!-- precision:begin -->\nold\n<!-- precision:end -->\n\nafter\n"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("precision")
    alpha = root / "src" / "alpha-1.0" / "alpha"
    (alpha / "tests").mkdir(parents=True)
    (alpha / "__init__.py").write_text(ALPHA)
    # Tests are not the package's source: never linted.
    (alpha / "tests" / "test_alpha.py").write_text("def t(xs):\n    return sum(xs, [])\n")
    beta = root / "src" / "beta-2.0"
    beta.mkdir(parents=True)
    (beta / "beta.py").write_text(BETA)
    (root / "corpus.toml").write_text(CORPUS)
    (root / "README.md").write_text(README)
    (root / "verdicts.json").write_text("{}")
    return root


@pytest.fixture(scope="module")
def findings(corpus: Path) -> list[harness.Finding]:
    spec = harness.load_corpus(corpus / "corpus.toml")
    packages = harness.build_corpus(spec, "dev", corpus / "cache", corpus)
    assert [(p.name, p.version, p.files) for p in packages] == [
        ("alpha", "local", ["alpha/__init__.py"]),
        ("beta", "local", ["beta.py"]),
    ]
    found = []
    for package in packages:
        result, problems = harness.lint(package, None, 1)
        assert problems == []
        found += result
    return found


def test_corpus_findings(findings: list[harness.Finding]) -> None:
    codes = {(f.package, f.code) for f in findings}
    assert {("alpha", "PFL101"), ("beta", "PFL102")} <= codes
    assert all(f.path != "alpha/tests/test_alpha.py" for f in findings)
    ids = [f.id for f in findings]
    assert len(set(ids)) == len(ids) and all(len(i) == 16 for i in ids)


def test_sampling_is_deterministic(findings: list[harness.Finding]) -> None:
    many = [replace(f, id=f"{f.id[:12]}{n:04x}") for f in findings for n in range(5)]
    first = harness.draw(many, 2, seed=7)
    shuffled = many[:]
    random.Random(1).shuffle(shuffled)
    assert [f.id for f in harness.draw(shuffled, 2, seed=7)] == [f.id for f in first]
    per_rule: dict[str, int] = {}
    for f in first:
        per_rule[f.code] = per_rule.get(f.code, 0) + 1
    assert set(per_rule.values()) == {2} and set(per_rule) == {f.code for f in findings}
    # Another rule's findings changing leaves a rule's sample as it was.
    pfl102 = [f.id for f in first if f.code == "PFL102"]
    fewer = [f for f in many if f.code != "PFL101"]
    assert [f.id for f in harness.draw(fewer, 2, seed=7) if f.code == "PFL102"] == pfl102
    seeds = {tuple(f.id for f in harness.draw(many, 2, seed=s)) for s in range(10)}
    assert len(seeds) > 1
    left_out = frozenset(f.id for f in first)
    assert left_out.isdisjoint(f.id for f in harness.draw(many, 2, 7, left_out))


def test_sheet_shows_context_and_diff(findings: list[harness.Finding]) -> None:
    # Rules change (a fix may come or go), so take whichever finding has a fix.
    fixed = next(f for f in findings if f.fix is not None)
    assert fixed.fix is not None
    block = harness.finding_block(1, fixed, {})
    row = fixed.location[0]
    lines = block.splitlines()
    assert f"`{fixed.id}` {fixed.code} {fixed.name}" in lines[0]
    where = f"{fixed.package} local · `{fixed.path}:{row}:{fixed.location[1]}`"
    assert where in block
    assert "> " + fixed.message in block
    numbered = [line for line in lines if line[1:].lstrip()[:1].isdigit() and "  " in line]
    shown = [int(line[1:].split()[0]) for line in numbered]
    assert shown == list(range(row - 10, row + 11))
    marked = [line for line in numbered if line.startswith(">")]
    assert [int(line[1:].split()[0]) for line in marked] == [row]
    source = (fixed.root / fixed.path).read_text().splitlines()
    assert marked[0].endswith(source[row - 1])
    assert f"Fix ({fixed.fix['applicability']}): {fixed.fix['message']}" in block
    assert f"--- a/{fixed.path}\n+++ b/{fixed.path}\n@@ " in block
    assert any(line.startswith("-") and line[1:] == source[row - 1] for line in lines)
    assert any(line.startswith("+") for line in lines if not line.startswith("+++"))

    unfixed = next(f for f in findings if f.fix is None)
    assert "No fix." in harness.finding_block(2, unfixed, {})
    verdict = {"rule": unfixed.code, "set": "dev", "verdict": "trivial", "judge": "ann"}
    judged = {unfixed.id: verdict}
    assert "already judged: trivial** by ann" in harness.finding_block(2, unfixed, judged)


def test_fix_that_does_not_fit_is_not_shown(findings: list[harness.Finding]) -> None:
    finding = next(f for f in findings if f.fix is not None)
    assert finding.fix is not None
    far = {"row": 10_000, "column": 1}
    broken = {**finding.fix, "edits": [{"content": "x", "location": far, "end_location": far}]}
    block = harness.finding_block(1, replace(finding, fix=broken), {})
    assert "do not fit the file" in block


def test_table_from_verdicts(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "verdicts.json"
    verdicts = {
        "a" * 16: {"rule": "PFL102", "set": "dev", "verdict": "worth", "note": "", "judge": "j"},
        "b" * 16: {"rule": "PFL102", "set": "dev", "verdict": "trivial", "note": "", "judge": "j"},
        "c" * 16: {"rule": "PFL102", "set": "dev", "verdict": "wrong", "note": "", "judge": "j"},
        "d" * 16: {"rule": "PFL405", "set": "dev", "verdict": "wrong", "note": "", "judge": "j"},
        "e" * 16: {"rule": "PFL201", "set": "final", "verdict": "worth", "note": "", "judge": "j"},
    }
    path.write_text(json.dumps(verdicts))
    loaded = harness.load_verdicts(path, ["dev", "final"])
    rules = {
        "PFL102": {"name": "list-membership-in-loop", "default": True},
        "PFL201": {"name": "sorted-for-extreme", "default": True},
        "PFL405": {"name": "try-in-loop", "default": False},
    }
    table = harness.verdict_table(loaded, rules, ["dev", "final"])
    assert "| PFL102 list-membership-in-loop | 3 | 2 (67%) | 1 (33%) | 1 (33%) |" in table
    assert "| PFL405 try-in-loop (not default) | 1 | 0 (0%) | 0 (0%) | 1 (100%) |" in table
    assert "| **default rules** | 3 | 2 (67%) | 1 (33%) | 1 (33%) |" in table
    assert "| **all judged** | 4 | 2 (50%) | 1 (25%) | 2 (50%) |" in table
    assert "Set `final`:" in table and "| PFL201 sorted-for-extreme | 1 | 1 (100%) |" in table

    readme = tmp_path / "README.md"
    readme.write_text(README)
    assert harness.update_readme(readme, table, "stamp")
    text = readme.read_text()
    assert text.startswith("# Benchmarks\n\nbefore\n\n<!-- precision:begin -->\nstamp\n")
    assert "old" not in text and text.endswith("<!-- precision:end -->\n\nafter\n")
    assert "| PFL102" in text
    assert harness.update_readme(readme, table, "later")
    assert readme.read_text() == text

    path.write_text(json.dumps({"x": {"rule": "PFL102", "set": "dev", "verdict": "meh"}}))
    with pytest.raises(harness.HarnessError, match="verdict must be one of worth, trivial, wrong"):
        harness.load_verdicts(path, ["dev", "final"])
    path.write_text("{")
    with pytest.raises(harness.HarnessError, match="not readable JSON"):
        harness.load_verdicts(path, ["dev", "final"])


def test_whole_run(
    corpus: Path, findings: list[harness.Finding], capsys: pytest.CaptureFixture[str]
) -> None:
    def run(*extra: str) -> int:
        return harness.main(
            [
                *("--corpus", str(corpus / "corpus.toml")),
                *("--verdicts", str(corpus / "verdicts.json")),
                *("--readme", str(corpus / "README.md")),
                *("--sheets", str(corpus / "sheets")),
                *("--cache", str(corpus / "cache")),
                *extra,
            ]
        )

    assert run("--per-rule", "1", "-j", "1") == 0
    out = capsys.readouterr().out
    assert "alpha local: 1 files" in out and "beta local: 1 files" in out
    assert "per rule:" in out and "PFL102 1" in out
    sheets = sorted((corpus / "sheets").glob("dev-*.md"))
    assert len(sheets) == 1
    sheet = sheets[0].read_text()
    assert "| PFL102 | 0 | 1 | 1 |" in sheet
    assert "No verdicts recorded yet" in (corpus / "README.md").read_text()
    # A second lint gives the same ids.
    listing = json.loads(next((corpus / "sheets").glob("dev-*-findings.json")).read_text())
    assert sorted(f["id"] for f in listing) == sorted(f.id for f in findings)
    # A package that cannot be had is skipped with a message, and a set with
    # nothing left to lint is an error message, not a traceback.
    assert run("--set", "final") == 2
    err = capsys.readouterr().err
    assert "skipping gone: no folder" in err and "nothing to lint in set 'final'" in err
    assert run("--set", "nope") == 2
    assert "no set 'nope' in the corpus (sets: dev, final)" in capsys.readouterr().err


# -- a set of example code: its own skip-folders, notebooks linted ------------------------------

NOTEBOOK_CORPUS = """
skip-folders = ["tests", "examples"]

[examples]
stdlib = false
notebooks = true
skip-folders = ["tests"]

[examples.packages]
gamma = { path = "src/gamma-3.0", source = ["examples"], kind = "g" }

[library]
stdlib = false

[library.packages]
gamma = { path = "src/gamma-3.0", source = ["."], kind = "g" }
"""


def _notebook(*cells: tuple[str, str]) -> str:
    return json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
            "cells": [
                {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)}
                | ({"outputs": [], "execution_count": None} if kind == "code" else {})
                for kind, source in cells
            ],
        },
        indent=1,
    )


DEDUPE_CELL = BETA.strip() + "\n"
NOTEBOOK = _notebook(
    ("markdown", "# Dedupe\n\nA walk through."),
    ("code", "import time\n"),
    ("code", DEDUPE_CELL),
)


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("precision-examples")
    gamma = root / "src" / "gamma-3.0"
    (gamma / "examples" / "tests").mkdir(parents=True)
    (gamma / "examples" / ".ipynb_checkpoints").mkdir()
    (gamma / "examples" / "walk.ipynb").write_text(NOTEBOOK)
    (gamma / "examples" / ".ipynb_checkpoints" / "walk-checkpoint.ipynb").write_text(NOTEBOOK)
    (gamma / "examples" / "script.py").write_text(ALPHA)
    (gamma / "examples" / "tests" / "test_x.py").write_text("def t(xs):\n    return sum(xs, [])\n")
    (root / "corpus.toml").write_text(NOTEBOOK_CORPUS)
    return root


def test_set_skip_folders_and_notebooks(examples: Path) -> None:
    spec = harness.load_corpus(examples / "corpus.toml")
    # The set's own skip-folders replace the global ones, so examples/ is linted;
    # checkpoint copies of notebooks never are.
    (gamma,) = harness.build_corpus(spec, "examples", examples / "cache", examples)
    assert gamma.files == ["examples/script.py", "examples/walk.ipynb"]
    assert harness.count_notebooks(gamma) == 1
    assert harness.count_lines(gamma) == ALPHA.count("\n") + 1 + len(DEDUPE_CELL.splitlines())
    # Without a skip-folders of its own, a set keeps the global ones (and no notebooks).
    (library,) = harness.build_corpus(spec, "library", examples / "cache", examples)
    assert library.files == []
    bad = examples / "bad.toml"
    bad.write_text('[s]\nskip-folders = "tests"\n')
    with pytest.raises(harness.HarnessError, match=r"\[s\] skip-folders is a list"):
        harness.load_corpus(bad)


def test_notebook_findings(examples: Path) -> None:
    spec = harness.load_corpus(examples / "corpus.toml")
    (gamma,) = harness.build_corpus(spec, "examples", examples / "cache", examples)
    found, problems = harness.lint(gamma, None, 1)
    assert problems == []
    in_notebook = [f for f in found if f.path == "examples/walk.ipynb"]
    assert [(f.code, f.cell) for f in in_notebook] == [("PFL102", 3)]
    assert all(f.cell is None for f in found if f.path == "examples/script.py")
    (finding,) = in_notebook
    block = harness.finding_block(1, finding, {})
    row, column = finding.location
    assert f"`examples/walk.ipynb` · `cell 3, line {row}, column {column}`" in block
    assert "Code cell 3 of the notebook" in block
    # The code shown is the cell's, numbered by the cell's rows.
    cell_lines = DEDUPE_CELL.splitlines()
    marked = [line for line in block.splitlines() if line.startswith(">") and line[1:2].isdigit()]
    assert marked and marked[0].endswith(cell_lines[row - 1])
    assert int(marked[0][1:].split()[0]) == row and '"cell_type"' not in block
    if finding.fix is not None:
        assert "--- a/examples/walk.ipynb (cell 3)" in block or "changes nothing" in block

    # The id does not depend on the cell's number: a cell added above keeps it.
    path = gamma.root / "examples" / "walk.ipynb"
    original = path.read_text()
    try:
        path.write_text(
            _notebook(
                ("markdown", "# Dedupe\n\nA walk through."),
                ("code", "import time\n"),
                ("code", "x = 1\n"),
                ("code", DEDUPE_CELL),
            )
        )
        again, _ = harness.lint(gamma, None, 1)
        moved = [f for f in again if f.path == "examples/walk.ipynb"]
        assert [(f.id, f.cell) for f in moved] == [(finding.id, 4)]
    finally:
        path.write_text(original)
    # Of a .py file, the id is as before notebooks were linted.
    script = [f for f in found if f.path == "examples/script.py"]
    plain = harness.Package("gamma", "local", gamma.root, ["examples/script.py"])
    assert [f.id for f in harness.lint(plain, None, 1)[0]] == [f.id for f in script]


def test_notebook_fix_diff() -> None:
    cells = {1: "import os\n", 2: "x = 1\ny = 2\n"}
    fix = {
        "edits": [
            {"content": "import sys\n", "location": {"row": 1, "column": 1},
             "end_location": {"row": 1, "column": 1}, "cell": 1},
            {"content": "3", "location": {"row": 2, "column": 5},
             "end_location": {"row": 2, "column": 6}},
        ]
    }  # fmt: skip
    diff = harness.notebook_fix_diff(cells, "nb.ipynb", fix, 2)
    assert diff is not None
    assert "--- a/nb.ipynb (cell 1)" in diff and "+import sys" in diff
    assert "--- a/nb.ipynb (cell 2)" in diff and "-y = 2" in diff and "+y = 3" in diff
    far = {
        "content": "x",
        "location": {"row": 9, "column": 1},
        "end_location": {"row": 9, "column": 1},
    }
    assert harness.notebook_fix_diff(cells, "nb.ipynb", {"edits": [far]}, 2) is None
    assert harness.notebook_fix_diff(cells, "nb.ipynb", {"edits": [{**far, "cell": 7}]}, 2) is None
