"""`--verify-jit` applied to the findings: each PFL301 finding is kept only
when its function compiled and measured worth it (perflint.jit.verify), and
then carries the evidence: in its message and as `jit: {verified, signature,
speedup, sizes}` in the JSON report. Dropped ones are listed on stderr with
--verbose, each with the reason."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from perflint.diagnostics import JitEvidence
from perflint.runner import FileResult


def _read(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


def verify_findings(
    results: list[FileResult],
    display: Callable[[str], str],
    say: Callable[[str], None] | None,
    read: Callable[[str], str] = _read,
) -> None:
    """display shows a path to the user; say (when verbose) reports a dropped
    finding; read gives a file's Python text."""
    from perflint.jit.verify import Verifier

    verifier = Verifier()
    try:
        for result in results:
            if not any(d.code == "PFL301" for d in result.diagnostics):
                continue
            source = read(result.path)
            kept = []
            for diagnostic in result.diagnostics:
                if diagnostic.code != "PFL301":
                    kept.append(diagnostic)
                    continue
                function = diagnostic.message.split("`")[-2]  # the rule quotes it last
                outcome = verifier.verify(source, function)
                if outcome.kept:
                    evidence = JitEvidence(
                        True,
                        outcome.signature,
                        None if outcome.speedup is None else round(outcome.speedup, 1),
                        tuple(
                            (name, tuple(size) if isinstance(size, list) else size)
                            for name, size in (outcome.sizes or {}).items()
                        ),
                    )
                    message = f"{diagnostic.message} ({outcome.detail})"
                    kept.append(dataclasses.replace(diagnostic, message=message, jit=evidence))
                elif say is not None:
                    say(
                        f"{display(result.path)}:{diagnostic.location[0]}: PFL301 dropped, "
                        f"`{function}` {outcome.detail}"
                    )
            result.diagnostics[:] = kept
    finally:
        verifier.close()
