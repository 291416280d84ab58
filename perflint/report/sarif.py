"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning and other services read it.

Each result carries the rule, its location (columns in Unicode code points, as
perflint counts them), its fix, and a partial fingerprint that survives edits
elsewhere in the file (perflint.fingerprint), so a service tracks a finding
across commits."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from perflint import __version__
from perflint.diagnostics import Diagnostic, Location
from perflint.report import ReportOptions, project_path, result_fingerprints, rule_url
from perflint.runner import FileResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "perflint/v1"
_LEVEL = {"syntax": "error"}  # otherwise "warning"


def _region(start: Location, end: Location) -> dict[str, int]:
    return {"startLine": start[0], "startColumn": start[1], "endLine": end[0], "endColumn": end[1]}


def _rule(code: str) -> dict[str, Any]:
    from perflint.registry import by_code

    rule = by_code()[code]
    doc = rule.doc()
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": doc, "markdown": doc},
        "helpUri": rule_url(code),
        "defaultConfiguration": {"level": _LEVEL.get(rule.category, "warning")},
        "properties": {"tags": ["performance", rule.category]},
    }


def _result(d: Diagnostic, uri: str, fingerprint: str, index: int) -> dict[str, Any]:
    artifact = {"uri": uri, "uriBaseId": "%SRCROOT%"}
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": _LEVEL.get(d.category, "warning"),
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": _region(d.location, d.end_location),
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }
    if d.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": f"{d.fix.message} ({d.fix.applicability} fix)"},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact,
                        "replacements": [
                            {
                                "deletedRegion": _region(e.location, e.end_location),
                                "insertedContent": {"text": e.content},
                            }
                            for e in d.fix.edits
                        ],
                    }
                ],
            }
        ]
    return result


def render(results: list[FileResult], options: ReportOptions) -> str:
    codes = sorted({d.code for r in results for d in r.diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    found = []
    for result in results:
        uri = project_path(result.path, options.root)
        for d, fingerprint in zip(
            result.diagnostics, result_fingerprints(result, options.root), strict=True
        ):
            found.append(_result(d, uri, fingerprint, index[d.code]))
    root = Path(os.path.abspath(options.root)).as_uri() + "/"
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "perflint",
                        "version": __version__,
                        "informationUri": "https://github.com/perflint/perflint",
                        "rules": [_rule(code) for code in codes],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root}},
                "columnKind": "unicodeCodePoints",
                "results": found,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
