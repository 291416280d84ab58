"""Impact and tiers: every rule says what its benchmark showed, the default set
holds only rules worth acting on, and the `micro` tier is a selector."""

import json
import re

import pytest

from perflint.config import ConfigError, Settings, load_settings
from perflint.registry import UnknownSelector, all_rules, by_code, resolve
from perflint.rule import IMPACTS, MICRO, TIERS, Bad, Rule
from tests.conftest import write

RULES = all_rules()
MICRO_RULES = {r.code for r in RULES if r.tier == MICRO}
ALWAYS = {r.code for r in RULES if r.tier == "always"}
# "3.6x", "1.2-1.8x", "1,192x": the speedups a Measured section reports.
SPEEDUP = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:-(\d[\d,]*(?:\.\d+)?))?x\b")


def _measured(rule: type[Rule]) -> str:
    return rule.doc().split("## Measured", 1)[1]


def _speedups(rule: type[Rule]) -> list[float]:
    found = []
    for low, high in SPEEDUP.findall(_measured(rule)):
        found += [float(v.replace(",", "")) for v in (low, high) if v]
    return found


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_declares_an_impact_and_a_tier(rule):
    assert rule.impact in IMPACTS
    assert rule.tier in TIERS
    assert rule.default == (rule.tier in ("always", "default"))


def test_a_rule_without_an_impact_is_incomplete():
    class NoImpact(Rule):
        """## What it does\n## Why is this slow\n## Example\n## Use instead
        ## Fix safety\n## Measured"""

        code, name, category, summary = "PFL999", "no-impact", "loops", "x"
        bad = (Bad("x = 1\n", line=1),)
        good = ("x = 1\n",)

    assert any("impact must be one of" in p for p in NoImpact.problems())
    NoImpact.impact = "constant-factor"
    assert NoImpact.problems() == []
    NoImpact.tier = "fast"
    assert any("tier must be one of" in p for p in NoImpact.problems())
    NoImpact.tier, NoImpact.impact = MICRO, "super-linear"
    assert NoImpact.problems() == ["only constant-factor rules belong to the micro tier"]


def test_setting_default_instead_of_tier_is_refused():
    with pytest.raises(TypeError, match="set `tier`, not `default`"):

        class OldStyle(Rule):
            default = False


@pytest.mark.parametrize(
    "rule",
    [r for r in RULES if r.tier == "default" and r.impact == "constant-factor"],
    ids=lambda r: r.code,
)
def test_a_default_constant_factor_rule_measured_at_least_2x(rule):
    assert max(_speedups(rule), default=0) >= 2, _measured(rule)


@pytest.mark.parametrize("rule", [r for r in RULES if r.tier == MICRO], ids=lambda r: r.code)
def test_a_micro_rule_is_a_constant_factor_measured_under_2x(rule):
    assert rule.impact == "constant-factor"
    assert min(_speedups(rule), default=0) < 2, _measured(rule)


def test_the_rules_the_issue_named_are_micro_with_their_codes():
    assert {"PFL203", "PFL204", "PFL402", "PFL404"} <= MICRO_RULES
    assert by_code()["PFL404"].name == "regex-in-loop"


def test_rules_off_for_other_reasons_stay_off():
    assert not by_code()["PFL405"].default
    assert by_code()["PFL505"].tier == "opt-in"


def test_the_default_set_has_no_micro_or_opt_in_rule():
    chosen = resolve(None)
    assert chosen == {r.code for r in RULES if r.tier in ("always", "default")}
    assert not chosen & MICRO_RULES


def test_select_micro_selects_exactly_the_micro_rules():
    assert resolve(["micro"]) == MICRO_RULES | ALWAYS
    assert resolve(None, extend_select=["micro"]) == resolve(None) | MICRO_RULES
    assert resolve(["ALL"], ignore=["micro"]) == {r.code for r in RULES} - MICRO_RULES


def test_all_selects_every_rule():
    assert resolve(["ALL"]) == {r.code for r in RULES}


def test_a_micro_rule_is_selected_by_its_code_or_name():
    assert "PFL404" in resolve(["PFL404"])
    assert "PFL404" in resolve(None, extend_select=["regex-in-loop"])
    assert "PFL404" in resolve(["PFL4"])


def test_unknown_selectors_are_still_errors():
    with pytest.raises(UnknownSelector):
        resolve(["mikro"])


def test_config_extend_select_micro(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.perflint]\nextend-select = ["micro"]\n')
    settings = load_settings(None, str(tmp_path))
    settings.validate()
    assert MICRO_RULES <= settings.selected_codes()
    write(tmp_path / "pyproject.toml", '[tool.perflint]\nextend-select = ["mikro"]\n')
    with pytest.raises(ConfigError, match="mikro"):
        load_settings(None, str(tmp_path)).validate()


def test_per_file_ignores_accept_micro(tmp_path):
    ignores = (("*.py", ("micro",)),)
    settings = Settings(select=("ALL",), per_file_ignores=ignores, root=str(tmp_path))
    codes = {r.code for r in settings.rules_for(str(tmp_path / "a.py"))}
    assert codes == {r.code for r in RULES} - MICRO_RULES


REGEX_IN_LOOP = (
    "import re\n\n\ndef dates(lines):\n    found = 0\n    for line in lines:\n"
    "        found += len(re.findall(r'\\d+-\\d+', line))\n    return found\n"
)


def test_check_reports_micro_findings_only_when_selected(run_cli, tmp_path):
    write(tmp_path / "a.py", REGEX_IN_LOOP)
    code, out, _ = run_cli("--no-cache", ".")
    assert code == 0 and "PFL404" not in out
    for selection in (["--extend-select", "micro"], ["--select", "micro"], ["--select", "PFL404"]):
        code, out, _ = run_cli("--no-cache", *selection, ".")
        assert code == 1 and "a.py:7:22: PFL404" in out, selection
    code, out, _ = run_cli("--no-cache", "--select", "ALL", "--ignore", "micro", ".")
    assert "PFL404" not in out
    code, _, err = run_cli("--no-cache", "--select", "mikro", ".")
    assert code == 2 and "mikro" in err


def test_rules_listing_shows_impact_and_tier(run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.startswith("PFL")}
    assert rows["PFL404"][3:5] == ["constant-factor", "micro"]
    assert rows["PFL101"][3:5] == ["super-linear", "default"]
    assert rows["PFL001"][3:5] == ["constant-factor", "always"]
    assert "--extend-select micro" in out
    code, out, _ = run_cli("rules", "--format", "json")
    listed = {r["code"]: r for r in json.loads(out)}
    assert listed["PFL404"]["tier"] == MICRO and listed["PFL404"]["default"] is False
    assert listed["PFL504"]["impact"] == "scaling" and listed["PFL504"]["tier"] == "default"
    assert all(listed[r.code]["impact"] == r.impact for r in RULES)


def test_rule_page_docs_and_hover_text_show_the_tier(run_cli):
    from perflint.docs import rules_markdown

    code, out, _ = run_cli("rule", "PFL404")
    assert code == 0
    assert "Impact: constant-factor. Tier: micro" in out.splitlines()[2]
    page = rules_markdown()
    assert "| [PFL404](#pfl404) | regex-in-loop | loops | constant-factor | micro |" in page
    assert by_code()["PFL404"].tier_line() in page


def test_readme_names_the_micro_rules():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Impact and tiers", 1)[1].split("\n#", 1)[0]
    assert "--extend-select micro" in section
    opt_in = {rule.code for rule in by_code().values() if rule.tier == "opt-in"}
    assert MICRO_RULES == set(re.findall(r"PFL\d{3}", section)) - opt_in
