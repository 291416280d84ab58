"""`--format gitlab`: a GitLab Code Quality report (a JSON list of issues)."""

from __future__ import annotations

import json

from perflint.report import ReportOptions, project_path, result_fingerprints
from perflint.runner import FileResult

_SEVERITY = {"syntax": "critical", "complexity": "major"}  # otherwise "minor"


def render(results: list[FileResult], options: ReportOptions) -> str:
    issues = []
    for result in results:
        path = project_path(result.path, options.root)
        for d, fingerprint in zip(
            result.diagnostics, result_fingerprints(result, options.root), strict=True
        ):
            issues.append(
                {
                    "description": f"{d.code} {d.message}",
                    "check_name": d.code,
                    "fingerprint": fingerprint,
                    "severity": _SEVERITY.get(d.category, "minor"),
                    "location": {
                        "path": path,
                        "lines": {"begin": d.location[0], "end": d.end_location[0]},
                    },
                }
            )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
