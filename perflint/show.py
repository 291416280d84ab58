"""`--show-settings` and `--show-files`: what a run would use, without linting."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from perflint.config import Settings
from perflint.files import display_path


def show_files(files: list[str]) -> str:
    """The files a run would lint, one a line, sorted."""
    return "".join(f"{display_path(path)}\n" for path in sorted(files))


def show_settings(settings: Settings, path: str) -> str:
    """The resolved settings for path, as `key = value` lines (TOML values);
    `rules` are the codes that would run on it, after per-file ignores."""
    lines = [f"# settings for {display_path(path)}"]
    values: dict[str, Any] = {
        "config-file": settings.config_file or "",
        "root": settings.root,
        "rules": settings.codes_for(path),
    }
    for field in dataclasses.fields(Settings):
        if field.name.startswith("_") or field.name in ("root", "config_file", "jit_project"):
            continue  # jit_project: facts scanned from the project, not a setting
        values[field.name.replace("_", "-")] = getattr(settings, field.name)
    if settings.select is None:
        values["select"] = ["default"]  # nothing given: the default tier
    values["target-version"] = "py{}{}".format(*settings.target_version)
    for key, value in values.items():
        lines.append(f"# {key}: not set" if value in (None, "") else f"{key} = {_toml(value)}")
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # a table
        value = tuple(
            (f.name.replace("_", "-"), getattr(value, f.name)) for f in dataclasses.fields(value)
        )
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) for v in value):
        if all(len(v) == 2 for v in value):  # pairs: a table (per-file-ignores, jit options)
            return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value) + " }"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value)
