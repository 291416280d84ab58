"""The command line: exit codes, output contracts, fixes, config, cache, bad input."""

import json
import os
import stat
import subprocess
import sys

import pytest

from tests.conftest import write

SLOW = (
    'import json\n\n\ndef flatten(pages):\n    """Rows."""\n    return sum(pages, [])  # all rows\n'
)
FIXED = (
    'import itertools\nimport json\n\n\ndef flatten(pages):\n    """Rows."""\n'
    "    return list(itertools.chain.from_iterable(pages))  # all rows\n"
)


def test_exit_codes(run_cli, tmp_path):
    write(tmp_path / "clean.py", "x = 1\n")
    assert run_cli("clean.py")[0] == 0
    write(tmp_path / "slow.py", SLOW)
    code, out, _ = run_cli("slow.py")
    assert code == 1
    assert "slow.py:6:12: PFL101" in out
    assert run_cli("--exit-zero", "slow.py")[0] == 0
    code, _, err = run_cli("--select", "NOPE", "slow.py")
    assert code == 2 and "unknown rule selector 'NOPE'" in err
    assert run_cli("--no-such-flag")[0] == 2


def test_text_output(run_cli, tmp_path):
    write(tmp_path / "slow.py", SLOW)
    code, out, _ = run_cli("check", "slow.py")
    assert out.splitlines()[:3] == [
        "slow.py:6:12: PFL101 `sum()` of lists copies the running result for every item "
        "(quadratic in the number of items); "
        "use `list(itertools.chain.from_iterable(...))`",
        "6 |     return sum(pages, [])  # all rows",
        "  |            ^^^^^^^^^^^^^^",
    ]
    assert "Found 1 finding." in out
    assert "(1 more fixable with `--unsafe-fixes`.)" in out
    code, out, _ = run_cli("--unsafe-fixes", "slow.py")
    assert "PFL101 [*]" in out and "[*] 1 fixable with `--fix --unsafe-fixes`." in out
    code, out, _ = run_cli("--format", "concise", "slow.py")
    assert out.splitlines()[0].startswith("slow.py:6:12: PFL101 ")
    assert out.splitlines()[1] == "Found 1 finding."


def test_json_contract(run_cli, tmp_path):
    write(tmp_path / "slow.py", SLOW)
    code, out, _ = run_cli("--format", "json", "slow.py")
    assert code == 1
    (item,) = json.loads(out)
    assert list(item) == [
        "code",
        "name",
        "category",
        "message",
        "filename",
        "location",
        "end_location",
        "fix",
        "url",
    ]
    assert item["code"] == "PFL101"
    assert item["name"] == "quadratic-sum"
    assert item["category"] == "complexity"
    assert item["message"].startswith("`sum()` of lists")
    assert item["filename"] == str(tmp_path / "slow.py")
    assert item["location"] == {"row": 6, "column": 12}
    assert item["end_location"] == {"row": 6, "column": 26}
    assert item["url"].endswith("#pfl101")
    fix = item["fix"]
    assert list(fix) == ["applicability", "message", "edits"]
    assert fix["applicability"] == "unsafe"
    assert fix["edits"] == [
        {
            "content": "import itertools\n",
            "location": {"row": 1, "column": 1},
            "end_location": {"row": 1, "column": 1},
        },
        {
            "content": "list(itertools.chain.from_iterable(pages))",
            "location": {"row": 6, "column": 12},
            "end_location": {"row": 6, "column": 26},
        },
    ]
    write(tmp_path / "clean.py", "x = 1\n")
    assert run_cli("--format", "json", "clean.py")[1] == "[]\n"


def test_json_syntax_error_has_null_fix(run_cli, tmp_path):
    write(tmp_path / "broken.py", "def f(:\n")
    (item,) = json.loads(run_cli("--format", "json", "broken.py")[1])
    assert (
        item["code"] == "PFL001"
        and item["fix"] is None
        and item["location"] == {"row": 1, "column": 7}
    )


def test_rules_listing(run_cli):
    code, out, _ = run_cli("rules", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert {
        "code": "PFL101",
        "name": "quadratic-sum",
        "category": "complexity",
        "summary": next(r["summary"] for r in rows if r["code"] == "PFL101"),
        "fix": "unsafe",
        "default": True,
        "impact": "super-linear",
        "tier": "default",
    } in rows
    fields = ["code", "name", "category", "summary", "fix", "default", "impact", "tier"]
    assert all(list(r) == fields for r in rows)
    code, out, _ = run_cli("rule", "PFL101")
    assert code == 0 and "## Why is this slow" in out
    assert run_cli("rule", "quadratic-sum")[0] == 0
    code, _, err = run_cli("rule", "PFL999")
    assert code == 2 and "unknown rule" in err


def test_diff_writes_nothing(run_cli, tmp_path):
    path = write(tmp_path / "slow.py", SLOW)
    code, out, _ = run_cli("--diff", "slow.py")
    assert code == 0 and "No fixes available." in out  # the only fix is unsafe
    code, out, _ = run_cli("--diff", "--unsafe-fixes", "slow.py")
    assert code == 1
    assert "--- a/slow.py\n+++ b/slow.py\n" in out
    assert "+import itertools\n" in out and "-    return sum(pages, [])  # all rows\n" in out
    assert path.read_text() == SLOW


def test_fix_is_applied_atomically_and_idempotent(run_cli, tmp_path):
    path = write(tmp_path / "slow.py", SLOW)
    os.chmod(path, 0o640)
    code, out, _ = run_cli("--fix", "slow.py")
    assert path.read_text() == SLOW  # safe fixes only: nothing to do
    assert code == 1
    code, out, _ = run_cli("--fix", "--unsafe-fixes", "slow.py")
    assert code == 0, out
    assert path.read_text() == FIXED
    assert "Found 1 finding (1 fixed, 0 remaining)." in out
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".perflint-")] == []
    code, out, _ = run_cli("--fix", "--unsafe-fixes", "slow.py")
    assert code == 0 and path.read_text() == FIXED


def test_fix_keeps_encoding_bom_and_newlines(run_cli, tmp_path):
    crlf = write(tmp_path / "crlf.py", SLOW.replace("\n", "\r\n").encode())
    bom = write(tmp_path / "bom.py", b"\xef\xbb\xbf" + SLOW.encode())
    latin = write(
        tmp_path / "latin.py",
        ("# -*- coding: latin-1 -*-\n" + SLOW.replace("Rows", "Café")).encode("latin-1"),
    )
    run_cli("--fix", "--unsafe-fixes", "--no-cache", ".")
    assert crlf.read_bytes() == FIXED.replace("\n", "\r\n").encode()
    assert bom.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode()
    assert latin.read_bytes() == (
        "# -*- coding: latin-1 -*-\n" + FIXED.replace("Rows", "Café")
    ).encode("latin-1")


def test_stdin(run_cli):
    code, out, _ = run_cli("-", "--stdin-filename", "pkg/mod.py", input=SLOW)
    assert code == 1 and "pkg/mod.py:6:12: PFL101" in out
    code, out, err = run_cli("--fix", "--unsafe-fixes", "-", input=SLOW)
    assert out == FIXED
    assert "1 fixed" in err
    code, out, _ = run_cli("--fix", "-", input="x = 1\n")
    assert out == "x = 1\n" and code == 0


def test_statistics(run_cli, tmp_path):
    write(tmp_path / "a.py", SLOW + "y = sum(q, ())\n")
    write(tmp_path / "b.py", "def f(:\n")
    code, out, _ = run_cli("--statistics", ".")
    assert out.splitlines()[:2] == ["2\tPFL101\t    quadratic-sum", "1\tPFL001\t    syntax-error"]


def test_selection(run_cli, tmp_path):
    write(tmp_path / "a.py", SLOW)
    for selector in ("PFL101", "PFL1", "complexity", "quadratic-sum", "ALL"):
        assert run_cli("--select", selector, "a.py")[0] == 1, selector
    for selector in ("PFL101", "PFL1", "complexity", "quadratic-sum", "ALL"):
        assert run_cli("--ignore", selector, "a.py")[0] == 0, selector
    assert run_cli("--select", "PFL0", "a.py")[0] == 0
    assert run_cli("--select", "PFL0", "--extend-select", "PFL101", "a.py")[0] == 1
    # The always-on file rules cannot be ignored.
    write(tmp_path / "b.py", "def f(:\n")
    assert run_cli("--ignore", "ALL", "b.py")[0] == 1


def test_config_file(run_cli, tmp_path):
    write(tmp_path / "pkg" / "a.py", SLOW)
    write(tmp_path / "pyproject.toml", '[tool.perflint]\nignore = ["PFL101"]\n')
    assert run_cli("pkg")[0] == 0
    write(tmp_path / "perflint.toml", 'select = ["ALL"]\n')  # perflint.toml wins
    assert run_cli("pkg")[0] == 1
    os.remove(tmp_path / "perflint.toml")
    write(
        tmp_path / "pyproject.toml",
        '[tool.perflint]\nper-file-ignores = { "pkg/*.py" = ["PFL1"] }\n',
    )
    assert run_cli("pkg")[0] == 0
    write(tmp_path / "other.toml", '[tool.perflint]\nselect = ["PFL101"]\n')
    assert run_cli("--config", "other.toml", "pkg")[0] == 1


@pytest.mark.parametrize(
    "content, message",
    [
        ('[tool.perflint]\nselecct = ["PFL1"]\n', "unknown key 'selecct'"),
        ('[tool.perflint]\nselect = "PFL1"\n', "select: expected a list of strings"),
        ('[tool.perflint]\nselect = ["PFL999"]\n', "unknown rule selector 'PFL999'"),
        (
            '[tool.perflint]\nper-file-ignores = { "x.py" = ["nope"] }\n',
            "unknown rule selector 'nope'",
        ),
        (
            '[tool.perflint]\ntarget-version = "py27"\n',
            "target-version: 'py27' is not a known version",
        ),
        ('[tool.perflint]\nunsafe-fixes = "yes"\n', "unsafe-fixes: expected true or false"),
        ("[tool.perflint\n", "invalid TOML"),
        ("[tool]\nperflint = 3\n", "must be a table"),
    ],
)
def test_config_errors_are_one_line(run_cli, tmp_path, content, message):
    write(tmp_path / "pyproject.toml", content)
    write(tmp_path / "a.py", "x = 1\n")
    code, out, err = run_cli("a.py")
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_missing_config_file(run_cli):
    code, _, err = run_cli("--config", "nope.toml", ".")
    assert code == 2 and "nope.toml: no such config file" in err


def test_discovery_respects_exclude_and_gitignore(run_cli, tmp_path):
    write(tmp_path / "src" / "a.py", SLOW)
    write(tmp_path / "build" / "b.py", SLOW)
    write(tmp_path / "generated" / "c.py", SLOW)
    write(tmp_path / "vendor" / "d.py", SLOW)
    write(tmp_path / ".gitignore", "generated/\n")
    write(tmp_path / "pyproject.toml", '[tool.perflint]\nextend-exclude = ["vendor"]\n')
    os.mkdir(tmp_path / ".git")
    code, out, _ = run_cli("--format", "concise", ".")
    linted = [line.split(":")[0] for line in out.splitlines() if ": PFL" in line]
    assert linted == [os.path.join("src", "a.py")]
    # A file named explicitly is always linted.
    assert "b.py" in run_cli("build/b.py")[1]


def test_bad_input_gives_messages_not_tracebacks(run_cli, tmp_path):
    write(tmp_path / "binary.py", b"\x00\x01\x02garbage")
    write(tmp_path / "latin.py", "café = 1\n".encode("latin-1"))
    write(tmp_path / "cookie.py", b"# -*- coding: nope -*-\nx = 1\n")
    write(tmp_path / "bomcookie.py", b"\xef\xbb\xbf# coding: latin-1\nx = 1\n")
    write(tmp_path / "empty.py", b"")
    write(tmp_path / "syntax.py", "def f(:\n")
    write(tmp_path / "deep.py", "x = " + "[" * 3000 + "]" * 3000 + "\n")
    write(tmp_path / "good.py", SLOW)
    unreadable = write(tmp_path / "unreadable.py", "x = 1\n")
    os.mkdir(tmp_path / "dir.py")
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    os.symlink(tmp_path / "nowhere.py", tmp_path / "dangling.py")
    os.chmod(unreadable, 0)
    try:
        code, out, err = run_cli("--format", "json", "--no-cache", ".", "missing.py", "dangling.py")
    finally:
        os.chmod(unreadable, 0o644)
    assert "Traceback" not in out + err
    found = {
        os.path.basename(item["filename"]): (item["code"], item["message"])
        for item in json.loads(out)
    }
    assert found["binary.py"] == (
        "PFL002",
        "looks like a binary file (NUL bytes in its first 8 KiB)",
    )
    assert found["latin.py"][0] == "PFL002" and "not valid UTF-8" in found["latin.py"][1]
    assert found["cookie.py"][0] == "PFL002" and "nope" in found["cookie.py"][1]
    assert found["bomcookie.py"][0] == "PFL002"
    assert "bad encoding declaration" in found["bomcookie.py"][1]
    assert found["syntax.py"][0] == "PFL001"
    assert found["deep.py"] == ("PFL001", "too many nested parentheses (CPython allows 200)")
    assert found["good.py"][0] == "PFL101"
    assert found["missing.py"] == ("PFL002", "no such file or directory")
    assert found["dangling.py"] == ("PFL002", "cannot read: No such file or directory")
    if os.geteuid() != 0:  # root reads anything
        assert found["unreadable.py"][0] == "PFL002"
    assert "empty.py" not in found
    assert code == 1


def test_large_file(run_cli, tmp_path):
    # 10 MB of source: linted, not refused.
    body = "x = '" + "a" * 1000 + "'\n"
    write(tmp_path / "big.py", body * 10_000 + "y = sum(a, [])\n")
    code, out, err = run_cli("--format", "concise", "--no-cache", "big.py")
    assert code == 1 and "big.py:10001:5: PFL101" in out


def test_internal_error_in_a_rule_is_reported_and_run_goes_on(run_cli, tmp_path, monkeypatch):
    from perflint.rules.complexity.quadratic_sum import QuadraticSum

    def explode(self, node):
        raise RuntimeError("kaput")

    monkeypatch.setattr(QuadraticSum, "visit_Call", explode)
    write(tmp_path / "a.py", SLOW)
    write(tmp_path / "b.py", "def f(:\n")
    code, out, err = run_cli("-j", "1", "--no-cache", ".")
    assert code == 2
    assert "internal error in rule PFL101 (quadratic-sum) on a.py: RuntimeError: kaput" in err
    assert "b.py:1:7: PFL001" in out


def test_cache_is_used_and_invalidated(run_cli, tmp_path, monkeypatch):
    import perflint.runner as runner

    path = write(tmp_path / "a.py", SLOW)
    calls = []
    real = runner.process_file
    monkeypatch.setattr(runner, "process_file", lambda p, s, j: calls.append(p) or real(p, s, j))
    assert run_cli("-j", "1", "a.py")[0] == 1
    assert len(calls) == 1
    assert run_cli("-j", "1", "a.py")[0] == 1
    assert len(calls) == 1, "second run must come from the cache"
    write(path, "x = 1\n")
    assert run_cli("-j", "1", "a.py")[0] == 0
    assert len(calls) == 2, "a content change must invalidate"
    write(path, SLOW)
    run_cli("-j", "1", "a.py")
    assert len(calls) == 3
    assert run_cli("-j", "1", "--ignore", "PFL101", "a.py")[0] == 0
    assert len(calls) == 4, "a config change must invalidate"
    assert run_cli("-j", "1", "--no-cache", "a.py")[0] == 1
    assert len(calls) == 5
    assert (tmp_path / ".perflint_cache" / ".gitignore").exists()


def test_damaged_cache_is_ignored(run_cli, tmp_path):
    write(tmp_path / "a.py", SLOW)
    run_cli("a.py")
    for cache_file in (tmp_path / ".perflint_cache").rglob("*.json"):
        cache_file.write_text("{not json")
    assert run_cli("a.py")[0] == 1


def test_real_process_pool_and_module_entry_point(tmp_path):
    for index in range(6):
        write(tmp_path / f"m{index}.py", SLOW)
    write(tmp_path / "bad.py", "def f(:\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "perflint",
            "check",
            "-j",
            "2",
            "--no-cache",
            "--format",
            "concise",
            ".",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert len([line for line in done.stdout.splitlines() if "PFL101" in line]) == 6
    assert "bad.py:1:7: PFL001" in done.stdout


def test_version(run_cli):
    from perflint import __version__

    code, out, _ = run_cli("--version")
    assert code == 0 and out.strip() == f"perflint {__version__} (perflint-cst)"


def test_a_folder_named_explicitly_is_linted_even_if_excluded(run_cli, tmp_path):
    write(tmp_path / "build" / "gen" / "a.py", SLOW)
    write(tmp_path / "build" / "gen" / "__pycache__" / "b.py", SLOW)
    write(tmp_path / "ignored" / "c.py", SLOW)
    write(tmp_path / ".gitignore", "ignored/\n")
    os.mkdir(tmp_path / ".git")
    code, out, _ = run_cli("--format", "concise", "build")
    assert [line.split(":")[0] for line in out.splitlines() if ": PFL" in line] == [
        os.path.join("build", "gen", "a.py")
    ]
    assert "c.py" in run_cli("--format", "concise", "ignored")[1]
    assert "c.py" not in run_cli("--format", "concise", ".")[1]


def test_a_fully_cached_run_does_not_import_libcst(tmp_path):
    """Importing LibCST and the rules is most of a warm run's time."""
    write(tmp_path / "a.py", SLOW)
    write(tmp_path / "b.py", "x = 1\n")
    command = [sys.executable, "-X", "importtime", "-m", "perflint", "check", "-j", "1", "."]
    first = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert " libcst" in first.stderr
    second = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert second.returncode == 1 and "a.py:6:12: PFL101" in second.stdout
    assert " libcst" not in second.stderr
