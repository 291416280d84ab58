"""perflint.notebook.cells and .magics: code cells as one module, IPython
syntax neutralised, positions and edits mapped back to cells."""

from __future__ import annotations

import dataclasses

import pytest

from perflint.config import Settings
from perflint.diagnostics import Diagnostic, Edit
from perflint.notebook.cells import apply_cell_edits, build_module, fix_cells, lint_cells
from perflint.notebook.magics import neutralise

UNSAFE = Settings(unsafe_fixes=True)
IMPORTS = "import os\nimport pandas as pd"  # no newline at the end, as Jupyter saves
QUEUE = "def drain(xs):\n    q = list(xs)\n    while q:\n        x = q.pop(0)\n        print(x)\n"


@pytest.mark.parametrize(
    ("source", "expected", "rows"),
    [
        ("%time x = f(y)\nimport os\n", "#time x = f(y)\nimport os\n", {1}),
        ("!pip install numba\n", "#pip install numba\n", {1}),
        ("?obj\nobj?\ndf.groupby??\n", "#obj\n#bj?\n#f.groupby??\n", {1, 2, 3}),
        ("files = !ls\nx = %sx ls", "files = ...\nx = ...", {1, 2}),
        ("for i in r:\n    %time f(i)\n", "for i in r:\n    pass\n", {2}),
        ("%%timeit -n 3\nfor a in b:\n    c(a)", "#%timeit -n 3\nfor a in b:\n    c(a)", {1}),
        ("%%bash\nls\necho hi", "#\n#\n#", {1, 2, 3}),
        ("!echo a \\\n  b\nx = 1", "#echo a \\\n#\nx = 1", {1, 2}),
        ("/print 1\n;f a b\n", "#print 1\n#f a b\n", {1, 2}),
    ],
)
def test_magics_are_neutralised_row_for_row(source: str, expected: str, rows: set[int]) -> None:
    text, replaced = neutralise(source)
    assert (text, set(replaced)) == (expected, rows)
    compile(text, "cell", "exec")


@pytest.mark.parametrize(
    "source",
    [
        's = """\n%not a magic\n!nor this\n"""\n',  # inside a string
        "y = (a\n     % b)\n",  # continuing an expression
        "x = 1  # what?\n",  # a comment ending in a question mark
        "z = a != b\n",
        "t = (1\n     , 2)\n",  # a comma starting a continuation line
    ],
)
def test_python_that_looks_like_a_magic_is_kept(source: str) -> None:
    assert neutralise(source) == (source, frozenset())


def test_positions_map_both_ways_across_cells() -> None:
    # Cell numbers count markdown cells: code cells 2 and 4 of a notebook.
    module = build_module([(2, IMPORTS), (4, "%matplotlib inline\nx = 1\n")])
    assert module.text == "import os\nimport pandas as pd\n#matplotlib inline\nx = 1\n"
    assert module.to_cell((4, 3)) == (4, (2, 3))
    assert module.to_module(4, (2, 3)) == (4, 3)
    assert module.to_cell((1, 1)) == (2, (1, 1))
    assert module.to_cell((9, 1)) == (4, (3, 1))  # past the end: the last cell's end
    assert module.is_magic(4, 1) and not module.is_magic(4, 2)


def test_a_range_is_inside_one_cell_or_none() -> None:
    module = build_module([(1, "a = 1\nb = 2\n"), (2, "c = 3\n")])
    assert module.cell_range((1, 1), (3, 1)) == (1, (1, 1), (3, 1))  # to the cell's end
    assert module.cell_range((3, 1), (3, 1)) == (2, (1, 1), (1, 1))  # where cells meet
    assert module.cell_range((2, 1), (3, 2)) is None


def test_findings_come_back_in_cell_terms_with_per_cell_edits() -> None:
    cells = [(1, IMPORTS), (3, QUEUE)]
    [finding] = lint_cells(cells, "nb.ipynb", UNSAFE).diagnostics
    assert (finding.code, finding.cell, finding.location) == ("PFL103", 3, (4, 13))
    assert finding.fix is not None
    # The import goes to the cell that holds the notebook's imports.
    assert {e.cell for e in finding.fix.edits} == {1, 3}
    fixed = apply_cell_edits(dict(cells), finding.fix.edits)
    assert fixed[1] == "import collections\nimport os\nimport pandas as pd"
    assert "q = collections.deque(xs)" in fixed[3] and "q.popleft()" in fixed[3]


def test_an_import_after_the_last_one_stays_in_its_cell() -> None:
    module = build_module([(1, "import os"), (2, "x = 1\n")])
    at_boundary = Edit(10, 10, "import sys\n", (2, 1), (2, 1))
    assert module.cell_edit(at_boundary) == Edit(9, 9, "\nimport sys", (1, 10), (1, 10), cell=1)
    statement = Edit(10, 10, "y = 0\n", (2, 1), (2, 1))
    assert module.cell_edit(statement) == Edit(0, 0, "y = 0\n", (1, 1), (1, 1), cell=2)


def test_edits_that_span_cells_or_touch_magics_are_refused() -> None:
    module = build_module([(1, "a = 1\n"), (2, "%time b\nc = 2\n")])
    assert module.cell_edit(Edit(2, 8, "", (1, 3), (2, 1))) is None  # cells 1 and 2
    assert module.cell_edit(Edit(6, 9, "x", (2, 1), (2, 4))) is None  # the magic's text
    assert module.cell_edit(Edit(9, 9, "x", (2, 4), (2, 4))) is None  # into the magic's line
    assert module.cell_edit(Edit(6, 6, "x = 0\n", (2, 1), (2, 1))) is not None  # above it


def test_nothing_goes_above_a_cell_magic_or_into_another_language() -> None:
    module = build_module([(1, "%%time\nx = 1\n"), (2, "%%bash\nls\n"), (3, "y = 2\n")])
    assert module.cell_edit(Edit(0, 0, "import os\n", (1, 1), (1, 1))) is None
    assert module.cell_edit(Edit(7, 7, "import os\n", (2, 1), (2, 1))) is not None
    at_bash_end = Edit(17, 17, "import os\n", (5, 1), (5, 1))  # attached to the upper cell
    assert module.cell_edit(at_bash_end) is None


def test_findings_on_magic_rows_are_dropped_but_errors_kept() -> None:
    # A finding on a magic's row is about its stand-in text, not the user's code.
    module = build_module([(1, "x = 1\n"), (2, "%time f(x)\n")])
    finding = Diagnostic("PFL403", "loop-invariant-call", "loops", "m", (2, 1), (2, 5))
    assert module.to_cells(finding) is None
    error = Diagnostic("PFL001", "syntax-error", "errors", "m", (2, 1), (2, 1))
    assert module.to_cells(error) == dataclasses.replace(
        error, location=(1, 1), end_location=(1, 1), cell=2
    )


def test_names_flow_between_cells_and_noqa_works_in_a_cell() -> None:
    cells = [(1, "import collections\n"), (2, QUEUE.replace("q.pop(0)", "q.pop(0)  # noqa"))]
    assert lint_cells(cells, "nb.ipynb", UNSAFE).diagnostics == []


def test_a_syntax_error_is_reported_in_its_cell() -> None:
    [error] = lint_cells([(1, "x = 1\n"), (3, "def f(:\n")], "nb.ipynb").diagnostics
    assert (error.code, error.cell, error.location[0]) == ("PFL001", 3, 1)


def test_fix_cells_fixes_until_stable_and_keeps_other_cells() -> None:
    cells = [(1, IMPORTS), (2, "y = 2\n"), (3, QUEUE)]
    outcome = fix_cells(cells, "nb.ipynb", UNSAFE, unsafe=True)
    assert outcome.fixed == 1 and outcome.result.diagnostics == []
    assert outcome.text[2] == "y = 2\n"
    assert outcome.text[1].startswith("import collections\n")
    again = fix_cells(list(outcome.text.items()), "nb.ipynb", UNSAFE, unsafe=True)
    assert again.fixed == 0 and again.text == outcome.text
