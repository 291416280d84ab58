"""Writing fixed cells back into a notebook's JSON text.

Only the `source` values of the changed cells are rewritten; every other
character of the file (outputs, execution counts, ids, metadata, key order,
indentation, the last newline) is copied. A source the file holds as a list of
lines stays a list laid out as it was; a string stays a string."""

from __future__ import annotations

import codecs
import json
import re

from perflint.notebook.layout import SourceSpan, source_spans
from perflint.notebook.reader import Notebook

_ESCAPED_NON_ASCII = re.compile(r"\\u[0-9a-fA-F]{4}")


def with_sources(notebook: Notebook, changed: dict[int, str]) -> bytes:
    """The notebook file's bytes with the cells in changed (number -> new
    source) given their new sources."""
    text = notebook.text
    spans = source_spans(text)
    as_lines = {cell.number: cell.as_lines for cell in notebook.cells}
    # Jupyter writes non-ASCII characters as they are; keep a file that escapes them escaped.
    ascii_only = text.isascii() and _ESCAPED_NON_ASCII.search(text) is not None
    pieces, at = [], 0
    for number in sorted(changed):
        span = spans[number]
        pieces.append(text[at : span.start])
        source = changed[number]
        if as_lines[number]:
            pieces.append(_as_list(text, span, source, ascii_only))
        else:
            pieces.append(json.dumps(source, ensure_ascii=ascii_only))
        at = span.end
    pieces.append(text[at:])
    data = "".join(pieces).encode("utf-8")
    return codecs.BOM_UTF8 + data if notebook.bom else data


def _as_list(text: str, span: SourceSpan, source: str, ascii_only: bool) -> str:
    """source as a JSON list of its lines, with the spacing the old list had
    (after `[`, between strings, before `]`)."""
    items = [json.dumps(line, ensure_ascii=ascii_only) for line in source.splitlines(True)]
    if not items:
        return "[]"
    old = text[span.start : span.end]
    if span.items:
        opening = text[span.start + 1 : span.items[0][0]]
        inside = old[:-1]
        closing = inside[len(inside.rstrip()) :]
    else:  # `[]`: laid out as nbformat does, one space deeper than the key's line
        line_start = text.rfind("\n", 0, span.start) + 1
        line = text[line_start : span.start]
        indent = line[: len(line) - len(line.lstrip())]
        opening, closing = f"\n{indent} ", f"\n{indent}"
    if len(span.items) > 1:
        between = text[span.items[0][0] : span.items[1][0]]
        separator = between[len(between.rstrip()) - 1 :]  # the comma and the space after it
    else:
        separator = "," + opening if "\n" in opening else ", "
    return "[" + opening + separator.join(items) + closing + "]"
