"""`perflint merge`: one report from the reports of the shards of a run.

The inputs are the outputs of `perflint check --shard I/N` (perflint.shard),
all `--format json` (lists of findings) or all `--format sarif` (the runs'
results become one run, with the tool and its rules once). Findings are
sorted as `perflint check .` prints them: by file, folder by folder with the
names in order (as the folder walk finds them), then by row, column and
rule. A finding found in two inputs (the same object: file, position, rule,
message and, in SARIF, fingerprint) is kept once.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from perflint.diagnostics import Diagnostic, Fix

JSON, SARIF = "json", "sarif"
# What each kind of input can become: text needs no more than a finding's
# file, position, rule and message; SARIF needs fingerprints only a run makes.
OUTPUTS = {JSON: ("json", "text", "concise"), SARIF: ("sarif",)}
NOT_A_REPORT = "not a perflint report (expected the output of --format json or --format sarif)"


class MergeError(Exception):
    """An input that cannot be merged; the message is one line naming it."""


@dataclass
class Merged:
    format: str  # JSON or SARIF
    findings: list[dict[str, Any]]  # JSON findings or SARIF results: sorted, unique
    log: dict[str, Any] | None = None  # SARIF: the merged log holding findings
    incomplete: list[str] = field(default_factory=list)  # inputs whose run missed files


def merge_reports(paths: list[str] | tuple[str, ...]) -> Merged:
    reports = [(path, *read_report(path)) for path in paths]
    kinds = {kind for _, kind, _ in reports}
    if len(kinds) > 1:
        by_kind = {kind: path for path, kind, _ in reports}
        raise MergeError(
            f"cannot merge a --format json report ({by_kind[JSON]}) with a --format sarif "
            f"one ({by_kind[SARIF]}): give reports of one format"
        )
    if kinds == {SARIF}:
        return _merge_sarif([(path, log) for path, _, log in reports])
    findings = [item for _, _, items in reports for item in items]
    return Merged(JSON, sorted(_unique(findings, _canonical), key=_json_key))


def read_report(path: str) -> tuple[str, Any]:
    """(JSON, findings) or (SARIF, log) of one input file."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise MergeError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        report = json.loads(data)  # bytes: UTF-8, -16 or -32, with or without a BOM
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        reason = str(exc) if not isinstance(exc, RecursionError) else "nested too deeply"
        raise MergeError(f"{path}: not valid JSON ({reason})") from None
    if isinstance(report, list):
        for number, item in enumerate(report, 1):
            if not _is_finding(item):
                raise MergeError(f"{path}: item {number} is not a perflint finding")
        return JSON, report
    if isinstance(report, dict) and isinstance(report.get("runs"), list):
        _check_sarif(path, report)
        return SARIF, report
    raise MergeError(f"{path}: {NOT_A_REPORT}")


def render(merged: Merged, output_format: str, summary: bool = True) -> str:
    if output_format not in OUTPUTS[merged.format]:
        raise MergeError(
            f"--format {output_format} cannot be made from --format {merged.format} reports "
            f"(possible: {', '.join(OUTPUTS[merged.format])})"
        )
    if output_format in (JSON, SARIF):
        document = merged.log if output_format == SARIF else merged.findings
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    from perflint.report import ReportOptions, renderer

    text = renderer(output_format)(_file_results(merged.findings), ReportOptions())
    return text + (_summary(merged.findings) if summary else "")


def exit_status(merged: Merged, exit_zero: bool) -> int:
    """As `perflint check`: 2 when a shard could not check every file (even
    with exit_zero), 1 when findings remain, else 0."""
    if merged.incomplete:
        return 2
    return 1 if merged.findings and not exit_zero else 0


# --- JSON -----------------------------------------------------------------------


def _is_location(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(value.get(key), int) for key in ("row", "column")
    )


def _is_finding(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and all(isinstance(item.get(key), str) for key in ("code", "filename", "message"))
        and _is_location(item.get("location"))
        and _is_location(item.get("end_location"))
        and (item.get("fix") is None or isinstance(item["fix"], dict))
    )


def _path_key(path: str) -> tuple[str, ...]:
    """Compared part by part, paths sort in the order of the folder walk
    (`a/b.py` before `a.py`, as the folder `a` comes before the file `a.py`)."""
    return tuple(path.replace("\\", "/").split("/"))


def _json_key(item: dict[str, Any]) -> tuple[Any, ...]:
    location = item["location"]
    cell = item.get("cell") if isinstance(item.get("cell"), int) else 0  # notebooks: by cell
    return _path_key(item["filename"]), cell, location["row"], location["column"], item["code"]


def _file_results(findings: list[dict[str, Any]]) -> list[Any]:
    """The findings as the FileResults the text renderers take."""
    from perflint.runner import FileResult

    results: dict[str, FileResult] = {}
    for item in findings:
        path = item["filename"]
        results.setdefault(path, FileResult(path)).diagnostics.append(_diagnostic(item))
    return list(results.values())


def _diagnostic(item: dict[str, Any]) -> Diagnostic:
    fix = item.get("fix")
    start, end = item["location"], item["end_location"]
    return Diagnostic(
        item["code"],
        str(item.get("name", "")),
        str(item.get("category", "")),
        item["message"],
        (start["row"], start["column"]),
        (end["row"], end["column"]),
        # A text report shows only whether a fix applies; the edits stay in the JSON.
        Fix(str(fix.get("applicability")), str(fix.get("message", "")), ()) if fix else None,
        cell=item["cell"] if isinstance(item.get("cell"), int) else None,
    )


def _summary(findings: list[dict[str, Any]]) -> str:
    """The summary `perflint check` prints for a run without --fix."""
    if not findings:
        return "All checks passed!\n"
    count = len(findings)
    lines = [f"Found {count} finding{'' if count == 1 else 's'}."]
    fixes = [(item.get("fix") or {}).get("applicability") for item in findings]
    if fixes.count("safe"):
        lines.append(f"[*] {fixes.count('safe')} fixable with `--fix`.")
    if fixes.count("unsafe"):
        lines.append(f"({fixes.count('unsafe')} more fixable with `--unsafe-fixes`.)")
    return "\n".join(lines) + "\n"


# --- SARIF ----------------------------------------------------------------------


def _check_sarif(path: str, log: dict[str, Any]) -> None:
    """Every run is perflint's, each result has a rule described in its run
    and a location: what merging reads, so that it cannot fail later."""
    for number, run in enumerate(log["runs"], 1):
        try:
            driver = run["tool"]["driver"]
            described = {rule["id"] for rule in driver.get("rules", [])}
            for result in run["results"]:
                _sarif_key(result)
                if result["ruleId"] not in described:
                    raise KeyError(result["ruleId"])
            for invocation in run.get("invocations", []):
                list(invocation.get("toolExecutionNotifications", []))
        except (KeyError, TypeError, IndexError, AttributeError, ValueError):
            raise MergeError(f"{path}: run {number} is not a perflint SARIF run") from None
        if driver.get("name") != "perflint":
            raise MergeError(
                f"{path}: run {number} is a SARIF report of {driver.get('name')!r}, not perflint"
            )


def _sarif_key(result: dict[str, Any]) -> tuple[Any, ...]:
    physical = result["locations"][0]["physicalLocation"]
    # A notebook's region has lines only (those of the .ipynb file), or none.
    region = physical.get("region", {})
    uri, rule = physical["artifactLocation"]["uri"], result["ruleId"]
    if not isinstance(uri, str) or not isinstance(rule, str):
        raise TypeError("a uri and a ruleId must be strings")
    start = int(region.get("startLine", 1)), int(region.get("startColumn", 1))
    return _path_key(uri), *start, rule


def _without_index(result: dict[str, Any]) -> str:
    """A result's identity: its rule index depends on which rules its run saw."""
    return _canonical({key: value for key, value in result.items() if key != "ruleIndex"})


def _merge_sarif(logs: list[tuple[str, dict[str, Any]]]) -> Merged:
    runs = [(path, run) for path, log in logs for run in log["runs"]]
    if not runs:
        raise MergeError(f"{logs[0][0]}: a SARIF report without runs")
    versions = sorted({str(run["tool"]["driver"].get("version")) for _, run in runs})
    if len(versions) > 1:
        raise MergeError(
            f"the reports come from different perflint versions ({', '.join(versions)}): "
            "run every shard with the same one"
        )
    rules: dict[str, Any] = {}
    for _, run in runs:
        for rule in run["tool"]["driver"].get("rules", []):
            rules.setdefault(rule["id"], rule)
    index = {code: i for i, code in enumerate(sorted(rules))}
    found = [result for _, run in runs for result in run["results"]]
    results = [
        {**result, "ruleIndex": index[result["ruleId"]]}
        for result in sorted(_unique(found, _without_index), key=_sarif_key)
    ]
    incomplete = [
        path
        for path, run in runs
        if any(i.get("executionSuccessful") is False for i in run.get("invocations", []))
    ]
    notes = [
        note
        for _, run in runs
        for invocation in run.get("invocations", [])
        for note in invocation.get("toolExecutionNotifications", [])
    ]
    first = runs[0][1]
    driver = {**first["tool"]["driver"], "rules": [rules[code] for code in index]}
    run = {
        **first,
        "tool": {**first["tool"], "driver": driver},
        "results": results,
        "invocations": [
            {
                "executionSuccessful": not incomplete,
                "toolExecutionNotifications": _unique(notes, _canonical),
            }
        ],
    }
    log = {**logs[0][1], "runs": [run]}
    return Merged(SARIF, results, log, list(dict.fromkeys(incomplete)))


# --- both -----------------------------------------------------------------------


def _canonical(item: Any) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _unique(items: list[Any], identity: Callable[[Any], str]) -> list[Any]:
    """items without repeats (by identity), first occurrences in order."""
    seen: set[str] = set()
    kept = []
    for item in items:
        name = identity(item)
        if name not in seen:
            seen.add(name)
            kept.append(item)
    return kept
