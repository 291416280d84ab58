"""Mapping positions in LibCST's text of a module back to the source.

LibCST drops form feeds (and the spaces around them) that begin a line before
a statement: `parse_module("\\x0cimport os\\n").code == "import os\\n"`, and the
whitespace before an except clause's colon (`except OSError :`). Positions
computed on its tree are then offsets into that shorter text (perflint.positions
notices, and perflint.api then maps them). OffsetMap turns
them into offsets into the source, so findings point at the right text and
fixes edit the right characters.
"""

from __future__ import annotations

import bisect
import re

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_DROPPABLE = " \t\x0c"


class OffsetMap:
    def __init__(self, points: list[int], totals: list[int]) -> None:
        # Characters were dropped just before generated offset points[i];
        # totals[i] is how many were dropped up to and including that point.
        self.points = points
        self.totals = totals

    def start(self, offset: int) -> int:
        """Source offset of a range starting at this generated offset (after
        anything dropped just before it)."""
        index = bisect.bisect_right(self.points, offset)
        return offset + (self.totals[index - 1] if index else 0)

    def end(self, offset: int) -> int:
        """Source offset of a range ending at this generated offset (before
        anything dropped just after it)."""
        index = bisect.bisect_left(self.points, offset)
        return offset + (self.totals[index - 1] if index else 0)


def offset_map(source: str, generated: str) -> OffsetMap | None:
    """How generated (LibCST's text) lost characters of source, when it lost
    only form feeds, spaces and tabs within lines; None for any other difference."""
    source_lines = _LINES.findall(source)
    generated_lines = _LINES.findall(generated)
    if len(source_lines) != len(generated_lines):
        return None
    points: list[int] = []
    totals: list[int] = []
    dropped = 0
    offset = 0
    for original, kept in zip(source_lines, generated_lines, strict=True):
        if original != kept:
            i = j = 0
            while i < len(original):
                if j < len(kept) and original[i] == kept[j]:
                    i, j = i + 1, j + 1
                elif original[i] in _DROPPABLE:
                    dropped += 1
                    if points and points[-1] == offset + j:
                        totals[-1] = dropped
                    else:
                        points.append(offset + j)
                        totals.append(dropped)
                    i += 1
                else:
                    return None
            if j != len(kept):
                return None
        offset += len(kept)
    return OffsetMap(points, totals)
