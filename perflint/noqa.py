"""`# noqa` and `# noqa: PFL101, PFL2` comments on a reported line."""

from __future__ import annotations

import re

from perflint.diagnostics import Diagnostic, LineIndex

NOQA = re.compile(
    r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:\s*,?\s*[A-Z]+[0-9]+)*))?", re.IGNORECASE
)
_CODE = re.compile(r"[A-Z]+[0-9]+", re.IGNORECASE)


def suppressed_codes(line: str) -> frozenset[str] | None:
    """None when the line has no noqa; an empty set for a bare `# noqa` (all codes)."""
    if "noqa" not in line.lower():
        return None
    match = NOQA.search(line)
    if match is None:
        return None
    codes = match.group("codes")
    if not codes:
        return frozenset()
    return frozenset(noqa_codes(codes))


def noqa_codes(codes: str) -> list[str]:
    """The codes of a noqa comment's list, upper case, in the order written."""
    return list(dict.fromkeys(code.upper() for code in _CODE.findall(codes)))


def is_suppressed(diagnostic: Diagnostic, lines: LineIndex) -> bool:
    codes = suppressed_codes(lines.line(diagnostic.location[0]))
    if codes is None:
        return False
    return not codes or diagnostic.code in codes
