"""--add-noqa, --show-settings, --show-files and which options combine."""

from __future__ import annotations

import pytest

from perflint.add_noqa import add_noqa
from perflint.api import lint_source
from perflint.config import Settings
from tests.conftest import write

SLOW = "def flatten(pages):\n    return sum(pages, [])\n"


def _added(text: str) -> tuple[str, int, int]:
    found = lint_source(text, "m.py", Settings(select=("ALL",))).diagnostics
    return add_noqa(text, found)


def test_add_noqa_appends_or_merges_codes():
    assert _added(SLOW) == (SLOW.replace("[])\n", "[])  # noqa: PFL101\n"), 1, 0)
    text = "def f(p):\n    return sum(p, [])  # rows  # noqa: E501\n"
    assert _added(text)[0] == text.replace("# noqa: E501", "# noqa: E501, PFL101")
    crlf = SLOW.replace("\n", "\r\n")
    assert _added(crlf)[0] == crlf.replace("[])\r\n", "[])  # noqa: PFL101\r\n")


def test_add_noqa_leaves_lines_that_cannot_end_with_a_comment():
    text = (
        "def f(p, q):\n    return sum(p, []), \\\n        q\n\n\n"
        'def g(p):\n    s = """\n    x""" + str(sum(p, []))\n    return s\n'
    )
    fixed, added, skipped = _added(text)
    assert (added, skipped) == (1, 1)
    assert fixed == text.replace("str(sum(p, []))\n", "str(sum(p, []))  # noqa: PFL101\n")
    compile(fixed, "m.py", "exec")


def test_add_noqa_from_the_command_line_then_nothing_remains(run_cli, tmp_path):
    write(tmp_path / "src" / "a.py", SLOW)
    write(tmp_path / "src" / "b.py", "x = 1\n")
    code, out, _ = run_cli("--add-noqa", "--no-cache", "src")
    assert code == 0 and out == "Added 1 noqa directive.\n"
    assert (tmp_path / "src" / "a.py").read_text() == SLOW.replace("[])", "[])  # noqa: PFL101")
    assert run_cli("--no-cache", "src")[0] == 0
    assert run_cli("--add-noqa", "--no-cache", "src")[1] == "Added 0 noqa directives.\n"
    # PFL003 agrees that each added code is used.
    assert run_cli("--no-cache", "--select", "ALL", "src")[0] == 0


def test_show_files_lists_what_would_be_linted(run_cli, tmp_path):
    write(tmp_path / "src" / "b.py", SLOW)
    write(tmp_path / "src" / "a.py", SLOW)
    write(tmp_path / "build" / "gen.py", SLOW)
    write(tmp_path / "notes.txt", "x")
    code, out, _ = run_cli("--show-files")
    assert code == 0 and out == "src/a.py\nsrc/b.py\n"
    assert run_cli("--show-files", "src/b.py")[1] == "src/b.py\n"


def test_show_settings_gives_the_resolved_settings_for_a_path(run_cli, tmp_path):
    write(
        tmp_path / "pyproject.toml",
        '[tool.perflint]\nextend-select = ["PFL404"]\ntarget-version = "py312"\n'
        'per-file-ignores = { "tests/*" = ["PFL101"] }\n',
    )
    write(tmp_path / "tests" / "t.py", SLOW)
    code, out, _ = run_cli("--show-settings", "tests/t.py")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "# settings for tests/t.py"
    assert f'config-file = "{tmp_path / "pyproject.toml"}"' in lines
    assert 'target-version = "py312"' in lines
    assert 'extend-select = ["PFL404"]' in lines
    assert 'per-file-ignores = { "tests/*" = ["PFL101"] }' in lines
    rules = next(line for line in lines if line.startswith("rules = "))
    assert '"PFL404"' in rules and '"PFL101"' not in rules
    assert '"PFL101"' in run_cli("--show-settings", "other.py")[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--add-noqa", "--fix"], "--add-noqa cannot be used with --fix"),
        (["--show-files", "--show-settings"], "--show-settings cannot be used with --show-files"),
        (["--watch", "--write-baseline", "b.json"], "--watch cannot be used with --write-baseline"),
        (["--add-noqa", "-"], "--add-noqa works on files: it cannot be used with stdin"),
    ],
)
def test_options_that_do_not_combine(run_cli, tmp_path, args, message):
    write(tmp_path / "a.py", SLOW)
    code, _, err = run_cli(*args)
    assert code == 2 and err == f"perflint: error: {message}\n"
