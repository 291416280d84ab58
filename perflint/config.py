"""Settings from `[tool.perflint]` in pyproject.toml, or perflint.toml, and the
command line. Unknown keys, wrong types and unknown rule codes are errors that
name the key."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from perflint import __version__
from perflint.style import DEFAULT_LINE_LENGTH, ImportStyle, style_at

if TYPE_CHECKING:
    from perflint.jit.helpers import ProjectJit
    from perflint.rule import Rule

DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".perflint_cache",
    "node_modules",
    "build",
    "dist",
    "site-packages",
    "__pypackages__",
)
# The files a folder's walk lints, as gitignore-style patterns; a file named on
# the command line is linted whatever its name.
DEFAULT_INCLUDE = ("*.py", "*.pyi", "*.ipynb")
SUPPORTED_VERSIONS = tuple((3, minor) for minor in range(8, 15))


class ConfigError(Exception):
    """Bad configuration; the message names the file and key."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None  # None: the default rules
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    extend_include: tuple[str, ...] = ()
    target_version: tuple[int, int] = (3, 10)
    # Functions to treat as serverless handlers, besides the ones PFL501 recognises.
    serverless_handlers: tuple[str, ...] = ()
    # PFL301's fix: the decorator to add, and its keyword options.
    jit_decorator: str = "numba.njit"
    jit_options: tuple[tuple[str, bool], ...] = ()
    # The project already uses numba (perflint.jit.project, found by the front
    # ends): only then may PFL301's fix add `import numba`.
    numba_in_project: bool = False
    # What PFL301 knows of the project's other modules (perflint.jit.helpers,
    # scanned by the front ends): None judges each file alone.
    jit_project: ProjectJit | None = None
    unsafe_fixes: bool = False
    cache_dir: str = ".perflint_cache"
    baseline: str | None = None  # findings recorded there are not reported
    respect_gitignore: bool = True
    # Profiles of real runs to rank findings by (perflint.profile), relative to
    # root, and the share under which findings are hidden ("5%" or "0.05").
    profiles: tuple[str, ...] = ()
    min_share: str | None = None
    # What fixed code must respect: `line-length` here, else ruff's or black's;
    # added imports go where the project's import sorter puts them.
    line_length: int | None = None
    import_style: ImportStyle = ImportStyle()
    root: str = "."  # relative paths in settings are relative to this folder
    config_file: str | None = None
    _resolved: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def max_line_length(self) -> int:
        return self.line_length or DEFAULT_LINE_LENGTH

    # --- which rules run -------------------------------------------------

    def selected_codes(self) -> frozenset[str]:
        if "codes" not in self._resolved:
            from perflint.registry import resolve

            self._resolved["codes"] = resolve(self.select, self.extend_select, self.ignore)
        return self._resolved["codes"]  # type: ignore[no-any-return]

    def validate(self) -> None:
        """Raise ConfigError for an unknown rule code anywhere in the settings."""
        from perflint.registry import UnknownSelector, check_selector

        if self._resolved.get("valid"):
            return
        try:
            self.selected_codes()
            for _, selectors in self.per_file_ignores:
                for selector in selectors:
                    check_selector(selector)
        except UnknownSelector as exc:
            where = f" in {self.config_file}" if self.config_file else ""
            raise ConfigError(f"unknown rule selector {exc.selector!r}{where}") from None
        self._resolved["valid"] = True

    def codes_for(self, path: str) -> list[str]:
        """The codes of the rules to run on path, sorted (no rule is imported)."""
        from perflint.catalogue import by_code
        from perflint.registry import always_on, matching

        self.validate()
        ignored: set[str] = set()
        for pattern, selectors in self.per_file_ignores:
            if _glob_matches(pattern, path, self.root):
                ignored.update(selectors)
        key = ("codes", tuple(sorted(ignored)))
        if key not in self._resolved:
            codes = self.selected_codes()
            if ignored:
                table = by_code()
                removed = matching(ignored)
                codes = frozenset(c for c in codes if c not in removed or always_on(table[c]))
            self._resolved[key] = sorted(codes)
        return self._resolved[key]  # type: ignore[no-any-return]

    def rules_for(self, path: str) -> list[type[Rule]]:
        from perflint.registry import by_code

        table = by_code()
        return [table[code] for code in self.codes_for(path)]

    def fingerprint(self) -> str:
        """Changes whenever a lint result could change: version and rule settings."""
        relevant = {
            "version": __version__,
            "code": _code_stamp(),
            "select": self.select,
            "extend_select": self.extend_select,
            "ignore": self.ignore,
            "per_file_ignores": self.per_file_ignores,
            "target_version": self.target_version,
            "serverless_handlers": self.serverless_handlers,
            "jit": [
                self.jit_decorator,
                self.jit_options,
                self.numba_in_project,
                self.jit_project.digest() if self.jit_project is not None else None,
            ],
            "style": [self.max_line_length, repr(self.import_style)],
            "root": os.path.abspath(self.root),
        }
        return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, _resolved={}, **{k: v for k, v in changes.items() if v is not None})


@cache
def _code_stamp() -> str:
    """Names, sizes and times of perflint's own modules, so that the cache of an
    editable install does not outlive a change to a rule."""
    import perflint
    import perflint.rules

    stamp = []
    for package in (perflint, perflint.rules):
        for folder, _, names in os.walk(os.path.dirname(package.__file__ or "")):
            for name in sorted(names):
                if name.endswith(".py"):
                    info = os.stat(os.path.join(folder, name))
                    stamp.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(sorted(stamp)).encode()).hexdigest()[:16]


def _glob_matches(pattern: str, path: str, root: str) -> bool:
    """gitignore-like: a pattern without '/' matches the file name anywhere."""
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive on Windows
        relative = path
    relative = relative.replace(os.sep, "/")
    if "/" not in pattern.rstrip("/"):
        return fnmatch.fnmatch(os.path.basename(relative), pattern) or fnmatch.fnmatch(
            relative, pattern
        )
    return fnmatch.fnmatch(relative, pattern.lstrip("/")) or fnmatch.fnmatch(
        relative, pattern.lstrip("/") + "/*"
    )


# --- reading files ---------------------------------------------------------

_LIST_KEYS = {
    "select", "extend-select", "ignore", "exclude", "extend-exclude", "include",
    "extend-include", "serverless-handlers",
}  # fmt: skip
_BOOL_KEYS = {"unsafe-fixes", "respect-gitignore"}
_STR_KEYS = {"target-version", "cache-dir", "baseline"}
_INT_KEYS = {"line-length"}
_TABLE_KEYS = {"per-file-ignores", "jit"}
_PROFILE_KEYS = {"profile", "min-share"}
_JIT_OPTIONS = ("cache", "fastmath", "parallel", "nogil", "error_model_numpy")
_DOTTED = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$")
KNOWN_KEYS = _LIST_KEYS | _BOOL_KEYS | _STR_KEYS | _INT_KEYS | _TABLE_KEYS | _PROFILE_KEYS
_VERSION = re.compile(r"^py3(\d{1,2})$")


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """'; did you mean `ignore`?' for the nearest known word, or ''."""
    import difflib

    close = difflib.get_close_matches(word, sorted(known), n=3, cutoff=0.6)
    # Of near ties (`rule`, `rules` for `rulez`), the one of the typed length.
    close.sort(key=lambda known_word: abs(len(known_word) - len(word)))
    return f"; did you mean `{close[0]}`?" if close else ""


def parse_target_version(value: str, where: str = "target-version") -> tuple[int, int]:
    match = _VERSION.match(value)
    version = (3, int(match.group(1))) if match else None
    if version not in SUPPORTED_VERSIONS:
        names = ", ".join(f"py3{minor}" for _, minor in SUPPORTED_VERSIONS)
        raise ConfigError(f"{where}: {value!r} is not a known version (one of {names})")
    return version  # type: ignore[return-value]


def _expect_str_list(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings, got {type(value).__name__}")
    return tuple(value)


_PATTERN_KEYS = ("exclude", "extend-exclude", "include", "extend-include")


def check_patterns(patterns: tuple[str, ...], where: str) -> tuple[str, ...]:
    """patterns, when each is a valid gitignore-style pattern; ConfigError naming
    the first that is not (`!` alone, a trailing backslash)."""
    import pathspec

    for pattern in patterns:
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except ValueError:  # pathspec's GitIgnorePatternError
            raise ConfigError(f"{where}: {pattern!r} is not a valid file pattern") from None
    return patterns


def settings_from_table(table: dict[str, Any], config_file: str | None, root: str) -> Settings:
    where = config_file or "configuration"
    changes: dict[str, Any] = {"config_file": config_file, "root": root}
    for key, value in table.items():
        name = f"{where}: {key}"
        if key not in KNOWN_KEYS:
            raise ConfigError(f"{where}: unknown key {key!r}{did_you_mean(key, KNOWN_KEYS)}")
        attr = key.replace("-", "_")
        if key in _PATTERN_KEYS:
            changes[attr] = check_patterns(_expect_str_list(value, name), name)
        elif key in _LIST_KEYS:
            changes[attr] = _expect_str_list(value, name)
        elif key in _BOOL_KEYS:
            if not isinstance(value, bool):
                raise ConfigError(f"{name}: expected true or false, got {type(value).__name__}")
            changes[attr] = value
        elif key == "target-version":
            if not isinstance(value, str):
                raise ConfigError(f'{name}: expected a string such as "py311"')
            changes[attr] = parse_target_version(value, name)
        elif key in ("cache-dir", "baseline"):
            if not isinstance(value, str):
                raise ConfigError(f"{name}: expected a string")
            changes[attr] = value
        elif key == "line-length":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 320:
                raise ConfigError(f"{name}: expected a whole number from 1 to 320")
            changes[attr] = value
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{name}: expected a table of glob = [codes]")
            changes[attr] = tuple(
                (pattern, _expect_str_list(codes, f"{name}.{pattern}"))
                for pattern, codes in value.items()
            )
        elif key == "jit":
            changes.update(_jit_table(value, name))
        elif key == "profile":
            paths = [value] if isinstance(value, str) else value
            changes["profiles"] = _expect_str_list(paths, f"{name} (a path or a list of paths)")
        elif key == "min-share":
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                raise ConfigError(f'{name}: expected a share such as "5%" or 0.05')
            changes["min_share"] = str(value)
    if "exclude" in changes:
        changes["exclude"] = tuple(changes["exclude"])
    return Settings(**changes)


def _jit_table(value: object, where: str) -> dict[str, Any]:
    """[tool.perflint.jit]: decorator = "numba.njit", cache = true, ..."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table (decorator, {', '.join(_JIT_OPTIONS)})")
    changes: dict[str, Any] = {}
    options = []
    for key, option in value.items():
        if key == "decorator":
            if not isinstance(option, str) or not _DOTTED.match(option):
                raise ConfigError(f'{where}.decorator: expected a dotted name such as "numba.njit"')
            changes["jit_decorator"] = option
        elif key in _JIT_OPTIONS:
            if not isinstance(option, bool):
                raise ConfigError(f"{where}.{key}: expected true or false")
            options.append((key, option))
        else:
            known = ("decorator", *_JIT_OPTIONS)
            hint = did_you_mean(key, known) or f" (known: {', '.join(known)})"
            raise ConfigError(f"{where}: unknown key {key!r}{hint}")
    changes["jit_options"] = tuple(options)
    return changes


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def _table_in(path: Path) -> dict[str, Any] | None:
    """The perflint table of a config file, or None when it has none."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("perflint") if isinstance(tool, dict) else None
    else:
        table = data.get("tool", {}).get("perflint", data) if "tool" in data else data
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.perflint] must be a table")
    return table


def find_config(start: Path, top: Path | None = None) -> Path | None:
    """The nearest perflint.toml, or pyproject.toml with [tool.perflint], at or
    above start (and not above top, when given)."""
    start = start.resolve()
    top = top.resolve() if top is not None else None
    for folder in [start, *start.parents]:
        if top is not None and folder != top and top not in folder.parents:
            break
        for name in ("perflint.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file() and _table_in(candidate) is not None:
                return candidate
    return None


def load_settings(
    config_file: str | None = None, start: str | None = None, top: str | None = None
) -> Settings:
    """Settings from an explicit file, else the nearest config file above start
    (looking no higher than top, when given)."""
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"{config_file}: no such config file")
        table = _table_in(path)
        if table is None:
            raise ConfigError(f"{config_file}: has no [tool.perflint] table")
    else:
        found = find_config(Path(start or os.getcwd()), Path(top) if top else None)
        if found is None:
            return with_style(Settings(root=os.path.abspath(start or os.getcwd())))
        path, table = found, _table_in(found) or {}
    return with_style(settings_from_table(table, str(path), str(path.resolve().parent)))


def with_style(settings: Settings) -> Settings:
    """settings with the line length and import layout of the formatter and
    import sorter configured at or above its root."""
    style = style_at(Path(settings.root))
    return replace(
        settings,
        _resolved={},
        line_length=settings.line_length or style.line_length or DEFAULT_LINE_LENGTH,
        import_style=style.imports,
    )
