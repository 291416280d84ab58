"""Applying fixes to text: pick non-overlapping fixes, apply, lint again,
repeat until nothing more applies. A fix whose result does not parse is dropped."""

from __future__ import annotations

from dataclasses import dataclass, field

from perflint.api import lint_source
from perflint.config import Settings
from perflint.diagnostics import Diagnostic, Edit, Fix, LintResult, applicable

MAX_PASSES = 10
SYNTAX_ERROR = "PFL001"


@dataclass
class FixOutcome:
    text: str
    result: LintResult  # the lint of the final text
    fixed: int = 0
    # Fixes dropped because the code they produced did not parse: (code, message).
    rejected: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (any order) to text."""
    pieces = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces.append(text[position : edit.start])
        pieces.append(edit.content)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def _overlaps(edit: Edit, taken: list[Edit]) -> bool:
    # Touching edits conflict too: two insertions at one point have no safe order.
    return any(edit.start <= other.end and other.start <= edit.end for other in taken)


def _choose(
    diagnostics: list[Diagnostic], unsafe: bool, skip: set[tuple[str, Fix]]
) -> list[Diagnostic]:
    chosen: list[Diagnostic] = []
    taken: list[Edit] = []
    for diagnostic in diagnostics:
        fix = diagnostic.fix
        if not applicable(fix, unsafe) or (diagnostic.code, fix) in skip:
            continue
        assert fix is not None
        if any(_overlaps(edit, taken) for edit in fix.edits):
            continue  # the next pass, after re-linting, will take it
        chosen.append(diagnostic)
        taken.extend(fix.edits)
    return chosen


def _parses(text: str, path: str, settings: Settings) -> tuple[bool, LintResult]:
    result = lint_source(text, path, settings)
    return not any(d.code == SYNTAX_ERROR for d in result.diagnostics), result


def fix_text(text: str, path: str, settings: Settings, unsafe: bool = False) -> FixOutcome:
    """Apply every applicable fix to text; returns the fixed text and its lint."""
    result = lint_source(text, path, settings)
    outcome = FixOutcome(text, result, errors=list(result.errors))
    if any(d.code == SYNTAX_ERROR for d in result.diagnostics):
        return outcome
    skip: set[tuple[str, Fix]] = set()
    for _ in range(MAX_PASSES):
        chosen = _choose(outcome.result.diagnostics, unsafe, skip)
        if not chosen:
            break
        candidate = apply_edits(outcome.text, [e for d in chosen for e in d.fix.edits])  # type: ignore[union-attr]
        ok, result = _parses(candidate, path, settings)
        if not ok:
            # Find the fixes that break the code on their own and drop them.
            good = []
            for diagnostic in chosen:
                alone = apply_edits(outcome.text, list(diagnostic.fix.edits))  # type: ignore[union-attr]
                if _parses(alone, path, settings)[0]:
                    good.append(diagnostic)
                else:
                    skip.add((diagnostic.code, diagnostic.fix))  # type: ignore[arg-type]
                    outcome.rejected.append((diagnostic.code, diagnostic.message))
            if not good:
                continue
            # Together they may still conflict: apply one per pass from here on.
            chosen = good[:1]
            candidate = apply_edits(outcome.text, list(chosen[0].fix.edits))  # type: ignore[union-attr]
            ok, result = _parses(candidate, path, settings)
        if len(chosen) > 1:
            # Each fix removes the imports it leaves unused; together they
            # may leave one unused that none of them did alone. Imported here:
            # it needs LibCST, which a run with nothing to fix never loads.
            from perflint.unused_imports import left_unused_together

            spans = left_unused_together(outcome.text, candidate, path, safe=not unsafe)
            if spans:
                edits = [Edit(start, end, "", (0, 0), (0, 0)) for start, end in spans]
                pruned = apply_edits(candidate, edits)
                ok, pruned_result = _parses(pruned, path, settings)
                if ok:
                    candidate, result = pruned, pruned_result
        outcome.text = candidate
        outcome.result = result
        outcome.fixed += len(chosen)
        outcome.errors.extend(e for e in result.errors if e not in outcome.errors)
    return outcome
