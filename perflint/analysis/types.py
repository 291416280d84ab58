"""Proven container types of local names and simple expressions.

A name's type is proven only when every binding of it in its scope gives the
same known type (flow-insensitive, so a later `x = None` makes x unknown).
Parameters count only when annotated.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from perflint.analysis.names import Scopes, local_scope, qualified_name
from perflint.analysis.scopes import Binding

_CONSTRUCTORS = {
    "builtins.list": "list",
    "builtins.set": "set",
    "builtins.dict": "dict",
    "builtins.tuple": "tuple",
    "builtins.str": "str",
    "builtins.bytes": "bytes",
    "builtins.bytearray": "bytearray",
    "builtins.frozenset": "frozenset",
    "builtins.sorted": "list",
    "collections.deque": "deque",
    "collections.Counter": "Counter",
    "collections.defaultdict": "defaultdict",
    "collections.OrderedDict": "OrderedDict",
}
_ANNOTATIONS = {
    **{k: v for k, v in _CONSTRUCTORS.items() if k != "builtins.sorted"},
    "typing.List": "list",
    "typing.Set": "set",
    "typing.Dict": "dict",
    "typing.Tuple": "tuple",
    "typing.Deque": "deque",
    "typing.FrozenSet": "frozenset",
}
# Methods returning a shallow copy of the same type.
_COPYING = {"list", "set", "dict", "deque", "bytearray", "Counter", "OrderedDict", "defaultdict"}
# Augmented assignments that keep the type of the target.
_KEEPS_TYPE = {
    "list": (cst.AddAssign, cst.MultiplyAssign),
    "tuple": (cst.AddAssign, cst.MultiplyAssign),
    "str": (cst.AddAssign, cst.MultiplyAssign, cst.ModuloAssign),
    "bytes": (cst.AddAssign, cst.MultiplyAssign),
    "bytearray": (cst.AddAssign, cst.MultiplyAssign),
    "set": (cst.BitOrAssign, cst.BitAndAssign, cst.SubtractAssign, cst.BitXorAssign),
}

_LIST_RETURNING_METHODS = {"split", "rsplit", "splitlines"}
_CONCATENATING = {"list", "tuple", "str", "bytes"}
_MAX_DEPTH = 8  # how many `a = b.copy()` hops to follow


class TypeFacts:
    def __init__(self, scopes: Scopes) -> None:
        self.scopes = scopes
        # While a name's bindings are judged, what a binding mentioning the same
        # name (`acc = acc + [x]`) may assume about it.
        self._assumed: dict[tuple[int, str], str | None] = {}

    def of_expression(
        self, expr: cst.BaseExpression, scope_nodes: Sequence[cst.CSTNode], depth: int = 0
    ) -> str | None:
        if isinstance(expr, (cst.List, cst.ListComp)):
            return "list"
        if isinstance(expr, (cst.Set, cst.SetComp)):
            return "set"
        if isinstance(expr, (cst.Dict, cst.DictComp)):
            return "dict"
        if isinstance(expr, cst.Tuple):
            return "tuple"
        if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
            prefix = expr.prefix if isinstance(expr, cst.SimpleString) else _string_prefix(expr)
            return "bytes" if "b" in prefix.lower() else "str"
        if isinstance(expr, cst.FormattedString):
            return "str"
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            left = self.of_expression(expr.left, scope_nodes, depth + 1)
            if left in _CONCATENATING and left == self.of_expression(
                expr.right, scope_nodes, depth + 1
            ):
                return left
            return None
        if isinstance(expr, cst.Name):
            return self.of_name(expr.value, scope_nodes, depth + 1)
        if isinstance(expr, cst.Call):
            func = expr.func
            if (
                isinstance(func, cst.Attribute)
                and func.attr.value == "copy"
                and not expr.args
                and depth < _MAX_DEPTH
            ):
                inner = self.of_expression(func.value, scope_nodes, depth + 1)
                return inner if inner in _COPYING else None
            if isinstance(func, cst.Attribute) and func.attr.value in _LIST_RETURNING_METHODS:
                return "list"  # str, bytes and re.Pattern alike
            return _CONSTRUCTORS.get(qualified_name(func, scope_nodes, self.scopes) or "")
        return None

    def of_annotation(
        self, annotation: cst.BaseExpression, scope_nodes: Sequence[cst.CSTNode]
    ) -> str | None:
        if isinstance(annotation, cst.Subscript):
            annotation = annotation.value
        return _ANNOTATIONS.get(qualified_name(annotation, scope_nodes, self.scopes) or "")

    def of_name(self, name: str, scope_nodes: Sequence[cst.CSTNode], depth: int = 0) -> str | None:
        """The proven type of a local (or module) name seen from scope_nodes."""
        if depth > _MAX_DEPTH:
            return None
        scope = local_scope(name, scope_nodes, self.scopes)
        if scope is None:
            return None
        # Bindings are judged from the scope that makes them.
        index = next((i for i, n in enumerate(scope_nodes) if n is scope.node), None)
        home = scope_nodes[index:] if index is not None else scope_nodes[-1:]
        key = (id(scope.node), name)
        if key in self._assumed:
            return self._assumed[key]
        augmented = [b for b in scope.bindings[name] if b.kind == "augassign"]
        plain = [b for b in scope.bindings[name] if b.kind != "augassign"]
        # First with self-references unknown, to find the type the other
        # bindings give; then, if some binding mentions the name itself, check
        # that it keeps that type (induction over the loop's iterations).
        kinds = self._judge(key, None, plain, home, depth)
        known = {k for k in kinds if k is not None}
        if len(known) != 1:
            return None
        kind = known.pop()
        if None in kinds and any(k != kind for k in self._judge(key, kind, plain, home, depth)):
            return None
        keeps = _KEEPS_TYPE.get(kind, ())
        for binding in augmented:
            if not isinstance(binding.node, cst.AugAssign) or not isinstance(
                binding.node.operator, keeps
            ):
                return None
        return kind

    def _judge(
        self,
        key: tuple[int, str],
        assumed: str | None,
        bindings: list[Binding],
        scope_nodes: Sequence[cst.CSTNode],
        depth: int,
    ) -> list[str | None]:
        self._assumed[key] = assumed
        try:
            return [self._of_binding(b, scope_nodes, depth) for b in bindings]
        finally:
            del self._assumed[key]

    def _of_binding(
        self, binding: Binding, scope_nodes: Sequence[cst.CSTNode], depth: int
    ) -> str | None:
        if binding.annotation is not None and binding.kind in ("param", "annassign", "declare"):
            return self.of_annotation(binding.annotation, scope_nodes)
        if binding.kind == "assign" and binding.value is not None:
            return self.of_expression(binding.value, scope_nodes, depth)
        return None


def _string_prefix(expr: cst.ConcatenatedString) -> str:
    left = expr.left
    return left.prefix if isinstance(left, cst.SimpleString) else ""
