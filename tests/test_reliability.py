"""Pathological inputs, files that change under perflint, and a SIGKILL during
--fix: perflint reports and goes on, never a traceback, never a damaged file."""

import os
import signal
import subprocess
import sys
import time

import pytest

from perflint.api import lint_source
from perflint.config import Settings
from perflint.fix import fix_text
from tests.conftest import write

SLOW = "def count(pages):\n    pages = list(pages)\n    return len(list(dict(pages)))\n"
# PFL202 (opt-in) has a safe fix: these tests are about writing fixes.
FIXING = Settings(extend_select=("PFL202",))


def _codes(source: str) -> list[str]:
    return [d.code for d in lint_source(source, "x.py", Settings()).diagnostics]


def test_fifty_thousand_lines(run_cli, tmp_path):
    body = "".join(f"def f{i}(x):\n    return x + {i}\n\n\n" for i in range(12_500))
    write(tmp_path / "huge.py", body + "y = sum(a, [])\n")
    assert body.count("\n") == 50_000
    code, out, err = run_cli("--format", "concise", "--no-cache", "huge.py")
    assert code == 1 and "huge.py:50001:5: PFL101" in out and "Traceback" not in err


def test_three_thousand_nested_ifs_are_a_syntax_error_not_a_crash():
    # CPython allows 100 levels of indentation: this is invalid, and said so.
    source = "".join("    " * i + "if x:\n" for i in range(3000)) + "    " * 3000 + "pass\n"
    (finding,) = lint_source(source, "x.py", Settings()).diagnostics
    assert finding.code == "PFL001" and "indentation" in finding.message


def test_ninety_nine_nested_ifs_are_linted():
    source = "".join("    " * i + "if x:\n" for i in range(99)) + "    " * 99 + "y = sum(a, [])\n"
    assert _codes(source) == ["PFL101"]


def test_a_one_megabyte_line():
    source = "x = [" + ", ".join(str(i) for i in range(150_000)) + "]\ny = sum(a, [])\n"
    assert len(source) > 1_000_000
    assert _codes(source) == ["PFL101"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_fixes_keep_the_file_newline(newline):
    source = SLOW.replace("\n", newline)
    outcome = fix_text(source, "x.py", FIXING)
    expected = "def count(pages):\n    pages = list(pages)\n    return len(dict(pages))\n"
    assert outcome.fixed == 1 and outcome.text == expected.replace("\n", newline)


def test_fixes_keep_mixed_newlines_line_by_line():
    source = "import os\r\n" + SLOW + "x = 1\r\n"
    outcome = fix_text(source, "x.py", FIXING)
    assert outcome.fixed == 1
    assert outcome.text.startswith("import os\r\n") and outcome.text.endswith("x = 1\r\n")
    assert "    return len(dict(pages))\n" in outcome.text


def test_a_file_that_vanishes_before_it_is_read(run_cli, tmp_path, monkeypatch):
    from perflint import runner

    write(tmp_path / "a.py", SLOW)
    write(tmp_path / "gone.py", SLOW)
    read = runner.read_source

    def vanishing(path):
        if path.endswith("gone.py"):
            os.remove(path)
        return read(path)

    monkeypatch.setattr(runner, "read_source", vanishing)
    code, out, err = run_cli(
        "--format", "concise", "--no-cache", "--extend-select", "PFL202", "-j", "1", "."
    )
    assert "Traceback" not in out + err
    assert "gone.py:1:1: PFL002" in out and "a.py:3:" in out


def test_a_file_that_vanishes_before_it_is_fixed(run_cli, tmp_path, monkeypatch):
    from perflint import files

    write(tmp_path / "a.py", SLOW)
    original = files.write_atomic

    def vanishing(path, data):
        os.remove(path)
        return original(path, data)

    monkeypatch.setattr(files, "write_atomic", vanishing)
    code, out, err = run_cli("--fix", "--no-cache", "--extend-select", "PFL202", "-j", "1", "a.py")
    assert code == 2 and "Traceback" not in out + err
    assert "a.py" in err


def test_sigkill_during_fix_leaves_every_file_whole(tmp_path):
    """Kill perflint (the whole process group, -j 2) while --fix is rewriting
    many files: each file is then the original or the fixed version, never a
    mix or a truncated file."""
    filler = "".join(f"def helper{i}(x):\n    return x * {i}\n\n\n" for i in range(300))
    original = filler + SLOW
    fixed = fix_text(original, "x.py", FIXING).text
    assert fixed != original
    for kill_after in (1, 10, 40):  # files fixed before the kill
        folder = tmp_path / f"run{kill_after}"
        paths = [write(folder / f"m{i}.py", original) for i in range(150)]
        command = [
            sys.executable,
            "-m",
            "perflint",
            "check",
            "--fix",
            "--no-cache",
            "--extend-select",
            "PFL202",
        ]
        command += ["-j", "2"]
        process = subprocess.Popen(
            [*command, str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while sum(p.read_text() == fixed for p in paths) < kill_after:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        texts = [p.read_text() for p in paths]
        assert set(texts) <= {original, fixed}, f"a damaged file after killing at {kill_after}"
        assert texts.count(original), "the kill came after the run: it proves nothing"
        # A kill between writing a temporary file and renaming it over the
        # original can leave the temporary file (never a damaged original).
        extra = {p.name for p in folder.iterdir()} - {p.name for p in paths}
        assert all(name.startswith(".perflint-") for name in extra)


def test_form_feeds_libcst_drops_keep_positions_and_fixes_on_the_source():
    # LibCST's text of this module lacks the form feeds that start lines 1 and 4.
    text = (
        "\x0cimport os\n\n\n\x0c  \x0cdef f(xs):\n"
        '    return [x for x in xs if x in ["a", "b", "c", "d", "e"]]\n'
    )
    settings = Settings(select=("PFL205",))
    (finding,) = lint_source(text, "m.py", settings).diagnostics
    assert finding.location == (5, 35)
    outcome = fix_text(text, "m.py", settings, unsafe=True)
    assert outcome.rejected == []
    assert outcome.text == text.replace('["a", "b", "c", "d", "e"]', '{"a", "b", "c", "d", "e"}')
