"""perflint's findings and fixes in LSP terms: positions in the encoding the
server announced (UTF-8, UTF-16 or UTF-32 code units), diagnostics carrying
their fix in `data`, text edits."""

from __future__ import annotations

import re
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


UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
# LSP lines end only at \n, \r\n or \r (str.splitlines also splits at form
# feeds, U+2028 and others, which would shift every row after them).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def split_lines(text: str) -> list[str]:
    """The document's lines as LSP counts them, each with its line ending."""
    return _LINE.findall(text) or [""]


def units(text: str, encoding: str) -> int:
    """How many code units of the position encoding `text` takes."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def code_points(line: str, character: int, encoding: str) -> int:
    """The index in `line` of the character at `character` code units (a position
    inside a character's units points after it)."""
    if encoding == UTF32:
        return min(character, len(line))
    counted = 0
    for index, char in enumerate(line):
        if counted >= character:
            return index
        counted += units(char, encoding)
    return len(line)


class Lines:
    """Converts perflint's (row, column) in characters to LSP positions in the
    code units of the encoding the server announced (UTF-16 unless the client
    offered another)."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.lines = split_lines(text)
        self.encoding = getattr(encoding, "value", encoding)  # a PositionEncodingKind

    def position(self, row: int, column: int) -> types.Position:
        """row and column are 1-based, column counted in code points."""
        if row - 1 >= len(self.lines):
            return types.Position(line=max(row - 1, 0), character=0)
        prefix = self.lines[row - 1][: column - 1]
        return types.Position(line=row - 1, character=units(prefix, self.encoding))

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
            "edits": [edit_data(edit, lines) for edit in fix.edits],
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


def edit_data(edit: Edit, lines: Lines, uri: str | None = None) -> dict[str, Any]:
    """An edit as a diagnostic's data carries it; uri names the document it
    changes when that is not the diagnostic's own (another notebook cell)."""
    start = lines.position(*edit.location)
    end = lines.position(*edit.end_location)
    data: dict[str, Any] = {
        "start": [start.line, start.character],
        "end": [end.line, end.character],
        "text": edit.content,
    }
    if uri is not None:
        data["uri"] = uri
    return data


def text_edits(data: Any) -> list[types.TextEdit]:
    """The text edits of a fix carried in a diagnostic's data (empty if none),
    whichever document each changes: to tell whether there is a fix."""
    return [edit for edits in edits_by_document("", data).values() for edit in edits]


def edits_by_document(uri: str, data: Any) -> dict[str, list[types.TextEdit]]:
    """The text edits of a fix carried in a diagnostic's data, by the document
    they change: uri, the diagnostic's own, unless an edit names another."""
    fix = data.get("fix") if isinstance(data, dict) else None
    if not isinstance(fix, dict):
        return {}
    changes: dict[str, list[types.TextEdit]] = {}
    for e in fix.get("edits", []):
        edit = types.TextEdit(
            range=types.Range(
                start=types.Position(line=e["start"][0], character=e["start"][1]),
                end=types.Position(line=e["end"][0], character=e["end"][1]),
            ),
            new_text=e["text"],
        )
        changes.setdefault(e.get("uri", uri), []).append(edit)
    return changes


def replace_changed_lines(old: str, new: str, encoding: str) -> types.TextEdit:
    """One edit turning old into new that spans only the lines between their
    common first and last lines (an editor keeps marks and folds elsewhere)."""
    before, after = split_lines(old), split_lines(new)
    first = 0
    while first < min(len(before), len(after)) and before[first] == after[first]:
        first += 1
    last = 0
    while last < min(len(before), len(after)) - first and before[-1 - last] == after[-1 - last]:
        last += 1
    lines = Lines(old, encoding)
    # Whole lines from `first` to the start of the first common trailing line.
    end = len(before) - last
    return types.TextEdit(
        range=types.Range(
            start=types.Position(line=first, character=0),
            end=lines.position(end + 1, 1) if end < len(before) else _end_of(before, lines),
        ),
        new_text="".join(after[first : len(after) - last]),
    )


def _end_of(lines: list[str], converter: Lines) -> types.Position:
    """The position after the last character of the document."""
    last = lines[-1]
    if last.endswith(("\n", "\r")):
        return types.Position(line=len(lines), character=0)
    return types.Position(line=len(lines) - 1, character=units(last, converter.encoding))
