"""Scopes and the bindings of names in them.

A scope is a module, function, lambda, class or comprehension. Its bindings are
found by one walk of its own body that stops at nested scopes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import libcst as cst

from perflint.tree import child_getter, iter_subtree

COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
SCOPE_NODES = (cst.Module, cst.FunctionDef, cst.Lambda, cst.ClassDef, *COMPREHENSIONS)


@dataclass(frozen=True)
class Binding:
    """One place where a scope binds a name.

    kind is one of: assign, annassign, augassign, unpack, for, with, import,
    param, del, except, match, walrus, def, class, declare.
    """

    kind: str
    node: cst.CSTNode
    value: cst.BaseExpression | None = None  # the value bound to the whole name
    annotation: cst.BaseExpression | None = None
    imported: str | None = None  # for imports: the dotted name bound


@dataclass
class Scope:
    node: cst.CSTNode
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    globals: set[str] = field(default_factory=set)
    nonlocals: set[str] = field(default_factory=set)
    nested: list[cst.CSTNode] = field(default_factory=list)  # direct child scopes

    def add(self, name: str, binding: Binding) -> None:
        self.bindings.setdefault(name, []).append(binding)


def target_names(target: cst.BaseExpression) -> Iterator[cst.Name]:
    """The names a target binds (through tuples, lists and starred parts)."""
    if isinstance(target, cst.Name):
        yield target
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from target_names(element.value)
    elif isinstance(target, cst.StarredElement):
        yield from target_names(target.value)


def _bind_target(
    scope: Scope,
    kind: str,
    target: cst.BaseExpression,
    stmt: cst.CSTNode,
    value: cst.BaseExpression | None = None,
) -> None:
    if isinstance(target, cst.Name):
        scope.add(target.value, Binding(kind, stmt, value))
    else:
        for name in target_names(target):
            scope.add(name.value, Binding("unpack" if kind == "assign" else kind, stmt))


def dotted_name(expr: cst.BaseExpression | None) -> str | None:
    """'a.b.c' for a Name/Attribute chain, else None."""
    parts = []
    while isinstance(expr, cst.Attribute):
        parts.append(expr.attr.value)
        expr = expr.value
    if not isinstance(expr, cst.Name):
        return None
    parts.append(expr.value)
    return ".".join(reversed(parts))


def _bind_import(scope: Scope, stmt: cst.Import | cst.ImportFrom) -> None:
    if isinstance(stmt, cst.Import):
        for alias in stmt.names:
            full = dotted_name(alias.name) or ""
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                scope.add(alias.asname.name.value, Binding("import", stmt, imported=full))
            else:
                head = full.split(".")[0]
                scope.add(head, Binding("import", stmt, imported=head))
        return
    if isinstance(stmt.names, cst.ImportStar):
        return
    module = "." * len(stmt.relative) + (dotted_name(stmt.module) or "")
    for alias in stmt.names:
        name = dotted_name(alias.name) or ""
        bound = name
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            bound = alias.asname.name.value
        joined = f"{module}.{name}" if not module.endswith(".") else module + name
        scope.add(bound, Binding("import", stmt, imported=joined))


def _body_roots(node: cst.CSTNode) -> Sequence[cst.CSTNode]:
    """The parts of a scope node that run inside the scope."""
    if isinstance(node, cst.Module):
        return [node]
    if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
        return [node.body]
    if isinstance(node, cst.Lambda):
        return [node.body]
    if isinstance(node, cst.DictComp):
        return [node.key, node.value, node.for_in]
    if isinstance(node, (cst.ListComp, cst.SetComp, cst.GeneratorExp)):
        return [node.elt, node.for_in]
    return []


def _params(params: cst.Parameters) -> Iterator[cst.Param]:
    yield from params.posonly_params
    yield from params.params
    if isinstance(params.star_arg, cst.Param):
        yield params.star_arg
    yield from params.kwonly_params
    if params.star_kwarg is not None:
        yield params.star_kwarg


def build_scope(node: cst.CSTNode) -> Scope:
    scope = Scope(node)
    if isinstance(node, (cst.FunctionDef, cst.Lambda)):
        for param in _params(node.params):
            annotation = param.annotation.annotation if param.annotation else None
            scope.add(param.name.value, Binding("param", param, annotation=annotation))
    for root in _body_roots(node):
        _walk_body(scope, root, node)
    return scope


def _walk_body(scope: Scope, root: cst.CSTNode, owner: cst.CSTNode) -> None:
    """Record the bindings under root, stopping at nested scopes (which are
    recorded, not entered). A hot path: dispatch on exact node types."""
    stack = [root]
    while stack:
        node = stack.pop()
        node_type = type(node)
        if node is not owner:
            if node_type in _RECORDED:
                _record(scope, node)
            if node_type in _SCOPE_TYPES:
                continue
        getter = child_getter(node_type)
        if getter is not None:
            stack.extend(reversed(getter(node)))


_SCOPE_TYPES = frozenset(SCOPE_NODES)
_RECORDED = frozenset(
    {
        cst.FunctionDef, cst.ClassDef, cst.Lambda, *COMPREHENSIONS, cst.Assign, cst.AnnAssign,
        cst.AugAssign, cst.For, cst.CompFor, cst.WithItem, cst.Import, cst.ImportFrom, cst.Del,
        cst.ExceptHandler, cst.ExceptStarHandler, cst.NamedExpr, cst.MatchAs, cst.MatchStar,
        cst.MatchMapping, cst.Global, cst.Nonlocal,
    }
)  # fmt: skip


def _record(scope: Scope, node: cst.CSTNode) -> None:
    if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
        scope.add(
            node.name.value, Binding("def" if isinstance(node, cst.FunctionDef) else "class", node)
        )
        scope.nested.append(node)
    elif isinstance(node, (cst.Lambda, *COMPREHENSIONS)):
        scope.nested.append(node)
        # A walrus inside a comprehension binds in the enclosing scope.
        for inner in iter_subtree(
            node, prune=lambda n: isinstance(n, (cst.FunctionDef, cst.Lambda, cst.ClassDef))
        ):
            if isinstance(inner, cst.NamedExpr):
                _bind_target(scope, "walrus", inner.target, inner)
    elif isinstance(node, cst.Assign):
        for target in node.targets:
            _bind_target(scope, "assign", target.target, node, node.value)
    elif isinstance(node, cst.AnnAssign):
        if isinstance(node.target, cst.Name):
            kind = "annassign" if node.value is not None else "declare"
            scope.add(
                node.target.value, Binding(kind, node, node.value, node.annotation.annotation)
            )
    elif isinstance(node, cst.AugAssign):
        if isinstance(node.target, cst.Name):
            scope.add(node.target.value, Binding("augassign", node, node.value))
    elif isinstance(node, (cst.For, cst.CompFor)):
        _bind_target(scope, "for", node.target, node)
    elif isinstance(node, cst.WithItem):
        if node.asname is not None:
            _bind_target(scope, "with", node.asname.name, node)
    elif isinstance(node, (cst.Import, cst.ImportFrom)):
        _bind_import(scope, node)
    elif isinstance(node, cst.Del):
        _bind_target(scope, "del", node.target, node)
    elif isinstance(node, (cst.ExceptHandler, cst.ExceptStarHandler)):
        if node.name is not None:
            _bind_target(scope, "except", node.name.name, node)
    elif isinstance(node, cst.NamedExpr):
        _bind_target(scope, "walrus", node.target, node)
    elif isinstance(node, (cst.MatchAs, cst.MatchStar)):
        if node.name is not None:
            scope.add(node.name.value, Binding("match", node))
    elif isinstance(node, cst.MatchMapping):
        if node.rest is not None:
            scope.add(node.rest.value, Binding("match", node))
    elif isinstance(node, cst.Global):
        scope.globals.update(item.name.value for item in node.names)
    elif isinstance(node, cst.Nonlocal):
        scope.nonlocals.update(item.name.value for item in node.names)
