"""What a name or dotted expression refers to: `np.append` -> "numpy.append",
`sleep` after `from time import sleep as s` -> "time.sleep", `sum` -> "builtins.sum".
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence

import libcst as cst

from perflint.analysis.scopes import Binding, Scope, build_scope

_BUILTINS = frozenset(dir(builtins))


class Scopes:
    """Builds each scope's bindings once, on first use."""

    def __init__(self) -> None:
        self._cache: dict[int, Scope] = {}

    def get(self, node: cst.CSTNode) -> Scope:
        key = id(node)
        scope = self._cache.get(key)
        if scope is None:
            scope = self._cache[key] = build_scope(node)
        return scope


def local_scope(name: str, scope_nodes: Sequence[cst.CSTNode], scopes: Scopes) -> Scope | None:
    """The scope binding name, when only that scope changes it: not a name
    declared `global` or `nonlocal` there, nor one a nested function rebinds
    through `nonlocal` (what its bindings say is then all there is)."""
    scope = binding_scope(name, scope_nodes, scopes)
    if scope is None or name in scope.globals or name in scope.nonlocals:
        return None
    if any(name in scopes.get(nested).nonlocals for nested in scope.nested):
        return None
    return scope


def binding_scope(name: str, scope_nodes: Sequence[cst.CSTNode], scopes: Scopes) -> Scope | None:
    """The scope whose binding of name is visible from the innermost of
    scope_nodes (innermost first, module last); None for a free or builtin name.
    A scope that is returned always has name in its bindings: `global` and
    `nonlocal` lead to the scope that owns the name, not to the one declaring it."""
    module = scope_nodes[-1]
    declared_nonlocal = False
    for index, node in enumerate(scope_nodes):
        # A class body's names are not visible from the functions inside it.
        if isinstance(node, cst.ClassDef) and index > 0:
            continue
        scope = scopes.get(node)
        if name in scope.globals:
            module_scope = scopes.get(module)
            return module_scope if name in module_scope.bindings else None
        if declared_nonlocal and node is module:
            return None  # `nonlocal` never reaches the module (CPython rejects it)
        if name in scope.nonlocals:
            declared_nonlocal = True  # bound in an enclosing function
            continue
        if name in scope.bindings:
            return scope
    return None


def _imported_name(bindings: list[Binding]) -> str | None:
    """The dotted name if every binding is an import of the same thing."""
    names = {b.imported if b.kind == "import" else None for b in bindings}
    if len(names) == 1:
        return names.pop()
    return None


def resolve_name(name: str, scope_nodes: Sequence[cst.CSTNode], scopes: Scopes) -> str | None:
    scope = binding_scope(name, scope_nodes, scopes)
    if scope is None:
        return f"builtins.{name}" if name in _BUILTINS else None
    if any(name in scopes.get(node).nonlocals for node in scope_nodes):
        return None  # the declaring function may rebind it: its bindings are elsewhere
    return _imported_name(scope.bindings[name])


def qualified_name(
    expr: cst.BaseExpression, scope_nodes: Sequence[cst.CSTNode], scopes: Scopes
) -> str | None:
    """The dotted name expr refers to, or None when that cannot be proven."""
    attrs: list[str] = []
    while isinstance(expr, cst.Attribute):
        attrs.append(expr.attr.value)
        expr = expr.value
    if not isinstance(expr, cst.Name):
        return None
    head = resolve_name(expr.value, scope_nodes, scopes)
    if head is None:
        return None
    return ".".join([head, *reversed(attrs)])


def local_name_for(
    qualified: str, scope_nodes: Sequence[cst.CSTNode], scopes: Scopes
) -> str | None:
    """A dotted expression that refers to `qualified` here, using the file's own
    imports (`it.chain` after `import itertools as it`), or None."""
    module, _, attr = qualified.rpartition(".")
    module_scope = scopes.get(scope_nodes[-1])
    for name, bindings in module_scope.bindings.items():
        imported = _imported_name(bindings)
        if imported is None:
            continue
        candidate = None
        if imported == qualified:
            candidate = name
        elif imported == module and attr:
            candidate = f"{name}.{attr}"
        if (
            candidate
            and qualified_name(cst.parse_expression(candidate), scope_nodes, scopes) == qualified
        ):
            return candidate
    return None
