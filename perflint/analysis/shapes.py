"""Small shape tests on expressions that many rules share."""

from __future__ import annotations

import libcst as cst


def int_literal(expr: cst.BaseExpression | None) -> int | None:
    """The value of a decimal integer literal, with an optional minus: `0`, `-1`."""
    sign = 1
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        sign, expr = -1, expr.expression
    if isinstance(expr, cst.Integer) and expr.value.isdigit():
        return sign * int(expr.value)
    return None


def sole_index(subscript: cst.CSTNode) -> cst.BaseExpression | None:
    """`i` for `x[i]` (one index, not a slice); None for anything else."""
    if (
        isinstance(subscript, cst.Subscript)
        and len(subscript.slice) == 1
        and isinstance(subscript.slice[0].slice, cst.Index)
    ):
        return subscript.slice[0].slice.value
    return None


def removes_front(call: cst.Call, name: str) -> bool:
    """`name.remove(name[0])`: a front removal, not a search."""
    if len(call.args) != 1 or call.args[0].keyword or call.args[0].star:
        return False
    item = call.args[0].value
    return (
        isinstance(item, cst.Subscript)
        and isinstance(item.value, cst.Name)
        and item.value.value == name
        and int_literal(sole_index(item)) == 0
    )
