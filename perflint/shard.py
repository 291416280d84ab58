"""`--shard I/N`: one CI job's part of the files, the same on every machine.

A file belongs to a shard by a hash of its path relative to the project root,
in POSIX form and Unicode NFC (macOS may hand out decomposed names): neither
the checkout folder, the operating system nor the order in which files were
found changes the split. Each file is in exactly one shard, so the shards of
a run add up to the full run (`perflint merge` joins their reports).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_SPEC = re.compile(r"\s*([0-9]+)\s*/\s*([0-9]+)\s*")
USAGE = "expected I/N with 1 <= I <= N, e.g. --shard 2/4"


class ShardError(ValueError):
    pass


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    match = _SPEC.fullmatch(text)
    if match is None:
        raise ShardError(f"--shard {text!r}: {USAGE}")
    index, count = int(match.group(1)), int(match.group(2))
    if not 1 <= index <= count:
        raise ShardError(f"--shard {text!r}: {USAGE}")
    return Shard(index, count)


def project_relative(path: str, root: str) -> str:
    """path relative to root, with forward slashes, in NFC."""
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive on Windows: no relative path exists
        relative = os.path.abspath(path)
    return unicodedata.normalize("NFC", relative.replace(os.sep, "/"))


def shard_of(relative_path: str, count: int) -> int:
    """The 1-based shard of a project-relative POSIX path among count shards."""
    digest = hashlib.sha256(relative_path.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select(paths: Iterable[str], shard: Shard, root: str) -> list[str]:
    """The paths in this shard, in their original order."""
    return [p for p in paths if shard_of(project_relative(p, root), shard.count) == shard.index]
