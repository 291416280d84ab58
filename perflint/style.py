"""The project's formatter and import-sorter settings (ruff, black, isort) that
fixes must respect: the line length, and where an added import belongs.

Read from the nearest ruff.toml, .ruff.toml or pyproject.toml with a ruff,
black or isort table. They are other tools' settings: a value of the wrong
type is left at its default here, since reporting it is that tool's job.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

DEFAULT_LINE_LENGTH = 88  # ruff's and black's


@dataclass(frozen=True)
class ImportStyle:
    """How isort (or ruff's `I` rules) lays out the import block."""

    known_first_party: tuple[str, ...] = ()
    known_third_party: tuple[str, ...] = ()
    extra_standard_library: tuple[str, ...] = ()
    # Folders holding the project's own top-level packages (absolute paths).
    src: tuple[str, ...] = ()
    force_sort_within_sections: bool = False
    case_sensitive: bool = False
    lines_after_imports: int = -1  # -1: two before a def or class, else one


@dataclass(frozen=True)
class Style:
    line_length: int | None = None  # None: not set by ruff or black
    imports: ImportStyle = ImportStyle()


def _load(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}  # ruff reports its own broken config


def _tables(folder: Path) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]] | None:
    """(ruff, black, isort) tables of the folder's config files, or None when
    it has none of them. ruff.toml wins over pyproject.toml, as in ruff."""
    for name in (".ruff.toml", "ruff.toml"):
        if (folder / name).is_file():
            return _load(folder / name), {}, {}
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        return None
    tool = _load(pyproject).get("tool", {})
    if not isinstance(tool, dict):
        return None
    tables = tuple(tool.get(name) for name in ("ruff", "black", "isort"))
    if all(table is None for table in tables):
        return None
    ruff, black, isort = (table if isinstance(table, dict) else {} for table in tables)
    return ruff, black, isort


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return ()


def _isort_table(ruff: dict[str, Any], isort: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The import-sorting table and whether it uses ruff's kebab-case keys."""
    lint = ruff.get("lint")
    for table in (lint.get("isort") if isinstance(lint, dict) else None, ruff.get("isort")):
        if isinstance(table, dict):
            return table, True
    return isort, False


def style_at(folder: Path) -> Style:
    """The style of the nearest config folder at or above folder."""
    folder = folder.resolve()
    for candidate in [folder, *folder.parents]:
        found = _tables(candidate)
        if found is not None:
            return _style(candidate, *found)
    return Style(imports=ImportStyle(src=_default_src(folder)))


def _default_src(folder: Path) -> tuple[str, ...]:
    return (str(folder), str(folder / "src"))  # ruff's default, [".", "src"]


def _style(
    folder: Path, ruff: dict[str, Any], black: dict[str, Any], isort: dict[str, Any]
) -> Style:
    line_length = None
    for value in (ruff.get("line-length"), black.get("line-length"), black.get("line_length")):
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            line_length = value
            break
    table, kebab = _isort_table(ruff, isort)

    def get(key: str) -> object:
        return table.get(key if kebab else key.replace("-", "_"))

    src = _strings(ruff.get("src")) if ruff else _strings(isort.get("src_paths"))
    lines_after = get("lines-after-imports")
    return Style(
        line_length,
        ImportStyle(
            known_first_party=_strings(get("known-first-party")),
            known_third_party=_strings(get("known-third-party")),
            extra_standard_library=_strings(get("extra-standard-library")),
            src=tuple(str((folder / path).resolve()) for path in src) or _default_src(folder),
            force_sort_within_sections=get("force-sort-within-sections") is True,
            case_sensitive=get("case-sensitive") is True,
            lines_after_imports=lines_after
            if isinstance(lines_after, int) and not isinstance(lines_after, bool)
            else -1,
        ),
    )
