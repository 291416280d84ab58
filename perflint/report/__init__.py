"""Output formats. Each module renders a list of FileResult to text."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from perflint.runner import FileResult

DOCS_URL = "https://github.com/perflint/perflint/blob/main/docs/rules.md#{code}"


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    unsafe_fixes: bool = False  # whether unsafe fixes count as applicable
    show_source: bool = True


def display_path(path: str) -> str:
    """Relative to the working folder when below it, as ruff shows paths."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def rule_url(code: str) -> str:
    return DOCS_URL.format(code=code.lower())


Renderer = Callable[[list[FileResult], ReportOptions], str]


def renderer(name: str) -> Renderer:
    from perflint.report import concise, json_format, text

    return {"text": text.render, "concise": concise.render, "json": json_format.render}[name]


FORMATS = ("text", "concise", "json")
