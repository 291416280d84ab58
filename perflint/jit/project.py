"""Does the project being linted already use numba? PFL301 offers its fix
(`@numba.njit` and `import numba`) only then: adding an import of a package
the project does not have breaks the project.

Two cheap signs, read by the front ends before linting (lint_source stays
pure and gets the answer through `Settings.numba_in_project`):
- numba is declared as a dependency at the project root: `pyproject.toml`
  (`[project]` dependencies and optional-dependencies, `[dependency-groups]`,
  poetry, pdm and hatch tables), `requirements*.txt`, `setup.cfg`
  (`install_requires`, `extras_require`);
- a file being linted imports numba (a text search, before parsing).
"""

from __future__ import annotations

import configparser
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

_IMPORT = re.compile(rb"^[ \t]*(?:import|from)[ \t]+numba\b", re.MULTILINE)
# The distribution name at the start of a PEP 508 requirement.
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def numba_in_project(root: str, paths: Iterable[str] = ()) -> bool:
    """numba is declared at root, or imported by one of paths."""
    return declares_numba(root) or any(imports_numba(path) for path in paths)


def imports_numba(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return False
    # The plain search skips almost every file; the regex alone is 20x slower.
    return b"numba" in data and _IMPORT.search(data) is not None


def declares_numba(root: str) -> bool:
    return any(_is_numba(requirement) for requirement in _requirements(Path(root)))


def _is_numba(requirement: str) -> bool:
    match = _NAME.match(requirement)
    return match is not None and re.sub(r"[-_.]+", "-", match.group(1)).lower() == "numba"


def _requirements(root: Path) -> Iterator[str]:
    """Every requirement string declared at root; unreadable files count as empty."""
    yield from _pyproject(root / "pyproject.toml")
    for path in sorted(root.glob("requirements*.txt")):
        yield from _lines(path)
    yield from _setup_cfg(root / "setup.cfg")


def _pyproject(path: Path) -> Iterator[str]:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return
    project = _table(data, "project")
    yield from _strings(project.get("dependencies"))
    for group in _table(project, "optional-dependencies").values():
        yield from _strings(group)
    for group in _table(data, "dependency-groups").values():
        yield from _strings(group)
    tool = _table(data, "tool")
    poetry = _table(tool, "poetry")
    yield from _table(poetry, "dependencies")  # names are the keys
    yield from _table(poetry, "dev-dependencies")
    for group in _table(poetry, "group").values():
        yield from _table(group if isinstance(group, dict) else {}, "dependencies")
    for group in _table(_table(tool, "pdm"), "dev-dependencies").values():
        yield from _strings(group)
    for environment in _table(_table(tool, "hatch"), "envs").values():
        if isinstance(environment, dict):
            yield from _strings(environment.get("dependencies"))
            yield from _strings(environment.get("extra-dependencies"))


def _table(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, str))


def _lines(path: Path) -> Iterator[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):  # -r other.txt, -e ., --index-url
            yield line


def _setup_cfg(path: Path) -> Iterator[str]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return
    if parser.has_option("options", "install_requires"):
        yield from parser.get("options", "install_requires").splitlines()
    if parser.has_section("options.extras_require"):
        for _, value in parser.items("options.extras_require"):
            yield from value.splitlines()
