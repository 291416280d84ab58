"""Small shape tests on expressions that many rules share."""

from __future__ import annotations

import libcst as cst

from perflint.analysis.names import binding_scope, qualified_name


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


_UNHASHABLE_DISPLAYS = (cst.List, cst.ListComp, cst.Dict, cst.DictComp, cst.Set, cst.SetComp)
_UNHASHABLE_TYPES = {"list", "dict", "set", "bytearray", "deque", "Counter", "defaultdict"}


# NumPy functions that give an array (unhashable), and `.tolist()` of anything.
_ARRAY_FUNCTIONS = frozenset(
    {"array", "asarray", "sort", "argsort", "unique", "zeros", "ones", "empty", "full",
     "arange", "linspace", "concatenate", "stack", "cumsum", "where"}
)  # fmt: skip


def visibly_unhashable(expr: cst.BaseExpression, types, scope_nodes, depth: int = 0) -> bool:  # type: ignore[no-untyped-def]
    """The source shows that expr's value cannot be hashed: a list, dict or set
    display or comprehension, `set(...)`/`list(...)`/`dict(...)`, a NumPy array
    or `.tolist()`, a tuple holding one, or a local that some binding gives one
    (types is the file's TypeFacts)."""
    if isinstance(expr, _UNHASHABLE_DISPLAYS):
        return True
    if isinstance(expr, cst.Tuple):
        return any(
            visibly_unhashable(e.value, types, scope_nodes, depth)
            for e in expr.elements
            if not isinstance(e, cst.StarredElement)
        )
    if not isinstance(expr, (cst.Name, cst.Call)):
        return False
    if types.of_expression(expr, scope_nodes) in _UNHASHABLE_TYPES:
        return True
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value == "tolist" and not expr.args:
            return True
        qualified = qualified_name(func, scope_nodes, types.scopes) or ""
        module, _, name = qualified.rpartition(".")
        return module == "numpy" and name in _ARRAY_FUNCTIONS
    if depth >= 3:
        return False
    scope = binding_scope(expr.value, scope_nodes, types.scopes)
    if scope is None:
        return False
    return any(
        b.value is not None and visibly_unhashable(b.value, types, scope_nodes, depth + 1)
        for b in scope.bindings.get(expr.value, ())
    )


def list_items(value: cst.BaseExpression | None) -> list[cst.BaseExpression]:
    """The items a list display or comprehension puts into the list."""
    if isinstance(value, cst.List):
        return [e.value for e in value.elements if not isinstance(e, cst.StarredElement)]
    if isinstance(value, cst.ListComp):
        return [value.elt]
    return []


def holds_unhashable(bindings, uses, types, scope_nodes) -> bool:  # type: ignore[no-untyped-def]
    """Whether the source shows unhashable values put into a list or looked
    up in it: `seen.append({...})`, `[set(x) for x in ...]`, `[1] in seen`,
    `seen.index({...})`. bindings and uses are the list's (perflint.analysis)."""
    values: list[cst.BaseExpression] = []
    for binding in bindings:
        values.extend(list_items(binding.value))
    for use in uses:
        method = use.method()
        if method in ("append", "insert", "extend", "index", "count", "remove"):
            args = use.ancestors[-2].args
            if method == "extend":
                values.extend(list_items(args[0].value) if args else [])
            elif method in ("index", "count", "remove"):
                values.extend(a.value for a in args[:1])
            elif args:
                values.append(args[-1].value)
        elif isinstance(use.parent, cst.AugAssign) and use.parent.target is use.name:
            values.extend(list_items(use.parent.value))
        elif use.is_membership_operand() and len(use.ancestors) >= 2:
            comparison = use.ancestors[-2]
            if isinstance(comparison, cst.Comparison):
                values.append(comparison.left)
    return any(visibly_unhashable(v, types, scope_nodes) for v in values)
