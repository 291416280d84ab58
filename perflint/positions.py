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


class TextDiffers(Exception):
    """LibCST's text of the module is not the text it was parsed from: its
    parser drops a few characters (form feeds starting a line, the space in
    `except OSError :`), and ranges in its text would be off in the source."""


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


class _CheckedState(_RangeRecordingState):
    """Records ranges and checks, token by token, that LibCST writes source."""

    def __init__(self, module: cst.Module, wanted: set[int], source: str) -> None:
        super().__init__(module, wanted)
        self.source = source

    def add_token(self, value: str) -> None:
        if not self.source.startswith(value, self.offset):
            raise TextDiffers
        self.offset += len(value)

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.add_token(token)


def node_ranges(
    module: cst.Module, nodes: Iterable[cst.CSTNode], source: str | None = None
) -> dict[int, Range]:
    """Character ranges of the given nodes of module, keyed by id(node).

    Ranges exclude the whitespace a node owns, as LibCST's PositionProvider does.
    With source (the text module was parsed from), raises TextDiffers when
    LibCST's text departs from it before the last of the nodes.
    """
    wanted = {id(node) for node in nodes}
    if not wanted:
        return {}
    # The state adds the boundary nodes of syntactic ranges to its own copy.
    state = (
        _RangeRecordingState(module, set(wanted))
        if source is None
        else _CheckedState(module, set(wanted), source)
    )
    try:
        module._codegen(state)
    except _AllFound:
        pass
    return {key: state.ranges[key] for key in wanted if key in state.ranges}
