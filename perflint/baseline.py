"""Baselines: adopt perflint on a large code base by recording today's findings
(`--write-baseline FILE`) and reporting only new ones afterwards (`--baseline
FILE` or the `baseline` config key). Findings are matched by fingerprint
(perflint.fingerprint), so they survive line shifts and unrelated edits."""

from __future__ import annotations

import json

from perflint.files import write_new_atomic
from perflint.report import project_path, result_fingerprints
from perflint.runner import FileResult

FORMAT = 1


class BaselineError(Exception):
    pass


def write_baseline(path: str, results: list[FileResult], root: str) -> int:
    """Record every remaining finding; returns how many."""
    findings = []
    for result in results:
        where = project_path(result.path, root)
        for d, fingerprint in zip(
            result.diagnostics, result_fingerprints(result, root), strict=True
        ):
            findings.append(
                {"fingerprint": fingerprint, "code": d.code, "path": where, "message": d.message}
            )
    findings.sort(key=lambda f: (f["path"], f["code"], f["fingerprint"]))
    data = {"perflint-baseline": FORMAT, "findings": findings}
    write_new_atomic(path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())
    return len(findings)


def read_baseline(path: str) -> set[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise BaselineError(
            f"baseline {path} does not exist (create it with --write-baseline)"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from None
    if not isinstance(data, dict) or data.get("perflint-baseline") != FORMAT:
        raise BaselineError(f"{path} is not a perflint baseline (write one with --write-baseline)")
    findings = data.get("findings")
    if not isinstance(findings, list) or not all(
        isinstance(f, dict) and isinstance(f.get("fingerprint"), str) for f in findings
    ):
        raise BaselineError(f"{path}: 'findings' must be a list of objects with a fingerprint")
    return {f["fingerprint"] for f in findings}


def hide_known(results: list[FileResult], known: set[str], root: str) -> int:
    """Drop the findings recorded in the baseline; returns how many were dropped."""
    hidden = 0
    for result in results:
        if not result.diagnostics:
            continue
        fingerprints = result_fingerprints(result, root)
        kept = [d for d, f in zip(result.diagnostics, fingerprints, strict=True) if f not in known]
        hidden += len(result.diagnostics) - len(kept)
        result.diagnostics = kept
    return hidden
