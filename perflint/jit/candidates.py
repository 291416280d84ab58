"""Which plain module-level functions `@numba.njit` would compile and speed
up: numeric loops over numbers and arrays, calling only what numba's
registry knows and other functions that qualify too.

Deliberately strict: strings, dicts, sets, attributes of objects, unknown
globals, exceptions handling, `with`, nested functions and recursion all
disqualify a function, because a suggestion that then fails to compile costs
the user more than it saves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from perflint.analysis.names import binding_scope
from perflint.analysis.paths import enclosing_scopes
from perflint.analysis.rows import element_loop
from perflint.jit.catalogue import catalogue
from perflint.jit.numeric import ARRAY_MAKERS, counted_loop, reason_to_leave, whole_array_work
from perflint.jit.support import (
    _ARITHMETIC,
    CANDIDATE_BUILTINS,
    LIST_METHODS,
    NUMERIC_MODULES,
    incompatibilities,
    is_numba_decorated,
    module_function,
    module_functions,
    own_nodes,
    scopes_path,
)
from perflint.tree import iter_subtree

_REJECTED_NODES = {
    cst.Try: "handles exceptions",
    cst.TryStar: "handles exceptions",
    cst.With: "uses `with`",
    cst.Global: "assigns globals",
    cst.Nonlocal: "uses `nonlocal`",
    cst.Del: "uses `del`",
    cst.Dict: "builds a dict",
    cst.DictComp: "builds a dict",
    cst.Set: "builds a set",
    cst.SetComp: "builds a set",
    cst.Yield: "is a generator",
    cst.Await: "awaits",
    cst.Lambda: "defines a lambda",
    cst.FunctionDef: "defines a nested function",
    cst.ClassDef: "defines a class",
    cst.FormattedString: "formats strings",
    cst.StarredElement: "unpacks with *",
}
_NUMBERS = (cst.Integer, cst.Float, cst.Imaginary)
# Keywords numba's numpy functions take by name (`np.full(n, fill_value=...)`).
_KEYWORDS = frozenset({"dtype", "axis", "size", "shape", "fill_value"})
NUMBA_CALLABLE = frozenset(
    {"numba.vectorize", "numba.np.ufunc.decorators.vectorize", "numba.extending.intrinsic",
     "numba.core.extending.intrinsic"}
)  # fmt: skip
_INDEX_TRICKS = frozenset({"r_", "c_", "s_", "index_exp", "mgrid", "ogrid", "ix_"})
# numba's own containers, which only code written for numba uses.
_NUMBA_CONTAINERS = frozenset({"numba.typed", "numba.typed.List", "numba.typed.Dict"})


@dataclass
class Verdict:
    jittable: bool
    reason: str = ""  # why not, when not
    callees: list[str] = field(default_factory=list)  # module functions to decorate with it
    has_loop: bool = False
    # Helpers of the project's other modules to decorate there (perflint.jit.helpers).
    elsewhere: list[str] = field(default_factory=list)
    # Not reported, though numba would compile it (PFL607 advises on its loops):
    # a kernel may call it, decorated with it.
    compilable: bool = False

    @property
    def helps(self) -> bool:
        """Another function may call it, both decorated."""
        return self.jittable or self.compilable


class Candidates:
    """Judges the module's functions once each (they call each other)."""

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        self.ctx = ctx
        self.project = ctx.settings.jit_project  # None: this file alone
        self._verdicts: dict[str, Verdict] = {}
        self._in_progress: set[str] = set()
        self.jitted: set[str] = set()
        self._defined = set(module_functions(ctx.module))
        for statement in ctx.module.body:
            if isinstance(statement, cst.FunctionDef) and statement.decorators:
                if is_numba_decorated(ctx, statement) or self._numba_callable(statement):
                    self.jitted.add(statement.name.value)
        self._compiled_by_call = self._passed_to_numba()

    def _numba_callable(self, function: cst.FunctionDef) -> bool:
        """`@vectorize` and `@intrinsic` functions: jitted code calls them."""
        for decorator in function.decorators:
            expr = decorator.decorator
            target = expr.func if isinstance(expr, cst.Call) else expr
            if self.ctx.qualified_name(target, [self.ctx.module]) in NUMBA_CALLABLE:
                return True
        return False

    def verdict(self, function: cst.FunctionDef) -> Verdict:
        name = function.name.value
        found = self._verdicts.get(name)
        if found is None:
            self._in_progress.add(name)
            found = self._verdicts[name] = self._judge(function)
            self._in_progress.discard(name)
        return found

    def _passed_to_numba(self) -> set[str]:
        """Module functions the module's own code hands to numba:
        `guvectorize(...)(f)`, `numba.njit(f)`, `jit(sig)(f)`. Compiled already."""
        found = set()
        for node in iter_subtree(self.ctx.module, prune=lambda n: isinstance(n, cst.FunctionDef)):
            if not isinstance(node, cst.Call) or len(node.args) != 1:
                continue
            target = node.func.func if isinstance(node.func, cst.Call) else node.func
            qualified = self.ctx.qualified_name(target, [self.ctx.module]) or ""
            argument = node.args[0].value
            if qualified.startswith("numba.") and isinstance(argument, cst.Name):
                found.add(argument.value)
        return found

    def _judge(self, function: cst.FunctionDef) -> Verdict:
        if function.asynchronous is not None:
            return Verdict(False, "is async")
        if function.name.value in self._compiled_by_call:
            return Verdict(False, "is compiled by numba where the module hands it over")
        if function.decorators:
            return Verdict(False, "is decorated")
        params = function.params
        if params.star_kwarg is not None or isinstance(params.star_arg, cst.Param):
            return Verdict(False, "takes *args or **kwargs")
        if any(param.default is not None for param in params.kwonly_params):
            # numba passes keyword-only arguments but does not apply their defaults
            return Verdict(False, "has a keyword-only argument with a default")
        for param in (*params.posonly_params, *params.params):
            if param.default is not None and not (
                _constant(param.default) or self._numeric_global(param.default)
            ):
                return Verdict(False, "has a non-numeric default")
        # `start=None`, `[None] * n`: numba types None only in narrow cases, and a
        # list of None filled with floats later does not compile (boltons' frange).
        if any(isinstance(n, cst.Name) and n.value == "None" for n in own_nodes(function)):
            return Verdict(False, "uses None")
        # Calls to module functions are judged below, through the call graph.
        if incompatibilities(self.ctx, function, self.jitted | self._defined):
            return Verdict(False, "uses code numba cannot compile")
        path = scopes_path(self.ctx, function)
        scope_nodes = enclosing_scopes(path)
        callees: list[str] = []
        elsewhere: list[str] = []
        not_names = set()  # attribute and keyword names are not variables
        heads = set()  # names whose attribute is read (`utils` in `utils.norm`)
        for node in own_nodes(function):
            if isinstance(node, cst.Attribute):
                not_names.add(id(node.attr))
                heads.add(id(node.value))
            elif isinstance(node, cst.Arg) and node.keyword is not None:
                not_names.add(id(node.keyword))
        for node in own_nodes(function):
            reason = _REJECTED_NODES.get(type(node))  # type: ignore[arg-type]
            if reason is not None and node is not function:
                return Verdict(False, reason)
            if (
                isinstance(node, (cst.SimpleString, cst.ConcatenatedString))
                and node is not _docstring(function)
                and not _in_message(node, path, function)
            ):
                return Verdict(False, "works with strings")
            if isinstance(node, cst.Call):
                reason = self._call(node, path, function, callees, elsewhere)
                if reason:
                    return Verdict(False, reason)
            elif isinstance(node, cst.Attribute):
                reason = self._attribute(node, path)
                if reason:
                    return Verdict(False, reason)
            elif isinstance(node, cst.Name) and id(node) not in not_names:
                reason = self._name(node, scope_nodes, function, id(node) in heads)
                if reason:
                    return Verdict(False, reason)
            elif isinstance(node, cst.For) and not self._loop_iterable(node.iter, path):
                return Verdict(False, "loops over something other than a range or an array")
        reason = reason_to_leave(function, path, self.ctx)
        if reason:
            return Verdict(False, reason)
        loops = [n for n in own_nodes(function) if isinstance(n, (cst.For, cst.While))]
        if loops and all(element_loop(self.ctx, loop, scope_nodes) for loop in loops):
            # One finding per loop: PFL607 advises the array expression.
            return Verdict(
                False,
                "its loops are array expressions (PFL607)",
                callees=callees,
                elsewhere=elsewhere,
                compilable=True,
            )
        return Verdict(
            True,
            callees=callees,
            has_loop=_numeric_loop(function, path, self.ctx),
            elsewhere=elsewhere,
        )

    # --- parts ---

    def _call(
        self, call: cst.Call, path, function, callees: list[str], elsewhere: list[str]
    ) -> str | None:  # type: ignore[no-untyped-def]
        func = call.func
        local = module_function(self.ctx, func.value, path) if isinstance(func, cst.Name) else None
        # numba passes keywords to jitted functions by parameter name.
        accepted = _KEYWORDS | (_parameter_names(local) if local is not None else frozenset())
        if any(arg.keyword is not None and arg.keyword.value not in accepted for arg in call.args):
            return "passes keyword arguments numba may not accept"
        if isinstance(func, cst.Name):
            callee = module_function(self.ctx, func.value, path)
            if callee is not None:
                return self._callee(callee, function, callees, elsewhere)
        qualified = self.ctx.qualified_name(func, path) or self._numpy_alias(func, path)
        helper = self._project_function(qualified)
        if helper is not None:
            if helper not in self.project.compiled and helper not in elsewhere:  # type: ignore[union-attr]
                elsewhere.append(helper)
            return None
        if qualified is not None:
            module, _, name = qualified.rpartition(".")
            if module == "builtins":
                if name in CANDIDATE_BUILTINS or name.endswith(("Error", "Exception")):
                    return None
                return f"calls `{name}()`"
            if qualified in catalogue().functions or qualified == "numba.prange":
                return None
            if qualified.rpartition(".")[0] in _NUMBA_CONTAINERS:
                return None  # numba's typed List and Dict: written for numba
            return f"calls `{qualified}`"
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            if method in catalogue().array_members or method in LIST_METHODS:
                return None  # an array or list method; the receiver is checked as a name
            return f"calls the method `.{method}()`"
        return "calls something numba may not know"

    def _callee(
        self, callee: cst.FunctionDef, function, callees: list[str], elsewhere: list[str]
    ) -> str | None:  # type: ignore[no-untyped-def]
        name = callee.name.value
        if name in self.jitted:
            return None
        if callee is function or name in self._in_progress:
            return "is recursive"
        verdict = self.verdict(callee)
        if not verdict.helps:
            return f"calls `{name}`, which {verdict.reason}"
        for needed in [name, *verdict.callees]:
            if needed not in callees:
                callees.append(needed)
        elsewhere.extend(h for h in verdict.elsewhere if h not in elsewhere)
        return None

    def _project_function(self, qualified: str | None) -> str | None:
        """A function of the project's other modules that numba compiles or
        that PFL301 accepts as a helper (perflint.jit.helpers), by absolute name."""
        if qualified is None or self.project is None:
            return None
        return self.project.function(qualified, self.ctx.path)

    def _attribute(self, node: cst.Attribute, path) -> str | None:  # type: ignore[no-untyped-def]
        qualified = self.ctx.qualified_name(node, path)
        if self._project_function(qualified) is not None:
            return None  # `utils.norm`, called (calls are checked)
        if qualified is not None:
            module = qualified.rpartition(".")[0]
            if qualified.rpartition(".")[2] in _INDEX_TRICKS:
                return f"uses `{qualified}`"  # np.r_[...]: no numba support
            if module in NUMERIC_MODULES or qualified.startswith(("numpy.", "numba.")):
                return None  # np.pi, np.float64, math.inf, np.random.normal...
            return f"uses `{qualified}`"
        attr = node.attr.value
        if attr in catalogue().array_members or attr in LIST_METHODS:
            return None
        return f"reads the attribute `.{attr}` of an object"

    def _name(self, node: cst.Name, scope_nodes, function, head: bool) -> str | None:  # type: ignore[no-untyped-def]
        scope = binding_scope(node.value, scope_nodes, self.ctx.scopes)
        if scope is None or scope.node is function or not isinstance(scope.node, cst.Module):
            return None  # a local, a parameter, a builtin (calls are checked), or an attribute name
        bindings = scope.bindings.get(node.value, [])
        if all(b.kind == "import" for b in bindings):
            roots = {(b.imported or "").split(".")[0] for b in bindings}
            if roots <= {"numpy", "math", "cmath", "numba"}:
                return None
            if len(bindings) == 1 and self._project_import(bindings[0].imported or "", head):
                return None
            return f"uses the module `{node.value}`"
        if len(bindings) == 1 and bindings[0].kind == "def":
            return None  # checked where it is called
        if len(bindings) == 1 and bindings[0].kind == "assign":
            value = bindings[0].value
            if self._frozen(value) or (self._array_constant(value) and self._only_read(node.value)):
                return None
        return f"reads the global `{node.value}`"

    def _project_import(self, imported: str, head: bool) -> bool:
        """A project function PFL301 may call, or a project module whose
        attribute is read (the attribute is checked on its own)."""
        if self._project_function(imported) is not None:
            return True
        return head and self.project is not None and self.project.is_module(imported, self.ctx.path)

    def _module_value(self, name: cst.BaseExpression, path) -> cst.BaseExpression | None:  # type: ignore[no-untyped-def]
        """What a module-level name is assigned, when it is assigned once there."""
        if not isinstance(name, cst.Name):
            return None
        scope = binding_scope(name.value, enclosing_scopes(path), self.ctx.scopes)
        if scope is None or not isinstance(scope.node, cst.Module):
            return None
        bindings = scope.bindings.get(name.value, [])
        if len(bindings) == 1 and bindings[0].kind == "assign":
            return bindings[0].value  # type: ignore[no-any-return]
        return None

    def _numpy_alias(self, func: cst.BaseExpression, path) -> str | None:  # type: ignore[no-untyped-def]
        """`_U = np.uint64` at module level: `_U(x)` calls numpy.uint64."""
        value = self._module_value(func, path)
        if not isinstance(value, cst.Attribute):
            return None
        qualified = self.ctx.qualified_name(value, [self.ctx.module]) or ""
        return qualified if qualified.startswith("numpy.") else None

    def _numeric_global(self, default: cst.BaseExpression) -> bool:
        """A default that is a module constant numba freezes (`tol=_XTOL`), not an array."""
        value = self._module_value(default, [self.ctx.module])
        return value is not None and self._frozen(value) and not _numpy_call(value, self.ctx)

    def _array_constant(self, value: cst.BaseExpression | None) -> bool:
        """`np.array([...])` and friends, of numbers only."""
        if not isinstance(value, cst.Call):
            return False
        called = self.ctx.qualified_name(value.func, [self.ctx.module]) or ""
        if not called.startswith("numpy.") or called.rpartition(".")[2] not in ARRAY_MAKERS:
            return False
        return all(self._frozen(arg.value) or _numbers_only(arg.value) for arg in value.args)

    def _only_read(self, name: str) -> bool:
        """No function of the module changes the global array (numba freezes a
        copy on the first call; filling it at import time is fine)."""
        for use in self.ctx.uses(name, self.ctx.module):
            if not any(isinstance(a, (cst.FunctionDef, cst.Lambda)) for a in use.ancestors):
                continue  # module code runs once, at import, before any call compiles
            parent = use.parent
            if use.is_store() and isinstance(parent, cst.AssignTarget):
                continue
            if isinstance(parent, cst.Subscript) and parent.value is use.name:
                grand = use.ancestors[-2] if len(use.ancestors) > 1 else None
                if not isinstance(grand, (cst.AssignTarget, cst.AugAssign, cst.Del)):
                    continue
            if isinstance(parent, cst.Attribute) and parent.attr.value in (
                "shape",
                "size",
                "ndim",
                "T",
            ):
                continue
            return False
        return True

    def _frozen(self, value: cst.BaseExpression | None) -> bool:
        """A module constant numba can freeze into the code: numbers, tuples
        of them, and math/numpy calls on those (`np.log(2)`), not arrays."""
        if value is None:
            return False
        for node in iter_subtree(value):
            if isinstance(node, cst.Call):
                called = self.ctx.qualified_name(node.func, [self.ctx.module]) or ""
                if called.startswith("numpy.") and called.rpartition(".")[2] in ARRAY_MAKERS:
                    return False  # numba would freeze a copy; later changes would not be seen
            if isinstance(node, cst.List):
                return False
            if isinstance(node, cst.Attribute) and _numpy_call(node.value, self.ctx):
                continue  # `np.finfo(np.float32).max`: a number (the call is checked apart)
            if isinstance(node, (cst.Name, cst.Attribute)):
                qualified = self.ctx.qualified_name(node, [self.ctx.module]) or ""
                if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
                    continue
                if qualified.split(".")[0] not in NUMERIC_MODULES:
                    if not (isinstance(node, cst.Name) and _is_attribute_name(node, value)):
                        return False
            elif isinstance(
                node,
                (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.Dict, cst.Set),
            ):
                return False
            elif isinstance(
                node, (cst.Lambda, cst.ListComp, cst.GeneratorExp, cst.DictComp, cst.SetComp)
            ):
                return False
        return True

    def _loop_iterable(self, iterable: cst.BaseExpression, path) -> bool:  # type: ignore[no-untyped-def]
        if isinstance(iterable, (cst.Name, cst.Subscript, cst.Attribute)):
            return True
        if isinstance(iterable, cst.Call):
            qualified = self.ctx.qualified_name(iterable.func, path) or ""
            return qualified in (
                "builtins.range",
                "builtins.enumerate",
                "builtins.zip",
                "numba.prange",
            ) or (qualified in catalogue().functions and qualified.startswith("numpy."))
        return False


def _parameter_names(function: cst.FunctionDef) -> frozenset[str]:
    params = function.params
    return frozenset(p.name.value for p in (*params.params, *params.kwonly_params))


def _numpy_call(expr: cst.BaseExpression, ctx) -> bool:  # type: ignore[no-untyped-def]
    if not isinstance(expr, cst.Call):
        return False
    return (ctx.qualified_name(expr.func, [ctx.module]) or "").startswith("numpy.")


def _numbers_only(expr: cst.BaseExpression) -> bool:
    """Arithmetic on numbers, in nested lists/tuples: `[[1.0 / 6.0, 0.5]]`."""
    return not any(
        isinstance(n, (cst.Name, cst.Attribute, cst.Call, cst.SimpleString, cst.FormattedString))
        for n in iter_subtree(expr)
    )


def _is_attribute_name(name: cst.Name, root: cst.BaseExpression) -> bool:
    """`log` in `np.log` or a keyword name: not a variable."""
    for node in iter_subtree(root):
        if isinstance(node, cst.Attribute) and node.attr is name:
            return True
        if isinstance(node, cst.Arg) and node.keyword is name:
            return True
    return False


def _constant(expr: cst.BaseExpression | None) -> bool:
    """A number, a signed number, arithmetic on numbers (`10 ** 6`),
    True/False/None, or a tuple of those."""
    if isinstance(expr, cst.UnaryOperation):
        expr = expr.expression
    if isinstance(expr, _NUMBERS):
        return True
    if isinstance(expr, cst.BinaryOperation):
        return (
            _constant(expr.left) and _constant(expr.right) and not isinstance(expr.left, cst.Name)
        )
    if isinstance(expr, cst.Name):
        return expr.value in ("True", "False", "None")
    if isinstance(expr, cst.Tuple):
        return all(isinstance(e, cst.Element) and _constant(e.value) for e in expr.elements)
    return False


def _docstring(function: cst.FunctionDef) -> cst.BaseExpression | None:
    body = getattr(function.body, "body", ())
    first = body[0] if body else None
    if isinstance(first, cst.SimpleStatementLine) and isinstance(first.body[0], cst.Expr):
        return first.body[0].value
    return None


def _in_message(node: cst.CSTNode, path, function: cst.FunctionDef) -> bool:  # type: ignore[no-untyped-def]
    """A string constant in a `raise` or `assert` (numba supports constant messages)."""
    for statement in iter_subtree(
        function.body, prune=lambda n: isinstance(n, (cst.Raise, cst.Assert))
    ):
        if isinstance(statement, (cst.Raise, cst.Assert)) and any(
            n is node for n in iter_subtree(statement)
        ):
            return True
    return False


def _numeric_loop(function: cst.FunctionDef, path, ctx) -> bool:  # type: ignore[no-untyped-def]
    """A loop doing scalar work, which numba compiles and CPython interprets
    slowly: arithmetic and math calls outside slices. A loop whose work is
    whole-array numpy calls, array methods, `@` and slices
    (`np.linalg.matrix_rank(B)`, `np.dot(a, b)`, `B[:, k:]`) already runs in
    compiled code, and one that only moves items (`out[i] = d[k]`) is no
    numeric kernel."""
    for node in own_nodes(function):
        if not isinstance(node, (cst.For, cst.While)) or not counted_loop(node, path, ctx):
            continue  # `for k in range(3)` alone is no work to compile
        if whole_array_work(node.body, path, ctx):
            continue
        in_slices = {
            id(n)
            for sub in iter_subtree(node.body)
            if isinstance(sub, cst.Slice)
            for n in iter_subtree(sub)
        }
        for inner in iter_subtree(node.body):
            if id(inner) in in_slices:
                continue
            if isinstance(inner, (cst.BinaryOperation, cst.AugAssign)) and isinstance(
                inner.operator, _ARITHMETIC
            ):
                return True
            if isinstance(inner, cst.Call):
                qualified = ctx.qualified_name(inner.func, path) or ""
                if qualified.split(".")[0] in ("math", "cmath"):
                    return True
            if isinstance(inner, cst.Comparison) and _compares_items(inner):
                return True  # `if x[i] > best:`, a scan numba compiles to a few instructions
    return False


def _compares_items(comparison: cst.Comparison) -> bool:
    """An ordering comparison of indexed items (`x[i] < m`), not of whole objects."""
    operands = [comparison.left, *(c.comparator for c in comparison.comparisons)]
    ordering = all(
        isinstance(
            c.operator, (cst.LessThan, cst.GreaterThan, cst.LessThanEqual, cst.GreaterThanEqual)
        )
        for c in comparison.comparisons
    )
    return ordering and any(
        isinstance(o, cst.Subscript) and not any(isinstance(e.slice, cst.Slice) for e in o.slice)
        for o in operands
    )
