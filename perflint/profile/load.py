"""Read a profile file of any supported format, told apart by its content.

A pstats file is one marshalled dict (first byte `{`, or `\\xfb` with
marshal's reference flag, followed by a marshal type code); JSON profiles
start with `{` and then a quote or `}`. JSON is then told apart by its keys:
speedscope has `shared` and `profiles`, pyinstrument `root_frame`. Nothing in
a profile is ever run or unpickled.
"""

from __future__ import annotations

import json
import os
import stat
from typing import Any

from perflint.profile.model import Profile, ProfileError
from perflint.profile.pstats import read_pstats
from perflint.profile.pyinstrument import read_pyinstrument
from perflint.profile.speedscope import read_speedscope

# Real profiles of long runs are tens of MB; reading one holds it in memory
# several times over (bytes, then objects), so refuse what no profiler writes.
MAX_BYTES = 256 * 1024 * 1024
JSON_SPACE = b" \t\r\n"
KNOWN = "expected a cProfile/pstats file, py-spy speedscope JSON or pyinstrument JSON"


def load_profile(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> Profile:
    """The profile in the file at `path`; ProfileError when it cannot be read."""
    source = os.fspath(path)
    return parse_profile(read_profile_bytes(source, source, max_bytes), source)


def read_profile_bytes(path: str, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most max_bytes (named `name` in
    errors); ProfileError otherwise. Read once, so a file growing meanwhile
    is still caught."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ProfileError(f"{name}: not a regular file")
        if info.st_size > max_bytes:
            raise ProfileError(f"{name}: {info.st_size} bytes, more than the {max_bytes} allowed")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ProfileError(f"{name}: cannot read the profile ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise ProfileError(f"{name}: more than the {max_bytes} bytes allowed")
    return data


JSON, PSTATS, PICKLE, EMPTY, UNKNOWN = "json", "pstats", "pickle", "empty", "unknown"


def sniff(data: bytes) -> str:
    """What the bytes look like, from their first few: JSON, PSTATS, PICKLE,
    EMPTY or UNKNOWN (the language server asks before reading marshal data)."""
    text = _json_text(data)
    if not text:
        return EMPTY
    if text[:1] == b"{" and text[1:].lstrip(JSON_SPACE)[:1] in (b'"', b"}"):
        return JSON
    if data[:1] in (b"{", b"\xfb"):
        return PSTATS
    return PICKLE if data[:1] == b"\x80" else UNKNOWN


def parse_profile(data: bytes, source: str) -> Profile:
    """The profile in `data`, read from the file named `source`."""
    kind = sniff(data)
    if kind == EMPTY:
        raise ProfileError(f"{source}: the file is empty")
    if kind == JSON:
        return _read_json(_json_text(data), source)
    if kind == PSTATS:
        return read_pstats(data, source)
    if kind == PICKLE:
        raise ProfileError(f"{source}: a pickle, not a profile ({KNOWN}); perflint never unpickles")
    raise ProfileError(f"{source}: unknown profile format ({KNOWN})")


def _json_text(data: bytes) -> bytes:
    """The bytes without a UTF-8 byte order mark and leading white space."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    return body.lstrip(JSON_SPACE)


def _read_json(text: bytes, source: str) -> Profile:
    try:
        doc = json.loads(text.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProfileError(f"{source}: JSON that is not UTF-8") from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise ProfileError(f"{source}: truncated or invalid JSON ({where}: {exc.msg})") from None
    except RecursionError:
        raise ProfileError(f"{source}: JSON nested too deeply to read") from None
    except (ValueError, MemoryError) as exc:
        raise ProfileError(f"{source}: JSON that cannot be read ({exc})") from None
    return _read_document(doc, source)


def _read_document(doc: Any, source: str) -> Profile:
    if "root_frame" in doc:
        return read_pyinstrument(doc, source)
    if "profiles" in doc and "shared" in doc:
        return read_speedscope(doc, source)
    if "frame_records" in doc:
        raise ProfileError(
            f"{source}: a pyinstrument session file, not supported: write JSON with `-r json`"
        )
    if "files" in doc and "elapsed_time_sec" in doc:
        raise ProfileError(f"{source}: Scalene JSON is not supported ({KNOWN})")
    raise ProfileError(f"{source}: JSON that is not a known profile ({KNOWN})")
