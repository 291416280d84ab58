"""Source ranges for the few nodes a lint reports.

LibCST's PositionProvider computes a range for every node of a module, which
costs twice the parse. We run LibCST's own code generator with a state that only
counts characters and records the nodes we asked for, and stop it as soon as the
last of them is done.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import libcst as cst
from libcst._nodes.internal import CodegenState

Range = tuple[int, int]  # character offsets [start, end)


class _AllFound(Exception):
    pass


class _RangeRecordingState(CodegenState):
    def __init__(self, module: cst.Module, wanted: set[int]) -> None:
        super().__init__(
            default_indent=module.default_indent, default_newline=module.default_newline
        )
        self.offset = 0
        self.wanted = wanted  # ids of nodes whose range we must record
        self.pending = set(wanted)  # the caller's nodes not finished yet
        self.starts: dict[int, int] = {}
        self.ranges: dict[int, Range] = {}

    def add_token(self, value: str) -> None:
        self.offset += len(value)

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.offset += len(token)

    def before_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.wanted:
            self.starts[id(node)] = self.offset

    def after_codegen(self, node: cst.CSTNode) -> None:
        key = id(node)
        if key not in self.wanted:
            return
        # A syntactic range (without owned whitespace) recorded earlier wins.
        self.ranges.setdefault(key, (self.starts[key], self.offset))
        self.pending.discard(key)
        if not self.pending:
            raise _AllFound

    @contextmanager
    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> Iterator[None]:
        key = id(node)
        if key not in self.wanted:
            yield
            return
        # The boundary nodes are codegen'd inside this block: record them too.
        for boundary in (start_node, end_node):
            if boundary is not None:
                self.wanted.add(id(boundary))
        start = self.offset
        yield
        end = self.offset
        if start_node is not None:
            start = self.ranges[id(start_node)][0]
        if end_node is not None:
            end = self.ranges[id(end_node)][1]
        self.ranges[key] = (start, end)


def node_ranges(module: cst.Module, nodes: Iterable[cst.CSTNode]) -> dict[int, Range]:
    """Character ranges of the given nodes of module, keyed by id(node).

    Ranges exclude the whitespace a node owns, as LibCST's PositionProvider does.
    """
    wanted = {id(node) for node in nodes}
    if not wanted:
        return {}
    state = _RangeRecordingState(module, wanted)
    try:
        module._codegen(state)
    except _AllFound:
        pass
    return {key: state.ranges[key] for key in wanted if key in state.ranges}
