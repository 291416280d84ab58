"""The share of a profile's time that a finding's code took.

A finding's code is the innermost function (or class body, or module level)
holding its first line. Its share is the fraction of the whole profile's time
spent in that function's own body, comprehensions, generator expressions and
lambdas written in it included, plus the built-ins (C functions) it calls
directly; Python functions it calls get their own share. With line data
(py-spy), the share is the time on the finding's own lines instead: the whole
statement it is on, and the whole loop for a finding on a `for` / `while`
line (the whole function for one on a `def` line). None means the code never
ran in this profile; a sampling profiler cannot tell that from running for
less than one sample.
"""

from __future__ import annotations

from dataclasses import dataclass

from perflint.profile.match import FileProfile


@dataclass(frozen=True)
class ProfileShare:
    share: float  # 0..1 of the whole profile's time
    seconds: float
    source: str  # the profile file


def share_for(profile: FileProfile, row: int, end_row: int) -> ProfileShare | None:
    """The share of a finding at rows `row`..`end_row` (1-based) of the matched file."""
    outline = profile.outline
    unit = outline.unit_at(row)
    if unit not in profile.seconds:
        return None
    by_line = profile.lines.get(unit)
    if by_line is None:
        spent = profile.seconds[unit]
    else:
        first, last = outline.finding_lines(row, end_row)
        if last - first < len(by_line):
            spent = sum(by_line.get(line, 0.0) for line in range(first, last + 1))
        else:
            spent = sum(time for line, time in by_line.items() if first <= line <= last)
    return ProfileShare(min(spent / profile.total, 1.0), spent, profile.source)
