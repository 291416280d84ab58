"""The editor's options (initializationOptions, workspace/didChangeConfiguration)
read from whatever JSON a client sends.

Clients differ: Neovim encodes an empty Lua table `{}` as `[]`, some send the
`perflint` section, some its contents, some the editor's whole settings. Any
shape gives options; what cannot be used is named in a problem (the server logs
it) and that option keeps its default."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

RUN_MODES = ("onType", "onSave")
PREFERENCES = ("editorFirst", "filesystemFirst")
KEYS = (
    "select", "ignore", "unsafeFixes", "run", "codeLens", "configurationPreference",
    "profile", "coldFindingsAsHints",
)  # fmt: skip
# Sent only in initializationOptions, by an editor with workspace trust (VS
# Code): false there means the server reads no marshal data (pstats profiles).
TRUST_KEY = "workspaceTrusted"


@dataclass(frozen=True)
class Options:
    """What the editor asks for."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    run: str = "onType"
    # Lenses on JIT candidates, functions with O(n^2) findings, and with a
    # profile, on the functions that ran.
    code_lens: bool = True
    # "editorFirst": these options win over a config file; "filesystemFirst": a
    # project's pyproject.toml / perflint.toml wins, these apply only without one.
    configuration_preference: str = "editorFirst"
    # Profiles of real runs (perflint.profile) that replace the config file's,
    # relative to the document's workspace folder.
    profile: tuple[str, ...] = ()
    # Findings whose code never ran in the profile, or took less than
    # min-share of it, at hint severity (off: hints are not in VS Code's
    # Problems panel, a change a user opts into).
    cold_findings_as_hints: bool = False

    @classmethod
    def read(cls, raw: Any) -> Options:
        """The options in raw (the defaults for what is not usable)."""
        return read_options(raw)[0] or cls()


def read_options(raw: Any, *, where: str = "options") -> tuple[Options | None, list[str]]:
    """Options from any JSON value, and one message per thing that was not usable.
    None when raw says nothing to perflint (no `perflint` key, none of its keys):
    an editor's other settings leave perflint's as they were."""
    found: Any = raw
    if isinstance(raw, dict) and "perflint" in raw:
        found = raw["perflint"]
    elif isinstance(raw, dict) and not any(key in raw for key in KEYS):
        return None, []
    if found in (None, [], ""):  # an empty table: Lua sends {} as []
        return Options(), []
    if not isinstance(found, dict):
        place = "'perflint'" if found is not raw else "the options"
        return Options(), [
            f"perflint {where}: {place} should be an object like "
            f'{{"select": ["PFL1"]}}, got {_json_type(found)} {_short(found)}; '
            "using the defaults"
        ]
    problems: list[str] = []

    def bad(key: str, expected: str) -> None:
        problems.append(
            f"perflint {where}: '{key}' should be {expected}, "
            f"got {_json_type(found[key])} {_short(found[key])}; using the default"
        )

    codes: dict[str, tuple[str, ...] | None] = {}
    for key in ("select", "ignore"):
        value = found.get(key)
        if value is not None and not _strings(value):
            bad(key, "a list of rule codes or names")
            value = None
        codes[key] = tuple(value) if value else None
    profile = found.get("profile")
    if isinstance(profile, str):
        profile = [profile] if profile else []
    if profile is not None and not _strings(profile):
        bad("profile", "a path or a list of paths")
        profile = None
    flags: dict[str, bool] = {}
    for key, default in (
        ("unsafeFixes", False), ("codeLens", True), ("coldFindingsAsHints", False),
    ):  # fmt: skip
        flag = found.get(key)
        if flag is not None and not isinstance(flag, bool):
            bad(key, "true or false")
            flag = None
        flags[key] = default if flag is None else flag
    choices: dict[str, str] = {}
    for key, allowed in (("run", RUN_MODES), ("configurationPreference", PREFERENCES)):
        choice = found.get(key)
        if choice is not None and choice not in allowed:
            bad(key, " or ".join(f'"{a}"' for a in allowed))
            choice = None
        choices[key] = allowed[0] if choice is None else choice
    options = Options(
        select=codes["select"],
        ignore=codes["ignore"] or (),
        unsafe_fixes=flags["unsafeFixes"],
        run=choices["run"],
        code_lens=flags["codeLens"],
        configuration_preference=choices["configurationPreference"],
        profile=tuple(p for p in profile or () if p),
        cold_findings_as_hints=flags["coldFindingsAsHints"],
    )
    return options, problems


def read_trust(raw: Any) -> tuple[bool, list[str]]:
    """Whether the editor trusts the workspace, from initializationOptions:
    an editor that does not say has no such notion (the user opened the folder)."""
    found = raw.get("perflint", raw) if isinstance(raw, dict) else None
    value = found.get(TRUST_KEY) if isinstance(found, dict) else None
    if value is None or isinstance(value, bool):
        return value is not False, []
    problem = (
        f"perflint initializationOptions: '{TRUST_KEY}' should be true or false, "
        f"got {_json_type(value)} {_short(value)}; treating the workspace as untrusted"
    )
    return False, [problem]


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
