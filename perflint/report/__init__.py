"""Output formats. Each module renders a list of FileResult to text."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from perflint.files import display_path
from perflint.runner import FileResult

__all__ = ["display_path", "ReportOptions", "renderer", "rule_url"]

DOCS_URL = "https://github.com/perflint/perflint/blob/main/docs/rules.md#{code}"


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    unsafe_fixes: bool = False  # whether unsafe fixes count as applicable
    show_source: bool = True
    root: str = "."  # the project root: paths in SARIF and GitLab reports are relative to it
    profiled: bool = False  # a profile was given: order by share, show it


def rule_url(code: str) -> str:
    return DOCS_URL.format(code=code.lower())


Renderer = Callable[[list[FileResult], ReportOptions], str]


def renderer(name: str) -> Renderer:
    """The format's render function; only that format's module is imported."""
    import importlib

    module = {"json": "json_format"}.get(name, name) if name in FORMATS else None
    if module is None:
        raise KeyError(name)
    return importlib.import_module(f"perflint.report.{module}").render  # type: ignore[no-any-return]


FORMATS = ("text", "concise", "json", "github", "sarif", "junit", "gitlab")


def project_path(path: str, root: str) -> str:
    """path relative to the project root, with forward slashes."""
    if path == "-":
        return path
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return relative.replace(os.sep, "/")


def result_fingerprints(result: FileResult, root: str) -> list[str]:
    """Fingerprints of a file's remaining findings (see perflint.fingerprint)."""
    from perflint.fingerprint import fingerprints, read_text

    text = read_text(result.path) if result.path != "-" else None
    return fingerprints(project_path(result.path, root), text, result.diagnostics)
