"""Where the functions and statements of a file's text are, as profilers see them.

A unit is what a profiler times as one function: the module, each class body
and each `def`. Its first line is the code object's: 1 for the module, the
first decorator's line for decorated definitions, else the `def`/`class`
line. Comprehensions, generator expressions and lambdas are separate code
objects (in Python < 3.12 even list comprehensions) but part of the function
that contains them, so they are no units of their own. Built with `ast`:
cheap, and only for files a profile mentions.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

MODULE = "<module>"
SCOPE_NAMES = {
    ast.ListComp: "<listcomp>",
    ast.SetComp: "<setcomp>",
    ast.DictComp: "<dictcomp>",
    ast.GeneratorExp: "<genexpr>",
    ast.Lambda: "<lambda>",
}
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# A finding on the header of one of these covers the whole statement.
WHOLE = (ast.For, ast.AsyncFor, ast.While, *DEFINITIONS)


@dataclass(frozen=True)
class Unit:
    name: str
    first: int  # first line, as the code object records it
    end: int  # last line
    parent: int  # index of the enclosing unit; -1 for the module


@dataclass
class Outline:
    units: list[Unit]  # units[0] is the module
    unit_of_line: list[int]  # line -> index of the innermost unit holding it (index 0 unused)
    span_of_line: list[tuple[int, int]]  # line -> the lines of the statement a finding there means
    scope_lines: dict[str, set[int]]  # "<listcomp>", ... -> lines inside one
    code_lines: list[bool]  # line -> not blank nor only a comment

    @property
    def last_line(self) -> int:
        return len(self.unit_of_line) - 1

    def unit_at(self, line: int) -> int:
        return self.unit_of_line[min(max(line, 1), self.last_line)]

    def finding_lines(self, row: int, end_row: int) -> tuple[int, int]:
        """The first and last line of the statements a finding at row..end_row is on."""
        low, high = min(max(row, 1), self.last_line), min(max(end_row, row, 1), self.last_line)
        first, last = low, high
        for line in range(low, high + 1):
            start, end = self.span_of_line[line]
            first, last = min(first, start), max(last, end)
        return first, last


def read_outline(text: str) -> Outline | None:
    """The outline of `text`, or None when `ast` cannot parse it."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    lines = re.split(r"\r\n|\r|\n", text)
    count = max(len(lines), 1)
    units = [Unit(MODULE, 1, count, -1)]
    unit_of_line = [0] * (count + 1)
    span_of_line = [(line, line) for line in range(count + 1)]
    scope_lines: dict[str, set[int]] = {name: set() for name in SCOPE_NAMES.values()}
    parent_unit = {id(tree): 0}
    # ast.walk is breadth-first: outer nodes come before the nodes inside them,
    # so an inner unit or statement overwrites the lines of an outer one.
    for node in ast.walk(tree):
        unit = parent_unit.get(id(node), 0)
        if isinstance(node, DEFINITIONS):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            end = node.end_lineno or node.lineno
            units.append(Unit(node.name, first, end, unit))
            unit = len(units) - 1
            unit_of_line[first : end + 1] = [unit] * (end + 1 - first)
        if isinstance(node, ast.stmt):
            _mark_statement(node, span_of_line)
        scope = SCOPE_NAMES.get(type(node))
        if scope is not None and isinstance(node, ast.expr):
            scope_lines[scope].update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        for child in ast.iter_child_nodes(node):
            parent_unit[id(child)] = unit
    code_lines = [False] + [bool(s.strip()) and not s.lstrip().startswith("#") for s in lines]
    return Outline(units, unit_of_line, span_of_line, scope_lines, code_lines)


def _mark_statement(node: ast.stmt, span_of_line: list[tuple[int, int]]) -> None:
    first = node.lineno
    if isinstance(node, DEFINITIONS) and node.decorator_list:
        first = min(d.lineno for d in node.decorator_list)
    end = node.end_lineno or node.lineno
    body = getattr(node, "body", None)
    if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
        header_end = max(first, body[0].lineno - 1)
        span = (first, end) if isinstance(node, WHOLE) else (first, header_end)
        span_of_line[first : header_end + 1] = [span] * (header_end + 1 - first)
    else:
        span_of_line[first : end + 1] = [(first, end)] * (end + 1 - first)
