"""What Numba's nopython mode cannot compile in a function, and whether a
plain function is a safe bet for `@numba.njit`.

Two levels of judgement: `incompatibilities` lists constructs numba is known
to reject (each checked against real numba in the tests), for functions
already decorated; `Candidates` is far stricter, accepting only numbers,
arrays, loops and calls numba's registry knows, so a suggestion rarely fails.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from perflint.analysis.names import binding_scope
from perflint.analysis.paths import enclosing_scopes
from perflint.jit.catalogue import catalogue
from perflint.tree import iter_subtree

NUMBA_DECORATORS = frozenset(
    {"numba.njit", "numba.jit", "numba.core.decorators.njit", "numba.core.decorators.jit"}
)
# Builtins numba does not support that people reach for (checked in the tests).
UNSUPPORTED_BUILTINS = frozenset(
    {"open", "input", "any", "all", "format", "vars", "globals", "locals", "exec", "eval",
     "setattr", "delattr"}
)  # fmt: skip
# Builtins a candidate may call: plain numeric helpers.
CANDIDATE_BUILTINS = frozenset(
    {"range", "len", "abs", "min", "max", "int", "float", "bool", "round", "sum", "enumerate",
     "zip", "divmod", "pow", "complex", "type", "isinstance"}
)  # fmt: skip
NUMERIC_MODULES = ("numpy", "math", "cmath")
LIST_METHODS = frozenset({"append", "pop", "extend", "insert", "reverse", "copy", "index", "count"})
_ARITHMETIC = (
    cst.Add, cst.Subtract, cst.Multiply, cst.Divide, cst.FloorDivide, cst.Modulo, cst.Power,
    cst.AddAssign, cst.SubtractAssign, cst.MultiplyAssign, cst.DivideAssign,
    cst.FloorDivideAssign, cst.ModuloAssign, cst.PowerAssign,
)  # fmt: skip
_NESTED = (cst.FunctionDef, cst.Lambda, cst.ClassDef)


# Node types incompatibilities() looks at.
_CHECKED = frozenset(
    {cst.ClassDef, cst.Yield, cst.SetComp, cst.GeneratorExp, cst.With, cst.ExceptHandler,
     cst.Global, cst.Del, cst.Raise, cst.FormattedString, cst.BinaryOperation, cst.Call}
)  # fmt: skip


@dataclass(frozen=True)
class Problem:
    node: cst.CSTNode
    message: str


def scopes_path(ctx, function: cst.FunctionDef) -> list[cst.CSTNode]:  # type: ignore[no-untyped-def]
    """A path whose scopes are the function's (for qualified names of nodes in it)."""
    if any(statement is function for statement in ctx.module.body):
        return [ctx.module, function, function.body]  # also for a function not being visited
    return [*ctx.path_to(function), function.body]


def is_numba_decorated(ctx, function: cst.FunctionDef) -> bool:  # type: ignore[no-untyped-def]
    """`@njit`, `@numba.njit(...)`, `@jit` / `@numba.jit(...)` (nopython is the
    default since numba 0.59), but not `forceobj=True` or `nopython=False`."""
    for decorator in function.decorators:
        expr = decorator.decorator
        target = expr.func if isinstance(expr, cst.Call) else expr
        if ctx.qualified_name(target, scopes_path(ctx, function)[:-2]) not in NUMBA_DECORATORS:
            continue
        if isinstance(expr, cst.Call):
            for arg in expr.args:
                keyword = arg.keyword.value if arg.keyword else None
                value = arg.value.value if isinstance(arg.value, cst.Name) else None
                if (keyword, value) in (("forceobj", "True"), ("nopython", "False")):
                    return False
        return True
    return False


def module_functions(module: cst.Module) -> dict[str, cst.FunctionDef]:
    return {s.name.value: s for s in module.body if isinstance(s, cst.FunctionDef)}


def own_nodes(function: cst.FunctionDef) -> Iterator[cst.CSTNode]:
    """The function's nodes, not entering nested functions, lambdas or classes."""
    return iter_subtree(function.body, prune=lambda n: isinstance(n, _NESTED))


def incompatibilities(ctx, function: cst.FunctionDef, jitted: set[str]) -> list[Problem]:  # type: ignore[no-untyped-def]
    """Constructs and calls numba's nopython mode rejects, at their nodes."""
    found: list[Problem] = []
    path = scopes_path(ctx, function)
    known = catalogue()
    if function.params.star_kwarg is not None:
        found.append(
            Problem(
                function.params.star_kwarg,
                "`**kwargs` is not supported; pass the values as arguments",
            )
        )
    for node in own_nodes(function):
        if type(node) not in _CHECKED:
            continue  # most nodes: an exact type test is far cheaper than LibCST's ABC checks
        message = _construct_problem(ctx, node, path)
        if message is None and type(node) is cst.Call:
            message = _call_problem(ctx, node, path, known.functions, jitted)
        if message is not None:
            found.append(Problem(node, message))
    return found


def _construct_problem(ctx, node: cst.CSTNode, path) -> str | None:  # type: ignore[no-untyped-def]
    if isinstance(node, cst.ClassDef):
        return (
            "a class cannot be defined in nopython code; define it outside "
            "(numba.experimental.jitclass for a jitted class)"
        )
    if isinstance(node, cst.Yield) and isinstance(node.value, cst.From):
        return "`yield from` is not supported; loop and `yield` each item"
    if isinstance(node, cst.SetComp):
        return "set comprehensions are not supported; add the items to a set in a loop"
    if isinstance(node, cst.GeneratorExp):
        return "generator expressions are not supported; use a loop or a list comprehension"
    if isinstance(node, cst.With) and not all(_is_objmode(ctx, item, path) for item in node.items):
        return "`with` is not supported (only `with numba.objmode(...)`)"
    if isinstance(node, cst.ExceptHandler):
        if node.name is not None:
            return "binding the exception (`as e`) is not supported; use `except Exception:` without `as`"
        if node.type is not None and ctx.qualified_name(node.type, path) != "builtins.Exception":
            return "only a bare `except:` or `except Exception:` is supported"
    if isinstance(node, cst.Global):
        return "assigning a global is not supported (globals are compile-time constants); return the value"
    if isinstance(node, cst.Del) and _deletes_a_name(node.target):
        # `del d[k]` on a typed Dict or List compiles; deleting a variable does not.
        return "`del` of a variable is not supported"
    if isinstance(node, cst.Raise) and node.cause is not None:
        return "`raise ... from ...` is not supported; raise without `from`"
    if isinstance(node, cst.FormattedString) and any(
        isinstance(part, cst.FormattedStringExpression) and part.format_spec is not None
        for part in node.parts
    ):
        return "format specs in f-strings (`{x:.2f}`) are not supported"
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        if isinstance(node.left, (cst.SimpleString, cst.ConcatenatedString)):
            return "%-formatting of strings is not supported"
    return None


def _is_objmode(ctx, item: cst.WithItem, path) -> bool:  # type: ignore[no-untyped-def]
    expr = item.item
    target = expr.func if isinstance(expr, cst.Call) else expr
    return ctx.qualified_name(target, path) in ("numba.objmode", "numba.core.withcontexts.objmode")


def _call_problem(  # type: ignore[no-untyped-def]
    ctx, call: cst.Call, path, functions: frozenset[str], jitted: set[str]
) -> str | None:
    if any(arg.star == "**" for arg in call.args):
        return "`**` unpacking in calls is not supported"
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value == "format":
        if isinstance(func.value, (cst.SimpleString, cst.ConcatenatedString)):
            return "`str.format` is not supported; use an f-string without format specs, or str()"
    if isinstance(func, cst.Name) and func.value not in jitted:
        if module_function(ctx, func.value, path) is not None:
            return f"`{func.value}` is a plain Python function: numba cannot call it; decorate it with @njit too"
    qualified = ctx.qualified_name(func, path)
    if qualified is None:
        return None
    module, _, name = qualified.rpartition(".")
    if module == "builtins":
        if name == "print" and any(a.keyword and a.keyword.value == "file" for a in call.args):
            return "`print(file=...)` is not supported; numba only prints to stdout"
        if name in UNSUPPORTED_BUILTINS:
            return f"`{name}()` is not supported in nopython mode"
        return None
    if (
        module in ("numpy", "math", "cmath", "numpy.linalg", "numpy.random")
        and qualified not in functions
    ):
        return f"`{qualified}` is not supported by numba {catalogue().numba_version}"
    return None


def module_function(ctx, name: str, path: Sequence[cst.CSTNode]) -> cst.FunctionDef | None:  # type: ignore[no-untyped-def]
    """The module-level `def` a name refers to where path leads, if it does."""
    scope = binding_scope(name, enclosing_scopes(path), ctx.scopes)
    if scope is None or not isinstance(scope.node, cst.Module):
        return None
    bindings = scope.bindings.get(name, [])
    if (
        len(bindings) == 1
        and bindings[0].kind == "def"
        and isinstance(bindings[0].node, cst.FunctionDef)
    ):
        return bindings[0].node
    return None


def _deletes_a_name(target: cst.BaseExpression) -> bool:
    if isinstance(target, cst.Name):
        return True
    if isinstance(target, (cst.Tuple, cst.List)):
        return any(_deletes_a_name(e.value) for e in target.elements)
    return False
