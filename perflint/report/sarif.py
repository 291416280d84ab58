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


def _notifications(results: list[FileResult], options: ReportOptions) -> list[dict[str, Any]]:
    """What kept perflint from checking or fixing a file, as SARIF tool
    execution notifications (code scanning shows them as tool errors)."""
    notes = []
    for result in results:
        where = [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": project_path(result.path, options.root),
                        "uriBaseId": "%SRCROOT%",
                    }
                }
            }
        ]
        for code, message in result.internal_errors:
            note: dict[str, Any] = {
                "level": "error",
                "message": {"text": f"internal error in perflint: {message}"},
                "locations": where,
            }
            if code != "engine":
                note["associatedRule"] = {"id": code}
            notes.append(note)
        if result.error:
            notes.append({"level": "error", "message": {"text": result.error}, "locations": where})
        for code, message in result.rejected:
            notes.append(
                {
                    "level": "warning",
                    "message": {"text": f"a fix produced code that does not parse: {message}"},
                    "locations": where,
                    "associatedRule": {"id": code},
                }
            )
    return notes


def _add_profile(result: dict[str, Any], d: Diagnostic) -> None:
    """With --profile: SARIF's `rank` (0-100, as code-scanning tools sort by
    it) is the share of run time in percent; the measurement is in properties."""
    share = d.profile
    result["rank"] = round(share.share * 100, 1) if share is not None else 0.0
    result["properties"] = {
        "profile": None
        if share is None
        else {
            "share": round(share.share, 4),
            "seconds": round(share.seconds, 6),
            "source": share.source,
        }
    }


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
            if options.profiled:
                _add_profile(found[-1], d)
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
                "invocations": [
                    {
                        "executionSuccessful": not any(
                            r.internal_errors or r.error for r in results
                        ),
                        "toolExecutionNotifications": _notifications(results, options),
                    }
                ],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
