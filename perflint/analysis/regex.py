"""Calls of the `re` module's pattern functions and their arguments."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

# re functions taking a pattern first, with the position of their flags argument.
FLAGS_POSITION = {
    "compile": 1, "search": 2, "match": 2, "fullmatch": 2, "findall": 2, "finditer": 2,
    "split": 3, "sub": 4, "subn": 4,
}  # fmt: skip


def regex_function(ctx, call: cst.Call, path: Sequence[cst.CSTNode] | None = None) -> str | None:  # type: ignore[no-untyped-def]
    """'search' for `re.search(...)` (however re is imported), else None."""
    func = call.func
    if not isinstance(func, (cst.Name, cst.Attribute)):
        return None
    last = func.value if isinstance(func, cst.Name) else func.attr.value
    if last not in FLAGS_POSITION:
        return None
    qualified = ctx.qualified_name(func, path)
    if qualified != f"re.{last}":
        return None
    return last


def pattern_argument(call: cst.Call) -> cst.Arg | None:
    """The pattern argument: first positional, or `pattern=`."""
    for index, arg in enumerate(call.args):
        if arg.star:
            return None
        if (arg.keyword is None and index == 0) or (
            arg.keyword is not None and arg.keyword.value == "pattern"
        ):
            return arg
    return None


def flags_argument(call: cst.Call, function: str) -> cst.Arg | None:
    """The flags argument, positional or `flags=`, if given."""
    position = FLAGS_POSITION[function]
    for index, arg in enumerate(call.args):
        if (arg.keyword is None and not arg.star and index == position) or (
            arg.keyword is not None and arg.keyword.value == "flags"
        ):
            return arg
    return None


def pattern_arguments(call: cst.Call, function: str) -> list[cst.Arg]:
    """The arguments that go into compiling the pattern: pattern and flags."""
    found = [pattern_argument(call), flags_argument(call, function)]
    return [arg for arg in found if arg is not None]
