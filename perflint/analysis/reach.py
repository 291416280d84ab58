"""Whether code a loop runs may reach a container, so that the loop must not
iterate it directly: `for k in list(d): cleanup(k)` needs its copy when
`cleanup` deletes from `d`, whatever the loop body itself shows.

Conservative: when a call could reach the container, the answer is yes.
A container the function builds itself (`d = {}`) is reached only through
what it hands out: an alias, an argument, a closure that captures it, an
attribute or item it is stored in. Any other container (a parameter, a
module-level name, an attribute, a call's result) may be shared, so calls
to code of this module (closures, module functions and classes, methods of
`self` or of an object holding it) and calls that receive it reach it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import libcst as cst

from perflint.analysis.invariance import (
    HARMLESS_BUILTINS,
    READING_METHODS,
    STR_METHODS,
    Invariance,
)
from perflint.analysis.scopes import COMPREHENSIONS, SCOPE_NODES, Scope
from perflint.analysis.usage import Use
from perflint.tree import iter_subtree

_DEFINITIONS = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
# Values that are a new object, seen by nobody else yet.
_FRESH_DISPLAYS = (cst.List, cst.ListComp, cst.Set, cst.SetComp, cst.Dict, cst.DictComp)
_FRESH_CALLS = frozenset(
    {"builtins.list", "builtins.set", "builtins.dict", "builtins.sorted",
     "collections.deque", "collections.Counter", "collections.OrderedDict",
     "collections.defaultdict"}
)  # fmt: skip
# Where a container is used without being handed to other code.
_KEPT_PARENTS = (
    cst.Comparison, cst.ComparisonTarget, cst.BinaryOperation, cst.UnaryOperation,
    cst.Return, cst.Del, cst.If, cst.While, cst.BooleanOperation,
)  # fmt: skip


def loop_may_reach(ctx, loop: cst.For, container: cst.BaseExpression) -> bool:  # type: ignore[no-untyped-def]
    """Whether code the body of loop runs may reach the object container (a
    name, or an attribute chain on one) holds, beyond the body's own uses of
    that name (the caller judges those)."""
    root = _root_name(container)
    if root is None:
        return True
    scope_nodes = ctx.scope_nodes(loop)
    function = next((s for s in scope_nodes if not isinstance(s, COMPREHENSIONS)), None)
    if function is None:
        return True
    reach = _Reach(ctx, loop, function, scope_nodes, root)
    if isinstance(container, cst.Name):
        return reach.of_name()
    # `self.items`: whatever reaches `self` reaches it.
    reach.names.clear()
    reach.holders.add(root.value)
    return reach.shared()


class _Reach:
    def __init__(  # type: ignore[no-untyped-def]
        self,
        ctx,
        loop: cst.For,
        function: cst.CSTNode,
        scope_nodes: Sequence[cst.CSTNode],
        root: cst.Name,
    ) -> None:
        self.ctx = ctx
        self.loop = loop
        self.function = function
        self.scope_nodes = scope_nodes
        self.root = root
        self.invariance = Invariance(ctx, loop, function, scope_nodes)
        self.names = {root.value}  # the container and its aliases
        self.holders: set[str] = set()  # objects it is (or came from) an attribute or item of
        self.is_global = False  # module functions can reach it by name

    def of_name(self) -> bool:
        name = self.root.value
        scope: Scope | None = self.ctx.binding_scope(name, self.root)
        if scope is None:
            return True
        # Bound at module level or in an enclosing function: other functions see it.
        self.is_global = scope.node is not self.function or isinstance(scope.node, cst.Module)
        self._find_aliases_and_holders(scope)
        if self._aliases_changed():
            return True
        if self.is_global or not self._built_here(scope):
            return self.shared()
        return self._escapes() and not self.invariance.runs_only_known_code()

    # --- a container built in this function ---

    def _built_here(self, scope: Scope) -> bool:
        """Every binding of the name in this function is a new object, and no
        nested function rebinds it."""
        name = self.root.value
        if name in scope.globals or name in scope.nonlocals:
            return False
        nested = _nested(self.ctx, scope)
        if any(name in self.ctx.scopes.get(node).nonlocals for node in nested):
            return False
        bindings = scope.bindings.get(name, [])
        return bool(bindings) and all(
            b.kind in ("assign", "annassign") and self._fresh(b.value) for b in bindings
        )

    def _fresh(self, value: cst.BaseExpression | None) -> bool:
        if isinstance(value, _FRESH_DISPLAYS):
            return True
        if isinstance(value, cst.Call):
            func = value.func
            if isinstance(func, cst.Attribute) and func.attr.value == "copy" and not value.args:
                return True
            return self.ctx.qualified_name(func, [*self._path_to_loop(), func]) in _FRESH_CALLS
        return False

    def _escapes(self) -> bool:
        """Some use hands the object to code this function does not show."""
        return any(
            self._hands_out(use)
            for name in self.names
            for use in self.ctx.uses(name, self.function)
        )

    def _hands_out(self, use: Use) -> bool:
        if any(isinstance(a, _DEFINITIONS) and a is not self.function for a in use.ancestors):
            return True  # captured by a nested function or class
        if use.is_store() or use.method() is not None or use.is_membership_operand():
            return False
        parent = use.parent
        if isinstance(parent, cst.Subscript) and parent.value is use.name:
            return False
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is use.name:
            return False
        if isinstance(parent, _KEPT_PARENTS):
            return False
        if isinstance(parent, cst.Arg) and len(use.ancestors) > 1:
            call = use.ancestors[-2]
            return not (isinstance(call, cst.Call) and self._harmless(call))
        return True

    def _aliases_changed(self) -> bool:
        return any(
            use.is_store() or use.mutates()
            for name in self.names - {self.root.value}
            for use in self.ctx.uses(name, self.loop.body)
        )

    # --- a container others may hold ---

    def shared(self) -> bool:
        """Whether anything the body calls may be code that holds the object."""
        for node in _run_by(self.loop.body):
            if isinstance(node, (cst.Yield, cst.Await)):
                return True  # the consumer runs while the loop is suspended
            if isinstance(node, cst.Call) and self._call_reaches(node):
                return True
        return False

    def _call_reaches(self, call: cst.Call) -> bool:
        if self._harmless(call):
            return False
        handed = self.names | self.holders
        if any(name in handed for arg in call.args for name in _names_in(arg.value)):
            return True
        func = call.func
        if isinstance(func, cst.Attribute):
            if func.attr.value in READING_METHODS or func.attr.value in STR_METHODS:
                return False  # `row.items()`, `name.lower()`: reads, by any sensible class
            receiver = _root_name(func.value)
            if receiver is None:
                return True  # a method of a call's result: unknown
            if receiver.value in self.names:
                return False  # the container's own methods: the caller judges them
            if receiver.value in self.holders or receiver.value in self._own_object():
                return True
            return self._may_be_ours(receiver, method=True)
        if isinstance(func, cst.Name):
            return self._may_be_ours(func, method=False)
        return True  # `handlers[k]()`, `make()()`: unknown code

    def _may_be_ours(self, name: cst.Name, *, method: bool) -> bool:
        """Whether calling name (or a method of it) may run code of this module."""
        qualified = self.ctx.qualified_name(name, [*self._path_to_loop(), name]) or ""
        if qualified.startswith("builtins."):
            return False
        scope: Scope | None = self.ctx.binding_scope(name.value, self.loop)
        if scope is None:
            return True  # from a star import, or undefined: unknown
        bindings = scope.bindings.get(name.value, [])
        if bindings and all(b.kind == "import" for b in bindings):
            return False  # another module's code cannot see this one's locals or globals
        if not isinstance(scope.node, cst.Module):
            if method and scope.node is self.function:
                # A method of a local object this function built: a list, a dict...
                fresh = bool(bindings) and all(self._fresh(b.value) for b in bindings)
                return not fresh and self.is_global
            return not method or self.is_global  # a closure, or a local callable
        if all(b.kind in ("def", "class") for b in bindings):
            return True  # this module's function or class
        return self.is_global

    def _own_object(self) -> set[str]:
        """`self`/`cls` of the method the loop runs in: its other methods are
        this module's code and may reach whatever it holds."""
        function = self.function
        if not isinstance(function, cst.FunctionDef):
            return set()
        params = [*function.params.posonly_params, *function.params.params]
        path = self._path_to_loop()
        index = next((i for i, n in enumerate(path) if n is function), 0)
        in_class = index >= 2 and isinstance(path[index - 2], cst.ClassDef)
        return {params[0].name.value} if params and in_class else set()

    def _harmless(self, call: cst.Call) -> bool:
        if self.invariance.known_pure_function(call):
            return True
        qualified = self.ctx.qualified_name(call.func, [*self._path_to_loop(), call.func]) or ""
        return qualified.startswith("builtins.") and qualified[9:] in HARMLESS_BUILTINS

    def _find_aliases_and_holders(self, scope: Scope) -> None:
        """`alias = d` (both names then mean the object); `d = self.cache` or
        `self.cache = d` (whatever reaches `self` reaches it)."""
        for binding in scope.bindings.get(self.root.value, []):
            value = binding.value
            if isinstance(value, cst.Name):
                self.names.add(value.value)
            elif value is not None and not self._fresh(value):
                base = _root_name(value)
                if base is not None:
                    self.holders.add(base.value)
        for use in self.ctx.uses(self.root.value, self.function):
            parent = use.parent
            if not isinstance(parent, cst.Assign) or parent.value is not use.name:
                continue
            for target in parent.targets:
                if isinstance(target.target, cst.Name):
                    self.names.add(target.target.value)
                else:
                    base = _root_name(target.target)
                    if base is not None:
                        self.holders.add(base.value)

    def _path_to_loop(self) -> list[cst.CSTNode]:
        return self.ctx.path_to(self.loop)


def _nested(ctx, scope: Scope) -> Iterator[cst.CSTNode]:  # type: ignore[no-untyped-def]
    for node in scope.nested:
        yield node
        yield from _nested(ctx, ctx.scopes.get(node))


def _run_by(body: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Nodes the body evaluates, not those of functions it only defines."""
    return iter_subtree(body, prune=lambda n: isinstance(n, _DEFINITIONS))


def _root_name(expr: cst.BaseExpression) -> cst.Name | None:
    """`self` for `self.a.b`, `obj` for `obj.items[0]` or `reg.get(k)`."""
    while True:
        if isinstance(expr, cst.Name):
            return expr
        if isinstance(expr, (cst.Attribute, cst.Subscript)):
            expr = expr.value
        elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
            expr = expr.func.value
        else:
            return None


def _names_in(expr: cst.BaseExpression) -> Iterator[str]:
    """Names an argument may hand over: `d`, `(d, x)`, `d.items()`, `self.x`,
    `f(d)` (not `d[k]`, an item, nor the attribute name in `obj.d`)."""
    attributes: set[int] = set()
    for node in iter_subtree(expr, prune=lambda n: isinstance(n, (cst.Subscript, *SCOPE_NODES))):
        if isinstance(node, cst.Attribute):
            attributes.add(id(node.attr))
        elif isinstance(node, cst.Name) and id(node) not in attributes:
            yield node.value
