"""One line per finding."""

from __future__ import annotations

from perflint.report import ReportOptions
from perflint.report.text import header
from perflint.runner import FileResult


def render(results: list[FileResult], options: ReportOptions) -> str:
    lines = [header(r.path, d, options) for r in results for d in r.diagnostics]
    return "\n".join(lines) + ("\n" if lines else "")
