"""`--changed-since REF`: the files git says changed since REF, plus untracked ones."""

from __future__ import annotations

import os
import subprocess


class GitError(Exception):
    pass


def _git(args: list[str], cwd: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("--changed-since needs git, which is not installed") from None
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} failed")
    return done.stdout


def changed_files(ref: str, cwd: str = ".") -> set[str]:
    """Absolute paths of files changed since ref (committed, staged or not) and untracked files."""
    try:
        top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    except GitError:
        raise GitError(
            f"--changed-since needs a git repository; {os.path.abspath(cwd)} is not in one"
        ) from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    except GitError:
        raise GitError(f"--changed-since: {ref!r} is not a commit git knows") from None
    changed = _git(["diff", "--name-only", "-z", ref, "--"], top).split("\0")
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    return {os.path.normpath(os.path.join(top, name)) for name in changed + untracked if name}
