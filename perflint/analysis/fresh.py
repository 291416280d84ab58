"""New names for values a fix introduces, checked against the names the code
really has: bound in the scope the new name goes into, or read anywhere in
it (a read of a global or a builtin would see the new binding instead).
Words in strings, comments, attribute names and keyword arguments do not
count: `x.pattern` and `re.search(pattern=...)` leave `pattern` free.
"""

from __future__ import annotations

import ast
import builtins
import keyword
import re
from functools import lru_cache
from typing import TYPE_CHECKING

import libcst as cst

from perflint.tree import child_getter

if TYPE_CHECKING:
    from perflint.context import FileContext

_BUILTINS = frozenset(dir(builtins))


def fresh_name(ctx: FileContext, scope: cst.CSTNode, *bases: str, private: bool = False) -> str:
    """The first of bases that is free in scope (a FunctionDef, or the Module
    for a module-level name), else the first with _2, _3... A module-level
    name is private (`_base`): it must not become part of the module's
    interface."""
    taken = _taken(ctx, scope)
    cleaned = [_identifier(base, private) for base in bases] or [_identifier("value", private)]
    for candidate in cleaned:
        if candidate not in taken:
            return candidate
    number = 2
    while f"{cleaned[0]}_{number}" in taken:
        number += 1
    return f"{cleaned[0]}_{number}"


def is_free(ctx: FileContext, scope: cst.CSTNode, name: str) -> bool:
    """Whether binding name in scope changes what no other name refers to."""
    return name not in _taken(ctx, scope)


def _identifier(base: str, private: bool) -> str:
    base = re.sub(r"\W+", "_", base).strip("_").lower() or "value"
    if base[0].isdigit() or keyword.iskeyword(base):
        base = f"value_{base}"
    return f"_{base}" if private else base


def _taken(ctx: FileContext, scope: cst.CSTNode) -> frozenset[str]:
    if not isinstance(scope, (cst.FunctionDef, cst.Lambda)):
        # Module level: the whole file's text, since ctx.module may have parts
        # stubbed out (perflint.prepass).
        return _file_names(ctx.original_source) | _BUILTINS
    names = set(ctx.scopes.get(scope).bindings)
    names.update(ctx.scopes.get(ctx.module).bindings)  # no shadowing of globals either
    names.update(_names_read_in(scope))
    return frozenset(names) | _BUILTINS


def _names_read_in(node: cst.CSTNode) -> set[str]:
    """Every Name in node's subtree that names a variable (not an attribute
    or a keyword argument)."""
    found: set[str] = set()
    skipped: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            if id(current) not in skipped:
                found.add(current.value)
            continue
        if isinstance(current, cst.Attribute):
            skipped.add(id(current.attr))
        elif isinstance(current, cst.Arg) and current.keyword is not None:
            skipped.add(id(current.keyword))
        getter = child_getter(type(current))
        if getter is not None:
            stack.extend(getter(current))
    return found


@lru_cache(maxsize=8)
def _file_names(text: str) -> frozenset[str]:
    """Names bound or read anywhere in the file, and those strings would read
    as code (string annotations, `__all__`)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return frozenset(re.findall(r"[^\W\d]\w*", text))  # cannot tell: every word
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names.update(node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            names.add(node.rest)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.update(re.findall(r"[^\W\d]\w*", node.value) if _code_like(node.value) else ())
    return frozenset(names)


def _code_like(value: str) -> bool:
    """A short string that parses as an expression, as string annotations do."""
    if len(value) > 200 or not value.strip():
        return False
    try:
        ast.parse(value.strip(), mode="eval")
    except (SyntaxError, ValueError):
        return False
    return True
