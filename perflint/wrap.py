"""Splitting a line a fix wrote that is too long, the way black and ruff's
formatter split one: the contents of its last bracket pair on lines of their
own, then, if they still do not fit, one comprehension clause or one
comma-separated item per line. A line this cannot make fit gets None: its
fix is not offered.
"""

from __future__ import annotations

import io
import token
import tokenize
from dataclasses import dataclass
from itertools import pairwise

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {")", "]", "}"}


@dataclass(frozen=True)
class _Token:
    type: int
    string: str
    start: int  # columns in the stripped line
    end: int


def _tokens(code: str) -> list[_Token] | None:
    try:
        found = [
            _Token(t.type, t.string, t.start[1], t.end[1])
            for t in tokenize.generate_tokens(io.StringIO(code + "\n").readline)
            if t.type not in (token.NEWLINE, token.NL, token.ENDMARKER, token.INDENT)
        ]
    except (tokenize.TokenError, SyntaxError):
        return None
    if any(code[t.start : t.end] != t.string for t in found):
        return None  # a token over several lines (a long string)
    return found


def wrap(line: str, limit: int, indent_unit: str = "    ") -> list[str] | None:
    """line (without its newline) as several lines within limit, or None."""
    code = line.lstrip()
    indent = line[: len(line) - len(code)]
    tokens = _tokens(code)
    comment = ""
    if tokens and tokens[-1].type == token.COMMENT:
        # A trailing comment stays at the end of the statement, as formatters keep it.
        comment = "  " + tokens.pop().string
        code = code[: tokens[-1].end] if tokens else ""
    if not tokens or any(t.type == token.COMMENT for t in tokens):
        return None
    last = len(tokens) - 1
    if tokens[last].string == ":":  # `for x in [...]:`
        last -= 1
    if last < 0 or tokens[last].string not in _CLOSE:
        return None
    depth, opening = 0, None
    for index in range(last, -1, -1):
        string = tokens[index].string
        if string in _CLOSE:
            depth += 1
        elif string in _OPEN:
            depth -= 1
            if depth == 0:
                opening = index
                break
    if opening is None or opening + 1 >= last:
        return None  # unbalanced, or an empty pair
    head = code[: tokens[opening].end]
    body_tokens = tokens[opening + 1 : last]
    offset = body_tokens[0].start
    body = code[offset : tokens[last].start].strip()
    tail = code[tokens[last].start :] + comment
    inner = indent + indent_unit
    if len(indent + head) > limit or len(indent + tail) > limit:
        return None
    if len(inner + body) <= limit:
        return [indent + head, inner + body, indent + tail]
    shifted = [_Token(t.type, t.string, t.start - offset, t.end - offset) for t in body_tokens]
    parts = _split(body, shifted)
    if parts is None or any(len(inner + part) > limit for part in parts):
        return None
    return [indent + head, *(inner + part for part in parts), indent + tail]


def _split(body: str, tokens: list[_Token]) -> list[str] | None:
    """The body cut at its top-level comprehension clauses, else at its
    top-level commas, with a trailing comma (harmless once there is a comma:
    `(a, b,)` is the same tuple)."""
    depth = 0
    clauses: list[int] = []
    commas: list[int] = []
    seen_for = False
    for index, current in enumerate(tokens):
        if current.string in _OPEN:
            depth += 1
        elif current.string in _CLOSE:
            depth -= 1
        elif depth == 0 and current.type == token.NAME and current.string in ("for", "async"):
            if current.string == "async" or tokens[index - 1].string != "async":
                clauses.append(current.start)
            seen_for = True
        elif depth == 0 and seen_for and current.string == "if":
            clauses.append(current.start)  # a comprehension's filter, not `x if c else y`
        elif depth == 0 and current.string == ",":
            commas.append(current.end)
    if clauses:
        if commas:
            return None  # `f(x for x in xs, y)` is not valid; leave odd shapes alone
        return _cut(body, clauses)
    if not commas:
        return None
    return [part if part.endswith(",") else part + "," for part in _cut(body, commas)]


def _cut(body: str, cuts: list[int]) -> list[str]:
    pieces = (body[a:b].strip() for a, b in pairwise([0, *cuts, len(body)]))
    return [piece for piece in pieces if piece]
