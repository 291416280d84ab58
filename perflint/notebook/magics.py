"""IPython syntax in a cell (magics, shell escapes, help) made parseable.

Every other row of the cell is kept exactly, so positions on them need no
mapping; the rows replaced are returned so that callers drop findings on them
and refuse edits that would change them.
"""

from __future__ import annotations

import io
import re
import tokenize

from perflint.diagnostics import split_lines

# Cell magics whose body is Python run as it is (timed, profiled, captured): the
# body is linted. Any other cell magic (%%bash, %%html, %%writefile, %%sql, ...)
# makes the whole cell opaque.
PYTHON_CELL_MAGICS = frozenset(
    {"time", "timeit", "prun", "capture", "debug", "pypy", "python", "python3", "ipython"}
)

_CELL_MAGIC = re.compile(r"%%([\w.-]*)")
# `x = !ls`, `files = %sx ls`, `a, b = %who_ls`: valid Python never has `%` or
# `!` right after an assignment's `=`.
_ASSIGNED = re.compile(r"(\s*[\w.\[\](),*\s]+?\s*=\s*)[!%]")
# `obj?`, `df.groupby??`, `np.*load*?`: help on a name.
_HELP_SUFFIX = re.compile(r"\s*[\w.*\[\]]+\?{1,2}\s*")
# Line starts no Python statement has: magics, shell escapes, help, and
# IPython's autocall (`/f a`, `,f a b`, `;f a b`).
_ESCAPES = ("%", "!", "?", "/", ",", ";")


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


def _blank(line: str) -> str:
    """A row that holds nothing but is still a row: a bare comment, as an empty
    last line without a newline would not be one."""
    return "#" + _ending(line)


def _replacement(line: str, probe: bool) -> str:
    """A line that parses in place of the magic line: at module level a comment
    of the same length (so the module's first imports stay its first
    statements), in a block `pass` (a block needs a statement), and for an
    assignment the target bound to `...`, so the name stays defined. A probe
    is always a statement, so that the tokenizer shows where it stands."""
    body = line.rstrip("\r\n")
    assigned = _ASSIGNED.match(body)
    if assigned is not None:
        return assigned.group(1) + "..." + _ending(line)
    indent = body[: len(body) - len(body.lstrip())]
    if not indent and not probe:
        return "#" + body[1:] + _ending(line)
    return indent + "pass" + _ending(line)


def _is_candidate(line: str) -> bool:
    body = line.strip()
    return bool(
        body.startswith(_ESCAPES)
        or _HELP_SUFFIX.fullmatch(body)
        or _ASSIGNED.match(line.rstrip("\r\n"))
    )


def _continued(lines: list[str], row: int) -> list[int]:
    """The rows (1-based) a magic on row continues onto with trailing backslashes."""
    rows = []
    while lines[row - 1].rstrip("\r\n").endswith("\\") and row < len(lines):
        row += 1
        rows.append(row)
    return rows


def _logical_starts(text: str) -> tuple[set[int], int]:
    """Rows where a logical line (a statement) starts, and the last row the
    tokenizer reached before any error (rows after it are unknown)."""
    starts: set[int] = set()
    at_start = True
    reached = 0
    skipped = (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT)
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            reached = token.start[0]
            if token.type == tokenize.NEWLINE:
                at_start = True
            elif token.type not in skipped and at_start:
                starts.add(token.start[0])
                at_start = False
    except (tokenize.TokenError, SyntaxError):
        pass
    return starts, reached


def neutralise(source: str) -> tuple[str, frozenset[int]]:
    """(text, rows): source with its IPython lines replaced by Python that
    parses, and the 1-based rows replaced. Rows and line endings are kept; only
    the replaced rows differ from source."""
    lines = split_lines(source, keepends=True)
    if not lines:
        return source, frozenset()
    first = _CELL_MAGIC.match(lines[0])
    if first is not None and first.group(1) not in PYTHON_CELL_MAGICS:
        # The body is another language: nothing in the cell is Python.
        return "".join(_blank(line) for line in lines), frozenset(range(1, len(lines) + 1))
    candidates: list[int] = []
    continuations: set[int] = set()
    for row, line in enumerate(lines, 1):
        if row not in continuations and _is_candidate(line):
            candidates.append(row)
            continuations.update(_continued(lines, row))
    if not candidates:
        return source, frozenset()
    # A candidate inside a string or continuing an expression (`    % b)`) is
    # Python, not a magic: the tokenizer tells, on the text with the candidates
    # replaced. The first wrong one can mislead it about the rows after, so
    # they are reverted one at a time, in order.
    accepted = list(candidates)
    while True:
        probe, _ = _replace(lines, accepted, probe=True)
        starts, reached = _logical_starts(probe)
        wrong = next((r for r in accepted if r <= reached and r not in starts), None)
        if wrong is None:
            return _replace(lines, accepted, probe=False)
        accepted.remove(wrong)


def _replace(lines: list[str], accepted: list[int], probe: bool) -> tuple[str, frozenset[int]]:
    replaced = list(lines)
    rows: set[int] = set()
    for row in accepted:
        replaced[row - 1] = _replacement(lines[row - 1], probe)
        rows.add(row)
        for more in _continued(lines, row):
            replaced[more - 1] = _blank(lines[more - 1])
            rows.add(more)
    return "".join(replaced), frozenset(rows)
