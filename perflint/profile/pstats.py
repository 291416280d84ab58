"""cProfile / pstats files: `python -m cProfile -o FILE`, `Stats.dump_stats(FILE)`.

The file is one `marshal`led dict, the `stats` of `pstats.Stats`:
`{(file, first line, name): (primitive calls, calls, own time, cumulative time,
callers)}` where `callers` maps each calling function to the same four numbers
for the calls it made (the pure-Python `profile` module stores a call count
instead). Built-ins are recorded as functions of the file `~` (`""` for
`profile`); the own time a built-in spent when called from a Python function
is that function's built-in time.

marshal never runs code, but it builds whatever objects the data describes:
everything is checked against the shape above before use, and the work done
on caller tables, which a hostile file can share between entries, is bounded
by the size of the file.
"""

from __future__ import annotations

import marshal
from typing import Any

from perflint.profile.model import (
    CPROFILE,
    FileTimes,
    FunctionTime,
    Profile,
    ProfileError,
    is_python_file,
    seconds,
    shown,
)

FuncKey = tuple[str, int, str]
INFINITY = float("inf")


def read_pstats(data: bytes, source: str) -> Profile:
    try:
        stats = marshal.loads(data)
    except (EOFError, ValueError, TypeError, OverflowError, MemoryError) as exc:
        raise ProfileError(f"{source}: truncated or corrupt cProfile data ({exc})") from None
    if not isinstance(stats, dict):
        raise ProfileError(f"{source}: not a cProfile/pstats file (no table of functions)")
    if not stats:
        raise ProfileError(f"{source}: the cProfile data records no function calls")
    # Checks are written inline: a long run's file holds millions of entries.
    python: dict[str, bool] = {}
    functions: dict[FuncKey, FunctionTime] = {}
    total = 0.0
    # Callers of built-ins are walked once per built-in; a hostile file can make
    # them all one shared table, so the walk may not exceed what the bytes allow.
    budget = len(data) // 8 + 10_000
    for key, value in stats.items():
        _check_key(key, source)
        if type(value) is not tuple or len(value) != 5 or type(value[4]) is not dict:
            raise ProfileError(f"{source}: corrupt cProfile data (the entry of {shown(key[2])})")
        own = value[2]
        if type(own) is not float or not 0.0 <= own < INFINITY:
            own = seconds(own, f"the own time of {shown(key[2])}", source)
        total += own
        file = key[0]
        if file not in python:
            python[file] = is_python_file(file)
        if python[file]:
            times = functions.get(key)
            if times is None:
                functions[key] = FunctionTime(own=own)
            else:
                times.own += own
            continue
        budget -= len(value[4])
        if budget < 0:
            raise ProfileError(f"{source}: corrupt cProfile data (caller tables too large)")
        _add_builtin(own, value[4], functions, python, source)
    if total <= 0.0:
        raise ProfileError(f"{source}: the cProfile data records no time")
    files: dict[str, FileTimes] = {}
    for (file, line, name), times in functions.items():
        if file not in files:
            files[file] = FileTimes()
        files[file].functions[line, name] = times
    return Profile(source, CPROFILE, total, files)


def _add_builtin(
    own: float,
    callers: dict[Any, Any],
    functions: dict[FuncKey, FunctionTime],
    python: dict[str, bool],
    source: str,
) -> None:
    """Give the built-in's own time to the Python functions that called it."""
    counts: list[tuple[FuncKey, int]] = []
    for caller, stat in callers.items():
        if not (type(caller) is tuple and len(caller) == 3 and type(caller[0]) is str):
            _check_key(caller, source)
        if type(stat) is tuple and len(stat) == 4:
            part = stat[2]
            if type(part) is not float or not 0.0 <= part < INFINITY:
                part = seconds(part, "a caller's own time", source)
        elif type(stat) is int:
            counts.append((caller, max(stat, 0)))  # the `profile` module: a call count
            continue
        else:
            raise ProfileError(f"{source}: corrupt cProfile data (a caller entry)")
        _add_to(caller, part, functions, python, source)
    calls = sum(count for _, count in counts)
    for caller, count in counts:
        _add_to(caller, own * count / calls, functions, python, source)


def _add_to(
    caller: Any,
    part: float,
    functions: dict[FuncKey, FunctionTime],
    python: dict[str, bool],
    source: str,
) -> None:
    file = caller[0]
    if file not in python:
        python[file] = is_python_file(file)
    if python[file]:
        times = functions.get(caller)
        if times is not None:
            times.builtins += part
        else:
            _check_key(caller, source)
            functions[caller] = FunctionTime(builtins=part)


def _check_key(key: object, source: str) -> None:
    if not (
        type(key) is tuple
        and len(key) == 3
        and type(key[0]) is str
        and type(key[1]) is int
        and type(key[2]) is str
    ):
        raise ProfileError(f"{source}: not a cProfile/pstats table (a key is not file, line, name)")
