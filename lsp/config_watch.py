"""Notice config and dependency file changes for clients that cannot watch
files for the server (Neovim 0.11 on Linux registers no file watchers): a
cheap stat of the few files that can apply to the open documents."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

# The files whose change can change findings: settings, and what tells if a
# project uses numba (PFL301's fix).
NAMES = ("pyproject.toml", "perflint.toml", "setup.cfg")
PATTERN_PREFIX, PATTERN_SUFFIX = "requirements", ".txt"
POLL_SECONDS = 2.0

Stamp = tuple[int, int] | None  # (mtime in ns, size), None when absent


def folders_between(path: str, root: str) -> list[str]:
    """The folders from the file's own up to root (inclusive)."""
    folders, folder = [], os.path.dirname(os.path.abspath(path))
    root = os.path.abspath(root)
    while True:
        folders.append(folder)
        if folder == root or os.path.dirname(folder) == folder:
            return folders
        folder = os.path.dirname(folder)


def snapshot(folders: Iterable[str]) -> dict[str, Stamp]:
    """Stamp of every config file that is (or could be) in these folders."""
    stamps: dict[str, Stamp] = {}
    for folder in set(folders):
        names = list(NAMES)
        try:
            names += [
                n
                for n in os.listdir(folder)
                if n.startswith(PATTERN_PREFIX) and n.endswith(PATTERN_SUFFIX)
            ]
        except OSError:
            continue
        for name in names:
            path = os.path.join(folder, name)
            stamps[path] = stamp(path)
    return stamps


def stamp(path: str) -> Stamp:
    """What tells that a file changed, appeared or went, for the cost of a stat."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


class ConfigPoller:
    """Compares snapshots: `changed()` is true once after any file changed,
    appeared or disappeared in the folders of the documents being checked."""

    def __init__(self, folders_of_open_documents: Callable[[], Iterable[str]]) -> None:
        self._folders = folders_of_open_documents
        self._last: dict[str, Stamp] = {}

    def changed(self) -> bool:
        current = snapshot(self._folders())
        # Only files seen both times count: a newly opened document's folders
        # are new to the snapshot, not changed.
        differs = any(
            path in self._last and self._last[path] != stamp for path, stamp in current.items()
        )
        self._last = current
        return differs
