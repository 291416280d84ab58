"""Facts read off the path from the module down to a node: the loops that
repeat it and the scopes it runs in.

A path is a list of nodes, module first, each the parent of the next (as the
engine's traversal stack keeps it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from perflint.analysis.scopes import COMPREHENSIONS, target_names

Path = Sequence[cst.CSTNode]


@dataclass(frozen=True)
class Loop:
    """A loop that repeats the node asked about."""

    node: cst.CSTNode  # For, While, or a comprehension
    kind: str  # "for", "while" or "comprehension"
    targets: frozenset[str]  # names the loop binds on every iteration

    @property
    def bounded(self) -> bool:
        """Runs a fixed number of times written in the code (`range(4)`, a
        literal tuple): work in it does not grow with the data."""
        iterable = self.node.iter if isinstance(self.node, cst.For) else None
        if isinstance(self.node, COMPREHENSIONS):
            iterable = self.node.for_in.iter if self.node.for_in.inner_for_in is None else None
        if isinstance(iterable, (cst.List, cst.Tuple, cst.Set)):
            return not any(isinstance(e, cst.StarredElement) for e in iterable.elements)
        if isinstance(iterable, (cst.SimpleString, cst.ConcatenatedString)):
            return True
        return (
            isinstance(iterable, cst.Call)
            and isinstance(iterable.func, cst.Name)
            and iterable.func.value == "range"
            and bool(iterable.args)
            and all(isinstance(arg.value, cst.Integer) for arg in iterable.args)
        )


def _comprehension_targets(comp: cst.CSTNode) -> frozenset[str]:
    names: set[str] = set()
    comp_for = getattr(comp, "for_in", None)
    while comp_for is not None:
        names.update(name.value for name in target_names(comp_for.target))
        comp_for = comp_for.inner_for_in
    return frozenset(names)


def _body_of_definition(parent: cst.CSTNode, child: cst.CSTNode) -> bool:
    return isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.Lambda)) and child is parent.body


def _upward(path: Path) -> Iterator[tuple[cst.CSTNode, cst.CSTNode, bool]]:
    """(parent, child, inside) for each step up the path, innermost first;
    inside tells, for a comprehension parent, whether the path runs in its
    per-item part (everything but the outermost iterable, which is evaluated
    once in the enclosing scope)."""
    per_item = False
    for i in range(len(path) - 1, 0, -1):
        parent, child = path[i - 1], path[i]
        inside = False
        if isinstance(parent, cst.CompFor):
            outermost = i >= 2 and isinstance(path[i - 2], COMPREHENSIONS)
            per_item = per_item or child is not parent.iter or not outermost
        elif isinstance(parent, COMPREHENSIONS):
            inside = child is not parent.for_in or per_item
            per_item = False
        yield parent, child, inside


def enclosing_loops(path: Path) -> list[Loop]:
    """Loops that run the last node of path again on each iteration, innermost
    first, up to the enclosing function, lambda or class body."""
    loops: list[Loop] = []
    for parent, child, inside in _upward(path):
        if _body_of_definition(parent, child):
            break
        if isinstance(parent, cst.For) and child is parent.body:
            targets = frozenset(name.value for name in target_names(parent.target))
            loops.append(Loop(parent, "for", targets))
        elif isinstance(parent, cst.While) and (child is parent.body or child is parent.test):
            loops.append(Loop(parent, "while", frozenset()))
        elif inside:
            loops.append(Loop(parent, "comprehension", _comprehension_targets(parent)))
    return loops


def enclosing_scopes(path: Path) -> list[cst.CSTNode]:
    """Scope nodes the last node of path runs in, innermost first, module last."""
    scopes: list[cst.CSTNode] = [
        parent
        for parent, child, inside in _upward(path)
        if inside or _body_of_definition(parent, child)
    ]
    if path and isinstance(path[0], cst.Module):
        scopes.append(path[0])
    return scopes
