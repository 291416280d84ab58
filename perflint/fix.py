"""Applying fixes to text: pick non-overlapping fixes, apply, lint again,
repeat until nothing more applies. A fix whose result does not parse is dropped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from perflint.api import lint_source
from perflint.config import Settings
from perflint.diagnostics import Diagnostic, Edit, Fix, LintResult, applicable

MAX_PASSES = 10
SYNTAX_ERROR = "PFL001"


D = TypeVar("D")  # a document: a file's text, or a notebook's cell sources


@dataclass
class FixOutcome(Generic[D]):
    text: D  # the fixed document
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
    # Offsets of different notebook cells are in different texts.
    return any(
        edit.cell == other.cell and edit.start <= other.end and other.start <= edit.end
        for other in taken
    )


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


def fix_text(text: str, path: str, settings: Settings, unsafe: bool = False) -> FixOutcome[str]:
    """Apply every applicable fix to text; returns the fixed text and its lint."""

    def prune(before: str, candidate: str) -> str | None:
        # Each fix removes the imports it leaves unused; together they may
        # leave one unused that none of them did alone. Imported here: it
        # needs LibCST, which a run with nothing to fix never loads.
        from perflint.unused_imports import left_unused_together

        spans = left_unused_together(before, candidate, path, safe=not unsafe)
        if not spans:
            return None
        edits = [Edit(start, end, "", (0, 0), (0, 0)) for start, end in spans]
        return apply_edits(candidate, edits)

    return fix_document(text, lambda t: lint_source(t, path, settings), apply_edits, unsafe, prune)


def _parses(document: D, lint: Callable[[D], LintResult]) -> tuple[bool, LintResult]:
    result = lint(document)
    return not any(d.code == SYNTAX_ERROR for d in result.diagnostics), result


def fix_document(
    document: D,
    lint: Callable[[D], LintResult],
    apply: Callable[[D, list[Edit]], D],
    unsafe: bool = False,
    prune: Callable[[D, D], D | None] | None = None,
) -> FixOutcome[D]:
    """Apply every applicable fix to a document: lint it, apply the fixes that
    do not overlap, lint again, until nothing more applies. prune(before,
    after) may tidy what several fixes applied together left (None: nothing)."""
    result = lint(document)
    outcome = FixOutcome(document, result, errors=list(result.errors))
    if any(d.code == SYNTAX_ERROR for d in result.diagnostics):
        return outcome
    skip: set[tuple[str, Fix]] = set()
    for _ in range(MAX_PASSES):
        chosen = _choose(outcome.result.diagnostics, unsafe, skip)
        if not chosen:
            break
        candidate = apply(outcome.text, [e for d in chosen for e in d.fix.edits])  # type: ignore[union-attr]
        ok, result = _parses(candidate, lint)
        if not ok:
            # Find the fixes that break the code on their own and drop them.
            good = []
            for diagnostic in chosen:
                alone = apply(outcome.text, list(diagnostic.fix.edits))  # type: ignore[union-attr]
                if _parses(alone, lint)[0]:
                    good.append(diagnostic)
                else:
                    skip.add((diagnostic.code, diagnostic.fix))  # type: ignore[arg-type]
                    outcome.rejected.append((diagnostic.code, diagnostic.message))
            if not good:
                continue
            # Together they may still conflict: apply one per pass from here on.
            chosen = good[:1]
            candidate = apply(outcome.text, list(chosen[0].fix.edits))  # type: ignore[union-attr]
            ok, result = _parses(candidate, lint)
        if len(chosen) > 1 and prune is not None:
            pruned = prune(outcome.text, candidate)
            if pruned is not None:
                ok, pruned_result = _parses(pruned, lint)
                if ok:
                    candidate, result = pruned, pruned_result
        outcome.text = candidate
        outcome.result = result
        outcome.fixed += len(chosen)
        outcome.errors.extend(e for e in result.errors if e not in outcome.errors)
    return outcome
