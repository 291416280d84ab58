"""Parsing source text into one LibCST module, in pieces when the file is long.

LibCST's parser grows faster than linearly with file length (a file repeated
10 times takes 12-14x as long to parse; see benchmarks/README.md). Long files are
cut before top-level `def`, `class` and decorator lines that follow a blank
line, each piece is parsed alone and the pieces are joined into one module
whose code is exactly the original text. A cut inside a string or bracket
makes a piece unparsable, and then the whole file is parsed at once.
"""

from __future__ import annotations

import re
from collections import OrderedDict

import libcst as cst

# Files shorter than this are parsed in one go; pieces are about this long.
PIECE_LINES = 600

_INDENTED = re.compile(r"^[ \t]+\S", re.MULTILINE)
_CUT = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)(?=@|def |class |async def )")


class PieceCache:
    """Parsed pieces by their text, for a caller that parses the same file
    again and again (the language server, on every edit): only the pieces an
    edit touched are parsed again. LibCST nodes are immutable, so sharing
    them between parses is safe."""

    def __init__(self, piece_lines: int = 40, size: int = 4000) -> None:
        self.piece_lines = piece_lines
        self.size = size
        self._pieces: OrderedDict[str, cst.Module] = OrderedDict()

    def parse(self, text: str) -> cst.Module:
        found = self._pieces.get(text)
        if found is not None:
            self._pieces.move_to_end(text)
            return found
        parsed = self._pieces[text] = cst.parse_module(text)
        if len(self._pieces) > self.size:
            self._pieces.popitem(last=False)
        return parsed


def _cut_points(text: str, piece_lines: int = PIECE_LINES) -> list[int]:
    """Offsets where a piece may start: the line after a blank line that
    begins a top-level definition, at least piece_lines lines apart."""
    points = []
    last = 0
    newlines_before = 0
    for match in _CUT.finditer(text):
        start = match.end()
        newlines_before += text.count("\n", last, start)
        if newlines_before >= piece_lines:
            points.append(start)
            newlines_before = 0
        last = start
    return points


def _join(pieces: list[cst.Module], indent: str) -> cst.Module:
    first = pieces[0]
    body: list[cst.BaseStatement] = []
    carried: list[cst.EmptyLine] = []  # lines between pieces' statements
    for index, piece in enumerate(pieces):
        statements = list(piece.body)
        leading = [*carried, *(piece.header if index else ())]
        if statements and leading:
            statements[0] = statements[0].with_changes(
                leading_lines=[*leading, *statements[0].leading_lines]
            )
            leading = []
        body.extend(statements)
        carried = [*leading, *piece.footer]
    return first.with_changes(
        body=body,
        footer=carried,
        default_indent=indent,
        has_trailing_newline=pieces[-1].has_trailing_newline,
    )


def parse_module(text: str, cache: PieceCache | None = None) -> cst.Module:
    """cst.parse_module(text), in pieces for long files (for any file with
    more than two pieces' worth of lines when a cache is given); raises what
    cst.parse_module(text) raises, whatever that is (not only ParserSyntaxError)."""
    piece_lines = cache.piece_lines if cache is not None else PIECE_LINES
    points = _cut_points(text, piece_lines) if text.count("\n") >= 2 * piece_lines else []
    if not points:
        return cache.parse(text) if cache is not None else cst.parse_module(text)
    bounds = [0, *points, len(text)]
    texts = [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    parse = cache.parse if cache is not None else cst.parse_module
    try:
        pieces = [parse(piece) for piece in texts]
    except Exception:  # any failure: parsing the whole text gives the error that counts
        return cst.parse_module(text)  # a cut fell inside a string: no shortcut
    # Blocks indented with the module's default indent (and lines ending in its
    # default newline) store no indent of their own: pieces must agree on both.
    indents = {p.default_indent for p, t in zip(pieces, texts, strict=True) if _INDENTED.search(t)}
    if len(indents) > 1 or len({p.default_newline for p in pieces}) > 1:
        return cst.parse_module(text)
    return _join(pieces, indents.pop() if indents else pieces[0].default_indent)
