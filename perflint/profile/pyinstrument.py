"""pyinstrument JSON: `pyinstrument -r json -o FILE script.py`.

One call tree, `root_frame`, of frames `{function, file_path, line_no, time,
children}`: `line_no` is the function's first line and `time` includes the
children, so a frame's own time is its time less its children's. Built-ins
are frames of the file `<built-in>`; pyinstrument's `[self]` frames are the
parent's own time, `[await]` and `[out-of-context]` time is not spent in the
frame's code and is given to nobody. There is no line data.

The renderer drops frames under 1% of the run by default (their time stays
in their parent's); `-p processor_options.filter_threshold=0` keeps them all.
"""

from __future__ import annotations

from typing import Any

from perflint.profile.model import (
    PYINSTRUMENT,
    FileTimes,
    FunctionTime,
    Profile,
    ProfileError,
    is_python_file,
    seconds,
)

SELF = "[self]"
NOT_RUNNING = frozenset({"[await]", "[out-of-context]"})


def read_pyinstrument(doc: dict[str, Any], source: str) -> Profile:
    root = doc.get("root_frame")
    if root is None:
        raise ProfileError(f"{source}: the pyinstrument profile records no samples")
    total = _time(root, source)
    if total <= 0.0:
        raise ProfileError(f"{source}: the pyinstrument profile records no time")
    functions: dict[tuple[str, int, str], FunctionTime] = {}
    # The tree is as deep as the program's stack was: walk it without recursion.
    todo: list[tuple[Any, float, FunctionTime | None]] = [(root, total, None)]
    while todo:
        frame, time, caller = todo.pop()
        function, file, line, children = _fields(frame, source)
        if function == SELF or function in NOT_RUNNING:
            continue  # [self] is counted in the parent's own time
        python = is_python_file(file)
        owner = caller
        if python:
            owner = functions.get((file, line, function))
            if owner is None:
                owner = functions[file, line, function] = FunctionTime()
        own = time
        for child in children:
            child_time = _time(child, source)
            if child.get("function") != SELF:
                own -= child_time
            todo.append((child, child_time, owner))
        if python and owner is not None:
            owner.own += max(own, 0.0)
        elif owner is not None:
            owner.builtins += max(own, 0.0)
    files: dict[str, FileTimes] = {}
    for (file, line, function), times in functions.items():
        if file not in files:
            files[file] = FileTimes()
        files[file].functions[line, function] = times
    return Profile(source, PYINSTRUMENT, total, files)


def _fields(frame: Any, source: str) -> tuple[str, str, int, list[Any]]:
    if not isinstance(frame, dict):
        raise ProfileError(f"{source}: a pyinstrument frame is not an object")
    function, file = frame.get("function"), frame.get("file_path", "")
    line, children = frame.get("line_no", 0), frame.get("children", [])
    if (
        not isinstance(function, str)
        or not isinstance(file, str)
        or not isinstance(line, int)
        or isinstance(line, bool)
        or not isinstance(children, list)
    ):
        raise ProfileError(f"{source}: a pyinstrument frame lacks function, file_path or line_no")
    return function, file, line, children


def _time(frame: Any, source: str) -> float:
    if not isinstance(frame, dict):
        raise ProfileError(f"{source}: a pyinstrument frame is not an object")
    return seconds(frame.get("time"), "a pyinstrument frame's time", source)
