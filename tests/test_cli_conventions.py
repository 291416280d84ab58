"""The conventions ruff users expect: typo'd commands, stdin, JSON statistics,
--output-format, suggestions for unknown config keys."""

from __future__ import annotations

import json

import pytest

from tests.conftest import write

SLOW = "def flatten(pages):\n    return sum(pages, [])\n"


@pytest.mark.parametrize(
    ("typed", "meant"), [("chek", "check"), ("rulez", "rules"), ("servr", "server")]
)
def test_a_mistyped_command_is_a_usage_error_with_a_suggestion(run_cli, tmp_path, typed, meant):
    write(tmp_path / "src" / "a.py", SLOW)
    code, out, err = run_cli(typed, "src")
    assert code == 2 and out == ""
    hint = f"did you mean `{meant}`?"
    assert err == f"perflint: error: no command, file or folder named {typed!r}; {hint}\n"


def test_paths_are_still_linted_without_the_check_command(run_cli, tmp_path):
    write(tmp_path / "src" / "a.py", SLOW)
    assert "src/a.py:2:12: PFL101" in run_cli("src")[1]
    assert "src/a.py:2:12: PFL101" in run_cli("src/a.py")[1]
    # A folder whose name is close to a command is a path when it exists.
    write(tmp_path / "chek" / "b.py", SLOW)
    code, out, _ = run_cli("chek")
    assert code == 1 and "chek/b.py:2:12: PFL101" in out
    # A missing path unlike any command stays a PFL002 finding.
    code, out, _ = run_cli("missing_module.py")
    assert code == 1 and "missing_module.py:1:1: PFL002" in out


def test_stdin_filename_without_paths_reads_stdin(run_cli, tmp_path):
    write(tmp_path / "other.py", SLOW)  # the folder is not linted
    code, out, _ = run_cli("check", "--stdin-filename", "pkg/f.py", input=SLOW)
    assert code == 1
    assert "pkg/f.py:2:12: PFL101" in out and "other.py" not in out
    code, out, _ = run_cli("--stdin-filename", "f.py", input="x = 1\n")
    assert code == 0 and "All checks passed!" in out


def test_statistics_as_json(run_cli, tmp_path):
    write(tmp_path / "a.py", SLOW + "\n\ndef more(p):\n    return sum(p, [])\n")
    code, out, _ = run_cli("--statistics", "--format", "json", "--no-cache", ".")
    assert code == 1
    assert json.loads(out) == [
        {"code": "PFL101", "name": "quadratic-sum", "count": 2, "fixable": False}
    ]
    _, out, _ = run_cli("--statistics", "--output-format", "json", "--unsafe-fixes", ".")
    assert json.loads(out)[0]["fixable"] is True
    _, out, _ = run_cli("--statistics", ".")
    assert out.splitlines()[0] == "2\tPFL101\t    quadratic-sum"


def test_output_format_is_an_alias_of_format(run_cli, tmp_path):
    write(tmp_path / "a.py", SLOW)
    assert run_cli("--output-format", "json", "a.py")[1] == run_cli("--format", "json", "a.py")[1]
    assert run_cli("--output-format", "nope", "a.py")[0] == 2


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("ignores = []", "unknown key 'ignores'; did you mean `ignore`?"),
        ("extend-selct = []", "unknown key 'extend-selct'; did you mean `extend-select`?"),
        ("[tool.perflint.jit]\ncahce = true", "unknown key 'cahce'; did you mean `cache`?"),
        ("zzz = 1", "unknown key 'zzz'\n"),
    ],
)
def test_unknown_config_keys_get_a_suggestion(run_cli, tmp_path, table, message):
    write(tmp_path / "pyproject.toml", f"[tool.perflint]\n{table}\n")
    write(tmp_path / "a.py", "x = 1\n")
    code, _, err = run_cli("a.py")
    assert code == 2 and message in err and len(err.splitlines()) == 1
