"""PFL003: `noqa` codes that suppress nothing, reported and removed (like ruff's RUF100)."""

from __future__ import annotations

import json

from perflint.api import lint_source
from perflint.config import Settings
from perflint.fix import fix_text
from tests.conftest import write

SOURCE = """import itertools


def fixed(pages):
    return list(itertools.chain.from_iterable(pages))  # noqa: PFL101


def slow(pages):
    return sum(pages, [])  # noqa: PFL101


def both(pages):
    return pages  # type: ignore  # noqa: E501, PFL101
    # noqa: PFL101
"""
ALL = Settings(select=("ALL",))


def _codes(text: str, settings: Settings = ALL) -> list[tuple[int, str]]:
    return [(d.location[0], d.code) for d in lint_source(text, "m.py", settings).diagnostics]


def test_only_codes_that_suppress_nothing_are_reported():
    assert _codes(SOURCE) == [(5, "PFL003"), (13, "PFL003"), (14, "PFL003")]


def test_off_by_default_and_in_all():
    assert _codes(SOURCE, Settings()) == []
    assert (5, "PFL003") in _codes(SOURCE, Settings(extend_select=("PFL003",)))
    assert _codes(SOURCE, Settings(select=("ALL",), ignore=("PFL003",))) == []


def test_the_fix_removes_only_the_unused_codes():
    fixed = fix_text(SOURCE, "m.py", ALL).text
    assert fixed == (
        SOURCE.replace("pages))  # noqa: PFL101\n", "pages))\n")
        .replace("# noqa: E501, PFL101", "# noqa: E501")
        .replace("    # noqa: PFL101\n", "\n")
    )
    assert _codes(fixed) == []
    assert fix_text(fixed, "m.py", ALL).text == fixed


def test_codes_of_rules_that_did_not_run_are_not_judged():
    text = "x = 1  # noqa: PFL101\n"
    assert _codes(text, Settings(select=("PFL003",))) == []
    assert _codes(text, Settings(select=("PFL003", "PFL101"))) == [(1, "PFL003")]
    # A PFL code no rule has suppresses nothing wherever it is.
    assert _codes("x = 1  # noqa: PFL777\n", Settings(select=("PFL003",))) == [(1, "PFL003")]


def test_strings_and_broken_files_are_left_alone():
    assert _codes('x = "# noqa: PFL101"\n') == []
    assert [code for _, code in _codes("def f(:\n    pass  # noqa: PFL101\n")] == ["PFL001"]


def test_from_the_command_line(run_cli, tmp_path):
    write(tmp_path / "m.py", SOURCE)
    code, out, _ = run_cli("--no-cache", "--select", "ALL", "--format", "json", "m.py")
    assert code == 1
    found = json.loads(out)
    assert [(f["code"], f["location"]["row"]) for f in found] == [
        ("PFL003", 5), ("PFL003", 13), ("PFL003", 14),
    ]  # fmt: skip
    assert found[0]["message"] == "unused `noqa` code PFL101"
    assert found[0]["fix"]["applicability"] == "safe"
    code, _, _ = run_cli("--no-cache", "--select", "ALL", "--fix", "m.py")
    assert code == 0
    assert (tmp_path / "m.py").read_text() == fix_text(SOURCE, "m.py", ALL).text
