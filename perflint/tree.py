"""Cheap walking of LibCST trees.

LibCST's generic visitor visits every whitespace, comma and parenthesis node and
costs as much as the parse itself. Rules never look at those, so we walk only the
fields that can hold a non-trivia node, in source order, with an explicit stack
(no recursion: the stdlib's pydoc_data/topics.py nests thousands deep).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterator

import libcst as cst

# Node types that carry only layout or punctuation; rules read them through their
# parent (node.operator, node.lpar) when they need them.
_TRIVIA: tuple[type, ...] = (
    cst.BaseParenthesizableWhitespace,
    cst.TrailingWhitespace,
    cst.EmptyLine,
    cst.Comment,
    cst.Newline,
    cst.Comma,
    cst.Dot,
    cst.Colon,
    cst.Semicolon,
    cst.LeftParen,
    cst.RightParen,
    cst.LeftSquareBracket,
    cst.RightSquareBracket,
    cst.LeftCurlyBrace,
    cst.RightCurlyBrace,
    cst.AssignEqual,
    cst.BaseBinaryOp,
    cst.BaseBooleanOp,
    cst.BaseCompOp,
    cst.BaseUnaryOp,
    cst.BaseAugOp,
    cst.ImportStar,
    cst.Asynchronous,
)

# Dataclass field order is not always source order; these are.
_SOURCE_ORDER: dict[str, tuple[str, ...]] = {
    "ClassDef": ("decorators", "name", "type_parameters", "bases", "keywords", "body"),
    "FunctionDef": ("decorators", "name", "type_parameters", "params", "returns", "body"),
    "Parameters": (
        "posonly_params",
        "posonly_ind",
        "params",
        "star_arg",
        "kwonly_params",
        "star_kwarg",
    ),
    "ExceptHandler": ("type", "name", "body"),
    "ExceptStarHandler": ("type", "name", "body"),
    "MatchCase": ("pattern", "guard", "body"),
    "Arg": ("keyword", "value"),
}

_SENTINEL = cst.MaybeSentinel
ChildGetter = Callable[[cst.CSTNode], list[cst.CSTNode]]


def _classes_in(annotation: object) -> Iterator[type]:
    if typing.get_origin(annotation) is None:
        if isinstance(annotation, type):
            yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _classes_in(arg)


def _walked_fields(cls: type) -> list[str]:
    hints = typing.get_type_hints(cls)
    walked = []
    for f in dataclasses.fields(cls):
        node_types = [c for c in _classes_in(hints[f.name]) if issubclass(c, cst.CSTNode)]
        if any(not issubclass(c, _TRIVIA) for c in node_types):
            walked.append(f.name)
    order = _SOURCE_ORDER.get(cls.__name__, ())
    return [name for name in order if name in walked] + [n for n in walked if n not in order]


def _make_getter(names: list[str]) -> ChildGetter | None:
    if not names:
        return None

    def children(node: cst.CSTNode) -> list[cst.CSTNode]:
        # Exact type tests: isinstance against LibCST's abstract base classes
        # is slow, and this runs for every node of every file.
        out: list[cst.CSTNode] = []
        for name in names:
            value = getattr(node, name)
            kind = value.__class__
            if kind is tuple or kind is list:
                out.extend(value)
            elif value is not None and kind is not _SENTINEL:
                out.append(value)
        return out

    return children


_GETTERS: dict[type, ChildGetter | None] = {}


def child_getter(cls: type) -> ChildGetter | None:
    """The function listing a node type's non-trivia children, or None for leaves."""
    try:
        return _GETTERS[cls]
    except KeyError:
        getter = _GETTERS[cls] = _make_getter(_walked_fields(cls))
        return getter


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    getter = child_getter(type(node))
    return getter(node) if getter else []


def iter_subtree(
    root: cst.CSTNode, prune: Callable[[cst.CSTNode], bool] | None = None
) -> Iterator[cst.CSTNode]:
    """Yield root and its non-trivia descendants in source order.

    Descendants of a node for which prune(node) is true are not yielded (the node
    itself is), so callers can stop at nested scopes.
    """
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if prune is not None and node is not root and prune(node):
            continue
        getter = child_getter(type(node))
        if getter is not None:
            stack.extend(reversed(getter(node)))
