"""ruff-like text: `path:row:col: CODE [*] message` (`path:cell N:row:col:` in a
notebook), the source line and a caret."""

from __future__ import annotations

import click

from perflint.diagnostics import Diagnostic, applicable
from perflint.report import ReportOptions, display_path
from perflint.runner import FileResult


def header(path: str, d: Diagnostic, options: ReportOptions) -> str:
    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if options.color else text  # type: ignore[arg-type]

    cell = f"cell {d.cell}:" if d.cell is not None else ""
    location = f"{style(display_path(path), bold=True)}:{cell}{d.location[0]}:{d.location[1]}:"
    marker = " [*]" if applicable(d.fix, options.unsafe_fixes) else ""
    evidence = ""
    if options.profiled:
        evidence = (
            f" [{_percent(d.profile.share)} of run time]"
            if d.profile is not None
            else " [not run in this profile]"
        )
    return (
        f"{location} {style(d.code, fg='red', bold=True)}{style(marker, fg='cyan')}"
        f"{style(evidence, fg='yellow')} {d.message}"
    )


def _percent(share: float) -> str:
    return f"{share:.0%}" if share >= 0.01 else "<1%"


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


def _source_lines(path: str) -> dict[int | None, list[str]]:
    """The file's lines (key None), or a notebook's lines by cell number."""
    from perflint.diagnostics import split_lines
    from perflint.notebook.reader import is_notebook, read_cell_sources
    from perflint.source import SourceError, decode

    if is_notebook(path):
        cells = read_cell_sources(path) or {}
        return {number: split_lines(source) for number, source in cells.items()}
    try:
        with open(path, "rb") as handle:
            return {None: split_lines(decode(handle.read()).text)}
    except (OSError, SourceError):
        return {}


def render(results: list[FileResult], options: ReportOptions) -> str:
    out: list[str] = []
    lines: dict[str, dict[int | None, list[str]]] = {}
    for path, d in _in_order(results, options):
        if options.show_source and path not in lines:
            lines[path] = _source_lines(path)
        out.append(header(path, d, options))
        if d.code != "PFL002":
            out.extend(_snippet(lines.get(path, {}).get(d.cell, []), d, options))
        if options.show_source:
            out.append("")
    return "\n".join(out) + ("\n" if out else "")


def _in_order(results: list[FileResult], options: ReportOptions) -> list[tuple[str, Diagnostic]]:
    """File by file; with a profile, by share of run time (perflint.profile)."""
    if options.profiled:
        from perflint.profile.evidence import ordered

        return ordered(results)
    return [(r.path, d) for r in results for d in r.diagnostics]
