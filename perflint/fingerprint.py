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


def fingerprints(relative_path: str, text: str | None, diagnostics: list[Diagnostic]) -> list[str]:
    """One fingerprint per diagnostic, in order. Without the text (stdin, a
    file gone since), the message stands in for the source."""
    index = LineIndex(text) if text is not None else None
    lines = text.splitlines() if text is not None else []
    path = relative_path.replace(os.sep, "/")
    seen: Counter[str] = Counter()
    found = []
    for d in diagnostics:
        if index is not None and d.location[0] <= len(index.starts):
            start = index.offset(d.location)
            end = (
                max(start, index.offset(d.end_location))
                if d.end_location[0] <= len(index.starts)
                else start
            )
            source = " ".join(text[start:end].split()) if text is not None else ""
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
