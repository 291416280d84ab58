"""`--statistics`: a count of findings per rule, as text or JSON."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from perflint.diagnostics import applicable
from perflint.runner import FileResult


def statistics(results: list[FileResult], unsafe_fixes: bool) -> list[dict[str, Any]]:
    """One row per rule with findings, most findings first: code, name, count,
    fixable (whether a fix applies with these settings)."""
    counts: Counter[str] = Counter()
    fixable: set[str] = set()
    names: dict[str, str] = {}
    for result in results:
        for d in result.diagnostics:
            counts[d.code] += 1
            names[d.code] = d.name
            if applicable(d.fix, unsafe_fixes):
                fixable.add(d.code)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        {"code": code, "name": names[code], "count": count, "fixable": code in fixable}
        for code, count in ordered
    ]


def render_text(rows: list[dict[str, Any]]) -> str:
    width = max((len(str(row["count"])) for row in rows), default=1)
    lines = [
        f"{row['count']:>{width}}\t{row['code']}\t{'[*]' if row['fixable'] else '   '} "
        f"{row['name']}"
        for row in rows
    ]
    return "\n".join(lines) + ("\n" if lines else "")


def render_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, indent=2) + "\n"
