"""speedscope JSON: `py-spy record -f speedscope -o FILE -- python ...`.

The format (https://www.speedscope.app/file-format-schema.json): `shared.frames`
lists frames `{name, file, line}`; each of `profiles` (py-spy: one per thread)
is "sampled", stacks of frame indices from the root to the leaf with a weight
each, or "evented", open/close events at times. A py-spy frame is a function
at the line it was running (with `--function`, at its first line), so the
data is per line.

Each sample's weight goes to the innermost frame in Python source: the leaf
itself, or, when the leaf is a built-in or native frame, the Python frame
that called it (its line's built-in time). Samples with no stack count only
towards the total.
"""

from __future__ import annotations

from typing import Any

from perflint.profile.model import (
    SPEEDSCOPE,
    FileTimes,
    Profile,
    ProfileError,
    is_python_file,
    seconds,
    shown,
)

UNITS = {"nanoseconds": 1e-9, "microseconds": 1e-6, "milliseconds": 1e-3, "seconds": 1.0}


def read_speedscope(doc: dict[str, Any], source: str) -> Profile:
    frames = _frames(doc, source)
    python = [is_python_file(file) for file, _, _ in frames]
    profiles = doc.get("profiles")
    if not isinstance(profiles, list) or not profiles:
        raise ProfileError(f"{source}: the speedscope file has no profiles")
    charged = [0.0] * len(frames)  # seconds per frame index, for Python frames
    total = 0.0
    for number, profile in enumerate(profiles, 1):
        if not isinstance(profile, dict):
            raise ProfileError(f"{source}: speedscope profile {number} is not an object")
        scale = _scale(profile, number, source)
        kind, where = profile.get("type"), f"{source}: profile {number}"
        if kind == "sampled":
            total += scale * _sampled(profile, python, charged, scale, where)
        elif kind == "evented":
            total += scale * _evented(profile, python, charged, scale, where)
        else:
            raise ProfileError(f"{source}: speedscope profile {number} has unknown type {kind!r}")
    if total <= 0.0:
        raise ProfileError(f"{source}: the speedscope profile records no time")
    files: dict[str, FileTimes] = {}
    for index, spent in enumerate(charged):
        if spent > 0.0:
            file, line, name = frames[index]
            lines = files.setdefault(file, FileTimes()).lines
            lines[line, name] = lines.get((line, name), 0.0) + spent
    return Profile(source, SPEEDSCOPE, total, files)


def _frames(doc: dict[str, Any], source: str) -> list[tuple[str, int, str]]:
    shared = doc.get("shared")
    frames = shared.get("frames") if isinstance(shared, dict) else None
    if not isinstance(frames, list):
        raise ProfileError(f"{source}: the speedscope file has no shared.frames list")
    result = []
    for index, frame in enumerate(frames):
        if not isinstance(frame, dict):
            raise ProfileError(f"{source}: speedscope frame {index} is not an object")
        name, file, line = frame.get("name"), frame.get("file") or "", frame.get("line")
        if not isinstance(name, str) or not isinstance(file, str):
            raise ProfileError(f"{source}: speedscope frame {index} has no name or file")
        if line is None:
            line = 0  # optional in the schema; such a frame cannot be placed by line
        if not isinstance(line, int) or isinstance(line, bool):
            raise ProfileError(f"{source}: speedscope frame {index} ({shown(name)}) has a bad line")
        result.append((file, line, name))
    return result


def _scale(profile: dict[str, Any], number: int, source: str) -> float:
    unit = profile.get("unit")
    if unit not in UNITS:
        raise ProfileError(
            f"{source}: speedscope profile {number} is measured in {unit!r}, not in time"
        )
    return UNITS[unit]


def _sampled(
    profile: dict[str, Any], python: list[bool], charged: list[float], scale: float, where: str
) -> float:
    """Charge each sample to its Python frame; the profile's total weight."""
    samples, weights = profile.get("samples"), profile.get("weights")
    if not isinstance(samples, list) or not isinstance(weights, list):
        raise ProfileError(f"{where}: a sampled profile needs samples and weights lists")
    if len(samples) != len(weights):
        raise ProfileError(f"{where}: {len(samples)} samples but {len(weights)} weights")
    if not weights:
        return 0.0
    try:  # checked in bulk: 100 MB files hold millions of samples
        weight_sum, lowest = sum(weights), min(weights)
    except (TypeError, OverflowError):
        raise ProfileError(f"{where}: a weight is not a number") from None
    total = seconds(weight_sum, "the sum of the weights", where)
    if lowest < 0:
        raise ProfileError(f"{where}: a sample has a negative weight")
    try:
        for stack, weight in zip(samples, weights, strict=True):
            if stack and min(stack) < 0:
                raise IndexError
            depth = len(stack) - 1
            while depth >= 0 and not python[stack[depth]]:
                depth -= 1
            if depth >= 0:
                charged[stack[depth]] += weight * scale
    except (TypeError, LookupError):
        raise ProfileError(f"{where}: a sample is not a list of frame indices") from None
    return total


def _evented(
    profile: dict[str, Any], python: list[bool], charged: list[float], scale: float, where: str
) -> float:
    """Charge the time between events to the open stack's Python frame; the duration."""
    events, start, end = profile.get("events"), profile.get("startValue"), profile.get("endValue")
    if not isinstance(events, list):
        raise ProfileError(f"{where}: an evented profile needs an events list")
    start = seconds(start, "startValue", where)
    end = seconds(end, "endValue", where)
    stack: list[int] = []
    innermost: list[int] = []  # per open frame: the nearest Python frame at or below it
    last = start
    for event in events:
        if not isinstance(event, dict):
            raise ProfileError(f"{where}: an event is not an object")
        at, frame = seconds(event.get("at"), "an event's time", where), event.get("frame")
        if at < last:
            raise ProfileError(f"{where}: events are not in time order")
        if innermost and innermost[-1] >= 0:
            charged[innermost[-1]] += (at - last) * scale
        last = at
        if not isinstance(frame, int) or isinstance(frame, bool) or not 0 <= frame < len(python):
            raise ProfileError(f"{where}: an event names no frame")
        if event.get("type") == "O":
            stack.append(frame)
            innermost.append(frame if python[frame] else (innermost[-1] if innermost else -1))
        elif event.get("type") == "C" and stack and stack[-1] == frame:
            stack.pop()
            innermost.pop()
        else:
            raise ProfileError(f"{where}: an event closes a frame that is not open")
    return max(end - start, last - start)
