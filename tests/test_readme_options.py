"""The README says what the command line does: every option of `check`, every
output format, `-v` as what it is, and `perflint rules` explains its columns."""

from __future__ import annotations

import re

from perflint.cli import check
from perflint.report import FORMATS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def _options_table() -> str:
    start = README.index("### Options")
    return README[start : README.index("\n### ", start + 1)]


def test_every_check_option_is_documented():
    documented = README + CI
    for param in check.params:
        for flag in param.opts:
            if flag.startswith("--"):
                assert f"`{flag}" in documented or f"{flag}`" in documented, flag


def test_the_options_table_lists_every_format():
    row = next(line for line in _options_table().splitlines() if "`--format" in line)
    for name in FORMATS:
        assert f"`{name}`" in row, name


def test_v_is_documented_as_verbose():
    table = _options_table()
    row = next(line for line in table.splitlines() if "`-v`" in line)
    assert "--verbose" in row and "--verify-jit" in row
    (flag,) = [p for p in check.params if "-v" in p.opts]
    assert flag.opts == ["-v", "--verbose"]


def test_rules_listing_explains_fix_marks(run_cli):
    _, out, _ = run_cli("rules")
    assert re.search(r"`fix\*` an unsafe fix", out)
    assert "`fix` a safe fix" in out
