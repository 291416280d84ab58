"""The plain data a lint produces: findings, fixes and text edits.

These types hold no LibCST objects so they pickle cheaply across processes and
into the cache.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from perflint.profile.share import ProfileShare

Location = tuple[int, int]  # (row, column), both 1-based; columns count characters

SAFE = "safe"
UNSAFE = "unsafe"
NONE = "none"


@dataclass(frozen=True)
class Edit:
    """Replace source[start:end] (character offsets) with content."""

    start: int
    end: int
    content: str
    location: Location
    end_location: Location
    # In a notebook: the cell (1-based index into its `cells`) the edit is in;
    # then offsets and locations are the cell source's own.
    cell: int | None = None


@dataclass(frozen=True)
class Fix:
    applicability: str  # SAFE or UNSAFE
    message: str
    edits: tuple[Edit, ...]


def applicable(fix: Fix | None, unsafe: bool) -> bool:
    """Whether --fix applies this fix (with --unsafe-fixes when unsafe is true)."""
    return fix is not None and (
        fix.applicability == SAFE or (unsafe and fix.applicability == UNSAFE)
    )


@dataclass(frozen=True)
class JitEvidence:
    """What `--verify-jit` found for a PFL301 finding (perflint.jit.evidence)."""

    verified: bool  # numba compiled it
    signature: str  # the parameter types it compiled for
    speedup: float | None  # measured, compiled over interpreted; None if not measured
    # Per parameter measured with: an array's or list's shape, an integer's value.
    sizes: tuple[tuple[str, int | tuple[int, ...]], ...] = ()


@dataclass(frozen=True)
class Diagnostic:
    code: str
    name: str
    category: str
    message: str
    location: Location
    end_location: Location
    fix: Fix | None = None
    # The share of profiled run time its code took (perflint.profile), when a
    # profile is given; None there means the code never ran in the profile.
    profile: ProfileShare | None = None
    # In a notebook: the 1-based index into its `cells` (markdown cells count);
    # then rows are the cell's own (perflint.notebook).
    cell: int | None = None
    # PFL301 under --verify-jit.
    jit: JitEvidence | None = None


@dataclass
class LintResult:
    """What linting one source text produced."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Internal errors: (rule code or "engine", message). Never raised to callers.
    errors: list[tuple[str, str]] = field(default_factory=list)


_NEWLINE = re.compile(r"\r\n|\r|\n")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """Python's lines of text: str.splitlines() also splits at form feeds and
    other characters that end no line of code."""
    if "\r" not in text:  # the usual case, a tenth of the regex's time
        parts = text.split("\n")
        last = parts.pop()
        if keepends:
            parts = [part + "\n" for part in parts]
        if last:
            parts.append(last)
        return parts
    lines = _LINE.findall(text)
    return lines if keepends else [line.rstrip("\r\n") for line in lines]


class LineIndex:
    """Maps character offsets to (row, column) and back, for one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def location(self, offset: int) -> Location:
        row = bisect.bisect_right(self.starts, offset) - 1
        return row + 1, offset - self.starts[row] + 1

    def offset(self, location: Location) -> int:
        row, column = location
        return self.starts[row - 1] + column - 1

    def line(self, row: int) -> str:
        """The text of a 1-based row, without its newline."""
        start = self.starts[row - 1]
        end = self.starts[row] if row < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
