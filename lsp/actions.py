"""Code actions built from what a diagnostic carries: its quick fix, "disable
for this line", and the fix-all action offered before it is computed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lsprotocol import types

from perflint.noqa import suppressed_codes

from .convert import SOURCE, edits_by_document, text_edits, units

FIX_ALL = "source.fixAll.perflint"
# The server command that computes and applies fix-all, for clients that
# cannot resolve a code action's edit later (the VS Code extension's own
# command is "perflint.fixAll": a second one by that name would clash).
APPLY_FIX_ALL = "perflint.applyFixAll"


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Is an action of `kind` asked for? Kinds are hierarchical: `source`
    asks for `source.fixAll.perflint` too."""
    return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)


def quick_fixes(
    uri: str, lines: list[str], diagnostic: types.Diagnostic, encoding: str
) -> list[types.CodeAction]:
    """The diagnostic's own fix (if it carries one), then "disable for this line"."""
    if diagnostic.source != SOURCE:
        return []
    actions = []
    # A fix in a notebook cell may add an import to another cell.
    changes = edits_by_document(uri, diagnostic.data)
    if changes:
        fix = diagnostic.data["fix"]  # type: ignore[index]  # edits_by_document checked it
        actions.append(
            types.CodeAction(
                title=f"perflint: {fix['message']} ({diagnostic.code})",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=bool(fix.get("safe")),
                edit=types.WorkspaceEdit(changes=changes),
            )
        )
    actions.append(noqa_action(uri, lines, diagnostic, encoding))
    return actions


def noqa_action(
    uri: str, lines: list[str], diagnostic: types.Diagnostic, encoding: str
) -> types.CodeAction:
    """Add the code to the line's `# noqa: ...` (or start one). The edit covers
    only the comment, so the rest of the line is never rewritten."""
    row = diagnostic.range.start.line
    body = (lines[row] if row < len(lines) else "").rstrip("\r\n")
    codes = suppressed_codes(body)
    code = str(diagnostic.code)
    start = end = len(body)
    if codes is None:
        new_text = f"  # noqa: {code}"
    elif not codes or code in codes:
        new_text = ""  # already silenced: an empty edit
    else:
        start = body.rfind("#", 0, body.lower().rindex("noqa"))
        new_text = f"# noqa: {', '.join(sorted({*codes, code}))}"
    edit = types.TextEdit(
        range=types.Range(
            start=types.Position(line=row, character=units(body[:start], encoding)),
            end=types.Position(line=row, character=units(body[:end], encoding)),
        ),
        new_text=new_text,
    )
    return types.CodeAction(
        title=f"perflint: disable {code} for this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def has_fixes(diagnostics: list[types.Diagnostic]) -> bool:
    return any(text_edits(d.data) for d in diagnostics)


def lazy_fix_all(uri: str, resolvable: bool) -> types.CodeAction:
    """Fix-all without its edit: the client resolves it (codeAction/resolve)
    when chosen, or, when it cannot, runs the server command that applies it."""
    title = "perflint: fix all"
    if resolvable:
        return types.CodeAction(title=title, kind=FIX_ALL, data={"fixAll": uri})
    return types.CodeAction(
        title=title,
        kind=FIX_ALL,
        command=types.Command(title=title, command=APPLY_FIX_ALL, arguments=[uri]),
    )


def fix_all_uri(action: types.CodeAction) -> str | None:
    """The document a lazy fix-all action is for (None for any other action)."""
    data: Any = action.data
    uri = data.get("fixAll") if isinstance(data, dict) else None
    return uri if isinstance(uri, str) else None


def fix_all_action(changes: dict[str, list[types.TextEdit]]) -> types.CodeAction | None:
    """Fix-all with its edits by document (a notebook cell's may change another cell)."""
    if not changes:
        return None
    return types.CodeAction(
        title="perflint: fix all",
        kind=FIX_ALL,
        edit=types.WorkspaceEdit(changes=changes),
    )
