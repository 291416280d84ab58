"""Loops that walk a pandas frame or a NumPy array one row or element at a
time doing only column work (perflint.analysis.columns): the loops the
arrays rules (PFL6xx) report, asked for by other rules too, so that one loop
gets one finding (PFL402 steps aside for a row loop, PFL301 for a loop that
is one array expression).

- frame_row_loop: `for idx, row in df.iterrows()`, `for row in df.itertuples()`;
- positional_loop: `for i in range(len(df))` reading `df.loc[i, "a"]`,
  `df.at[i, "a"]`, `df.iloc[i, 0]`, `df["a"].iloc[i]`...;
- element_loop: `for i in range(len(a))` over NumPy arrays (`out[i] = a[i] *
  b[i]`), `for v in a`, `enumerate(a)`, `zip(a, b)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst

from perflint.analysis.arrays import FRAME, NDARRAY, PANDAS, SERIES, array_facts
from perflint.analysis.columns import ColumnWork, assigned_names, bound_names
from perflint.analysis.names import qualified_name

# Attributes of a row Series that are not columns (`row.name` is the row's label).
SERIES_API = frozenset(
    {"index", "values", "name", "shape", "size", "dtype", "dtypes", "empty", "T", "array",
     "at", "iat", "loc", "iloc", "str", "dt", "cat", "axes", "ndim", "nbytes", "hasnans",
     "is_unique", "flags", "attrs", "plot", "sparse", "keys", "items", "get", "sum", "mean",
     "max", "min", "std", "count", "all", "any", "abs", "copy", "tolist", "to_dict",
     "to_numpy", "isna", "notna", "astype", "apply", "map", "round"}
)  # fmt: skip
_TUPLE_API = frozenset({"_fields", "_asdict", "_replace", "_make", "count", "index"})
_CELL_ACCESSORS = frozenset({"at", "loc", "iat", "iloc"})
_POSITIONAL = frozenset({"iat", "iloc"})


@dataclass(frozen=True)
class RowLoop:
    kind: str  # "iterrows", "itertuples", "positional", "elements"
    source: cst.BaseExpression  # the frame or array walked
    work: ColumnWork


def frame_row_loop(
    ctx,
    loop: cst.CSTNode,
    scope_nodes: Sequence[cst.CSTNode] | None = None,  # type: ignore[no-untyped-def]
) -> RowLoop | None:
    """`for idx, row in df.iterrows()` / `for row in df.itertuples()` over column work."""
    if not _plain_for(loop):
        return None
    assert isinstance(loop, cst.For)
    call = loop.iter
    if not (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value in ("iterrows", "itertuples")
    ):
        return None
    scopes = scope_nodes if scope_nodes is not None else ctx.scope_nodes(loop)
    facts = array_facts(ctx)
    frame = call.func.value
    if not facts.pandas_file() and facts.kind(frame, scopes) != FRAME:
        return None
    method = call.func.attr.value
    targets = bound_names(loop.target)
    changing = targets | assigned_names(loop.body)  # not column labels fixed for the loop
    if method == "iterrows":
        if call.args or not _pair_of_names(loop.target):
            return None
        index, row = (e.value.value for e in loop.target.elements)  # type: ignore[attr-defined]

        def is_field(expr: cst.BaseExpression) -> bool:
            if isinstance(expr, cst.Name):
                return expr.value == index and index != "_"
            return (
                string_item(expr, row)
                or attribute_of(expr, row, SERIES_API)
                or _named_item(expr, row, changing)
            )

        def is_write(target: cst.BaseExpression) -> bool:
            return _cell(target, frame, lambda e: isinstance(e, cst.Name) and e.value == index)

    else:
        if any(a.keyword is None or a.keyword.value not in ("index", "name") for a in call.args):
            return None
        if isinstance(loop.target, cst.Name):
            row = loop.target.value

            def is_field(expr: cst.BaseExpression) -> bool:
                return attribute_of(expr, row, _TUPLE_API) or _integer_item(expr, row)

            def is_write(target: cst.BaseExpression) -> bool:
                return _cell(target, frame, lambda e: _row_label(e, row))

        elif isinstance(loop.target, cst.Tuple) and all(
            isinstance(e.value, cst.Name) for e in loop.target.elements
        ):

            def is_field(expr: cst.BaseExpression) -> bool:
                return isinstance(expr, cst.Name) and expr.value in targets

            def is_write(target: cst.BaseExpression) -> bool:
                return False

        else:
            return None
    work = ColumnWork(is_field, is_write, scopes, ctx.scopes, targets)
    if not work.body(loop.body) or not _outputs(work):
        return None
    return RowLoop(method, frame, work)


def positional_loop(
    ctx,
    loop: cst.CSTNode,
    scope_nodes: Sequence[cst.CSTNode] | None = None,  # type: ignore[no-untyped-def]
) -> RowLoop | None:
    """`for i in range(len(df))` reading or writing single cells at row i."""
    if not _plain_for(loop) or not isinstance(loop.target, cst.Name):  # type: ignore[attr-defined]
        return None
    assert isinstance(loop, cst.For)
    scopes = scope_nodes if scope_nodes is not None else ctx.scope_nodes(loop)
    source = _ranged(loop.iter, scopes, ctx)
    facts = array_facts(ctx)
    if source is None or not facts.pandas_file():
        return None
    index = loop.target.value  # type: ignore[attr-defined]

    def is_index(expr: cst.BaseExpression) -> bool:
        return isinstance(expr, cst.Name) and expr.value == index

    def pandas(expr: cst.BaseExpression, accessor: str) -> bool:
        kind = facts.kind(expr, scopes)
        if kind in (FRAME, SERIES, PANDAS):
            return True
        # `.iloc` and `.iat` are pandas' own; `.loc` and `.at` need a name
        # nothing proves to be something else.
        return kind is None and (accessor in _POSITIONAL or isinstance(expr, cst.Name))

    def is_cell(expr: cst.BaseExpression) -> bool:
        if _cell(expr, None, is_index) and pandas(expr.value.value, expr.value.attr.value):  # type: ignore[attr-defined]
            return True  # df.at[i, "a"]
        if _one_item(expr) is not None and isinstance(expr, cst.Subscript):
            inner = expr.value
            key = _one_item(expr)
            if (  # df["a"].iloc[i], s.at[i]
                isinstance(inner, cst.Attribute)
                and inner.attr.value in _CELL_ACCESSORS
                and is_index(key)  # type: ignore[arg-type]
            ):
                return pandas(inner.value, inner.attr.value)
            if (  # df.iloc[i]["a"]
                isinstance(inner, cst.Subscript)
                and isinstance(inner.value, cst.Attribute)
                and inner.value.attr.value in ("iloc", "loc")
                and is_index(_one_item(inner))  # type: ignore[arg-type]
                and isinstance(key, (cst.SimpleString, cst.Integer))
            ):
                return pandas(inner.value.value, inner.value.attr.value)
        return False

    def is_write(target: cst.BaseExpression) -> bool:
        return _cell(target, None, is_index) and pandas(target.value.value, target.value.attr.value)  # type: ignore[attr-defined]

    work = ColumnWork(is_cell, is_write, scopes, ctx.scopes, frozenset({index}))
    if not work.body(loop.body) or not _outputs(work):
        return None
    return RowLoop("positional", source, work)


def element_loop(
    ctx,
    loop: cst.CSTNode,
    scope_nodes: Sequence[cst.CSTNode] | None = None,  # type: ignore[no-untyped-def]
) -> RowLoop | None:
    """A loop over NumPy arrays, element by element, that is one array expression."""
    if not _plain_for(loop):
        return None
    assert isinstance(loop, cst.For)
    scopes = scope_nodes if scope_nodes is not None else ctx.scope_nodes(loop)
    facts = array_facts(ctx)

    def array(expr: cst.BaseExpression) -> bool:
        return facts.kind(expr, scopes) == NDARRAY

    index: str | None = None
    values: frozenset[str] = frozenset()
    iterable, target = loop.iter, loop.target
    called = (
        qualified_name(iterable.func, scopes, ctx.scopes)
        if isinstance(iterable, cst.Call)
        else None
    )
    source: cst.BaseExpression | None = None
    if called == "builtins.range" and isinstance(target, cst.Name):
        source = _ranged(iterable, scopes, ctx)
        index = target.value
    elif called == "builtins.enumerate" and _pair_of_names(target):
        args = iterable.args  # type: ignore[attr-defined]
        if len(args) == 1 and not args[0].keyword and array(args[0].value):
            source = args[0].value
            index, value = (e.value.value for e in target.elements)  # type: ignore[attr-defined]
            values = frozenset({value})
    elif called == "builtins.zip" and isinstance(target, cst.Tuple):
        args = iterable.args  # type: ignore[attr-defined]
        names = bound_names(target)
        if (
            len(args) == len(target.elements) == len(names)
            and all(isinstance(e.value, cst.Name) for e in target.elements)
            and all(not a.keyword and not a.star and array(a.value) for a in args)
        ):
            source, values = args[0].value, names
    elif isinstance(target, cst.Name) and array(iterable):
        source, values = iterable, frozenset({target.value})
    if source is None or not array(source):
        return None

    def is_element(expr: cst.BaseExpression) -> bool:
        if isinstance(expr, cst.Name):
            return expr.value in values
        item = _one_item(expr)
        return (
            index is not None
            and isinstance(item, cst.Name)
            and item.value == index
            and array(expr.value)  # type: ignore[attr-defined]
        )

    work = ColumnWork(is_element, is_element, scopes, ctx.scopes, bound_names(target))
    if not work.body(loop.body) or not _outputs(work):
        return None
    return RowLoop("elements", source, work)


def arrays_loop(ctx, loop: cst.CSTNode) -> bool:  # type: ignore[no-untyped-def]
    """A loop PFL601, PFL604 or PFL607 reports (PFL607 only where PFL301 does not)."""
    return (
        frame_row_loop(ctx, loop) is not None
        or positional_loop(ctx, loop) is not None
        or element_loop(ctx, loop) is not None
    )


def short_loop(ctx, loop: cst.CSTNode) -> bool:  # type: ignore[no-untyped-def]
    """A loop of a length fixed in the code: over_literal, `range(k + 1)`
    with k a name bound only to an integer literal (`k_clusters = 3`), or a
    sized pick of the data (`df.sample(n=3)["id"]`, `keys[:5]`, `.head(4)`)."""
    if over_literal(loop):
        return True
    iterable = loop.iter if isinstance(loop, cst.For) else None
    if iterable is not None and _picked(ctx, iterable, loop):
        return True
    if not (
        isinstance(iterable, cst.Call)
        and isinstance(iterable.func, cst.Name)
        and iterable.func.value == "range"
        and iterable.args
        and ctx.refers_to("range", "builtins.range", loop)
    ):
        return False
    return all(
        not a.keyword and not a.star and _constant(ctx, a.value, loop) for a in iterable.args
    )


# Calls that pick a number of items given in the code: `df.sample(n=3)`,
# `s.head(5)`, `random.sample(keys, 4)`, `rng.choice(keys, 3)`.
_PICKS = frozenset({"sample", "head", "tail", "nlargest", "nsmallest", "choice"})
# What keeps the number of items of what it is applied to.
_SAME_LENGTH = frozenset({"enumerate", "zip", "reversed", "sorted", "list", "tuple"})
_SAME_LENGTH_METHODS = frozenset({"tolist", "to_list", "to_numpy", "unique", "values", "index"})


def _picked(ctx, expr: cst.BaseExpression, at: cst.CSTNode, depth: int = 0) -> bool:  # type: ignore[no-untyped-def]
    """expr holds at most a number of items written in the code: a sized pick
    (`_PICKS` with an integer count, a slice `[:5]`), seen through calls and
    attributes that keep the length and through a name bound only to such."""
    if depth > 8:
        return False
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Name) and func.value in _SAME_LENGTH and expr.args:
            return _picked(ctx, expr.args[0].value, at, depth + 1)
        if isinstance(func, cst.Attribute):
            if func.attr.value in _PICKS:
                return _counted(ctx, expr, at)
            if func.attr.value in _SAME_LENGTH_METHODS and not expr.args:
                return _picked(ctx, func.value, at, depth + 1)
        return False
    if isinstance(expr, cst.Attribute):
        return expr.attr.value in _SAME_LENGTH_METHODS and _picked(ctx, expr.value, at, depth + 1)
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        part = expr.slice[0].slice
        if isinstance(part, cst.Slice):
            return part.step is None and _slice_bounded(ctx, part, at)
        # `df.sample(n=3)["id"]`: one column of the picked rows.
        return (
            isinstance(part, cst.Index)
            and isinstance(part.value, cst.SimpleString)
            and (_picked(ctx, expr.value, at, depth + 1))
        )
    if isinstance(expr, cst.Name):
        scope = ctx.binding_scope(expr.value, at)
        bindings = scope.bindings.get(expr.value, []) if scope is not None else []
        return bool(bindings) and all(
            b.kind == "assign" and b.value is not None and _picked(ctx, b.value, at, depth + 1)
            for b in bindings
        )
    return False


def _counted(ctx, call: cst.Call, at: cst.CSTNode) -> bool:  # type: ignore[no-untyped-def]
    """The pick's count is an integer constant: the first positional argument
    of a method (`head(5)`, `sample(3)`), the second of a function-like pick
    (`random.sample(keys, 4)`, `rng.choice(keys, 3)`), or `n=` / `size=` / `k=`."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in ("n", "size", "k"):
            return _constant(ctx, arg.value, at)
    positional = [a for a in call.args if a.keyword is None and not a.star]
    assert isinstance(call.func, cst.Attribute)
    method = call.func.attr.value
    if method in ("sample", "choice") and len(positional) >= 2:
        return _constant(ctx, positional[1].value, at)
    if method in ("head", "tail", "sample", "nlargest", "nsmallest") and positional:
        return _constant(ctx, positional[0].value, at)
    return method in ("head", "tail") and not call.args  # five rows


def _slice_bounded(ctx, part: cst.Slice, at: cst.CSTNode) -> bool:  # type: ignore[no-untyped-def]
    """`[:5]`, `[2:7]`: both ends known (a missing start is 0)."""
    if part.upper is None:
        return False
    return _constant(ctx, part.upper, at) and (part.lower is None or _constant(ctx, part.lower, at))


def _constant(ctx, expr: cst.BaseExpression, at: cst.CSTNode) -> bool:  # type: ignore[no-untyped-def]
    if isinstance(expr, cst.Integer):
        return True
    if isinstance(expr, cst.UnaryOperation):
        return _constant(ctx, expr.expression, at)
    if isinstance(expr, cst.BinaryOperation):
        return _constant(ctx, expr.left, at) and _constant(ctx, expr.right, at)
    if isinstance(expr, cst.Name):
        scope = ctx.binding_scope(expr.value, at)
        bindings = scope.bindings[expr.value] if scope is not None else []
        return bool(bindings) and all(
            b.kind == "assign" and isinstance(b.value, cst.Integer) for b in bindings
        )
    return False


def over_literal(loop: cst.CSTNode) -> bool:
    """`for i, x in enumerate([1, 2, 3])`, `zip((a, b), (c, d))`: a loop of a
    length written in the code, through the builtins that keep it."""
    iterable = loop.iter if isinstance(loop, cst.For) else None
    if not (
        isinstance(iterable, cst.Call)
        and isinstance(iterable.func, cst.Name)
        and iterable.func.value in ("enumerate", "zip", "reversed", "sorted", "list", "tuple")
        and iterable.args
    ):
        return False
    return all(
        isinstance(a.value, (cst.List, cst.Tuple, cst.Set))
        and not any(isinstance(e, cst.StarredElement) for e in a.value.elements)
        for a in iterable.args
        if a.keyword is None
    )


# --- parts ---


def _plain_for(loop: cst.CSTNode) -> bool:
    return isinstance(loop, cst.For) and loop.orelse is None and loop.asynchronous is None


def _outputs(work: ColumnWork) -> bool:
    """The loop leaves something behind: a list, an accumulated value, written cells."""
    return bool(work.lists or work.accumulators or work.writes)


def _pair_of_names(target: cst.BaseExpression) -> bool:
    return (
        isinstance(target, cst.Tuple)
        and len(target.elements) == 2
        and all(isinstance(e.value, cst.Name) for e in target.elements)
    )


def _one_item(expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """k in `x[k]`, a single plain index."""
    if (
        isinstance(expr, cst.Subscript)
        and len(expr.slice) == 1
        and isinstance(expr.slice[0].slice, cst.Index)
    ):
        return expr.slice[0].slice.value
    return None


def string_item(expr: cst.BaseExpression, name: str) -> bool:
    item = _one_item(expr)
    return (
        isinstance(item, cst.SimpleString)
        and isinstance(expr, cst.Subscript)
        and isinstance(expr.value, cst.Name)
        and expr.value.value == name
    )


def _row_label(expr: cst.BaseExpression, row: str) -> bool:
    """`row.Index`: the label itertuples() gives each row."""
    return (
        isinstance(expr, cst.Attribute)
        and isinstance(expr.value, cst.Name)
        and expr.value.value == row
        and expr.attr.value == "Index"
    )


def _named_item(expr: cst.BaseExpression, name: str, changing: frozenset[str]) -> bool:
    """`row[col]`, col a name the loop does not change (a column label)."""
    item = _one_item(expr)
    return (
        isinstance(item, cst.Name)
        and item.value not in changing
        and isinstance(expr, cst.Subscript)
        and isinstance(expr.value, cst.Name)
        and expr.value.value == name
    )


def _integer_item(expr: cst.BaseExpression, name: str) -> bool:
    item = _one_item(expr)
    return (
        isinstance(item, cst.Integer)
        and isinstance(expr, cst.Subscript)
        and isinstance(expr.value, cst.Name)
        and expr.value.value == name
    )


def attribute_of(expr: cst.BaseExpression, name: str, excluded: frozenset[str]) -> bool:
    return (
        isinstance(expr, cst.Attribute)
        and isinstance(expr.value, cst.Name)
        and expr.value.value == name
        and expr.attr.value not in excluded
    )


def _cell(expr: cst.BaseExpression, frame: cst.BaseExpression | None, is_row) -> bool:  # type: ignore[no-untyped-def]
    """`F.at[row, column]` (or loc, iat, iloc), F the given frame when one is
    given, row what is_row accepts, column a constant."""
    if not (
        isinstance(expr, cst.Subscript)
        and isinstance(expr.value, cst.Attribute)
        and expr.value.attr.value in _CELL_ACCESSORS
        and len(expr.slice) == 2
        and all(isinstance(s.slice, cst.Index) for s in expr.slice)
    ):
        return False
    owner = expr.value.value
    if frame is not None and not (
        isinstance(owner, cst.Name) and isinstance(frame, cst.Name) and owner.value == frame.value
    ):
        return False
    if frame is None and not isinstance(owner, (cst.Name, cst.Attribute)):
        return False
    row, column = (s.slice.value for s in expr.slice)  # type: ignore[attr-defined]
    return bool(is_row(row)) and isinstance(column, (cst.SimpleString, cst.Integer))


def _ranged(iterable: cst.BaseExpression, scopes, ctx) -> cst.BaseExpression | None:  # type: ignore[no-untyped-def]
    """X in `range(len(X))`, `range(0, len(X))`, `range(X.shape[0])`, `range(X.size)`,
    `range(len(X.index))`."""
    if not (
        isinstance(iterable, cst.Call)
        and qualified_name(iterable.func, scopes, ctx.scopes) == "builtins.range"
    ):
        return None
    args = iterable.args
    if any(a.keyword or a.star for a in args):
        return None
    if len(args) == 2 and isinstance(args[0].value, cst.Integer) and args[0].value.value == "0":
        args = args[1:]
    if len(args) != 1:
        return None
    bound = args[0].value
    if (
        isinstance(bound, cst.Call)
        and qualified_name(bound.func, scopes, ctx.scopes) == "builtins.len"
        and len(bound.args) == 1
    ):
        inner = bound.args[0].value
        if isinstance(inner, cst.Attribute) and inner.attr.value == "index":
            return inner.value
        return inner
    if isinstance(bound, cst.Attribute) and bound.attr.value == "size":
        return bound.value
    item = _one_item(bound)
    if (
        isinstance(item, cst.Integer)
        and item.value == "0"
        and isinstance(bound, cst.Subscript)
        and isinstance(bound.value, cst.Attribute)
        and bound.value.attr.value == "shape"
    ):
        return bound.value.value
    return None
