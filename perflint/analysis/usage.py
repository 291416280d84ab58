"""How a local name is used: as a membership operand, a method receiver, a
call argument, a subscript target... Rules classify uses to prove that a list
is, say, only ever appended to and tested for membership."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from perflint.analysis.scopes import COMPREHENSIONS, SCOPE_NODES, Binding
from perflint.tree import child_getter

# Methods that change a list, set, dict or deque in place.
MUTATING_METHODS = frozenset(
    {
        "append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse",
        "add", "discard", "update", "difference_update", "intersection_update",
        "symmetric_difference_update", "popitem", "setdefault",
        "appendleft", "extendleft", "popleft", "rotate",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Use:
    name: cst.Name
    ancestors: tuple[cst.CSTNode, ...]  # from the root searched, nearest last

    @property
    def parent(self) -> cst.CSTNode | None:
        return self.ancestors[-1] if self.ancestors else None

    def method(self) -> str | None:
        """'append' when this use is the receiver of a call `name.append(...)`."""
        if len(self.ancestors) < 2:
            return None
        attribute, call = self.ancestors[-1], self.ancestors[-2]
        if (
            isinstance(attribute, cst.Attribute)
            and attribute.value is self.name
            and isinstance(call, cst.Call)
            and call.func is attribute
        ):
            return attribute.attr.value
        return None

    def is_membership_operand(self) -> bool:
        """`x in name` or `x not in name`."""
        parent = self.parent
        return (
            isinstance(parent, cst.ComparisonTarget)
            and parent.comparator is self.name
            and isinstance(parent.operator, (cst.In, cst.NotIn))
        )

    def is_store(self) -> bool:
        """The name is (re)bound or deleted here, not read."""
        return in_target(self.name, self.ancestors)

    def mutates(self) -> bool:
        """Whether this use may change the object: a mutating method, an item
        assignment or deletion, an augmented assignment, or passing it to a call."""
        if self.method() in MUTATING_METHODS:
            return True
        parent = self.parent
        if isinstance(parent, cst.Subscript) and parent.value is self.name:
            # `name[i] = ...`, `del name[i]`, `name[i] += ...`, `for name[i] in ...`
            if in_target(parent, self.ancestors[:-1]):
                return True
        if isinstance(parent, cst.AugAssign) and parent.target is self.name:
            return True
        return isinstance(parent, cst.Arg) and parent.value is self.name


_UNPACKING = (cst.Tuple, cst.List, cst.Element, cst.StarredElement)
_BINDING = (
    cst.AssignTarget,
    cst.AugAssign,
    cst.AnnAssign,
    cst.For,
    cst.CompFor,
    cst.NamedExpr,
    cst.Del,
)


def in_target(node: cst.CSTNode, ancestors: tuple[cst.CSTNode, ...]) -> bool:
    """Whether node (with these ancestors, nearest last) is assigned or deleted:
    the target of an assignment, a `for`, a walrus, `del`, `with ... as`,
    alone or inside a tuple or list being unpacked."""
    child = node
    for parent in reversed(ancestors):
        if isinstance(parent, _UNPACKING):
            child = parent
            continue
        if isinstance(parent, _BINDING):
            return parent.target is child
        if isinstance(parent, cst.AsName):
            return parent.name is child
        return False
    return False


def uses_of(name: str, root: cst.CSTNode, *, into_scopes: bool = True) -> Iterator[Use]:
    """Every Name node spelling `name` under root, in source order, with its
    ancestors. Attribute names (`obj.name`) and keyword names are not uses."""
    stack: list[tuple[cst.CSTNode, int]] = [(root, 0)]
    path: list[cst.CSTNode] = []
    while stack:
        node, depth = stack.pop()
        del path[depth:]
        if isinstance(node, cst.Name) and node.value == name and path:
            parent = path[-1]
            if not (isinstance(parent, cst.Attribute) and parent.attr is node) and not (
                isinstance(parent, cst.Arg) and parent.keyword is node
            ):
                yield Use(node, tuple(path))
        if not into_scopes and node is not root and isinstance(node, SCOPE_NODES):
            continue
        getter = child_getter(type(node))
        if getter is None:
            continue
        path.append(node)
        stack.extend((child, depth + 1) for child in reversed(getter(node)))


_DEFINITIONS = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_REPEATING = (cst.For, cst.While, cst.FunctionDef, cst.Lambda, *COMPREHENSIONS)


def appears_in_nested_definition(name: str, scope_node: cst.CSTNode) -> bool:
    """Whether a function, lambda or class inside scope_node mentions name (it
    may then use the object in ways not seen here)."""
    return any(
        any(isinstance(a, _DEFINITIONS) and a is not scope_node for a in use.ancestors)
        for use in uses_of(name, scope_node)
    )


def grows_with_data(scope_node: cst.CSTNode, bindings: Sequence[Binding], uses: list[Use]) -> bool:
    """Whether a collection's size depends on the data: it is appended to, or
    built from something other than a literal. A display of constants, the
    split of a string literal, or a module-level list nothing changes is a
    fixed, small collection: searching it costs a constant factor."""
    if any(_adds_with_data(u) for u in uses):
        return True
    if isinstance(scope_node, cst.Module) and not any(u.mutates() for u in uses):
        return False
    return not all(is_fixed_value(b.value) for b in bindings)


def _adds_with_data(use: Use) -> bool:
    """An append, extend, insert or `+=` that can add more than a fixed number
    of items: inside a loop, or adding something other than a display of
    constants (`names.append("extra")` once, after the loop, adds one item)."""
    method = use.method()
    if method not in ("append", "extend", "insert") and not _is_augmented(use):
        return False
    # In a loop, or in a function (run once per call) other than the scope's own.
    if any(isinstance(a, _REPEATING) for a in use.ancestors[1:]):
        return True
    if method in ("append", "insert"):
        return False
    if method == "extend":
        call = use.ancestors[-2]
        added = call.args[0].value if isinstance(call, cst.Call) and call.args else None
    else:
        added = use.parent.value  # type: ignore[union-attr]
    return not is_fixed_value(added)


def _is_augmented(use: Use) -> bool:
    parent = use.parent
    return isinstance(parent, cst.AugAssign) and parent.target is use.name


def is_fixed_value(value: cst.BaseExpression | None) -> bool:
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
        return True  # `key = 'xwr'`
    if isinstance(value, (cst.List, cst.Tuple, cst.Set)):
        return not any(isinstance(e, cst.StarredElement) for e in value.elements)
    if isinstance(value, cst.Dict):
        return not any(isinstance(e, cst.StarredDictElement) for e in value.elements)
    return (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value in ("split", "rsplit", "splitlines")
        and isinstance(value.func.value, (cst.SimpleString, cst.ConcatenatedString))
    )
