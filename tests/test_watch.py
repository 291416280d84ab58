"""--watch: a real perflint process sees a file change and lints again."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time

from tests.conftest import write


def _lines(process: subprocess.Popen[str]) -> queue.Queue[str]:
    found: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            found.put(line)

    threading.Thread(target=read, daemon=True).start()
    return found


def _until(lines: queue.Queue[str], marker: str, seen: list[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if marker in line:
            return
    raise AssertionError(f"no {marker!r} in:\n{''.join(seen)}")


def test_watch_lints_again_after_a_change(tmp_path):
    source = write(tmp_path / "src" / "m.py", "x = 1\n")
    config = write(tmp_path / "pyproject.toml", "[tool.perflint]\n")
    (tmp_path / ".git").mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "perflint", "check", "--watch", "--no-cache", "src"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        lines, seen = _lines(process), []
        _until(lines, "watching for changes", seen)
        first = "".join(seen)
        assert "Starting perflint in watch mode: linting..." in first
        assert "All checks passed!" in first and "clean (exit 0)" in first
        source.write_text("def f(p):\n    return sum(p, [])\n")
        seen.clear()
        _until(lines, "watching for changes", seen)
        second = "".join(seen)
        assert "1 file change detected: linting..." in second
        assert "src/m.py:2:12: PFL101" in second and "Found 1 finding." in second
        assert "findings remain (exit 1)" in second
        # A broken config is one error line, and watching goes on.
        config.write_text("[tool.perflint]\nignores = []\n")
        seen.clear()
        _until(lines, "watching for changes", seen)
        assert "did you mean `ignore`?" in "".join(seen) and process.poll() is None
    finally:
        process.terminate()
        process.wait(timeout=30)
