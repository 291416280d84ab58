"""Whether a function's numbers are the kind numba speeds up without changing
its results: float or array work in loops that run more than a handful of
times, no Python lists, no Python integers that may outgrow numba's int64.

Python integers never overflow; numba's wrap around silently, so `fib(100)`
jitted returns a wrong number instead of a slow right one. Reflected Python
lists make jitted code slower, not faster. Neither shows as an error, so the
candidate test asks for positive evidence of float or array work and rejects
the integer shapes that grow (sums of non-constant terms, products,
recurrences, `**` and shifts by a variable).
"""

from __future__ import annotations

from collections.abc import Container, Iterator

import libcst as cst

from perflint.jit.catalogue import catalogue
from perflint.jit.support import LIST_METHODS, NUMERIC_MODULES, own_nodes
from perflint.tree import iter_subtree

# numpy functions that make arrays.
ARRAY_MAKERS = frozenset(
    {"array", "asarray", "zeros", "ones", "empty", "full", "arange", "linspace", "eye",
     "identity", "zeros_like", "ones_like", "empty_like", "full_like", "fromiter", "loadtxt",
     "load"}
)  # fmt: skip
# Not `size`: records have one too.
ARRAY_ATTRIBUTES = frozenset({"shape", "ndim", "dtype", "T", "flat", "strides"})
# math functions on integers: no sign of float work.
INTEGER_MATH = frozenset(
    {"math.gcd", "math.lcm", "math.isqrt", "math.comb", "math.perm", "math.factorial", "math.prod"}
)
_ARRAY_ANNOTATIONS = frozenset({"numpy.ndarray", "numpy.typing.NDArray"})
_NUMBER_ANNOTATIONS = frozenset(
    {"builtins.float", "builtins.int", "builtins.complex", "builtins.bool"}
)
_TUPLE_ANNOTATIONS = frozenset({"typing.Tuple", "builtins.tuple"})
_LIST_BUILDERS = frozenset({"append", "extend", "insert"})
# numpy functions that work element by element: on numbers in a loop, scalar work.
ELEMENTWISE = frozenset(
    {"sqrt", "cbrt", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos",
     "tan", "arcsin", "arccos", "arctan", "arctan2", "sinh", "cosh", "tanh", "arcsinh",
     "arccosh", "arctanh", "hypot", "abs", "absolute", "fabs", "sign", "floor", "ceil", "trunc",
     "rint", "round", "power", "square", "minimum", "maximum", "fmin", "fmax", "isnan", "isinf",
     "isfinite", "float64", "float32", "float16", "int64", "int32", "int16", "int8", "uint64",
     "uint32", "uint16", "uint8", "intp", "uintp", "complex128", "complex64", "deg2rad",
     "rad2deg"}
)  # fmt: skip
# A loop of at most this many steps, known in the source (`range(3)`), costs
# less in CPython than the call into compiled code saves.
SMALL_TRIP_COUNT = 16
_INT_BUILTINS = frozenset({"builtins.len", "builtins.int", "builtins.abs", "builtins.min",
                           "builtins.max", "builtins.round"})  # fmt: skip
_UNKNOWN = None  # an assignment whose value perflint does not follow


def reason_to_leave(function: cst.FunctionDef, path, ctx) -> str | None:  # type: ignore[no-untyped-def]
    """Why this otherwise compilable function is better left to CPython; None
    when nothing speaks against it."""
    parameters = {p.name.value: p for p in _parameters(function)}
    floats = arrays = containers = False
    for name, param in parameters.items():
        kind = _annotation_kind(param.annotation, path, ctx)
        if kind == "other":
            return f"takes `{name}` annotated as something other than a number or an array"
        arrays = arrays or kind == "array"
    returns = function.returns
    if not (returns is not None and _is_none(returns.annotation)) and (
        _annotation_kind(returns, path, ctx) == "other"
    ):
        return "returns something other than a number or an array"
    into_numpy = _numpy_arguments(function, path, ctx)
    big = _big_integer_used(function, ctx)
    if big is not None:
        return f"uses integers wider than numba's 64 bits (`{big}`)"
    for node in own_nodes(function):
        if isinstance(node, (cst.Float, cst.Imaginary)):
            floats = True
        elif isinstance(node, (cst.BinaryOperation, cst.AugAssign)):
            floats = floats or isinstance(node.operator, (cst.Divide, cst.DivideAssign))
        elif (  # `x.shape`, not `shelf[i].size` (an item's attribute)
            isinstance(node, cst.Attribute)
            and node.attr.value in ARRAY_ATTRIBUTES
            and isinstance(node.value, cst.Name)
        ):
            arrays = True
        elif isinstance(node, (cst.List, cst.ListComp)) and id(node) not in into_numpy:
            return "builds a Python list (numba's reflected lists are slower than CPython's)"
        elif isinstance(node, cst.Call):
            qualified = ctx.qualified_name(node.func, path) or ""
            module, _, called = qualified.rpartition(".")
            if module.split(".")[0] == "numpy":
                arrays = arrays or called in ARRAY_MAKERS or module == "numpy.random"
                floats = True
            elif module in NUMERIC_MODULES and qualified not in INTEGER_MATH:
                floats = True
            elif qualified == "builtins.float":
                floats = True
            elif isinstance(node.func, cst.Attribute) and node.func.attr.value in LIST_METHODS:
                if node.func.attr.value in _LIST_BUILDERS:
                    return (
                        "builds a Python list (numba's reflected lists are slower than CPython's)"
                    )
                containers = containers or _mentions(node.func.value, parameters)
            elif qualified == "builtins.len" and node.args:
                containers = containers or _mentions(node.args[0].value, parameters)
        elif isinstance(node, cst.Subscript):
            containers = containers or _mentions(node.value, parameters)
            # `a[i, j]`: lists take one index; in a module using numpy, an array.
            arrays = arrays or (len(node.slice) > 1 and _imports_numpy(ctx))
        if isinstance(node, cst.For) and _mentions(node.iter, parameters):
            counts = (
                ctx.qualified_name(node.iter.func, path)
                if isinstance(node.iter, cst.Call)
                else None
            )
            containers = containers or counts != "builtins.range"  # `for v in xs`, zip(xs, ys)
    # A function without loops is never reported itself: it is judged as a
    # helper that a kernel calls with the kernel's numbers and arrays, whose own
    # evidence is what counts (and a few steps on a Python list cost little).
    loops = any(isinstance(node, (cst.For, cst.While)) for node in own_nodes(function))
    if loops and not (floats or arrays):
        return (
            "does no float or array work (its integers may outgrow numba's 64 bits, "
            "where Python's never overflow)"
        )
    if loops and containers and not arrays:
        return "reads containers that may be Python lists (no sign of a NumPy array)"
    growing = outgrowing_integer(function, path, ctx)
    if growing is not None:
        return (
            f"{growing}, which may outgrow numba's 64-bit integers (they wrap around "
            "silently; Python's never overflow)"
        )
    return None


def whole_array_work(body: cst.CSTNode, path, ctx) -> bool:  # type: ignore[no-untyped-def]
    """Work on whole arrays in a loop body: a numpy function other than an
    elementwise one on numbers (`np.dot`, `np.roll`, `np.concatenate`), an
    array method (`.sum()`, `.nonzero()`), `@`. Each runs in compiled code
    already; the loop around them is not where the time goes."""
    members = catalogue().array_members
    for node in iter_subtree(body):
        if isinstance(node, (cst.BinaryOperation, cst.AugAssign)) and isinstance(
            node.operator, (cst.MatrixMultiply, cst.MatrixMultiplyAssign)
        ):
            return True
        if not isinstance(node, cst.Call):
            continue
        qualified = ctx.qualified_name(node.func, path) or ""
        module, _, called = qualified.rpartition(".")
        if module == "numpy.random":
            if any(arg.keyword is not None and arg.keyword.value == "size" for arg in node.args):
                return True  # a draw of many
        elif module.split(".")[0] == "numpy" and called not in ELEMENTWISE:
            return True
        elif not qualified and isinstance(node.func, cst.Attribute):
            method = node.func.attr.value
            if method in members and method not in LIST_METHODS:
                return True
    return False


def counted_loop(loop: cst.For | cst.While, path, ctx) -> bool:  # type: ignore[no-untyped-def]
    """A loop that may run many times: not `range(3)`, not over a literal tuple."""
    if isinstance(loop, cst.While):
        return True
    iterable = loop.iter
    if isinstance(iterable, (cst.Tuple, cst.List, cst.Set)):
        return len(iterable.elements) > SMALL_TRIP_COUNT
    if (
        not isinstance(iterable, cst.Call)
        or ctx.qualified_name(iterable.func, path) != "builtins.range"
    ):
        return True
    bounds = [_integer(arg.value) for arg in iterable.args]
    if not bounds or any(b is None for b in bounds) or any(arg.star for arg in iterable.args):
        return True
    start, stop, step = (0, bounds[0], 1) if len(bounds) == 1 else (*bounds, 1)[:3]
    return step == 0 or len(range(start, stop, step)) > SMALL_TRIP_COUNT  # type: ignore[arg-type]


def outgrowing_integer(function: cst.FunctionDef, path, ctx) -> str | None:  # type: ignore[no-untyped-def]
    """What makes a Python integer grow without bound in a loop, if anything: `t += i * i`,
    `a, b = b, a + b`, `p *= i`, `x = 2 ** k`. Counters (`n += 1`), remainders
    (`h = (h * 31 + c) % m`) and shrinking values (`n //= 10`) are bounded.
    Integers here are names bound only to integer expressions of integer
    literals, `range` indices, `len()` and each other; a parameter counts only
    when annotated `int` (an unannotated one may as well be a float)."""
    assigned = _assignments(function, path, ctx)
    integers = _integer_names(assigned, path, ctx)
    carried = {
        name for name, values in assigned.items() if any(in_loop for _, _, in_loop in values)
    }
    carried &= integers
    for name, values in assigned.items():
        if name not in integers:
            continue
        for operator, value, in_loop in values:
            if in_loop and not _bounded_update(name, operator, value, carried, integers, path, ctx):
                return f"accumulates the integer `{name}`"
    for loop in own_nodes(function):
        if isinstance(loop, (cst.For, cst.While)):
            for node in iter_subtree(loop.body):
                if _integer_power(node, integers, path, ctx):
                    return f"raises integers to a varying power (`{_code(node)}`)"
    return None


# --- parts -------------------------------------------------------------------


_INT64_BITS = 63


def _big_integer_used(function: cst.FunctionDef, ctx) -> str | None:  # type: ignore[no-untyped-def]
    """An integer literal past int64, or a module constant built as one
    (`_1_800 = 1 << 800`), read by the function: it works on big integers."""
    own = ctx.scopes.get(function).bindings
    module = ctx.scopes.get(ctx.module).bindings
    for node in own_nodes(function):
        if isinstance(node, cst.Integer) and _wide(node):
            return _code(node)
        if isinstance(node, cst.Name) and node.value not in own:
            for binding in module.get(node.value, ()):
                if binding.kind == "assign" and binding.value is not None and _wide(binding.value):
                    return f"{node.value} = {_code(binding.value)}"
    return None


def _wide(expr: cst.BaseExpression) -> bool:
    """A constant integer expression whose value needs more than 63 bits."""
    bits = _bits(expr)
    return bits is not None and bits > _INT64_BITS


def _bits(expr: cst.BaseExpression) -> int | None:
    """About how many bits a constant integer expression needs (None: not one)."""
    if isinstance(expr, cst.Integer):
        return abs(expr.evaluated_value).bit_length()
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        return _bits(expr.expression)
    if not isinstance(expr, cst.BinaryOperation):
        return None
    left, right = _bits(expr.left), _integer(expr.right)
    if left is None:
        return None
    if isinstance(expr.operator, cst.LeftShift) and right is not None:
        return left + right
    if isinstance(expr.operator, cst.Power) and right is not None and right >= 0:
        return (left - 1) * right + 1 if left > 1 else left
    right_bits = _bits(expr.right)
    if isinstance(expr.operator, cst.Multiply) and right_bits is not None:
        return left + right_bits
    if isinstance(expr.operator, (cst.Add, cst.Subtract)) and right_bits is not None:
        return max(left, right_bits) + 1
    return None


def _imports_numpy(ctx) -> bool:  # type: ignore[no-untyped-def]
    return any(
        b.kind == "import" and (b.imported or "").split(".")[0] == "numpy"
        for named in ctx.scopes.get(ctx.module).bindings.values()
        for b in named
    )


def _parameters(function: cst.FunctionDef) -> list[cst.Param]:
    params = function.params
    return [*params.posonly_params, *params.params, *params.kwonly_params]


def _is_none(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"


def _annotation_kind(annotation: cst.Annotation | None, path, ctx) -> str | None:  # type: ignore[no-untyped-def]
    """ "array", "number", "tuple" (of those), "other" (str, list, a class...),
    or None without one."""
    if annotation is None:
        return None
    return _type_kind(annotation.annotation, path, ctx)


def _type_kind(expr: cst.BaseExpression, path, ctx) -> str:  # type: ignore[no-untyped-def]
    items: list[cst.BaseExpression] = []
    if isinstance(expr, cst.Subscript):
        items = [
            e.slice.value for e in expr.slice if isinstance(e.slice, cst.Index)
        ]  # NDArray[np.float64], Tuple[float, int]
        expr = expr.value
    qualified = ctx.qualified_name(expr, path) or ""
    if qualified in _ARRAY_ANNOTATIONS:
        return "array"
    if qualified in _TUPLE_ANNOTATIONS:
        kinds = {_type_kind(item, path, ctx) for item in items}
        return "tuple" if items and kinds <= {"array", "number", "tuple"} else "other"
    if qualified in _NUMBER_ANNOTATIONS or qualified.startswith("numpy."):
        return "number"  # np.float64, np.int32
    project = ctx.settings.jit_project
    if qualified and project is not None and not items:
        return project.type_kind(qualified, ctx.path) or "other"  # `tp.Array2d` (vectorbt)
    return "other"


def _numpy_arguments(function: cst.FunctionDef, path, ctx) -> set[int]:  # type: ignore[no-untyped-def]
    """Lists written straight into a numpy call (`np.array([0.25, 0.5])`): arrays, not lists."""
    found: set[int] = set()
    for node in own_nodes(function):
        if isinstance(node, cst.Call):
            qualified = ctx.qualified_name(node.func, path) or ""
            if qualified.startswith("numpy."):
                for arg in node.args:
                    found.update(id(n) for n in iter_subtree(arg.value))
    return found


def _mentions(expr: cst.BaseExpression, names: Container[str]) -> bool:
    return any(isinstance(n, cst.Name) and n.value in names for n in iter_subtree(expr))


def _integer(expr: cst.BaseExpression) -> int | None:
    negative = isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus)
    if negative:
        expr = expr.expression  # type: ignore[attr-defined]
    if isinstance(expr, cst.Integer):
        value = expr.evaluated_value
        return -value if negative else value
    return None


Assignment = tuple[str | None, cst.BaseExpression | None, bool]  # operator, value, in a loop


def _assignments(function: cst.FunctionDef, path, ctx) -> dict[str, list[Assignment]]:  # type: ignore[no-untyped-def]
    """name -> how it is bound: (augmented operator or None, value or None when
    unknown, whether inside a loop)."""
    found: dict[str, list[Assignment]] = {}
    for param in _parameters(function):
        integer = _annotation_kind(param.annotation, path, ctx) == "number" and (
            ctx.qualified_name(param.annotation.annotation, path) == "builtins.int"  # type: ignore[union-attr]
        )
        found.setdefault(param.name.value, []).append(
            (None, cst.Integer("0") if integer else _UNKNOWN, False)
        )
    in_loops = {
        id(n)
        for loop in own_nodes(function)
        if isinstance(loop, (cst.For, cst.While))
        for n in iter_subtree(loop.body)
    }
    for node in own_nodes(function):
        in_loop = id(node) in in_loops
        if isinstance(node, cst.Assign):
            for target in node.targets:
                for name, value in _pairs(target.target, node.value):
                    found.setdefault(name, []).append((None, value, in_loop))
        elif isinstance(node, cst.AnnAssign) and isinstance(node.target, cst.Name):
            found.setdefault(node.target.value, []).append((None, node.value, in_loop))
        elif isinstance(node, cst.AugAssign) and isinstance(node.target, cst.Name):
            found.setdefault(node.target.value, []).append(
                (_code(node.operator), node.value, in_loop)
            )
        elif isinstance(node, cst.For):
            index = _range_index(node, path, ctx)
            for name, _ in _pairs(node.target, None):
                value = cst.Integer("0") if name == index else _UNKNOWN
                found.setdefault(name, []).append((None, value, False))
        elif isinstance(node, cst.NamedExpr) and isinstance(node.target, cst.Name):
            found.setdefault(node.target.value, []).append((None, node.value, in_loop))
    return found


def _pairs(
    target: cst.BaseExpression, value: cst.BaseExpression | None
) -> Iterator[tuple[str, cst.BaseExpression | None]]:
    """(name, value) for `a = v` and `a, b = v, w`; the value is None when unknown."""
    if isinstance(target, cst.Name):
        yield target.value, value
    elif isinstance(target, (cst.Tuple, cst.List)):
        values = value.elements if isinstance(value, (cst.Tuple, cst.List)) else ()
        same = len(values) == len(target.elements)
        for i, element in enumerate(target.elements):
            known = same and not isinstance(values[i], cst.StarredElement)
            yield from _pairs(element.value, values[i].value if known else None)


def _range_index(loop: cst.For, path, ctx) -> str | None:  # type: ignore[no-untyped-def]
    """The integer a loop counts with: `i` in `for i in range(n)` or `for i, x in enumerate(xs)`."""
    if not isinstance(loop.iter, cst.Call):
        return None
    called = ctx.qualified_name(loop.iter.func, path)
    if called == "builtins.range" and isinstance(loop.target, cst.Name):
        return loop.target.value
    if (
        called == "builtins.enumerate"
        and isinstance(loop.target, cst.Tuple)
        and isinstance(loop.target.elements[0].value, cst.Name)
    ):
        return loop.target.elements[0].value.value  # type: ignore[attr-defined, no-any-return]
    return None


def _integer_names(assigned: dict[str, list[Assignment]], path, ctx) -> set[str]:  # type: ignore[no-untyped-def]
    """Names bound only to integer expressions (the largest such set, so that
    `a, b = b, a + b` counts)."""
    names = {n for n, values in assigned.items() if all(v is not None for _, v, _ in values)}
    changed = True
    while changed:
        changed = False
        for name in list(names):
            for operator, value, _ in assigned[name]:
                if operator == "/=" or not _is_integer(value, names, path, ctx):  # type: ignore[arg-type]
                    names.discard(name)
                    changed = True
                    break
    return names


def _is_integer(expr: cst.BaseExpression, names: set[str], path, ctx) -> bool:  # type: ignore[no-untyped-def]
    if isinstance(expr, cst.Integer):
        return True
    if isinstance(expr, cst.Name):
        return expr.value in names
    if isinstance(expr, cst.UnaryOperation):
        return _is_integer(expr.expression, names, path, ctx)
    if isinstance(expr, cst.BinaryOperation):
        return not isinstance(expr.operator, (cst.Divide, cst.MatrixMultiply)) and (
            _is_integer(expr.left, names, path, ctx) and _is_integer(expr.right, names, path, ctx)
        )
    if isinstance(expr, cst.IfExp):
        return _is_integer(expr.body, names, path, ctx) and _is_integer(
            expr.orelse, names, path, ctx
        )
    if isinstance(expr, cst.Call):
        called = ctx.qualified_name(expr.func, path)
        if called in ("builtins.len", "builtins.int") or (
            called == "builtins.round" and len(expr.args) == 1
        ):
            return True
        return called in _INT_BUILTINS and all(
            _is_integer(a.value, names, path, ctx) for a in expr.args
        )
    return False


def _bounded_update(  # type: ignore[no-untyped-def]
    name: str, operator: str | None, value, carried: set[str], integers: set[str], path, ctx
) -> bool:
    if operator in ("+=", "-="):
        return _integer(value) is not None or _remainder(value) or isinstance(value, cst.Comparison)
    if operator is not None:
        return operator not in ("*=", "**=", "<<=")
    return _bounded(value, carried, integers, path, ctx)


def _bounded(expr: cst.BaseExpression, carried: set[str], integers: set[str], path, ctx) -> bool:  # type: ignore[no-untyped-def]
    """An integer value computed in a loop that does not outgrow its inputs."""
    if not _mentions(expr, carried):
        return True  # `x = i * i`: recomputed, not accumulated (`**` is checked apart)
    if isinstance(expr, cst.Name) or _remainder(expr):
        return True
    if isinstance(expr, cst.BinaryOperation):
        if isinstance(expr.operator, (cst.FloorDivide, cst.RightShift)) and _averages(expr):
            return True  # `(lo + hi) // 2` stays between lo and hi
        if isinstance(expr.operator, (cst.FloorDivide, cst.RightShift, cst.BitAnd)):
            return _bounded(expr.left, carried, integers, path, ctx)
        if isinstance(expr.operator, (cst.Add, cst.Subtract)):  # a counter: `n = n + 1`
            return (isinstance(expr.left, cst.Name) and _integer(expr.right) is not None) or (
                isinstance(expr.right, cst.Name) and _integer(expr.left) is not None
            )
        return False
    if isinstance(expr, cst.IfExp):
        return _bounded(expr.body, carried, integers, path, ctx) and _bounded(
            expr.orelse, carried, integers, path, ctx
        )
    if isinstance(expr, cst.Call) and ctx.qualified_name(expr.func, path) in (
        "builtins.min", "builtins.max", "builtins.abs",
    ):  # fmt: skip
        return all(_bounded(a.value, carried, integers, path, ctx) for a in expr.args)
    return False


def _averages(expr: cst.BinaryOperation) -> bool:
    """A sum or difference of names and numbers divided by a number."""
    if _integer(expr.right) is None:
        return False
    return all(
        not isinstance(n, cst.BinaryOperation) or isinstance(n.operator, (cst.Add, cst.Subtract))
        for n in iter_subtree(expr.left)
    ) and not any(isinstance(n, (cst.Call, cst.Subscript)) for n in iter_subtree(expr.left))


def _remainder(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Modulo)


def _integer_power(node: cst.CSTNode, integers: set[str], path, ctx) -> bool:  # type: ignore[no-untyped-def]
    """`2 ** k`, `1 << k`, `pow(b, e)` on integers, with an exponent that varies."""
    if isinstance(node, cst.BinaryOperation) and isinstance(
        node.operator, (cst.Power, cst.LeftShift)
    ):
        return (
            _is_integer(node.left, integers, path, ctx)
            and _is_integer(node.right, integers, path, ctx)
            and _integer(node.right) is None
        )
    if isinstance(node, cst.Call) and ctx.qualified_name(node.func, path) == "builtins.pow":
        return all(_is_integer(a.value, integers, path, ctx) for a in node.args)
    return False


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node).strip()
