"""Code lenses over JIT candidates, over functions with O(n^2) findings and,
with a profile, over the functions with findings that ran; and what their
commands show when clicked."""

from __future__ import annotations

import ast

from lsprotocol import types

from perflint.source import parse_python

from .convert import text_edits
from .evidence import hot_function, percent

APPLY_FIX = "perflint.applyFix"
SHOW_FINDINGS = "perflint.showFindings"


def lenses(uri: str, text: str, found: list[types.Diagnostic]) -> list[types.CodeLens]:
    """`numba: add @njit` over a JIT candidate (applies its fix) or `numba: this
    function would compile` (shows the finding), and `O(n^2): N findings` over a
    function with super-linear findings (shows them)."""
    result = []
    for diagnostic in found:
        if diagnostic.code != "PFL301":
            continue
        if text_edits(diagnostic.data):
            command = types.Command(
                title="numba: add @njit", command=APPLY_FIX, arguments=[uri, diagnostic.data]
            )
        else:
            command = types.Command(
                title="numba: this function would compile",
                command=SHOW_FINDINGS,
                arguments=[uri, "PFL301", [diagnostic.range.start.line]],
            )
        result.append(types.CodeLens(range=diagnostic.range, command=command))
    for first, rows in superlinear_by_function(text, found):
        title = f"O(n^2): {len(rows)} finding{'s' if len(rows) > 1 else ''}"
        start = types.Position(line=first, character=0)
        result.append(
            types.CodeLens(
                range=types.Range(start=start, end=start),
                command=types.Command(
                    title=title, command=SHOW_FINDINGS, arguments=[uri, "PFL1", rows]
                ),
            )
        )
    return result


def hot_functions(
    uri: str, found: list[types.Diagnostic], min_share: float
) -> list[types.CodeLens]:
    """`perflint: 61% of run time, 2 findings` over each function that ran in
    the profile with at least min_share of the run and has findings of its own
    (shows them)."""
    by_function: dict[int, tuple[float, list[int]]] = {}
    for diagnostic in found:
        function = hot_function(diagnostic.data)
        if function is not None and function[1] >= min_share:
            by_function.setdefault(function[0], (function[1], []))[1].append(
                diagnostic.range.start.line
            )
    result = []
    for first, (share, rows) in sorted(by_function.items()):
        count = f"{len(rows)} finding{'s' if len(rows) > 1 else ''}"
        start = types.Position(line=first, character=0)
        result.append(
            types.CodeLens(
                range=types.Range(start=start, end=start),
                command=types.Command(
                    title=f"perflint: {percent(share)} of run time, {count}",
                    command=SHOW_FINDINGS,
                    arguments=[uri, "PFL", sorted(set(rows))],
                ),
            )
        )
    return result


def superlinear_by_function(
    text: str, found: list[types.Diagnostic]
) -> list[tuple[int, list[int]]]:
    """(first line, the line of each complexity finding directly inside), 0-based,
    per function with any; the first line is its first decorator's."""
    rows = [d.range.start.line + 1 for d in found if str(d.code).startswith("PFL1")]
    if not rows:
        return []
    try:
        tree = parse_python(text)
    except (SyntaxError, ValueError):
        return []
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    counts = []
    for node in ast.walk(tree):
        if isinstance(node, functions):
            end = node.end_lineno or node.lineno
            inner = [n for n in ast.walk(node) if n is not node and isinstance(n, functions)]
            inside = [
                r
                for r in rows
                if node.lineno <= r <= end
                and not any(n.lineno <= r <= (n.end_lineno or n.lineno) for n in inner)
            ]
            if inside:
                first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                counts.append((first - 1, [r - 1 for r in inside]))
    return sorted(counts)


def findings_on(
    found: list[types.Diagnostic], prefix: str, lines: list[int]
) -> list[types.Diagnostic]:
    """The findings a lens stands for: codes starting with prefix, on these lines."""
    return [d for d in found if str(d.code).startswith(prefix) and d.range.start.line in lines]


def describe(findings: list[types.Diagnostic]) -> str:
    """One message listing the findings, for window/showMessage."""
    if not findings:
        return "perflint: no findings here any more (the file changed since)"
    listed = "; ".join(
        f"line {d.range.start.line + 1}: {d.code} {d.message}" for d in findings[:10]
    )
    more = f" (and {len(findings) - 10} more)" if len(findings) > 10 else ""
    return f"perflint: {listed}{more}"
