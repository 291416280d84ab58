"""A profile's times for one linted file, placed on the functions and lines of its text.

Functions match by (first line, name), the name compared without its
qualifying prefix (`Box.hot` is `hot`). Comprehensions, generator
expressions and lambdas are placed by line into the function that contains
them. Lines (py-spy) are placed into the innermost function holding the line
whose name is the recorded one (a decorator line runs in the enclosing
function); every line must also be code, not blank or a comment.

When the profile does not fit the text, the file changed since it was
recorded (`edited`): functions then match by name alone, each to the one of
the same name whose first line is nearest, only where that pairing is
unambiguous both ways (one function, or mutually nearest without a tie);
everything else in the file is unmatched. Line data is not used for an
edited file: its lines may have moved.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from perflint.profile.model import FunctionTime, Profile
from perflint.profile.outline import MODULE, Outline, read_outline
from perflint.profile.paths import recorded_times

# Name matching pairs functions of one name; a hostile profile could hold many.
MAX_PAIRINGS = 100_000


@dataclass
class FileProfile:
    """A profile's times for one linted file; `share_for` reads findings' shares from it."""

    source: str  # the profile file
    total: float  # seconds of the whole profile
    matched_by: str  # "path", "relative" or "installed" (perflint.profile.paths)
    edited: bool  # the text changed since the profile: functions matched by name
    outline: Outline
    seconds: dict[int, float] = field(default_factory=dict)  # unit that ran -> seconds
    lines: dict[int, dict[int, float]] = field(default_factory=dict)  # unit -> line -> seconds

    def add(self, unit: int, spent: float, line: int | None = None) -> None:
        self.seconds[unit] = self.seconds.get(unit, 0.0) + spent
        if line is not None:
            by_line = self.lines.setdefault(unit, {})
            by_line[line] = by_line.get(line, 0.0) + spent


def match_file(
    profile: Profile, path: str | os.PathLike[str], root: str | os.PathLike[str], text: str
) -> FileProfile | None:
    """The profile's times for the file at `path` in the project at `root` whose
    text is `text`; None when the profile has none for it or `text` does not parse."""
    found = recorded_times(profile, Path(path), Path(root))
    if found is None:
        return None
    outline = read_outline(text)
    if outline is None:
        return None
    matched_by, times = found
    result = FileProfile(profile.source, profile.total, matched_by, False, outline)
    edited = _place_functions(times.functions, result)
    detailed = _place_lines(times.lines, result)
    result.edited = edited or detailed is None
    known = detailed or set()
    result.lines = {unit: by_line for unit, by_line in result.lines.items() if unit in known}
    return result


def _place_functions(functions: dict[tuple[int, str], FunctionTime], into: FileProfile) -> bool:
    """Add cProfile / pyinstrument function times; True when the text has changed."""
    outline = into.outline
    by_key = {(unit.first, unit.name): index for index, unit in enumerate(outline.units)}
    taken: set[int] = set()
    leftover: dict[str, list[tuple[int, float]]] = {}
    edited = False
    for (line, name), times in functions.items():
        base = _base(name)
        if _is_scope(base):
            unit = _scope_unit(outline, line, base)
            if unit is None:
                edited = True
            else:
                into.add(unit, times.seconds)
            continue
        unit = by_key.get((line, base))
        if unit is None:
            leftover.setdefault(base, []).append((line, times.seconds))
        else:
            into.add(unit, times.seconds)
            taken.add(unit)
    if not leftover:
        return edited
    free: dict[str, list[int]] = {}
    for index, unit_info in enumerate(outline.units):
        if index not in taken:
            free.setdefault(unit_info.name, []).append(index)
    for name, entries in leftover.items():
        for unit, spent in _pairs(entries, free.get(name, []), outline):
            into.add(unit, spent)
    return True


def _place_lines(lines: dict[tuple[int, str], float], into: FileProfile) -> set[int] | None:
    """Add py-spy line times. The units whose lines are known, or None when the
    text has changed (then they are placed by function name only)."""
    outline = into.outline
    placed = []
    detailed = set()
    for (line, name), spent in lines.items():
        base = _base(name)
        unit = _line_unit(outline, line, base)
        if unit is None:
            break
        placed.append((unit, line, spent))
        # py-spy --function puts every sample at its function's first line: that
        # says how long the function ran, not on which of its lines.
        if line != outline.units[unit].first and not _is_scope(base):
            detailed.add(unit)
    else:
        for unit, line, spent in placed:
            into.add(unit, spent, line)
        return detailed
    by_name: dict[str, float] = {}
    for (_, name), spent in lines.items():
        owner = _owner(name)
        if owner is not None:
            by_name[owner] = by_name.get(owner, 0.0) + spent
    named: dict[str, list[int]] = {}
    for index, unit_info in enumerate(outline.units):
        named.setdefault(unit_info.name, []).append(index)
    for base, spent in by_name.items():
        if len(named.get(base, ())) == 1:
            into.add(named[base][0], spent)
    return None


def _line_unit(outline: Outline, line: int, base: str) -> int | None:
    if _is_scope(base):
        return _scope_unit(outline, line, base)
    if not 1 <= line <= outline.last_line or not outline.code_lines[line]:
        return None
    unit = outline.unit_of_line[line]
    while unit >= 0 and outline.units[unit].name != base:
        unit = outline.units[unit].parent
    return unit if unit >= 0 else None


def _scope_unit(outline: Outline, line: int, base: str) -> int | None:
    """The unit holding a comprehension, lambda or other compiler scope at `line`."""
    if not 1 <= line <= outline.last_line or not outline.code_lines[line]:
        return None
    known = outline.scope_lines.get(base)
    # Other compiler-made scopes (annotation or type-parameter scopes of newer
    # Pythons) belong where their line is.
    return outline.unit_of_line[line] if known is None or line in known else None


def _pairs(
    entries: list[tuple[int, float]], units: list[int], outline: Outline
) -> Iterator[tuple[int, float]]:
    """Recorded (first line, seconds) entries paired with units of their name whose
    first line is nearest, where each is the other's unique nearest."""
    if not units or len(entries) * len(units) > MAX_PAIRINGS:
        return
    firsts = [outline.units[unit].first for unit in units]
    lines = [line for line, _ in entries]
    for index, (line, spent) in enumerate(entries):
        nearest = _unique_nearest(line, firsts)
        if nearest is not None and _unique_nearest(firsts[nearest], lines) == index:
            yield units[nearest], spent


def _unique_nearest(line: int, options: list[int]) -> int | None:
    distances = [abs(option - line) for option in options]
    best = min(distances)
    return distances.index(best) if distances.count(best) == 1 else None


def _base(name: str) -> str:
    """`Box.sort_it.<locals>.<lambda>` -> `<lambda>`: profilers differ in qualifying."""
    return name.rpartition(".")[2] or name


def _owner(name: str) -> str | None:
    """The function a recorded frame's time belongs to, by name: a comprehension's or
    lambda's is the one its qualified name says (`comp.<locals>.<listcomp>`)."""
    parts = name.split(".")
    if not _is_scope(parts[-1]):
        return parts[-1]
    if "<locals>" not in parts:
        return None  # unqualified (py-spy before Python 3.11): it could be anywhere
    while parts and (parts[-1] == "<locals>" or _is_scope(parts[-1])):
        parts.pop()
    return parts[-1] if parts else None


def _is_scope(base: str) -> bool:
    return base.startswith("<") and base != MODULE
