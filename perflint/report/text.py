"""ruff-like text: `path:row:col: CODE [*] message`, the source line and a caret."""

from __future__ import annotations

import click

from perflint.diagnostics import Diagnostic, applicable
from perflint.report import ReportOptions, display_path
from perflint.runner import FileResult


def header(path: str, d: Diagnostic, options: ReportOptions) -> str:
    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if options.color else text  # type: ignore[arg-type]

    location = f"{style(display_path(path), bold=True)}:{d.location[0]}:{d.location[1]}:"
    marker = " [*]" if applicable(d.fix, options.unsafe_fixes) else ""
    return f"{location} {style(d.code, fg='red', bold=True)}{style(marker, fg='cyan')} {d.message}"


def _snippet(lines: list[str], d: Diagnostic, options: ReportOptions) -> list[str]:
    row, column = d.location
    if not 1 <= row <= len(lines):
        return []
    text = lines[row - 1].expandtabs(1)
    end_row, end_column = d.end_location
    width = (end_column - column) if end_row == row else len(text) - column + 1
    caret = "^" * max(1, width)
    if options.color:
        caret = click.style(caret, fg="red")
    gutter = str(row)
    pad = " " * len(gutter)
    return [f"{gutter} | {text}", f"{pad} | {' ' * (column - 1)}{caret}"]


def _source_lines(path: str) -> list[str]:
    from perflint.diagnostics import split_lines
    from perflint.source import SourceError, decode

    try:
        with open(path, "rb") as handle:
            return split_lines(decode(handle.read()).text)
    except (OSError, SourceError):
        return []


def render(results: list[FileResult], options: ReportOptions) -> str:
    out: list[str] = []
    for result in results:
        lines = _source_lines(result.path) if options.show_source and result.diagnostics else []
        for d in result.diagnostics:
            out.append(header(result.path, d, options))
            if d.code != "PFL002":
                out.extend(_snippet(lines, d, options))
            if options.show_source:
                out.append("")
    return "\n".join(out) + ("\n" if out else "")
