"""Adding `import module` lines where isort, or ruff's `I` rules, would put
them: in the file's first import block, in the module's section (future,
standard library, third party, first party, local), at its sorted place, with
the blank lines a sorter leaves between sections and after the block.

The block is laid out as the project's sorter was told to lay it out
(perflint.style.ImportStyle). An existing block that is not sorted is left as
it is: the new line goes before the first import it sorts before.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import libcst as cst

from perflint.analysis.scopes import dotted_name
from perflint.style import ImportStyle

FUTURE, STDLIB, THIRD_PARTY, FIRST_PARTY, LOCAL = range(5)
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class _Entry:
    """One import statement of the block, as offsets into the module's code."""

    start: int  # where its text starts, blank and comment lines above it included
    own: int  # where the comment lines that belong to it start (after a blank line)
    end: int  # after its newline
    section: int
    key: tuple[object, ...]


def section_of(module: str, style: ImportStyle) -> int:
    if module == "__future__":
        return FUTURE
    if module.startswith("."):
        return LOCAL
    if _listed(module, style.known_first_party):
        return FIRST_PARTY
    if _listed(module, style.known_third_party):
        return THIRD_PARTY
    top = module.split(".")[0]
    if top in sys.stdlib_module_names or _listed(module, style.extra_standard_library):
        return STDLIB
    if any(_in_folder(folder, top) for folder in style.src):
        return FIRST_PARTY
    return THIRD_PARTY


def _listed(module: str, names: Sequence[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in names)


@lru_cache(maxsize=1024)
def _in_folder(folder: str, top: str) -> bool:
    """A package or module of that name in the folder: the project's own code."""
    base = os.path.join(folder, top)
    return os.path.isdir(base) or os.path.isfile(base + ".py")


def _natural(name: str, style: ImportStyle) -> tuple[object, ...]:
    """Sort key: digit runs by value (`mod2` before `mod10`), case folded
    unless the sorter is case-sensitive."""
    text = name if style.case_sensitive else name.lower()
    return tuple(int(part) if i % 2 else part for i, part in enumerate(_DIGITS.split(text)))


def _key(module: str, is_from: bool, style: ImportStyle) -> tuple[object, ...]:
    natural = _natural(module, style)
    if style.force_sort_within_sections:
        return (natural, is_from)
    return (is_from, natural)  # `import x` lines before `from x import y` lines


def _statement_module(statement: cst.SimpleStatementLine) -> tuple[str, bool] | None:
    small = statement.body[0]
    if isinstance(small, cst.Import):
        return dotted_name(small.names[0].name) or "", False
    if isinstance(small, cst.ImportFrom):
        dots = "." * len(small.relative)
        return dots + (dotted_name(small.module) or "" if small.module is not None else ""), True
    return None


def is_import_line(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
    )


def is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def imported_anywhere(module: cst.Module, name: str) -> bool:
    """`import name` as a top-level statement anywhere in the module."""
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Import) and any(
                    alias.asname is None and dotted_name(alias.name) == name
                    for alias in small.names
                ):
                    return True
    return False


def import_edits(
    module: cst.Module, names: Sequence[str], style: ImportStyle
) -> list[tuple[int, int, str]]:
    """(start, end, new text) edits of module.code adding `import name` for
    each name it does not import yet; empty when there is nowhere to put them."""
    names = sorted({n for n in names if not imported_anywhere(module, n)})
    if not names:
        return []
    newline = module.default_newline
    start, offset, entries = _block(module, style)
    if not entries:
        following = module.body[start] if start < len(module.body) else None
        if following is None:
            return []
        return [_first_import(module, following, offset, start > 0, names, style)]
    inserts: dict[int, list[str]] = {}
    new_sections: dict[tuple[int, str], list[str]] = {}
    for name in names:
        section = section_of(name, style)
        key = _key(name, False, style)
        same = [e for e in entries if e.section == section]
        if same:
            before = next((e for e in same if e.key > key), None)
            at = before.own if before is not None else same[-1].end
            inserts.setdefault(at, []).append(f"import {name}{newline}")
            continue
        later = next((e for e in entries if e.section > section), None)
        if later is None:  # a new last section, after a blank line
            new_sections.setdefault((entries[-1].end, "after"), []).append(name)
        elif later is entries[0]:  # a new first section, then a blank line
            new_sections.setdefault((later.own, "before"), []).append(name)
        else:  # between two sections: the blank line above `later` stays below
            new_sections.setdefault((later.start, "after"), []).append(name)
    edits = [(at, at, "".join(lines)) for at, lines in inserts.items()]
    for (at, where), group in new_sections.items():
        by_section: dict[int, list[str]] = {}
        for name in group:
            by_section.setdefault(section_of(name, style), []).append(name)
        blocks = [
            "".join(f"import {n}{newline}" for n in sorted(ns, key=lambda n: _key(n, False, style)))
            for _, ns in sorted(by_section.items())
        ]
        text = newline.join(blocks)
        edits.append((at, at, f"{newline}{text}" if where == "after" else f"{text}{newline}"))
    return sorted(edits)


def _block(module: cst.Module, style: ImportStyle) -> tuple[int, int, list[_Entry]]:
    """The index of the first statement after the docstring, the offset where
    the first import block ends (or would start), and that block's imports."""
    offset = sum(len(module.code_for_node(line)) for line in module.header)
    start = 0
    if module.body and is_docstring(module.body[0]):
        offset += len(module.code_for_node(module.body[0]))
        start = 1
    entries: list[_Entry] = []
    for statement in module.body[start:]:
        if not is_import_line(statement):
            break
        found = _statement_module(statement)  # type: ignore[arg-type]
        assert found is not None
        code_length = len(module.code_for_node(statement))
        own = _own_start(module, statement, offset)
        section = section_of(found[0], style)
        entries.append(
            _Entry(offset, own, offset + code_length, section, _key(*found, style=style))
        )
        offset += code_length
    return start, offset, entries


def block_end(module: cst.Module) -> int | None:
    """The offset right after the file's first import block, if it has one."""
    _, end, entries = _block(module, ImportStyle())
    return end if entries else None


def _own_start(module: cst.Module, statement: cst.CSTNode, offset: int) -> int:
    """Where the comment lines right above statement start: they move with it."""
    own = offset
    for line in statement.leading_lines:  # type: ignore[attr-defined]
        offset += len(module.code_for_node(line))
        if line.comment is None:
            own = offset
    return own


def _first_import(
    module: cst.Module,
    following: cst.BaseStatement,
    offset: int,
    after_docstring: bool,
    names: Sequence[str],
    style: ImportStyle,
) -> tuple[int, int, str]:
    """The edit giving a module without imports its first block, before the
    first statement (after the docstring), replacing the blank lines above it."""
    newline = module.default_newline
    blank = 0
    end = offset
    for line in following.leading_lines:  # type: ignore[attr-defined]
        if line.comment is not None:
            break
        blank += 1
        end += len(module.code_for_node(line))
    by_section: dict[int, list[str]] = {}
    for name in names:
        by_section.setdefault(section_of(name, style), []).append(name)
    text = newline.join(
        "".join(f"import {n}{newline}" for n in sorted(ns, key=lambda n: _key(n, False, style)))
        for _, ns in sorted(by_section.items())
    )
    after = style.lines_after_imports
    if after < 0:
        after = 2 if isinstance(following, (cst.FunctionDef, cst.ClassDef)) else 1
    before = newline if after_docstring else ""
    return offset, end, before + text + newline * after
