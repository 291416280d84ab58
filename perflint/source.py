"""Reading source files into text and writing them back unchanged in form:
encoding, byte-order mark and newlines are kept."""

from __future__ import annotations

import ast
import codecs
import io
import re
import tokenize
import warnings
from dataclasses import dataclass

_NOT_UTF8 = (
    "not valid UTF-8 and no coding cookie; save it as UTF-8 or declare its encoding "
    "('# -*- coding: latin-1 -*-')"
)


class SourceError(Exception):
    """A file that cannot be turned into text; the message says why."""


@dataclass(frozen=True)
class SourceFile:
    text: str
    encoding: str  # as named by the coding cookie, or utf-8
    bom: bool

    def encode(self, text: str) -> bytes:
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


def decode(data: bytes) -> SourceFile:
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        if "unknown encoding" in str(exc):
            raise SourceError(f"{exc} (in the coding cookie)") from None
        if "invalid or missing encoding declaration" in str(exc):
            raise SourceError(_NOT_UTF8) from None
        raise SourceError(f"bad encoding declaration: {exc}") from None
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8":
            raise SourceError(_NOT_UTF8) from None
        raise SourceError(f"cannot decode as {encoding} (byte {exc.start})") from None
    except LookupError:
        raise SourceError(f"unknown encoding {encoding!r} in coding cookie") from None
    return SourceFile(text, encoding, bom)


_NOT_BRACKETS = re.compile(r"[^()\[\]{}]+")
_INNERMOST_PAIRS = re.compile(r"\(\)|\[\]|\{\}")
# CPython refuses more than 200 nested brackets ("too many nested parentheses");
# LibCST's native parser can overflow its stack far beyond that, so we stop first.
MAX_BRACKET_DEPTH = 200


def too_deeply_nested(text: str) -> tuple[int, int] | None:
    """(row, column) of the first bracket nested deeper than CPython allows, or None."""
    # Each pass removes the innermost pairs, so the passes needed are the depth.
    brackets = _NOT_BRACKETS.sub("", text)
    for _ in range(MAX_BRACKET_DEPTH + 1):
        brackets, removed = _INNERMOST_PAIRS.subn("", brackets)
        if not removed:
            return None
    # Brackets in strings or comments may have counted: check with real tokens.
    depth = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.OP and token.string in "([{":
                depth += 1
                if depth > MAX_BRACKET_DEPTH:
                    return token.start[0], token.start[1] + 1
            elif token.type == tokenize.OP and token.string in ")]}":
                depth -= 1
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None  # the parser will report the real error
    return None


def parse_python(text: str) -> ast.Module:
    """ast.parse without the warnings CPython prints about the code it reads
    (`"x" is not callable`, invalid escapes): they are about the user's code,
    on perflint's stderr. Raises what ast.parse raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text)
