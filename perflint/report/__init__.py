"""Output formats. Each module renders a list of FileResult to text."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from perflint.diagnostics import Diagnostic
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


class NotebookLines:
    """Where a notebook finding is in the `.ipynb` file: the file line of a
    cell's row (reports that annotate the file's lines need it), read once per
    notebook."""

    def __init__(self) -> None:
        self._files: dict[str, dict[int, list[int]]] = {}

    def line(self, path: str, cell: int, row: int) -> int | None:
        if path not in self._files:
            from perflint.notebook.reader import read_file_lines

            self._files[path] = read_file_lines(path)
        lines = self._files[path].get(cell, [])
        return lines[min(row, len(lines)) - 1] if lines else None


def cell_place(d: Diagnostic) -> str:
    """`cell 3, line 4, column 13`: where a notebook finding is, in words."""
    return f"cell {d.cell}, line {d.location[0]}, column {d.location[1]}"


def result_fingerprints(result: FileResult, root: str) -> list[str]:
    """Fingerprints of a file's remaining findings (see perflint.fingerprint)."""
    from perflint.fingerprint import fingerprints, read_text
    from perflint.notebook.reader import is_notebook, read_cell_sources

    where = project_path(result.path, root)
    if result.path == "-":
        return fingerprints(where, None, result.diagnostics)
    if is_notebook(result.path):
        return fingerprints(where, None, result.diagnostics, read_cell_sources(result.path))
    return fingerprints(where, read_text(result.path), result.diagnostics)
