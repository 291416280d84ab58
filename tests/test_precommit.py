"""The pre-commit hooks, run for real by pre-commit from a snapshot of this
repository (pre-commit installs a hook from a commit, in its own virtualenv)."""

import importlib.util
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, write

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or importlib.util.find_spec("pre_commit") is None,
    reason="needs git and pre-commit",
)

SLOW = "def count(pairs):\n    found = dict(pairs)\n    return len(list(found))  # keys\n"
FIXED = "def count(pairs):\n    found = dict(pairs)\n    return len(found)  # keys\n"
# PFL202 (opt-in) has a safe fix, which the fix hook applies.
CONFIG = '[tool.perflint]\nextend-select = ["PFL202"]\n'
GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.com"]


def _run(args, cwd, **kw):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600, **kw)


def _commit_all(folder):
    _run([*GIT, "init", "-q"], folder)
    _run([*GIT, "add", "-A"], folder)
    done = _run([*GIT, "commit", "-q", "-m", "snapshot"], folder)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """This working tree (tracked and new files, not ignored ones), committed in a clone."""
    snapshot = tmp_path_factory.mktemp("perflint-snapshot")
    listed = _run(["git", "ls-files", "-z", "-c", "-o", "--exclude-standard"], ROOT)
    assert listed.returncode == 0, listed.stderr
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    _commit_all(snapshot)
    return snapshot


def _try_repo(hook_repo, project, hook, tmp_path_factory):
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    return _run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(hook_repo),
            hook,
            "--files",
            "slow.py",
        ],
        project,
        env={**_environ(), "PRE_COMMIT_HOME": str(home)},
    )


def _environ():
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


def test_check_hook_reports_findings(hook_repo, tmp_path, tmp_path_factory):
    write(tmp_path / "slow.py", SLOW)
    write(tmp_path / "pyproject.toml", CONFIG)
    _commit_all(tmp_path)
    done = _try_repo(hook_repo, tmp_path, "perflint", tmp_path_factory)
    print(done.stdout)  # the closing note of issue 10 quotes this run
    assert done.returncode == 1, done.stdout + done.stderr
    assert "perflint" in done.stdout and "Failed" in done.stdout
    assert "slow.py:3:12: PFL202" in done.stdout
    assert (tmp_path / "slow.py").read_text() == SLOW


def test_fix_hook_rewrites_the_file_and_fails(hook_repo, tmp_path, tmp_path_factory):
    write(tmp_path / "slow.py", SLOW)
    write(tmp_path / "pyproject.toml", CONFIG)
    _commit_all(tmp_path)
    done = _try_repo(hook_repo, tmp_path, "perflint-fix", tmp_path_factory)
    print(done.stdout)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "files were modified by this hook" in done.stdout
    assert (tmp_path / "slow.py").read_text() == FIXED
    again = _try_repo(hook_repo, tmp_path, "perflint-fix", tmp_path_factory)
    assert again.returncode == 0 and "Passed" in again.stdout, again.stdout


def test_hooks_file_declares_both_hooks():
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"perflint", "perflint-fix"}
    for hook in hooks.values():
        assert hook["types_or"] == ["python", "pyi", "jupyter"] and hook["require_serial"] is False
        assert hook["language"] == "python"
    assert "--fix" in hooks["perflint-fix"]["entry"]
