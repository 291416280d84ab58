"""Whether an expression in a loop gives the same value on every iteration
and has no side effects, so that computing it once before the loop changes
nothing but the time taken.

Only calls on an allowlist of pure functions and methods count; a method call
on an arbitrary object is never invariant (it may read or change any state).
A name is invariant when the loop never rebinds it, never changes the object
in place and, where a call reads the object's contents (`sorted(xs)`), nothing
else can change it either: the object is immutable, or a local built fresh in
the function that never escapes to other code.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import libcst as cst

from perflint.analysis.names import binding_scope, qualified_name, resolve_name
from perflint.analysis.scopes import SCOPE_NODES, Scope, build_scope
from perflint.analysis.usage import Use, in_target
from perflint.tree import iter_subtree

# Builtins that read the contents of their single argument.
CONTENT_BUILTINS = frozenset(
    {"sorted", "min", "max", "sum", "any", "all", "tuple", "frozenset", "set", "list", "str", "len"}
)
# Builtins of scalar arguments.
SCALAR_BUILTINS = frozenset({"abs", "int", "float", "bool", "round", "ord", "chr", "range"})
# Pure functions of scalar (immutable) arguments, by qualified name.
PURE_FUNCTIONS = frozenset(
    {
        "re.escape", "re.compile",
        "os.path.join", "os.path.basename", "os.path.dirname", "os.path.split",
        "os.path.splitext", "os.path.normpath", "os.path.normcase", "os.path.isabs",
        "posixpath.join", "ntpath.join",
    }
)  # fmt: skip
PURE_MODULES = frozenset({"math"})  # every function of these is pure
# Methods of str that return a new immutable value and change nothing.
STR_METHODS = frozenset(
    {
        "lower", "upper", "casefold", "strip", "lstrip", "rstrip", "title", "capitalize",
        "swapcase", "replace", "format", "join", "startswith", "endswith", "find", "rfind",
        "count", "encode", "removeprefix", "removesuffix", "zfill", "center", "ljust",
        "rjust", "expandtabs", "partition", "rpartition", "isdigit", "isalpha", "isalnum",
        "isspace", "islower", "isupper", "split", "rsplit", "splitlines",
    }
)  # fmt: skip
# Calls whose result is a new mutable object: hoisting would share one object
# between iterations, so its user must only read it.
MUTABLE_RESULTS = frozenset({"sorted", "set", "list", "split", "rsplit", "splitlines"})
# Calls so cheap that computing them once gains next to nothing.
CHEAP_CALLS = frozenset({"len", "abs", "int", "float", "bool", "round", "ord", "chr", "range"})
# Methods that only read a list, dict or set.
READING_METHODS = frozenset({"get", "keys", "values", "items", "copy", "count", "index"})
IMMUTABLE_TYPES = frozenset({"str", "bytes", "tuple", "frozenset"})
_FRESH_CONSTRUCTORS = frozenset(
    {"builtins.list", "builtins.set", "builtins.dict", "builtins.tuple", "builtins.sorted",
     "builtins.frozenset"}
)  # fmt: skip
_CONSTANTS = (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString)
_SPECIAL_NAMES = frozenset({"None", "True", "False"})


def loop_bindings(loop: cst.CSTNode) -> Scope:
    """Every name the loop (re)binds on each iteration, as a Scope whose
    bindings, globals and nonlocals are those found in the loop."""
    if isinstance(loop, (cst.For, cst.While)):
        # Walk the loop as if it were a scope body: its own For target counts.
        holder = cst.IndentedBlock(body=[loop])
        return build_scope(
            cst.FunctionDef(name=cst.Name("_"), params=cst.Parameters(), body=holder)
        )
    return build_scope(loop)  # a comprehension: its targets and walruses


class Invariance:
    """Answers 'is this expression the same on every iteration of loop?'.

    ctx is the FileContext; function is the scope the loop runs in (a
    FunctionDef or the Module); scope_nodes are the scopes the expressions
    asked about run in, innermost first (they hold no scope of their own)."""

    def __init__(  # type: ignore[no-untyped-def]
        self, ctx, loop: cst.CSTNode, function: cst.CSTNode, scope_nodes: Sequence[cst.CSTNode]
    ) -> None:
        self.ctx = ctx
        self.loop = loop
        self.function = function
        self.scope_nodes = scope_nodes
        self.bound = loop_bindings(loop)
        self.function_scope: Scope = ctx.scopes.get(function)
        self._known_code: bool | None = None

    # --- expressions ---

    def pure(self, expr: cst.BaseExpression) -> bool:
        """Invariant and free of side effects."""
        if isinstance(expr, _CONSTANTS):
            return True
        if isinstance(expr, cst.ConcatenatedString):
            return self.pure(expr.left) and self.pure(expr.right)
        if isinstance(expr, cst.FormattedString):
            return all(
                self.contents_fixed(part.expression) and part.format_spec is None
                for part in expr.parts
                if isinstance(part, cst.FormattedStringExpression)
            )
        if isinstance(expr, cst.Name):
            return self.name_fixed(expr)
        if isinstance(expr, cst.Attribute):
            return self._module_attribute(expr)
        if isinstance(expr, cst.UnaryOperation):
            return self.pure(expr.expression)
        if isinstance(expr, cst.BinaryOperation):
            return self.pure(expr.left) and self.pure(expr.right)
        if isinstance(expr, cst.BooleanOperation):
            return self.pure(expr.left) and self.pure(expr.right)
        if isinstance(expr, cst.Comparison):
            return self.pure(expr.left) and all(self.pure(t.comparator) for t in expr.comparisons)
        if isinstance(expr, cst.Tuple):
            return all(isinstance(e, cst.Element) and self.pure(e.value) for e in expr.elements)
        if isinstance(expr, cst.Subscript):
            return self._subscript(expr)
        if isinstance(expr, cst.Call):
            return self.call_name(expr) is not None
        return False

    def call_name(self, call: cst.Call) -> str | None:
        """The allowlisted name of a pure call whose arguments are invariant
        ('sorted', 'math.sqrt', 'lower', ...), or None."""
        if any(arg.star for arg in call.args):
            return None
        func = call.func
        if isinstance(func, cst.Attribute) and self.is_str(func.value):
            method = func.attr.value
            if method not in STR_METHODS or not self.pure(func.value):
                return None
            args = [a.value for a in call.args]
            if method == "join":
                return method if len(args) == 1 and self.contents_fixed(args[0]) else None
            return method if all(self.pure(a) for a in args) else None
        qualified = self._qualified(func)
        if qualified is None:
            return None
        module, _, name = qualified.rpartition(".")
        if module == "builtins" and name in CONTENT_BUILTINS:
            return name if self._content_call(name, call) else None
        known = (
            (module == "builtins" and name in SCALAR_BUILTINS)
            or qualified in PURE_FUNCTIONS
            or module in PURE_MODULES
        )
        if not known or any(arg.keyword is not None for arg in call.args):
            return None
        return name if all(self.pure(a.value) for a in call.args) else None

    def _content_call(self, name: str, call: cst.Call) -> bool:
        positional = [a.value for a in call.args if a.keyword is None]
        for arg in call.args:
            if arg.keyword is None:
                continue
            keyword = arg.keyword.value
            if keyword == "key":
                # Only a builtin key function is known to be pure.
                key = self._qualified(arg.value)
                if not (key or "").startswith("builtins."):
                    return False
            elif keyword not in ("reverse", "default", "start") or not self.pure(arg.value):
                return False
        if name in ("min", "max") and len(positional) > 1:
            return all(self.pure(a) for a in positional)  # scalars, not an iterable
        if len(positional) != 1:
            return False
        return self.contents_fixed(positional[0])

    def contents_fixed(self, expr: cst.BaseExpression) -> bool:
        """Invariant, and so are the contents of the object it gives: a
        string, a literal tuple, a pure call, or a name nothing else can change."""
        if isinstance(expr, cst.Name):
            return self.name_fixed(expr) and self._unchanging_object(expr)
        if isinstance(expr, (cst.List, cst.Set)):
            return all(isinstance(e, cst.Element) and self.pure(e.value) for e in expr.elements)
        if isinstance(expr, cst.Attribute):
            return False  # an attribute of a module may be a list other code changes
        return self.pure(expr)

    def known_pure_function(self, call: cst.Call) -> bool:
        """The called function is on the allowlist (its arguments aside)."""
        func = call.func
        if isinstance(func, cst.Attribute) and self.is_str(func.value):
            return func.attr.value in STR_METHODS
        qualified = self._qualified(func)
        if qualified is None:
            return False
        module, _, name = qualified.rpartition(".")
        if module == "builtins":
            return name in CONTENT_BUILTINS or name in SCALAR_BUILTINS
        return qualified in PURE_FUNCTIONS or module in PURE_MODULES

    def runs_only_known_code(self) -> bool:
        """Every call in the loop is to a known function or a method of a
        fresh local container, and the loop never yields or awaits: no code
        we cannot see runs while it iterates."""
        if self._known_code is None:
            self._known_code = all(
                self._harmless(node)
                for node in iter_subtree(self.loop, prune=lambda n: isinstance(n, _DEFINITIONS))
                if isinstance(node, (cst.Call, cst.Yield, cst.Await))
            )
        return self._known_code

    def _harmless(self, node: cst.CSTNode) -> bool:
        if not isinstance(node, cst.Call):
            return False
        if self.known_pure_function(node):
            return True
        func = node.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
            receiver = func.value
            scope = self._binding_scope(receiver.value)
            if scope is not None and scope.node is self.function:
                bindings = scope.bindings.get(receiver.value, [])
                return bool(bindings) and all(self._fresh(b.value) for b in bindings)
            return False
        qualified = self._qualified(func) or ""
        return qualified.startswith("builtins.") and qualified[9:] in HARMLESS_BUILTINS

    # --- names ---

    def name_fixed(self, name: cst.Name) -> bool:
        """The loop does not rebind name or change its object in place, and no
        other code can rebind it."""
        value = name.value
        if value in _SPECIAL_NAMES:
            return True
        if value in self.bound.bindings or value in self.bound.globals:
            return False
        if value in self.bound.nonlocals:
            return False
        scope = self._binding_scope(value)
        if scope is None:
            return resolve_name(value, self.scope_nodes, self.ctx.scopes) == f"builtins.{value}"
        if value in scope.globals or value in scope.nonlocals:
            return False
        bindings = scope.bindings.get(value, [])
        imported = bool(bindings) and all(b.kind == "import" for b in bindings)
        if scope.node is self.function:
            if self._rebound_elsewhere(value):
                return False
        elif isinstance(scope.node, cst.Module):
            if not self._module_constant(value, scope):
                return False
        else:
            return False  # a class body or an enclosing function: leave it alone
        if imported:
            return True  # a module: calling its functions does not rebind it
        return not any(self._changes(use) for use in self._uses_in_loop(value))

    def _rebound_elsewhere(self, value: str) -> bool:
        """A nested function may rebind a local of ours through `nonlocal`."""
        return any(value in scope.nonlocals for scope in self._nested_scopes(self.function_scope))

    def _nested_scopes(self, scope: Scope) -> Iterator[Scope]:
        for node in scope.nested:
            inner = self.ctx.scopes.get(node)
            yield inner
            yield from self._nested_scopes(inner)

    def _module_constant(self, value: str, module_scope: Scope) -> bool:
        """A module-level name bound once (or an import), that no function
        declares `global`: nothing called in the loop can rebind it."""
        bindings = module_scope.bindings.get(value, [])
        if len(bindings) != 1 and not all(b.kind == "import" for b in bindings):
            return False
        return value not in _declared_global(self.ctx)

    def _uses_in_loop(self, value: str) -> list[Use]:
        return [u for u in self.ctx.uses(value, self.function) if self._inside_loop(u)]

    def _inside_loop(self, use: Use) -> bool:
        return any(a is self.loop for a in use.ancestors)

    def _changes(self, use: Use) -> bool:
        """Whether a use may change the object: a mutating use, a method call
        that is not known to only read, or storing into an attribute."""
        if use.is_store():
            return True
        parent = use.parent
        if isinstance(parent, cst.Arg) and len(use.ancestors) > 1:
            call = use.ancestors[-2]
            if isinstance(call, cst.Call) and self.known_pure_function(call):
                return False
        if use.mutates():
            return True
        method = use.method()
        if method is not None and method not in READING_METHODS and method not in STR_METHODS:
            return True
        # `name.attr = ...`, `for name.attr in ...`, `del name.attr`
        return (
            isinstance(parent, cst.Attribute)
            and parent.value is use.name
            and in_target(parent, use.ancestors[:-1])
        )

    def _unchanging_object(self, name: cst.Name) -> bool:
        """Nothing can change the object name holds between iterations: it is
        immutable, or a fresh local object that never leaves this function."""
        if self._type(name) in IMMUTABLE_TYPES:
            return True
        scope = self._binding_scope(name.value)
        if scope is None:
            return False
        if self.runs_only_known_code():
            return True  # the loop changes it nowhere (name_fixed) and calls no unknown code
        if scope.node is not self.function:
            return False
        bindings = scope.bindings.get(name.value, [])
        if not bindings or not all(self._fresh(b.value) for b in bindings):
            return False
        for use in self.ctx.uses(name.value, self.function):
            if any(
                isinstance(a, SCOPE_NODES) and a is not self.function for a in use.ancestors[1:]
            ):
                if not isinstance(use.ancestors[-1], cst.CompFor):
                    return False  # seen by a nested function or comprehension
            if self._inside_loop(use) and self._changes(use):
                return False
            if self._escapes(use):
                return False
        return True

    def _fresh(self, value: cst.BaseExpression | None) -> bool:
        if isinstance(
            value, (cst.List, cst.ListComp, cst.Set, cst.SetComp, cst.Dict, cst.DictComp)
        ):
            return True
        if isinstance(value, cst.Tuple) or isinstance(value, _CONSTANTS):
            return True
        if isinstance(value, cst.Call):
            qualified = self._qualified(value.func)
            if qualified in _FRESH_CONSTRUCTORS:
                return True
            func = value.func
            return isinstance(func, cst.Attribute) and func.attr.value in ("split", "splitlines")
        return False

    def _escapes(self, use: Use) -> bool:
        """The object may reach code we cannot see from this use."""
        if use.is_store() or use.is_membership_operand():
            return False
        parent = use.parent
        method = use.method()
        if method is not None:
            return method not in READING_METHODS and method not in _LIST_BUILDING
        if isinstance(parent, cst.Subscript) and parent.value is use.name:
            return False
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is use.name:
            return False
        if isinstance(parent, (cst.BinaryOperation, cst.Comparison, cst.ComparisonTarget)):
            return False
        if isinstance(parent, (cst.Return, cst.Del)):
            return False
        if isinstance(parent, cst.Arg) and len(use.ancestors) > 1:
            call = use.ancestors[-2]
            if isinstance(call, cst.Call):
                called = self._qualified(call.func) or ""
                return not (self.known_pure_function(call) or called in _ITERATING)
        return True

    # --- helpers ---

    def is_str(self, expr: cst.BaseExpression) -> bool:
        """expr is known to be a str: a literal, a name proven to hold one, or
        a str method returning one called on a str."""
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
            method = expr.func.attr.value  # `", ".join(xs).upper()`
            return method in STR_METHODS and method not in _NOT_STR and self.is_str(expr.func.value)
        if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return self._type(expr) == "str"
        return isinstance(expr, cst.Name) and self._type(expr) == "str"

    def _module_attribute(self, expr: cst.Attribute) -> bool:
        """`math.pi`, `os.sep`, `re.IGNORECASE`: an attribute of an imported module."""
        head: cst.BaseExpression = expr
        while isinstance(head, cst.Attribute):
            head = head.value
        if not isinstance(head, cst.Name) or not self.name_fixed(head):
            return False
        scope = self._binding_scope(head.value)
        bindings = scope.bindings.get(head.value, []) if scope is not None else []
        return bool(bindings) and all(b.kind == "import" for b in bindings)

    def _subscript(self, expr: cst.Subscript) -> bool:
        """An item or slice of a string, tuple or local nothing changes."""
        for element in expr.slice:
            part = element.slice
            if isinstance(part, cst.Index) and not self.pure(part.value):
                return False
            if isinstance(part, cst.Slice):
                bounds = (part.lower, part.upper, part.step)
                if not all(b is None or self.pure(b) for b in bounds):
                    return False
        return self.contents_fixed(expr.value)

    def _qualified(self, expr: cst.BaseExpression) -> str | None:
        return qualified_name(expr, self.scope_nodes, self.ctx.scopes)

    def _binding_scope(self, name: str) -> Scope | None:
        return binding_scope(name, self.scope_nodes, self.ctx.scopes)

    def _type(self, expr: cst.BaseExpression) -> str | None:
        return self.ctx.types.of_expression(expr, self.scope_nodes)


# Builtins that do not run code that could change a container we read.
HARMLESS_BUILTINS = (
    CONTENT_BUILTINS
    | SCALAR_BUILTINS
    | frozenset(
        {
            "print",
            "isinstance",
            "enumerate",
            "zip",
            "reversed",
            "repr",
            "dict",
            "divmod",
            "pow",
            "hash",
        }
    )
)
_ITERATING = frozenset({"builtins.enumerate", "builtins.zip", "builtins.reversed"})
# str methods whose result is not a str.
_NOT_STR = frozenset(
    {"split", "rsplit", "splitlines", "partition", "rpartition", "encode", "find", "rfind",
     "count", "startswith", "endswith", "isdigit", "isalpha", "isalnum", "isspace", "islower",
     "isupper"}
)  # fmt: skip
_DEFINITIONS = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_LIST_BUILDING = frozenset({"append", "extend", "add", "update", "insert", "sort", "reverse"})


def _declared_global(ctx) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """Names some function of the module declares `global` (computed once)."""
    found = getattr(ctx, "_declared_global", None)
    if found is None:
        names: set[str] = set()
        stack: list[Scope] = [ctx.scopes.get(ctx.module)]
        while stack:
            scope = stack.pop()
            names.update(scope.globals)
            stack.extend(ctx.scopes.get(node) for node in scope.nested)
        found = frozenset(names)
        ctx._declared_global = found
    return found
