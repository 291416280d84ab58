"""All rules, and turning selectors (codes, prefixes, categories, names, the
`micro` tier, ALL) into the set of rules to run. Selectors are resolved on the
catalogue (perflint.catalogue): only all_rules() imports the rules."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from perflint.catalogue import CATEGORIES, MICRO, RULES, RuleInfo

if TYPE_CHECKING:
    from perflint.rule import Rule


class UnknownSelector(ValueError):
    def __init__(self, selector: str) -> None:
        super().__init__(selector)
        self.selector = selector


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class shipped in perflint.rules, sorted by code."""
    import perflint.rules as package
    from perflint.rule import Rule

    found: dict[str, type[Rule]] = {}
    # One folder per family (rules/complexity/, rules/jit/, ...), one module per rule.
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value.__module__ == module.__name__
            ):
                if value.code in found and found[value.code] is not value:
                    raise RuntimeError(f"two rules use code {value.code}")
                found[value.code] = value
    return tuple(found[code] for code in sorted(found))


def by_code() -> dict[str, type[Rule]]:
    return {rule.code: rule for rule in all_rules()}


def always_on(rule: type[Rule] | RuleInfo) -> bool:
    """PFL0xx report files perflint could not read; they cannot be switched off."""
    return rule.tier == "always"


def _matches(selector: str, rule: RuleInfo) -> bool:
    if selector == "ALL":
        return True
    upper = selector.upper()
    if upper.startswith("PFL"):
        return rule.code.startswith(upper)
    if selector == MICRO:
        return rule.tier == MICRO
    return selector == rule.category or selector == rule.name


def check_selector(selector: str) -> None:
    if selector in ("ALL", MICRO) or selector in CATEGORIES:
        return
    if not any(_matches(selector, rule) for rule in RULES):
        raise UnknownSelector(selector)


def matching(selectors: Iterable[str]) -> frozenset[str]:
    """Codes of the rules any of the selectors names."""
    selectors = list(selectors)
    return frozenset(r.code for r in RULES if any(_matches(s, r) for s in selectors))


def resolve(
    select: Iterable[str] | None, extend_select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> frozenset[str]:
    """Codes of the rules to run: (select, or the default rules) + extend_select
    - ignore, plus the always-on syntax rules."""
    selectors = [*(select or ()), *extend_select, *ignore]
    for selector in selectors:
        check_selector(selector)
    chosen = {r.code for r in RULES if r.default} if select is None else set(matching(select))
    chosen |= matching(extend_select)
    chosen -= matching(ignore)
    chosen |= {r.code for r in RULES if always_on(r)}
    return frozenset(chosen)
