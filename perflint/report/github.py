"""`--format github`: GitHub Actions workflow commands, shown as annotations on the diff."""

from __future__ import annotations

from perflint.diagnostics import Diagnostic
from perflint.report import NotebookLines, ReportOptions, cell_place, display_path
from perflint.runner import FileResult

ERRORS = ("PFL001", "PFL002")  # the file could not be linted at all


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def _place(path: str, d: Diagnostic, notebooks: NotebookLines) -> str:
    """file=...,line=...: the annotation's place in the file. A notebook
    finding is put on the `.ipynb` file's line that holds its row (columns
    there are the JSON's, so none are given)."""
    (row, column), (end_row, end_column) = d.location, d.end_location
    where = f"file={_property(display_path(path))}"
    if d.cell is None:
        return f"{where},line={row},col={column},endLine={end_row},endColumn={end_column}"
    line = notebooks.line(path, d.cell, row)
    end = notebooks.line(path, d.cell, end_row)
    return f"{where},line={line},endLine={end}" if line is not None and end is not None else where


def render(results: list[FileResult], options: ReportOptions) -> str:
    lines = []
    notebooks = NotebookLines()
    for result in results:
        path = _property(display_path(result.path))
        for d in result.diagnostics:
            level = "error" if d.code in ERRORS else "warning"
            place = _place(result.path, d, notebooks)
            title = f"{d.code} ({d.name})"
            title = _property(f"{title} at {cell_place(d)}" if d.cell is not None else title)
            message = d.message
            if options.profiled:
                evidence = (
                    f"{d.profile.share:.0%} of run time in {d.profile.source}"
                    if d.profile is not None
                    else "not run in the profile"
                )
                message = f"[{evidence}] {message}"
            lines.append(f"::{level} {place},title={title}::{_data(message)}\n")
        for code, message in result.internal_errors:
            title = _property(f"perflint internal error ({code})")
            text = _data(f"{message}: this file was not fully checked")
            lines.append(f"::error file={path},title={title}::{text}\n")
    return "".join(lines)
