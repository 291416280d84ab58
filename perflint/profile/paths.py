"""Which of a profile's recorded paths are a linted file, and how they were matched.

In order, the first way that finds any wins:
- "path": the recorded path is the linted file (both resolved, symlinks too);
- "relative": the profile was recorded elsewhere (another checkout, CI): the
  recorded path ends with the file's project-relative path, or a relative
  recorded path (the profiler's working directory is unknown) is the end of it;
- "installed": the profile ran an installed copy: the part of the recorded
  path after `site-packages` / `dist-packages` is the file's module path
  (`mypkg/mod.py` for `src/mypkg/mod.py` or `mypkg/mod.py` in the project).
Several recorded paths matched the same way (the code ran from two places) add up.
"""

from __future__ import annotations

import os
from pathlib import Path

from perflint.profile.model import FileTimes, FunctionTime, Profile, path_parts

PATH, RELATIVE, INSTALLED = "path", "relative", "installed"
INSTALL_DIRS = ("site-packages", "dist-packages")


def recorded_times(profile: Profile, path: Path, root: Path) -> tuple[str, FileTimes] | None:
    """(how it matched, the times of every recorded path that is `path`), or None."""
    candidates = profile.by_basename.get(path.name)
    if not candidates:
        return None
    real = os.path.realpath(path)
    real_root = os.path.realpath(root)
    relative = _relative_parts(real, real_root)
    modules = _module_paths(Path(real), Path(real_root), relative)
    found: dict[str, list[str]] = {}
    for recorded in candidates:
        how = _how(recorded, profile.resolved.get(recorded), real, relative, modules)
        if how is not None:
            found.setdefault(how, []).append(recorded)
    for how in (PATH, RELATIVE, INSTALLED):
        if how in found:
            return how, _merged([profile.files[recorded] for recorded in found[how]])
    return None


def _how(
    recorded: str,
    resolved: str | None,
    real: str,
    relative: list[str] | None,
    modules: list[list[str]],
) -> str | None:
    if resolved == real:
        return PATH
    parts = path_parts(recorded)
    if relative is not None and ".." not in parts:
        if _is_absolute(recorded):
            if len(parts) > len(relative) and parts[-len(relative) :] == relative:
                return RELATIVE
        elif relative[-len(parts) :] == parts:
            return RELATIVE
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] in INSTALL_DIRS:
            return INSTALLED if parts[index + 1 :] in modules else None
    return None


def _is_absolute(recorded: str) -> bool:
    """Absolute on the machine that recorded it: POSIX, a Windows drive or UNC path."""
    drive = len(recorded) > 2 and recorded[1:3] in (":\\", ":/")
    return drive or recorded.startswith(("/", "\\"))


def _relative_parts(real: str, real_root: str) -> list[str] | None:
    try:
        relative = os.path.relpath(real, real_root)
    except ValueError:  # another drive
        return None
    parts = path_parts(relative)
    return None if not parts or parts[0] == ".." else parts


def _module_paths(real: Path, root: Path, relative: list[str] | None) -> list[list[str]]:
    """The paths the file can have under site-packages: from the top package down,
    and the project-relative path without a leading `src`."""
    paths = []
    if relative is not None:
        paths.append(relative[1:] if relative[0] == "src" and len(relative) > 1 else relative)
    package = [real.name]
    folder = real.parent
    while folder != root and (folder / "__init__.py").is_file() and folder.parent != folder:
        package.insert(0, folder.name)
        folder = folder.parent
    if len(package) > 1:
        paths.append(package)
    return paths


def _merged(times: list[FileTimes]) -> FileTimes:
    if len(times) == 1:
        return times[0]
    merged = FileTimes()
    for each in times:
        for key, value in each.functions.items():
            into = merged.functions.setdefault(key, FunctionTime())
            into.own += value.own
            into.builtins += value.builtins
        for line, spent in each.lines.items():
            merged.lines[line] = merged.lines.get(line, 0.0) + spent
    return merged
