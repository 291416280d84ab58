"""Imports a fix leaves unused: a module-level import whose every use is in
code the fix replaces or deletes, and which the new code does not use.

Uses are counted in the file's whole text with `ast` (the module rules see
may have parts stubbed out, perflint.prepass), so a use anywhere else keeps
the import. So does any doubt: a name bound twice, a string that could name
it (`__all__`, a string annotation), an `__init__.py` (imports there are the
package's interface).
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst

from perflint.analysis.scopes import dotted_name
from perflint.diagnostics import LineIndex
from perflint.imports import is_import_line
from perflint.positions import TextDiffers
from perflint.tree import iter_subtree

Location = tuple[int, int]  # 1-based row, 1-based column in characters


@dataclass(frozen=True)
class Deletion:
    """An import line to delete: start to end, or from wider_start when no
    other edit falls in between."""

    start: int
    end: int
    wider_start: int


@dataclass
class _Names:
    """Where each name occurs in the file's whole text."""

    uses: dict[str, list[Location]] = field(default_factory=dict)
    bound: dict[str, int] = field(default_factory=dict)  # how often each name is bound
    in_strings: set[str] = field(default_factory=set)  # names strings may refer to


def _bound_names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        return [node.id]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names]
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return list(node.names)
    if isinstance(node, ast.ExceptHandler) and node.name:
        return [node.name]
    if isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
        return [node.name]
    return []


def _names_in(text: str) -> _Names | None:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    lines = text.splitlines()
    names = _Names()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            line = lines[node.lineno - 1].encode()
            column = len(line[: node.col_offset].decode(errors="replace")) + 1
            names.uses.setdefault(node.id, []).append((node.lineno, column))
        for name in _bound_names(node):
            names.bound[name] = names.bound.get(name, 0) + 1
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.in_strings.update(_string_names(node.value))
    return names


def _string_names(value: str) -> set[str]:
    """The names a string would use if read as code (a string annotation,
    an `__all__` entry)."""
    if len(value) > 200 or not value.strip():
        return set()
    try:
        tree = ast.parse(value.strip(), mode="eval")
    except (SyntaxError, ValueError):
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


class UnusedImports:
    """Per file: finds the imports each fix leaves unused."""

    def __init__(
        self,
        module: cst.Module,
        original: str,
        path: str,
        lines: LineIndex,
        source: str | None = None,
    ) -> None:
        self.module = module
        self.original = original
        self.source = original if source is None else source  # the text module was parsed from
        self.lines = lines
        self.skip = os.path.basename(path) == "__init__.py"
        self._names: _Names | None | bool = False  # False: not read yet
        self._imports: dict[str, tuple[int, str]] | None = None

    def _import_lines(self) -> dict[str, tuple[int, str]]:
        """name -> (index in the module body, module) of the line binding it
        with one import."""
        if self._imports is None:
            self._imports = {}
            for index, statement in enumerate(self.module.body):
                found = _single_import(statement)
                if found is not None:
                    self._imports[found[0]] = (index, found[1])
        return self._imports

    def _deletion(self, index: int) -> Deletion:
        """The span of the index-th statement's line, and where to start instead
        to take the blank line above along when the line is its section's only
        one (so that no two blank lines are left between sections)."""
        body = self.module.body
        offset = sum(len(self.module.code_for_node(line)) for line in self.module.header)
        offset += sum(len(self.module.code_for_node(s)) for s in body[:index])
        statement = body[index]
        leading = statement.leading_lines  # type: ignore[attr-defined]
        lines = sum(len(self.module.code_for_node(line)) for line in leading)
        code = self.module.code_for_node(statement)
        if not self.source.startswith(code, offset):
            raise TextDiffers  # LibCST's text dropped characters above the import
        end = offset + len(code)
        following = body[index + 1] if index + 1 < len(body) else None
        alone = (
            bool(leading)
            and all(line.comment is None for line in leading)
            and (
                following is None
                or not is_import_line(following)
                or bool(following.leading_lines)  # type: ignore[attr-defined]
                and following.leading_lines[0].comment is None  # type: ignore[attr-defined]
            )
        )
        return Deletion(offset + lines, end, offset if alone else offset + lines)

    def left_unused(
        self,
        removed_nodes: Sequence[cst.CSTNode],
        removed_spans: Sequence[tuple[int, int]],
        new_texts: Sequence[str],
        safe: bool,
    ) -> list[Deletion]:
        """Import lines to delete: every use of what they bind is in
        removed_spans (offsets), and no new text mentions it. A safe fix
        removes only standard-library imports: importing other code may do
        things (register plugins, patch modules) that the file relies on."""
        if self.skip:
            return []
        imports = self._import_lines()
        candidates = {
            n.value
            for node in removed_nodes
            for n in iter_subtree(node)
            if isinstance(n, cst.Name)
            and n.value in imports
            and (not safe or _standard(imports[n.value][1]))
        }
        if not candidates:
            return []
        if self._names is False:
            self._names = _names_in(self.original)
        names = self._names
        if not isinstance(names, _Names):
            return []
        spans = [(self.lines.location(s), self.lines.location(e)) for s, e in removed_spans]
        found = []
        for name in sorted(candidates):
            word = re.compile(rf"\b{re.escape(name)}\b")
            if names.bound.get(name, 0) != 1 or name in names.in_strings:
                continue
            if any(word.search(text) for text in new_texts):
                continue
            if all(any(s <= use < e for s, e in spans) for use in names.uses.get(name, ())):
                found.append(self._deletion(imports[name][0]))
        return found


def _standard(module: str) -> bool:
    return module.split(".")[0] in sys.stdlib_module_names


def _single_import(statement: cst.CSTNode) -> tuple[str, str] | None:
    """The name a line such as `import time` or `from os import path` binds,
    and the module it imports."""
    if not is_import_line(statement):
        return None
    body = statement.body  # type: ignore[attr-defined]
    if len(body) != 1 or isinstance(body[0].names, cst.ImportStar) or len(body[0].names) != 1:
        return None
    alias = body[0].names[0]
    name = dotted_name(alias.name) or ""
    if isinstance(body[0], cst.ImportFrom):
        module = "." if body[0].relative else dotted_name(body[0].module) or ""
        if module == "__future__":
            return None
    else:
        module = name
    if alias.asname is not None:
        if not isinstance(alias.asname.name, cst.Name):
            return None
        return alias.asname.name.value, module
    return (name if isinstance(body[0], cst.ImportFrom) else name.split(".")[0]), module


def left_unused_together(
    before: str, after: str, path: str, safe: bool
) -> list[tuple[int, int]]:
    """Spans of `after` to delete: module-level import lines whose name was
    used in `before` and is used nowhere in `after`. Fixes applied in one pass
    may each remove some uses of a name, none of them all. Only standard
    library imports when the fixes are safe ones (see left_unused)."""
    if os.path.basename(path) == "__init__.py":
        return []
    old, new = _names_in(before), _names_in(after)
    if old is None or new is None:
        return []
    gone = {
        name
        for name in old.uses
        if name not in new.uses and new.bound.get(name, 0) == 1 and name not in new.in_strings
    }
    if not gone:
        return []
    tree = ast.parse(after)
    starts = LineIndex(after).starts
    spans = []
    for statement in tree.body:
        if not isinstance(statement, (ast.Import, ast.ImportFrom)) or len(statement.names) != 1:
            continue
        alias = statement.names[0]
        if alias.name == "*" or (
            isinstance(statement, ast.ImportFrom) and statement.module == "__future__"
        ):
            continue
        bound = alias.asname or alias.name
        if isinstance(statement, ast.Import):
            bound = bound.split(".")[0]
        end_line = statement.end_lineno or statement.lineno
        start = starts[statement.lineno - 1]
        end = starts[end_line] if end_line < len(starts) else len(after)
        if isinstance(statement, ast.Import):
            module = alias.name
        else:
            module = "." if statement.level else statement.module or ""
        if safe and not _standard(module):
            continue
        if bound in gone and _alone(after[start:end], statement):
            spans.append((start, end))
    return spans


def _alone(lines: str, statement: ast.stmt) -> bool:
    """The lines hold the statement and nothing else (no `;`, no comment)."""
    return statement.col_offset == 0 and ";" not in lines and "#" not in lines
