"""Evidence from a real run: the share of profiled time each finding's code took.

    profile = load_profile("run.pstats")          # or py-spy / pyinstrument JSON
    matched = match_file(profile, path, root, text)  # None: nothing of this file
    share = share_for(matched, row, end_row) if matched else None

`load_profile` reads cProfile/pstats, py-spy speedscope JSON and pyinstrument
JSON, told apart by content, and raises ProfileError (one line naming the
file) for anything else. `match_file` finds the profile's entries for one
linted file (perflint.profile.paths, perflint.profile.match); `share_for` is
pure and cheap, to call for each finding. docs/profiles.md has the rules.
"""

from perflint.profile.load import load_profile, parse_profile
from perflint.profile.match import FileProfile, match_file
from perflint.profile.model import Profile, ProfileError
from perflint.profile.share import ProfileShare, share_for

__all__ = [
    "FileProfile",
    "Profile",
    "ProfileError",
    "ProfileShare",
    "load_profile",
    "match_file",
    "parse_profile",
    "share_for",
]
