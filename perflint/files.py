"""Finding the files to lint, and writing fixed files atomically."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from perflint.config import Settings

if TYPE_CHECKING:
    import pathspec

    Ignores = list[tuple[str, pathspec.PathSpec]]  # (folder of a .gitignore, its patterns)

PYTHON_SUFFIXES = (".py", ".pyi")
NOTEBOOK_SUFFIX = ".ipynb"


@dataclass(frozen=True)
class Discovery:
    files: list[str]
    missing: list[str]  # paths given on the command line that do not exist


def _spec(patterns: Iterable[str]) -> pathspec.PathSpec:
    # Imported here: a check of files named on the command line needs no
    # patterns, and pathspec is a tenth of a small file's start-up.
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _gitignore(folder: str) -> pathspec.PathSpec | None:
    path = os.path.join(folder, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return _spec(handle.read().splitlines())
    except OSError:
        return None


def display_path(path: str) -> str:
    """Relative to the working folder when below it, as ruff shows paths."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def _relative(path: str, base: str) -> str:
    try:
        return os.path.relpath(path, base).replace(os.sep, "/")
    except ValueError:
        return path.replace(os.sep, "/")


class _Walker:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = os.path.abspath(settings.root)
        self.respect_gitignore = settings.respect_gitignore

    @cached_property
    def excluded(self) -> pathspec.PathSpec:
        return _spec([*self.settings.exclude, *self.settings.extend_exclude])

    @cached_property
    def included(self) -> pathspec.PathSpec:
        return _spec([*self.settings.include, *self.settings.extend_include])

    def _is_included(self, path: str) -> bool:
        return self.included.match_file(os.path.basename(path)) or self.included.match_file(
            _relative(path, self.root)
        )

    def _is_excluded(self, path: str, is_dir: bool, ignores: Ignores, root_relative: bool) -> bool:
        slash = "/" if is_dir else ""
        if self.excluded.match_file(os.path.basename(path) + slash):
            return True
        relative = _relative(path, self.root) + slash
        if root_relative and not relative.startswith("../") and self.excluded.match_file(relative):
            return True
        return any(spec.match_file(_relative(path, base) + slash) for base, spec in ignores)

    def excludes(self, file: str) -> bool:
        """Whether the exclude settings match file or a folder above it (below the root)."""
        path = os.path.abspath(file)
        if self._is_excluded(path, False, [], True):
            return True
        root = os.path.abspath(self.root)
        folder = os.path.dirname(path)
        while folder.startswith(root + os.sep):
            if self._is_excluded(folder, True, [], True):
                return True
            folder = os.path.dirname(folder)
        return False

    def walk(self, top: str) -> Iterator[str]:
        top = os.path.abspath(top)
        above: Ignores = []
        if self.respect_gitignore:
            # .gitignore files above the folder given apply to it too.
            for folder in reversed(_parents(top)):
                spec = _gitignore(folder)
                if spec is not None:
                    above.append((folder, spec))
        # A folder named on the command line is linted even when it is itself
        # excluded or git-ignored; the patterns that matched it are set aside.
        named_despite_exclusion = self._is_excluded(top, True, above, True)
        if named_despite_exclusion:
            yield from self._walk(top, [], root_relative=False)
        else:
            yield from self._walk(top, above, root_relative=True)

    def _walk(self, folder: str, ignores: Ignores, root_relative: bool) -> Iterator[str]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        if self.respect_gitignore:
            spec = _gitignore(folder)
            if spec is not None:
                ignores = [*ignores, (folder, spec)]
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = entry.is_file()
            except OSError:
                continue
            if self._is_excluded(entry.path, is_dir, ignores, root_relative):
                continue
            if is_dir:
                yield from self._walk(entry.path, ignores, root_relative)
            elif is_file and self._is_included(entry.path):
                yield entry.path


def _parents(path: str) -> list[str]:
    """The folders above path up to its git work tree's root; [] outside git."""
    parents: list[str] = []
    folder = path
    while not os.path.exists(os.path.join(folder, ".git")):
        parent = os.path.dirname(folder)
        if parent == folder:
            return []
        parents.append(parent)
        folder = parent
    return parents


def discover(paths: Iterable[str], settings: Settings, force_exclude: bool = False) -> Discovery:
    """Python files and notebooks under paths (the include settings say which
    names are). Files named explicitly are included unless
    force_exclude (pre-commit names every staged file) and the exclude
    settings match them or a folder above them; folders are walked, skipping
    excluded and git-ignored entries."""
    walker = _Walker(settings)
    files: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            found: Iterable[str] = walker.walk(path)
        elif os.path.lexists(path):
            found = [] if force_exclude and walker.excludes(path) else [os.path.abspath(path)]
        else:
            missing.append(path)
            continue
        for file in found:
            if file not in seen:
                seen.add(file)
                files.append(file)
    return Discovery(files, missing)


def write_atomic(path: str, data: bytes) -> None:
    """Replace path's content so that a crash leaves either the old or the new
    file, never a truncated one; the file's permission bits are kept."""
    _write_via_temporary(path, data, os.stat(path).st_mode & 0o7777)


def write_new_atomic(path: str, data: bytes) -> None:
    """Create or replace a file of perflint's own (cache), atomically."""
    umask = os.umask(0)
    os.umask(umask)
    _write_via_temporary(path, data, 0o666 & ~umask)


def _write_via_temporary(path: str, data: bytes, mode: int) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    import tempfile  # only when writing: a check never needs it

    handle, temporary = tempfile.mkstemp(prefix=".perflint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
