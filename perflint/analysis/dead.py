"""Branches that can never run: `if not _IS_SYNC:` with `_IS_SYNC = False`
bound once at module level (pymongo generates its sync code from its async
code so), `if False:`. A finding in such a branch describes code that never
runs."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst


def in_dead_branch(ctx, path: Sequence[cst.CSTNode]) -> bool:  # type: ignore[no-untyped-def]
    """Whether some `if` on path sends control away from the branch the path
    goes down, by a test whose value the module fixes."""
    for node, below in zip(path, path[1:], strict=False):
        if not isinstance(node, cst.If) or below not in (node.body, node.orelse):
            continue
        value = _constant(ctx, node.test, node)
        if value is None:
            continue
        if (below is node.body) != value:
            return True
    return False


def _constant(ctx, test: cst.BaseExpression, at: cst.CSTNode) -> bool | None:  # type: ignore[no-untyped-def]
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = _constant(ctx, test.expression, at)
        return None if inner is None else not inner
    if not isinstance(test, cst.Name):
        return None
    if test.value in ("True", "False"):
        return test.value == "True"
    scope = ctx.binding_scope(test.value, at)
    if scope is None or not isinstance(scope.node, cst.Module):
        return None
    bindings = scope.bindings.get(test.value, [])
    if len(bindings) != 1 or bindings[0].kind != "assign":
        return None
    value = bindings[0].value
    if isinstance(value, cst.Name) and value.value in ("True", "False"):
        return value.value == "True"
    return None
