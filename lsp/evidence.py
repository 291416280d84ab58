"""A profile's evidence on the editor's diagnostics: each finding's share of
run time rides in its `data` (as its fix does), so hover and lenses need no
server state; findings whose code is cold can drop to hint severity."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lsprotocol import types

from perflint.profile.match import FileProfile
from perflint.profile.outline import MODULE
from perflint.profile.share import share_for


def measured(
    matched: Sequence[FileProfile], names: Sequence[str], row: int, end_row: int
) -> dict[str, Any]:
    """The `profile` entry of a finding's data, at rows row..end_row (1-based):
    the largest share any matched profile measured for its code (`share` None:
    it never ran in them), and the share of the function holding it, with that
    function's first line (0-based), for the lens over it."""
    best: tuple[float, float, FileProfile] | None = None
    for profile in matched:
        found = share_for(profile, row, end_row)
        if found is not None and (best is None or found.share > best[0]):
            best = (found.share, found.seconds, profile)
    if best is None:
        return {"share": None, "source": ", ".join(names)}
    share, seconds, profile = best
    entry: dict[str, Any] = {"share": share, "seconds": seconds, "source": profile.source}
    unit = profile.outline.unit_at(row)
    info = profile.outline.units[unit]
    if info.name != MODULE:
        entry["function"] = [info.first - 1, min(profile.seconds[unit] / profile.total, 1.0)]
    return entry


def attach(
    diagnostic: types.Diagnostic, entry: dict[str, Any], min_share: float, as_hint: bool
) -> None:
    """Put the entry in the diagnostic's data; a cold finding (never ran, or under
    min_share) becomes a hint when asked (errors stay errors)."""
    if isinstance(diagnostic.data, dict):
        diagnostic.data["profile"] = entry
    share = entry["share"]
    cold = share is None or share < min_share
    if as_hint and cold and diagnostic.severity == types.DiagnosticSeverity.Warning:
        diagnostic.severity = types.DiagnosticSeverity.Hint


def percent(share: float) -> str:
    return f"{share:.0%}" if share >= 0.01 else "<1%"


def hover_line(data: Any) -> str | None:
    """What hover says of a finding's share, or None without a profile."""
    entry = data.get("profile") if isinstance(data, dict) else None
    if not isinstance(entry, dict):
        return None
    share = entry.get("share")
    if not isinstance(share, (int, float)):
        return f"**Not run in this profile** (`{entry.get('source')}`)"
    seconds = entry.get("seconds", 0.0)
    return (
        f"**{percent(share)} of run time in this profile** "
        f"({seconds:.2f} s in `{entry.get('source')}`)"
    )


def hot_function(data: Any) -> tuple[int, float] | None:
    """(first line, share) of the function a finding is in, if it ran."""
    entry = data.get("profile") if isinstance(data, dict) else None
    function = entry.get("function") if isinstance(entry, dict) else None
    if isinstance(function, list) and len(function) == 2:
        return int(function[0]), float(function[1])
    return None
