import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def run_cli(tmp_path, monkeypatch):
    """Run `perflint ARGS` in tmp_path in this process; returns (exit code, stdout, stderr)."""
    from perflint.cli import main

    monkeypatch.chdir(tmp_path)

    def run(*args: str, input: str | bytes | None = None):
        runner = CliRunner()
        result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture
def perflint_bin():
    return [sys.executable, "-m", "perflint"]


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


os.environ.setdefault("NO_COLOR", "1")
