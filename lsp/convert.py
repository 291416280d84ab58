"""perflint's findings and fixes in LSP terms: UTF-16 positions, diagnostics
carrying their fix in `data`, text edits."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from perflint.diagnostics import Diagnostic, Edit
from perflint.report import rule_url

SOURCE = "perflint"
# Findings that stop a file being linted are errors; everything else is a
# performance warning, and the opt-in families a hint-level warning.
_SEVERITY = {
    "errors": types.DiagnosticSeverity.Error,
}


class Lines:
    """Converts perflint's (row, column) in characters to LSP positions in
    UTF-16 code units, which is what editors count."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines(keepends=True) or [""]

    def position(self, row: int, column: int) -> types.Position:
        """row and column are 1-based, column counted in code points."""
        if row - 1 >= len(self.lines):
            return types.Position(line=max(row - 1, 0), character=0)
        prefix = self.lines[row - 1][: column - 1]
        return types.Position(line=row - 1, character=len(prefix.encode("utf-16-le")) // 2)

    def range(self, start: tuple[int, int], end: tuple[int, int]) -> types.Range:
        return types.Range(start=self.position(*start), end=self.position(*end))


def to_lsp(diagnostic: Diagnostic, lines: Lines, unsafe: bool) -> types.Diagnostic:
    """The LSP diagnostic; its fix (if offered under the settings) rides in `data`
    so a code action needs no server state."""
    data: dict[str, Any] = {"code": diagnostic.code}
    fix = diagnostic.fix
    if fix is not None and (
        fix.applicability == "safe" or (unsafe and fix.applicability == "unsafe")
    ):
        data["fix"] = {
            "message": fix.message,
            "safe": fix.applicability == "safe",
            "edits": [_edit_data(edit, lines) for edit in fix.edits],
        }
    return types.Diagnostic(
        range=lines.range(diagnostic.location, diagnostic.end_location),
        message=diagnostic.message,
        severity=_SEVERITY.get(diagnostic.category, types.DiagnosticSeverity.Warning),
        code=diagnostic.code,
        code_description=types.CodeDescription(href=rule_url(diagnostic.code)),
        source=SOURCE,
        data=data,
    )


def _edit_data(edit: Edit, lines: Lines) -> dict[str, Any]:
    start = lines.position(*edit.location)
    end = lines.position(*edit.end_location)
    return {
        "start": [start.line, start.character],
        "end": [end.line, end.character],
        "text": edit.content,
    }


def text_edits(data: Any) -> list[types.TextEdit]:
    """The text edits of a fix carried in a diagnostic's data (empty if none)."""
    fix = data.get("fix") if isinstance(data, dict) else None
    if not isinstance(fix, dict):
        return []
    return [
        types.TextEdit(
            range=types.Range(
                start=types.Position(line=e["start"][0], character=e["start"][1]),
                end=types.Position(line=e["end"][0], character=e["end"][1]),
            ),
            new_text=e["text"],
        )
        for e in fix.get("edits", [])
    ]
