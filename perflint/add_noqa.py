"""`--add-noqa`: a `# noqa: CODES` comment on each line that has findings, so a
code base can adopt perflint and see only new findings from then on."""

from __future__ import annotations

import io
import tokenize
from collections.abc import Iterable

from perflint.diagnostics import Diagnostic, LineIndex, split_lines
from perflint.noqa import NOQA, noqa_codes

# A syntax error or an unreadable file is not suppressed by a comment.
_NOT_SUPPRESSIBLE = ("PFL001", "PFL002")


def add_noqa(text: str, diagnostics: Iterable[Diagnostic]) -> tuple[str, int, int]:
    """text with the codes of diagnostics added to a noqa comment on their
    lines, how many lines changed, and how many could not: a line whose end is
    inside a string or continued with a backslash cannot end with a comment."""
    wanted: dict[int, list[str]] = {}
    for d in diagnostics:
        if d.code not in _NOT_SUPPRESSIBLE:
            wanted.setdefault(d.location[0], []).append(d.code)
    ends = _comment_ends(text)
    if not wanted or ends is None:
        return text, 0, len(wanted)
    lines = split_lines(text, keepends=True)
    index = LineIndex(text)
    added = skipped = 0
    for row, codes in sorted(wanted.items()):
        if row not in ends:
            skipped += 1
            continue
        comment = ends[row]
        line = index.line(row)
        body, newline = line, lines[row - 1][len(line) :]
        match = NOQA.search(comment) if comment else None
        if comment and match is not None:
            if not match.group("codes"):
                continue  # a bare noqa already suppresses everything
            merged = list(dict.fromkeys([*noqa_codes(match.group("codes")), *sorted(codes)]))
            start = len(body) - len(comment) + match.start()
            end = len(body) - len(comment) + match.end()
            body = f"{body[:start]}# noqa: {', '.join(merged)}{body[end:]}"
        elif comment is not None and NOQA.search(line) is None:
            body = f"{body.rstrip()}  # noqa: {', '.join(sorted(set(codes)))}"
        else:  # a noqa inside a string on this line: suppression would read that one
            skipped += 1
            continue
        lines[row - 1] = body + newline
        added += 1
    return "".join(lines), added, skipped


def _comment_ends(text: str) -> dict[int, str] | None:
    """Rows a comment can end: row -> the comment already there ('' for none).
    None when the text does not tokenize."""
    ends: dict[int, str] = {}
    comments: dict[int, str] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                comments[token.start[0]] = token.string
            elif token.type in (tokenize.NEWLINE, tokenize.NL):
                row = token.start[0]
                ends[row] = comments.get(row, "")
    except (tokenize.TokenError, SyntaxError):
        return None
    return ends
