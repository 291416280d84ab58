"""Stable fingerprints of findings, for baselines and code-scanning services.

A fingerprint must survive unrelated edits: lines added above a finding move it
but do not change it. It is made of the rule code, the file (relative to the
project root), the names of the enclosing functions and classes, and the
reported source with its whitespace collapsed; identical findings in one file
are told apart by a count.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Mapping

from perflint.diagnostics import Diagnostic, LineIndex
from perflint.source import SourceError, decode

_DEFINITION = re.compile(r"(\s*)(?:async\s+def|def|class)\s+(\w+)")


def enclosing_names(lines: list[str], row: int) -> str:
    """`Class.method` holding the 1-based row, from indentation alone ("" at module level)."""
    if not 1 <= row <= len(lines):
        return ""
    line = lines[row - 1]
    indent = len(line) - len(line.lstrip())
    names: list[str] = []
    for above in range(row - 1, 0, -1):
        if indent == 0:
            break
        match = _DEFINITION.match(lines[above - 1])
        if match and len(match.group(1)) < indent:
            names.append(match.group(2))
            indent = len(match.group(1))
    return ".".join(reversed(names))


def fingerprints(
    relative_path: str,
    text: str | None,
    diagnostics: list[Diagnostic],
    cells: Mapping[int, str] | None = None,
) -> list[str]:
    """One fingerprint per diagnostic, in order. Without the text (stdin, a
    file gone since), the message stands in for the source. For a notebook,
    cells holds the sources by cell number and a finding's text is its cell's:
    the cell's number is left out, so that adding or editing another cell
    changes no fingerprint."""
    path = relative_path.replace(os.sep, "/")
    seen: Counter[str] = Counter()
    found = []
    texts: dict[int | None, tuple[LineIndex, list[str]] | None] = {}
    for d in diagnostics:
        if d.cell not in texts:
            own = cells.get(d.cell) if cells is not None and d.cell is not None else text
            texts[d.cell] = (LineIndex(own), own.splitlines()) if own is not None else None
        index, lines = texts[d.cell] or (None, [])
        if index is not None and d.location[0] <= len(index.starts):
            start = index.offset(d.location)
            end = (
                max(start, index.offset(d.end_location))
                if d.end_location[0] <= len(index.starts)
                else start
            )
            source = " ".join(index.text[start:end].split())
            scope = enclosing_names(lines, d.location[0])
        else:
            source, scope = d.message, ""
        key = f"{d.code}\0{path}\0{scope}\0{source}"
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        found.append(digest[:32])
    return found


def read_text(path: str) -> str | None:
    """The decoded text of a file, or None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return decode(handle.read()).text
    except (OSError, SourceError):
        return None
