"""`--format json`: a list with one object per finding (DESIGN.md section 3)."""

from __future__ import annotations

import json
import os
from typing import Any

from perflint.diagnostics import Diagnostic, Edit, Location
from perflint.report import ReportOptions, rule_url
from perflint.runner import FileResult


def _location(location: Location) -> dict[str, int]:
    return {"row": location[0], "column": location[1]}


def _edit(e: Edit) -> dict[str, Any]:
    edit: dict[str, Any] = {
        "content": e.content,
        "location": _location(e.location),
        "end_location": _location(e.end_location),
    }
    if e.cell is not None:  # a notebook's fix may add an import in another cell
        edit["cell"] = e.cell
    return edit


def finding(path: str, d: Diagnostic, profiled: bool = False) -> dict[str, Any]:
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability,
            "message": d.fix.message,
            "edits": [_edit(e) for e in d.fix.edits],
        }
    found: dict[str, Any] = {
        "code": d.code,
        "name": d.name,
        "category": d.category,
        "message": d.message,
        "filename": os.path.abspath(path) if path != "-" else path,
        "location": _location(d.location),
        "end_location": _location(d.end_location),
        "fix": fix,
        "url": rule_url(d.code),
    }
    if d.cell is not None:  # a notebook's finding: rows are the cell's own
        found["cell"] = d.cell
    if profiled:
        share = d.profile
        found["profile"] = (
            None
            if share is None
            else {
                "share": round(share.share, 4),
                "seconds": round(share.seconds, 6),
                "source": share.source,
            }
        )
    if d.jit is not None:
        found["jit"] = {
            "verified": d.jit.verified,
            "signature": d.jit.signature,
            "speedup": d.jit.speedup,
            "sizes": {name: list(s) if isinstance(s, tuple) else s for name, s in d.jit.sizes},
        }
    return found


def render(results: list[FileResult], options: ReportOptions) -> str:
    if options.profiled:
        from perflint.profile.evidence import ordered

        pairs = ordered(results)
    else:
        pairs = [(r.path, d) for r in results for d in r.diagnostics]
    items = [finding(path, d, options.profiled) for path, d in pairs]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
