"""Lint results cached by file content, settings and perflint version.

One JSON file per settings fingerprint under the cache folder. JSON, not
pickle: a cache folder checked into a repository must not be able to run code.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from perflint import __version__
from perflint.diagnostics import Diagnostic, Edit, Fix

FORMAT = 1


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _edit_to_json(edit: Edit) -> list[Any]:
    item = [edit.start, edit.end, edit.content, list(edit.location), list(edit.end_location)]
    return item if edit.cell is None else [*item, edit.cell]


def _edit_from_json(item: list[Any]) -> Edit:
    start, end, content, location, end_location, *cell = item
    return Edit(start, end, content, tuple(location), tuple(end_location), *cell)  # type: ignore[arg-type]


def diagnostic_to_json(d: Diagnostic) -> dict[str, Any]:
    fix = None
    if d.fix is not None:
        fix = [d.fix.applicability, d.fix.message, [_edit_to_json(e) for e in d.fix.edits]]
    item: dict[str, Any] = {
        "c": d.code,
        "n": d.name,
        "k": d.category,
        "m": d.message,
        "l": list(d.location),
        "e": list(d.end_location),
        "f": fix,
    }
    if d.cell is not None:
        item["i"] = d.cell
    return item


def diagnostic_from_json(item: dict[str, Any]) -> Diagnostic:
    fix = None
    if item["f"] is not None:
        applicability, message, edits = item["f"]
        fix = Fix(applicability, message, tuple(_edit_from_json(e) for e in edits))
    return Diagnostic(
        item["c"],
        item["n"],
        item["k"],
        item["m"],
        tuple(item["l"]),
        tuple(item["e"]),
        fix,  # type: ignore[arg-type]
        cell=item.get("i"),
    )


def cache_path(folder: str, fingerprint: str) -> str:
    return os.path.join(folder, __version__, f"{fingerprint}.json")


class Cache:
    """path -> (content hash, diagnostics) for one settings fingerprint."""

    def __init__(self, folder: str, fingerprint: str) -> None:
        self.path = cache_path(folder, fingerprint)
        self.entries: dict[str, list[Any]] = {}
        self.dirty = False
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
            if data.get("format") == FORMAT:
                self.entries = data["files"]
        except (OSError, ValueError, KeyError, AttributeError):
            self.entries = {}  # a missing or damaged cache is just empty

    def get(self, path: str, digest: str) -> list[Diagnostic] | None:
        entry = self.entries.get(path)
        if entry is None or entry[0] != digest:
            return None
        try:
            return [diagnostic_from_json(item) for item in entry[1]]
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, path: str, digest: str, diagnostics: list[Diagnostic]) -> None:
        self.entries[path] = [digest, [diagnostic_to_json(d) for d in diagnostics]]
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        from perflint.files import write_new_atomic

        folder = os.path.dirname(self.path)
        os.makedirs(folder, exist_ok=True)
        gitignore = os.path.join(os.path.dirname(folder), ".gitignore")
        if not os.path.exists(gitignore):
            write_new_atomic(gitignore, b"# Created by perflint\n*\n")
        payload = {"format": FORMAT, "files": self.entries}
        write_new_atomic(self.path, json.dumps(payload, separators=(",", ":")).encode())
