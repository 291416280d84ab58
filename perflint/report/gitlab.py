"""`--format gitlab`: a GitLab Code Quality report (a JSON list of issues)."""

from __future__ import annotations

import json

from perflint.report import (
    NotebookLines,
    ReportOptions,
    cell_place,
    project_path,
    result_fingerprints,
)
from perflint.runner import FileResult

_SEVERITY = {"syntax": "critical", "complexity": "major"}  # otherwise "minor"


def render(results: list[FileResult], options: ReportOptions) -> str:
    issues = []
    notebooks = NotebookLines()
    for result in results:
        path = project_path(result.path, options.root)
        for d, fingerprint in zip(
            result.diagnostics, result_fingerprints(result, options.root), strict=True
        ):
            begin, end = d.location[0], d.end_location[0]
            description = f"{d.code} {d.message}"
            if d.cell is not None:
                # The lines are the `.ipynb` file's, as GitLab shows them in a diff.
                begin = notebooks.line(result.path, d.cell, begin) or 1
                end = notebooks.line(result.path, d.cell, end) or begin
                description = f"{description} ({cell_place(d)})"
            issues.append(
                {
                    "description": description,
                    "check_name": d.code,
                    "fingerprint": fingerprint,
                    "severity": _SEVERITY.get(d.category, "minor"),
                    "location": {
                        "path": path,
                        "lines": {"begin": begin, "end": end},
                    },
                }
            )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
