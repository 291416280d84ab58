"""Where each cell's `source` sits in a notebook's JSON text.

A fix rewrites only the characters of the fixed cells' `source` values, so
everything else in the file stays byte for byte; reports that point into the
file (GitHub, GitLab, SARIF) need the file line of a cell's row. Both come
from one walk over the JSON that steps over every other value with the json
module's own scanner (fast on megabytes of outputs).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# The json module's string scanner (C when available); its stubs do not name it.
_scan_string = json.decoder.scanstring  # type: ignore[attr-defined]


@dataclass(frozen=True)
class SourceSpan:
    start: int  # offset of the value's first character (`"` or `[`)
    end: int  # offset after its last
    items: tuple[tuple[int, str], ...]  # a list's strings and their offsets; () for a string


class _Walker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def _space(self) -> None:
        match = _SPACE.match(self.text, self.at)
        assert match is not None  # the pattern matches the empty string
        self.at = match.end()

    def _take(self, char: str) -> bool:
        self._space()
        if self.text.startswith(char, self.at):
            self.at += 1
            return True
        return False

    def skip(self) -> object:
        """Step over the value at the cursor; returns it."""
        self._space()
        value, self.at = _DECODER.raw_decode(self.text, self.at)
        return value

    def keys(self) -> Iterator[str]:
        """The keys of the object at the cursor; after each, the caller reads
        or skips its value."""
        if not self._take("{"):
            raise ValueError("expected an object")
        if self._take("}"):
            return
        while True:
            self._space()
            key, self.at = _scan_string(self.text, self.at + 1)
            if not self._take(":"):
                raise ValueError("expected ':'")
            self._space()
            yield key
            if self._take("}"):
                return
            if not self._take(","):
                raise ValueError("expected ',' or '}'")

    def items(self) -> Iterator[int]:
        """The offsets of the array's items at the cursor; the caller reads or
        skips each."""
        if not self._take("["):
            raise ValueError("expected an array")
        if self._take("]"):
            return
        while True:
            self._space()
            yield self.at
            if self._take("]"):
                return
            if not self._take(","):
                raise ValueError("expected ',' or ']'")


def source_spans(text: str) -> dict[int, SourceSpan]:
    """Cell number -> the span of its `source` value, for a text that
    perflint.notebook.reader has read as a notebook (ValueError otherwise)."""
    walker = _Walker(text)
    spans: dict[int, SourceSpan] = {}
    for key in walker.keys():
        if key != "cells":
            walker.skip()
            continue
        spans = {}  # of a repeated key, the last counts, as for the json module
        for number, _ in enumerate(walker.items(), 1):
            for field in walker.keys():
                start = walker.at
                if field != "source":
                    walker.skip()
                elif text.startswith("[", start):
                    items = tuple(_item_starts(walker))
                    spans[number] = SourceSpan(start, walker.at, items)
                else:
                    walker.skip()
                    spans[number] = SourceSpan(start, walker.at, ())
    return spans


def _item_starts(walker: _Walker) -> Iterator[tuple[int, str]]:
    for start in walker.items():
        yield start, str(walker.skip())


def file_lines(text: str, span: SourceSpan) -> list[int]:
    """The 1-based line of the file where each of the cell's rows starts: the
    line of the list string a row starts in (Jupyter writes one per row); a
    string value is on one line."""
    first = text.count("\n", 0, span.start) + 1
    if not span.items:
        return [first]
    lines: list[int] = []
    line, at, row_starts = first, span.start, True
    for start, value in span.items:
        line += text.count("\n", at, start)
        at = start
        for char in value:
            if row_starts:
                lines.append(line)
            row_starts = char == "\n"
    return lines
