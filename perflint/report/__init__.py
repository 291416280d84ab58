"""Output formats. Each module renders a list of FileResult to text."""

from __future__ import annotations

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


def rule_url(code: str) -> str:
    return DOCS_URL.format(code=code.lower())


Renderer = Callable[[list[FileResult], ReportOptions], str]


def renderer(name: str) -> Renderer:
    from perflint.report import concise, json_format, text

    return {"text": text.render, "concise": concise.render, "json": json_format.render}[name]


FORMATS = ("text", "concise", "json")
