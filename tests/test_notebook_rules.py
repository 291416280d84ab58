"""Every rule's bad examples behave in a notebook as in a file: cut into one
cell per top-level statement (so names flow between cells), each is found at
its cell and row, and fixed into the example's fixed text (or not fixed, when
the fix would span cells)."""

from __future__ import annotations

import ast

import pytest

from perflint.config import Settings
from perflint.notebook.cells import build_module, fix_cells, lint_cells
from perflint.registry import all_rules


def _cases():
    for rule in all_rules():
        if getattr(rule, "examples_encoding", "utf-8") != "utf-8":
            continue  # a notebook is UTF-8 JSON
        for index, example in enumerate(rule.bad):
            yield pytest.param(rule, example, id=f"{rule.code}-{index}")


def _cells(code: str) -> list[tuple[int, str]]:
    """code cut before each top-level statement, as cells 2, 4, 6, ... (a
    markdown cell between each two), every cell ending with its newline."""
    lines = code.splitlines(True)
    try:
        body = ast.parse(code).body
    except SyntaxError:  # PFL001's examples: one cell
        return [(2, code)]
    # A decorated definition starts at its first decorator.
    firsts = [min([n.lineno, *(d.lineno for d in getattr(n, "decorator_list", []))]) for n in body]
    starts = sorted({first - 1 for first in firsts} | {0})
    bounds = [*starts, len(lines)]
    pieces = ["".join(lines[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
    return [(2 * number, piece) for number, piece in enumerate(pieces, 1) if piece]


@pytest.mark.parametrize(("rule", "example"), list(_cases()))
def test_bad_example_in_cells(rule, example):
    cells = _cells(example.code)
    assert "".join(source for _, source in cells) == example.code
    settings = Settings(select=(rule.code,))
    found = [
        d for d in lint_cells(cells, "example.ipynb", settings).diagnostics if d.code == rule.code
    ]
    module = build_module(cells)
    assert [module.to_module(d.cell, d.location)[0] for d in found] == [example.line]
    if example.fixed is None:
        return
    outcome = fix_cells(cells, "example.ipynb", settings, unsafe=True)
    assert outcome.rejected == [] and outcome.errors == []
    joined = "".join(outcome.text[number] for number, _ in cells)
    if outcome.fixed:
        assert joined == example.fixed
    else:  # only a fix that would span cells is withheld
        assert found[0].fix is None
