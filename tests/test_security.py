"""perflint never runs the code it lints; configuration cannot make it run
code; --verify-jit compiles in a worker without network. (The language
server's workspace boundary is tested in test_lsp.py.)"""

import json
import subprocess
import sys

import pytest

from tests.conftest import write

SIDE_EFFECT = "import pathlib\npathlib.Path(__file__).with_suffix('.ran').touch()\n"
CANDIDATE = (
    "import numpy as np\n\n"
    "pathlib_marker = __import__('pathlib').Path(__file__).with_suffix('.ran').touch()\n\n\n"
    "def total(x):\n    s = 0.0\n    for i in range(x.shape[0]):\n"
    "        s = s * 0.5 + x[i]\n    return s\n"  # a recurrence: no array expression does it
)


def _perflint(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "perflint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_linting_and_fixing_run_none_of_the_code(tmp_path):
    for name in ("conftest.py", "setup.py", "pkg/__init__.py", "pkg/__main__.py"):
        write(tmp_path / name, SIDE_EFFECT)
    write(tmp_path / "slow.py", SIDE_EFFECT + "def f(pages):\n    return sum(pages, [])\n")
    done = _perflint(
        "check", "--fix", "--unsafe-fixes", "--no-cache", "--select", "ALL", ".", cwd=tmp_path
    )
    assert done.returncode in (0, 1), done.stderr
    assert not list(tmp_path.rglob("*.ran")), "perflint ran code it was linting"
    assert "itertools" in (tmp_path / "slow.py").read_text(), "the files were linted and fixed"


@pytest.mark.parametrize(
    "decorator",
    ["__import__('os').system('touch pwned')", "numba.njit; import os", "numba.njit()"],
)
def test_config_cannot_inject_code_through_the_jit_decorator(tmp_path, decorator):
    write(
        tmp_path / "pyproject.toml", f"[tool.perflint.jit]\ndecorator = {json.dumps(decorator)}\n"
    )
    write(tmp_path / "kernel.py", CANDIDATE.replace("pathlib_marker = ", "# "))
    done = _perflint("check", "--fix", "--unsafe-fixes", "--no-cache", ".", cwd=tmp_path)
    assert done.returncode == 2 and "decorator" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "pwned").exists()


def test_verify_jit_runs_no_module_code(tmp_path):
    pytest.importorskip("numba")
    write(tmp_path / "kernel.py", CANDIDATE)
    done = _perflint("check", "--no-cache", "--verify-jit", "-v", "kernel.py", cwd=tmp_path)
    assert "PFL301" in done.stdout, done.stdout + done.stderr
    assert not list(tmp_path.rglob("*.ran")), "--verify-jit ran module-level code"


def test_the_compile_worker_has_no_network():
    request = {
        "source": "import socket\nsocket.create_connection(('127.0.0.1', 9))\n"
        "def f(x):\n    return x\n",
        "plain": "def f(x):\n    return x\n",
        "function": "f",
        "plans": [[{"name": "x", "kind": "scalar", "dtype": "float64"}]],
    }
    done = subprocess.run(
        [sys.executable, "-m", "perflint.jit.verify_worker"],
        input=json.dumps(request) + "\n",
        capture_output=True,
        text=True,
        timeout=300,
    )
    if "No module named 'numba'" in done.stdout + done.stderr:
        pytest.skip("needs numba")
    answer = json.loads(done.stdout)
    assert answer["ok"] is False and "no network" in answer["error"]
