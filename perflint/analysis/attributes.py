"""Proven container types of instance attributes: `self.queue` is a list when
every assignment to `.queue` anywhere in the module gives a list (in the class's
methods, or as a class-level annotation or dataclass field typed `list`).

Receivers whose class is known: `self` in a method of a class defined in the
module, and locals bound only to `C(...)` for such a class C. Classes with a
base from elsewhere are unknown (the base may rebind the attribute).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst

from perflint.analysis.names import Scopes, binding_scope
from perflint.analysis.scopes import target_names
from perflint.analysis.types import TypeFacts
from perflint.analysis.usage import is_fixed_value
from perflint.tree import children, iter_subtree

_GROWING = ("append", "extend", "insert")


@dataclass
class _Attribute:
    """What the module does to attributes of one name (on any object)."""

    types: list[str | None] = field(default_factory=list)  # one per assignment
    fixed_values: bool = True  # every assigned value is a display of constants
    grows: bool = False  # `.name.append(...)`, `.name += ...` somewhere


class AttributeFacts:
    def __init__(self, module: cst.Module, scopes: Scopes, types: TypeFacts) -> None:
        self.module = module
        self.scopes = scopes
        self.types = types
        self._index: dict[str, _Attribute] | None = None
        self._pushbacks: set[int] = set()  # ids of `.append(x)` calls followed by `break`
        self._classes: dict[str, cst.ClassDef] = {
            s.name.value: s for s in module.body if isinstance(s, cst.ClassDef)
        }

    def of_attribute(self, expr: cst.Attribute, path: Sequence[cst.CSTNode]) -> str | None:
        """The proven type of `receiver.name` ('list', ...) seen at the end of
        path (the nodes from the module down to expr), or None."""
        cls = self._class_of(expr.value, path)
        if cls is None:
            return None
        facts = self._facts().get(expr.attr.value)
        if facts is None or not facts.types:
            return None
        kinds = set(facts.types)
        return kinds.pop() if len(kinds) == 1 else None

    def grows(self, expr: cst.Attribute) -> bool:
        """Whether the attribute's collection can grow with the data: appended
        to somewhere, or assigned something other than a display of constants."""
        facts = self._facts().get(expr.attr.value)
        return facts is not None and (facts.grows or not facts.fixed_values)

    # --- the receiver's class ---

    def _class_of(
        self, receiver: cst.BaseExpression, path: Sequence[cst.CSTNode]
    ) -> cst.ClassDef | None:
        if not isinstance(receiver, cst.Name):
            return None
        functions = [n for n in path if isinstance(n, (cst.FunctionDef, cst.Lambda))]
        if not functions:
            return None
        function = functions[-1]
        if isinstance(function, cst.FunctionDef) and _first_param(function) == receiver.value:
            index = next(i for i, n in enumerate(path) if n is function)
            owner = path[index - 2] if index >= 2 else None
            if isinstance(owner, cst.ClassDef) and self._known(owner):
                return owner
            return None
        scope = binding_scope(receiver.value, [function, self.module], self.scopes)
        if scope is None or scope.node is not function:
            return None
        found: cst.ClassDef | None = None
        for binding in scope.bindings[receiver.value]:
            value = binding.value
            if binding.kind != "assign" or not isinstance(value, cst.Call):
                return None
            if not isinstance(value.func, cst.Name):
                return None
            cls = self._classes.get(value.func.value)
            if cls is None or (found is not None and cls is not found) or not self._known(cls):
                return None
            found = cls
        return found

    def _known(self, cls: cst.ClassDef) -> bool:
        """No base from outside the module could rebind attributes."""
        for base in cls.bases:
            value = base.value
            if base.keyword is not None:
                continue  # metaclass=...
            if isinstance(value, cst.Name) and (
                value.value == "object" or value.value in self._classes
            ):
                continue
            return False
        return True

    # --- every assignment to an attribute name in the module ---

    def _facts(self) -> dict[str, _Attribute]:
        if self._index is None:
            self._index = {}
            self._collect(self.module)
        return self._index

    def _collect(self, root: cst.Module) -> None:
        stack: list[tuple[cst.CSTNode, list[cst.CSTNode]]] = [(root, [root])]
        while stack:
            node, scope_nodes = stack.pop()
            if isinstance(node, cst.ClassDef):
                self._class_body(node, scope_nodes)
            elif isinstance(node, cst.FunctionDef):
                scope_nodes = [node, *scope_nodes]
            else:
                self._statement(node, scope_nodes)
            stack.extend((child, scope_nodes) for child in children(node))

    def _class_body(self, cls: cst.ClassDef, scope_nodes: list[cst.CSTNode]) -> None:
        """`name: list[str] = field(default_factory=list)` and `name = []` in a class body."""
        for line in getattr(cls.body, "body", ()):
            if not isinstance(line, cst.SimpleStatementLine):
                continue
            for small in line.body:
                if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    facts = self._index_for(small.target.value)
                    facts.types.append(
                        self.types.of_annotation(small.annotation.annotation, scope_nodes)
                    )
                    facts.fixed_values = False
                elif isinstance(small, cst.Assign):
                    for target in small.targets:
                        for name in target_names(target.target):
                            self._record(name.value, small.value, scope_nodes)

    def _statement(self, node: cst.CSTNode, scope_nodes: list[cst.CSTNode]) -> None:
        if isinstance(node, cst.IndentedBlock):
            self._note_pushbacks(node)
        elif isinstance(node, cst.Assign):
            for target in node.targets:
                self._target(target.target, node.value, scope_nodes)
        elif isinstance(node, cst.AnnAssign) and isinstance(node.target, cst.Attribute):
            facts = self._index_for(node.target.attr.value)
            facts.types.append(self.types.of_annotation(node.annotation.annotation, scope_nodes))
            facts.fixed_values = False
        elif isinstance(node, cst.AugAssign) and isinstance(node.target, cst.Attribute):
            self._index_for(node.target.attr.value).grows = True
        elif isinstance(node, (cst.For, cst.CompFor, cst.NamedExpr, cst.WithItem, cst.Del)):
            bound: cst.CSTNode | None = getattr(node, "target", None) or getattr(
                getattr(node, "asname", None), "name", None
            )
            if bound is not None:
                for part in iter_subtree(bound):
                    if isinstance(part, cst.Attribute):
                        self._index_for(part.attr.value).types.append(None)
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            receiver = node.func.value
            if (
                node.func.attr.value in _GROWING
                and isinstance(receiver, cst.Attribute)
                and id(node) not in self._pushbacks
            ):
                self._index_for(receiver.attr.value).grows = True

    def _note_pushbacks(self, block: cst.IndentedBlock) -> None:
        """`self.pending.append(c)` right before `break`: a lexer pushing back the
        one item it read too far, then stopping. It adds one item per run of the
        loop, which the next run takes back: the list stays short."""
        for statement, after in zip(block.body, block.body[1:], strict=False):
            if not (
                isinstance(statement, cst.SimpleStatementLine)
                and isinstance(after, cst.SimpleStatementLine)
                and isinstance(after.body[0], cst.Break)
            ):
                continue
            last = statement.body[-1]
            call = last.value if isinstance(last, cst.Expr) else None
            if (
                isinstance(call, cst.Call)
                and isinstance(call.func, cst.Attribute)
                and call.func.attr.value == "append"
            ):
                self._pushbacks.add(id(call))

    def _target(
        self, target: cst.BaseExpression, value: cst.BaseExpression, scope_nodes: list[cst.CSTNode]
    ) -> None:
        if isinstance(target, cst.Attribute):
            self._record(target.attr.value, value, scope_nodes)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for part in iter_subtree(target):
                if isinstance(part, cst.Attribute):
                    self._index_for(part.attr.value).types.append(None)  # unpacked: unknown

    def _record(self, name: str, value: cst.BaseExpression, scope_nodes: list[cst.CSTNode]) -> None:
        facts = self._index_for(name)
        facts.types.append(self.types.of_expression(value, scope_nodes))
        if not is_fixed_value(value):
            facts.fixed_values = False

    def _index_for(self, name: str) -> _Attribute:
        assert self._index is not None
        return self._index.setdefault(name, _Attribute())


def _first_param(function: cst.FunctionDef) -> str | None:
    params = [*function.params.posonly_params, *function.params.params]
    return params[0].name.value if params else None
