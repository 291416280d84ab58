"""What a PFL301 candidate's parameters probably are, read from how the
function uses them, for `--verify-jit` to compile and measure it.

Honest over hopeful: an integer stays an integer when the code counts,
indexes or floor-divides with it; a parameter only iterated or indexed like a
sequence, never used as an array (`.shape`, a numpy call, `a[i, j]`), is
guessed a Python list first (numba reflects lists, which is slow); `a[i, j]`,
`a.shape[1]` and `rows, cols = a.shape` make an array 2-D. Where use leaves
room, the alternatives are tried after the best guess, one parameter at a time.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from perflint.jit.numeric import ELEMENTWISE
from perflint.jit.support import LIST_METHODS

_SCALARS = {"int": "int64", "float": "float64", "bool": "boolean", "complex": "complex128"}
_ARRAY_ANNOTATIONS = frozenset({"ndarray", "NDArray", "ArrayLike"})
# numpy calls whose first arguments are sizes: `np.zeros(n)`, `np.empty((m, 4))`.
_SIZED = frozenset({"zeros", "empty", "ones", "full", "arange", "eye", "identity"})
_ARRAY_ATTRIBUTES = frozenset({"shape", "ndim", "size", "T", "dtype", "flat", "strides"})
# Methods lists and arrays share, or lists alone have: no sign of an array.
_SEQUENCE_METHODS = LIST_METHODS - {"copy"}
_NUMPY = frozenset({"np", "numpy"})
# Operators whose operands are integers in the code that uses them (`n // 2`, `i % m`).
_INTEGER_OPERATORS = (
    ast.FloorDiv,
    ast.Mod,
    ast.LShift,
    ast.RShift,
    ast.BitAnd,
    ast.BitOr,
    ast.BitXor,
)


@dataclass(frozen=True)
class Param:
    """One parameter's guessed type, and how --verify-jit makes a value for it."""

    name: str
    kind: str  # "scalar", "array" or "list"
    dtype: str = "float64"  # the scalar's type, or the items' type
    dims: int = 0  # arrays only
    count: bool = False  # an integer bounding a loop (`range(n)`): it grows with the inputs

    def numba_type(self) -> str:
        if self.kind == "array":
            return f"{self.dtype}[{', '.join([':'] * self.dims)}]"
        if self.kind == "list":
            return f"List({self.dtype}, True)"  # numba's reflected list
        return self.dtype

    def describe(self) -> str:
        if self.kind == "list":
            return f"reflected list({self.dtype})"
        return self.numba_type()


def signature(params: list[Param]) -> str:
    types = [p.numba_type() for p in params]
    return f"({', '.join(types)}{',' if len(types) == 1 else ''})"


def describe(params: list[Param]) -> str:
    return f"({', '.join(p.describe() for p in params)})"


def candidate_plans(function: ast.FunctionDef, limit: int = 6) -> list[list[Param]]:
    """Parameter guesses to try, most likely first: the best guess for each,
    then with one parameter's guess changed at a time."""
    names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    guesses = [_guess(function, name) for name in names]
    base = [g[0] for g in guesses]
    plans = [base]
    for index, alternatives in enumerate(guesses):
        for alternative in alternatives[1:]:
            plans.append([*base[:index], alternative, *base[index + 1 :]])
    return plans[:limit]


def candidate_signatures(function: ast.FunctionDef, limit: int = 6) -> list[str]:
    return [signature(plan) for plan in candidate_plans(function, limit)]


@dataclass
class _Use:
    """What the function does with one parameter."""

    dims: int = 0  # how many indexes it takes: `a[i]` 1, `a[i, j]` 2
    as_array: bool = False  # `.shape`, an array method, passed to numpy, `a[i, j]`
    as_integer: bool = False  # counts, sizes, indexes, `//`, `%`
    count: bool = False  # `range(n)`, `range(1, n + 1)`
    integer_items: bool = False  # its items index something or are floor-divided


def _guess(function: ast.FunctionDef, name: str) -> list[Param]:
    arg = next(a for a in (*function.args.posonlyargs, *function.args.args) if a.arg == name)
    use = _uses(function, name)
    annotation = _annotation_name(arg.annotation)
    if annotation in _SCALARS:
        return [Param(name, "scalar", _SCALARS[annotation], count=use.count)]
    items, other = ("int64", "float64") if use.integer_items else ("float64", "int64")
    if annotation in _ARRAY_ANNOTATIONS or use.as_array or use.dims >= 2:
        dims = max(use.dims, 1)
        return [Param(name, "array", items, dims), Param(name, "array", other, dims)]
    if use.dims:
        # Indexed or iterated, never used as an array: as likely a list.
        return [Param(name, "list", items), Param(name, "array", items, 1)]
    if use.as_integer:
        return [Param(name, "scalar", "int64", count=use.count), Param(name, "scalar", "float64")]
    return [Param(name, "scalar", "float64"), Param(name, "scalar", "int64")]


def _annotation_name(annotation: ast.expr | None) -> str | None:
    if isinstance(annotation, ast.Subscript):
        annotation = annotation.value  # NDArray[np.float64]
    if isinstance(annotation, ast.Attribute):
        return annotation.attr
    return annotation.id if isinstance(annotation, ast.Name) else None


def _is(node: ast.AST | None, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _mentions(node: ast.AST, name: str) -> bool:
    return any(_is(n, name) for n in ast.walk(node))


def _uses(function: ast.FunctionDef, name: str) -> _Use:
    use = _Use()
    for node in ast.walk(function):
        if isinstance(node, ast.Subscript):
            if _is(node.value, name):
                index = node.slice
                dims = len(index.elts) if isinstance(index, ast.Tuple) else 1
                use.dims = max(use.dims, dims)
                use.as_array = use.as_array or dims > 1
            elif _shape_of(node.value, name) and isinstance(node.slice, ast.Constant):
                if isinstance(node.slice.value, int):
                    use.dims = max(use.dims, node.slice.value + 1)  # `a.shape[1]`: 2-D
            if _in_index(node.slice, name):
                use.as_integer = True  # an index, or part of one
            if _item_of(node.slice, name):
                use.integer_items = True  # `counts[idx[i]]`
        elif isinstance(node, ast.Attribute) and _is(node.value, name):
            # PFL301 lets through array members and list methods only.
            if node.attr in _ARRAY_ATTRIBUTES or node.attr not in _SEQUENCE_METHODS:
                use.as_array = True
                use.dims = max(use.dims, 1)
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, _INTEGER_OPERATORS):
            if _is(node.target, name) or _is(node.value, name):
                use.as_integer = True  # `n //= 10`
        elif isinstance(node, ast.Assign) and _shape_of(node.value, name):
            target = node.targets[0]
            if isinstance(target, ast.Tuple):
                use.dims = max(use.dims, len(target.elts))  # `rows, cols = a.shape`
        elif isinstance(node, ast.For) and _is(node.iter, name):
            use.dims = max(use.dims, 1)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, _INTEGER_OPERATORS):
            for side in (node.left, node.right):
                if _is(side, name):
                    use.as_integer = True
                if _item_of(side, name):
                    use.integer_items = True
        elif isinstance(node, ast.Call):
            _call_use(node, name, use)
    return use


def _call_use(call: ast.Call, name: str, use: _Use) -> None:
    func = call.func
    called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    arguments = [a for a in call.args if not isinstance(a, ast.Starred)]
    if called in ("range", "prange"):
        if any(_mentions(a, name) for a in arguments):
            use.as_integer = True
        stop = arguments[0] if len(arguments) == 1 else arguments[1] if len(arguments) > 1 else None
        if stop is not None and _bound(stop, name):
            use.count = True
    elif called == "len" and arguments and _is(arguments[0], name):
        use.dims = max(use.dims, 1)
    elif isinstance(func, ast.Attribute) and called in _SIZED and arguments:
        if _mentions(arguments[0], name):
            use.as_integer = True
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        # `np.sum(a)`, not `np.sqrt(x)` (elementwise: as happy with a number).
        numpy = func.value.id in _NUMPY and called not in ELEMENTWISE
        if numpy and any(_is(a, name) for a in arguments):
            use.as_array = True
            use.dims = max(use.dims, 1)


def _bound(stop: ast.expr, name: str) -> bool:
    """`n`, `n + 1`, `n - 1`: the loop runs about n times."""
    if _is(stop, name):
        return True
    return (
        isinstance(stop, ast.BinOp)
        and isinstance(stop.op, (ast.Add, ast.Sub))
        and _is(stop.left, name)
        and isinstance(stop.right, ast.Constant)
    )


def _in_index(index: ast.expr, name: str) -> bool:
    """name in index arithmetic (`a[i + k]`), not under a call or a division
    (`a[int((v - low) / width)]`: low may be a float)."""
    prune = (ast.Call, ast.Subscript)
    todo: list[ast.AST] = [index]
    while todo:
        node = todo.pop()
        if _is(node, name):
            return True
        if isinstance(node, prune) or (
            isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)
        ):
            continue
        todo.extend(ast.iter_child_nodes(node))
    return False


def _shape_of(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "shape" and _is(node.value, name)


def _item_of(node: ast.AST, name: str) -> bool:
    """`p[i]` somewhere in node."""
    return any(isinstance(n, ast.Subscript) and _is(n.value, name) for n in ast.walk(node))
