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
from perflint.report import (
    NotebookLines,
    ReportOptions,
    cell_place,
    project_path,
    result_fingerprints,
    rule_url,
)
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


def _result(
    d: Diagnostic, uri: str, fingerprint: str, index: int, lines: tuple[int, int] | None = None
) -> dict[str, Any]:
    """lines: for a notebook finding, the `.ipynb` file's lines of its first
    and last row, when known."""
    artifact = {"uri": uri, "uriBaseId": "%SRCROOT%"}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    location: dict[str, Any] = {"physicalLocation": physical}
    if d.cell is None:
        physical["region"] = _region(d.location, d.end_location)
    else:
        # Regions address the artifact's text, the JSON: its lines, no columns
        # (those are the JSON's); the place in the cell is said in words.
        if lines is not None:
            physical["region"] = {"startLine": lines[0], "endLine": lines[1]}
        location["message"] = {"text": cell_place(d)}
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": _LEVEL.get(d.category, "warning"),
        "message": {"text": d.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }
    if d.cell is not None:
        result["properties"] = {"cell": d.cell}
    # A fix's replacements would address the JSON text too: a notebook's are not given.
    if d.fix is not None and d.cell is None:
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
    result.setdefault("properties", {})["profile"] = (
        None
        if share is None
        else {
            "share": round(share.share, 4),
            "seconds": round(share.seconds, 6),
            "source": share.source,
        }
    )


def render(results: list[FileResult], options: ReportOptions) -> str:
    codes = sorted({d.code for r in results for d in r.diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    found = []
    notebooks = NotebookLines()
    for result in results:
        uri = project_path(result.path, options.root)
        for d, fingerprint in zip(
            result.diagnostics, result_fingerprints(result, options.root), strict=True
        ):
            lines = None
            if d.cell is not None:
                first = notebooks.line(result.path, d.cell, d.location[0])
                last = notebooks.line(result.path, d.cell, d.end_location[0])
                lines = (first, last) if first is not None and last is not None else None
            found.append(_result(d, uri, fingerprint, index[d.code], lines))
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
