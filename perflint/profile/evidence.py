"""Joining profiles to a run's findings: each finding gets the largest share
of run time any of the given profiles measured for its code, or None when
its code never ran in them (the CLI's `--profile` and `--min-share`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from perflint.diagnostics import Diagnostic
from perflint.profile.load import load_profile
from perflint.profile.match import match_file
from perflint.profile.model import Profile
from perflint.profile.share import ProfileShare, share_for
from perflint.runner import FileResult
from perflint.source import SourceError, decode


def parse_min_share(text: str) -> float:
    """`5%` or `0.05` -> 0.05; ValueError for anything else."""
    value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    if not 0 <= value <= 1:
        raise ValueError(text)
    return value


def load_profiles(paths: Sequence[str]) -> list[Profile]:
    """The profiles, read once (ProfileError names a bad one)."""
    return [load_profile(path) for path in paths]


@dataclass
class Attached:
    files_matched: int = 0  # linted files with findings that some profile covers
    dropped: int = 0  # findings under --min-share
    # (file, profile) where the file changed since the run: matched by function name
    edited: list[tuple[str, str]] = field(default_factory=list)


def attach_shares(
    results: list[FileResult], profiles: list[Profile], root: str, min_share: float = 0.0
) -> Attached:
    """Give every finding its `profile` share; drop findings under min_share
    (those that never ran count as 0)."""
    done = Attached()
    for result in results:
        if not result.diagnostics or result.path == "-":
            continue
        matched = _matched(result.path, profiles, root)
        done.files_matched += bool(matched)
        done.edited += [(result.path, m.source) for m in matched if m.edited]
        kept: list[Diagnostic] = []
        for d in result.diagnostics:
            share = _best(matched, d)
            if min_share and (share is None or share.share < min_share):
                done.dropped += 1
                continue
            kept.append(dataclasses.replace(d, profile=share))
        result.diagnostics[:] = kept
    return done


def _matched(path: str, profiles: list[Profile], root: str) -> list:  # type: ignore[type-arg]
    try:
        with open(path, "rb") as handle:
            text = decode(handle.read()).text
    except (OSError, SourceError):
        return []
    found = (match_file(profile, path, root, text) for profile in profiles)
    return [m for m in found if m is not None]


def _best(matched: list, d: Diagnostic) -> ProfileShare | None:  # type: ignore[type-arg]
    shares = [share_for(m, d.location[0], d.end_location[0]) for m in matched]
    found = [s for s in shares if s is not None]
    return max(found, key=lambda s: s.share) if found else None


def ordered(results: list[FileResult]) -> list[tuple[str, Diagnostic]]:
    """(path, finding) pairs by share, largest first; findings whose code never
    ran last, in file order."""
    pairs = [(r.path, d) for r in results for d in r.diagnostics]
    return sorted(pairs, key=lambda p: -(p[1].profile.share if p[1].profile else -1.0))
