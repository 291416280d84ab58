"""The profiles the language server ranks findings by: reading each one once
per version of its file, and noticing when one changes.

What the server may read is narrower than the CLI: only files inside the
workspace folders (decided by the server), pstats files (`marshal` data)
only in a trusted workspace, at most MAX_BYTES, and parsed in a child
process (lsp/profile_reader.py) so that a corrupt or crafted file costs a
logged line and no shares, never the server.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

from perflint.profile.load import PSTATS, read_profile_bytes, sniff
from perflint.profile.model import Profile, ProfileError

from .config_watch import Stamp, stamp
from .profile_reader import from_json

# Smaller than the CLI's cap: an editor reads profiles behind the user's back.
MAX_BYTES = 64 * 1024 * 1024
READ_SECONDS = 60.0


@dataclass(frozen=True)
class _Read:
    stamp: Stamp
    allowed: tuple[bool, bool]  # (inside the workspace, trusted) when it was read
    profile: Profile | None


class ProfileStore:
    """Profiles by absolute path. Safe to use from the server's lint threads:
    one reads a changed file while the others wait for it."""

    def __init__(self, log: Callable[[str], None]) -> None:
        self._log = log
        self._read: dict[str, _Read] = {}
        self._lock = threading.Lock()

    def get(self, path: str, name: str, *, inside: bool, trusted: bool) -> Profile | None:
        """The profile at `path` (shown as `name`), or None when it cannot or may
        not be read; why is logged once per version of the file."""
        with self._lock:
            now = stamp(path)
            known = self._read.get(path)
            if known is not None and known.stamp == now and known.allowed == (inside, trusted):
                return known.profile
            profile, problem = None, None
            if not inside:
                problem = f"{name} is outside the workspace folders: not read"
            else:
                try:
                    profile = _load(path, name, trusted)
                except ProfileError as exc:
                    problem = str(exc)
            self._read[path] = _Read(now, (inside, trusted), profile)
        if problem is not None:
            self._log(f"perflint: profile {problem}; its findings get no share of run time")
        return profile

    def changed(self) -> bool:
        """True once after a profile read before changed, appeared or went (it is
        read again at the next lint)."""
        with self._lock:
            gone = [path for path, known in self._read.items() if stamp(path) != known.stamp]
            for path in gone:
                del self._read[path]
        return bool(gone)


def _load(path: str, name: str, trusted: bool) -> Profile:
    data = read_profile_bytes(path, name, MAX_BYTES)
    if not trusted and sniff(data) == PSTATS:
        raise ProfileError(
            f"{name}: a cProfile/pstats file (marshal data) is read only in a trusted workspace"
        )
    return _parse_in_child(data, name)


def _parse_in_child(data: bytes, name: str) -> Profile:
    command = [sys.executable, "-m", "perflint.lsp.profile_reader", name]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=READ_SECONDS)
    except subprocess.TimeoutExpired:
        raise ProfileError(f"{name}: reading it took more than {READ_SECONDS:.0f} s") from None
    except OSError as exc:
        raise ProfileError(f"{name}: cannot start the profile reader ({exc})") from None
    if done.returncode != 0:
        how = f"signal {-done.returncode}" if done.returncode < 0 else f"status {done.returncode}"
        raise ProfileError(f"{name}: the profile reader stopped ({how}): a corrupt file?")
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        raise ProfileError(f"{name}: the profile reader gave no answer") from None
    if isinstance(answer, dict) and isinstance(answer.get("error"), str):
        raise ProfileError(answer["error"])
    return from_json(answer.get("profile") if isinstance(answer, dict) else None, name)
