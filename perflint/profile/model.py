"""The one shape every profile format is read into.

A profile is reduced to what ranking findings needs: the total profiled time
and, per source file as the profiler recorded its path, the time of each
Python function (its own time and the time of the built-ins it calls
directly) and, when the format has it, the time on each line. Names and paths
are kept as recorded; matching them to the linted code is `match.py`'s job.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from functools import cached_property

CPROFILE, SPEEDSCOPE, PYINSTRUMENT = "cprofile", "speedscope", "pyinstrument"


class ProfileError(Exception):
    """A profile that cannot be read; the message is one line naming the file."""


@dataclass
class FunctionTime:
    own: float = 0.0  # seconds in the function's own code
    builtins: float = 0.0  # seconds in built-ins / C functions it called directly

    @property
    def seconds(self) -> float:
        return self.own + self.builtins


@dataclass
class FileTimes:
    """The times recorded for one source file."""

    # (first line, name as recorded) -> times. cProfile and pyinstrument.
    functions: dict[tuple[int, str], FunctionTime] = field(default_factory=dict)
    # (line, name of the function running it, as recorded) -> seconds on the
    # line, built-ins called from it included. Sampled formats (py-spy).
    lines: dict[tuple[int, str], float] = field(default_factory=dict)


@dataclass
class Profile:
    source: str  # the profile file, as named by the user
    format: str  # CPROFILE, SPEEDSCOPE or PYINSTRUMENT
    total: float  # seconds of the whole profile: the denominator of every share
    files: dict[str, FileTimes]  # recorded path -> times

    @cached_property
    def by_basename(self) -> dict[str, list[str]]:
        """Recorded paths by their last component, to find a linted file's quickly."""
        index: dict[str, list[str]] = {}
        for path in self.files:
            parts = path_parts(path)
            if parts:
                index.setdefault(parts[-1], []).append(path)
        return index

    @cached_property
    def resolved(self) -> dict[str, str]:
        """Each absolute recorded path resolved on this machine (symlinks), once."""
        return {path: os.path.realpath(path) for path in self.files if os.path.isabs(path)}


def path_parts(path: str) -> list[str]:
    """A recorded path's components, whatever the recording machine's separator."""
    return [part for part in re.split(r"[\\/]+", path) if part not in ("", ".")]


def is_python_file(path: str) -> bool:
    """A frame in Python source; anything else (`~`, `<built-in>`, `<frozen ...>`,
    native libraries) counts as a built-in of the Python frame that called it."""
    return path.endswith((".py", ".pyw"))


def shown(text: str) -> str:
    """A recorded name or path for an error message: short, one line."""
    return repr(text if len(text) <= 80 else text[:77] + "...")


def seconds(value: object, what: str, source: str) -> float:
    """A recorded time as a float; hostile or broken values are a ProfileError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProfileError(f"{source}: {what} is not a number")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise ProfileError(f"{source}: {what} is not a finite number")
    # cProfile's clock and the calibrated `profile` module can give tiny negatives.
    return max(number, 0.0)
