"""PFL301 precision (integers that outgrow int64, Python lists, short loops,
strings) and its fix offered only where the project already uses numba."""

import pytest

from perflint.api import lint_source
from perflint.config import Settings
from perflint.jit.project import declares_numba, imports_numba, numba_in_project
from perflint.project import project_root
from tests.conftest import write

KERNEL = (
    "import math\n\n\ndef trapezoid(a, b, n):\n    h = (b - a) / n\n"
    "    total = 0.5 * (math.exp(a) + math.exp(b))\n    for i in range(1, n):\n"
    "        total += math.exp(a + i * h)\n    return total * h\n"
)
NO_FIX = "no fix: numba is not a dependency of this project"


def _flagged(code: str) -> list[str]:
    found = lint_source(code, "k.py", Settings(select=("PFL301",), numba_in_project=True))
    assert not found.errors, found.errors
    return [d.message.split("`")[-2] for d in found.diagnostics if d.code == "PFL301"]


# --- which integers may outgrow int64 -----------------------------------------


def _loop(body: str, before: str = "    t = 0\n") -> str:
    """A float kernel over an array whose loop body is given. A recurrence, so
    that no array expression does it (PFL607 would report that loop instead)."""
    return (
        "import numpy as np\n\n\ndef f(a):\n    s = 0.0\n" + before
        + "    for i in range(a.shape[0]):\n        s = s * 0.5 + a[i]\n" + body
        + "    return s\n"
    )  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        "        t += 1\n",  # a counter: bounded by the trip count
        "        t -= 2\n",
        "        t = t + 1\n",
        "        t += i % 10\n",  # bounded terms
        "        t = (t * 31 + i) % 1000003\n",  # a remainder
        "        t = max(t, i)\n",
        "        t //= 2\n",  # shrinking
        "        t = (t + i) // 2\n",  # an average, as in a binary search
        "        t = i * i\n",  # recomputed, not accumulated
        "        t = i ** 2\n",
    ],
)
def test_bounded_integers_keep_the_finding(body):
    assert _flagged(_loop(body)) == ["f"]


@pytest.mark.parametrize(
    "body, before",
    [
        ("        t += i\n", "    t = 0\n"),
        ("        t += i * i\n", "    t = 0\n"),
        ("        t = t + i\n", "    t = 0\n"),
        ("        t *= i\n", "    t = 1\n"),
        ("        t = t * 3\n", "    t = 1\n"),
        ("        t <<= 1\n", "    t = 1\n"),
        ("        t, u = u, t + u\n", "    t, u = 0, 1\n"),  # Fibonacci
        ("        s += 2 ** i\n", ""),  # a power of a varying integer exponent
        ("        s += 1 << i\n", ""),
        ("        s += pow(3, i)\n", ""),
    ],
)
def test_integers_that_may_outgrow_int64_are_not_candidates(body, before):
    assert _flagged(_loop(body, before)) == []


def test_a_float_accumulator_started_at_zero_is_fine():
    assert _flagged(_loop("        t += a[i]\n")) == ["f"]  # an array element: numpy's type


def test_fib_is_not_flagged_even_in_a_numba_project(run_cli, tmp_path):
    """The issue's file: after `--fix --unsafe-fixes` fib(100) is still right."""
    source = (
        "import numba\n\n\ndef fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n"
        "        a, b = b, a + b\n    return a\n\n\n"
        "def squares(n):\n    t = 0\n    for i in range(n):\n        t += i * i\n    return t\n"
    )
    path = write(tmp_path / "lib.py", source)
    code, out, err = run_cli("check", "--no-cache", "--select", "PFL301", "--fix", "--unsafe-fixes")
    assert path.read_text() == source
    namespace: dict = {}
    exec(compile(path.read_text(), "lib.py", "exec"), namespace)
    assert namespace["fib"](100) == 354224848179261915075


# --- a small constant trip count ----------------------------------------------


@pytest.mark.parametrize(
    "loop", ["range(3)", "range(1, 4)", "range(0, 32, 4)", "(0.25, 0.5, 0.25)", "[1.0, 2.0]"]
)
def test_a_few_steps_are_not_worth_compiling(loop):
    code = f"def f(x):\n    t = 0.0\n    for w in {loop}:\n        t += w * x\n    return t\n"
    assert _flagged(code) == []


@pytest.mark.parametrize("loop", ["range(n)", "range(1000)", "range(2, n, 2)"])
def test_longer_loops_stay_candidates(loop):
    code = f"def f(x, n):\n    t = 0.0\n    for w in {loop}:\n        t += w * x\n    return t\n"
    assert _flagged(code) == ["f"]


# --- Python lists and strings -------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "def f(n):\n    out = []\n    for i in range(n):\n        out.append(i * 0.5)\n"
        "    return out\n",
        "def f(n):\n    out = [0.0] * n\n    for i in range(n):\n        out[i] = i * 0.5\n"
        "    return out\n",
        "import math\n\n\ndef f(n):\n    t = 0.0\n    for i in range(n):\n"
        "        t += math.sqrt(i)\n    return [t, t / n]\n",
        # A parameter read like a list, with no sign of an array.
        "def f(xs):\n    t = 0.0\n    for x in xs:\n        t += x * 0.5\n    return t\n",
        "def f(xs: list):\n    t = 0.0\n    for i in range(len(xs)):\n        t += xs[i] * 0.5\n"
        "    return t\n",
        # Strings.
        "def f(s: str):\n    t = 0.0\n    for i in range(len(s)):\n"
        "        t += (s[i] == s[0]) * 0.5\n    return t\n",
        "def f(s):\n    t = 0.0\n    for i in range(len(s)):\n        t += s.count(s[i]) / 2\n"
        "    return t\n",
    ],
)
def test_lists_and_strings_are_not_candidates(code):
    assert _flagged(code) == []


@pytest.mark.parametrize(
    "code",
    [
        # An array parameter, by annotation or by use (recurrences: no array
        # expression does them, so PFL607 leaves them to PFL301).
        "import numpy as np\n\n\ndef f(xs: np.ndarray):\n    t = 0.0\n    for x in xs:\n"
        "        t = t * 0.5 + x\n    return t\n",
        "import numpy.typing as npt\n\n\ndef f(xs: npt.NDArray):\n    t = 0.0\n"
        "    for i in range(len(xs)):\n        t = t * 0.5 + xs[i]\n    return t\n",
        "def f(xs):\n    t = 0.0\n    for i in range(xs.shape[0]):\n        t += xs[i]\n"
        "    return t\n",
        # A list written into np.array is an array.
        "import numpy as np\n\n\ndef f(n):\n    w = np.array([0.25, 0.5, 0.25])\n    t = 0.0\n"
        "    for i in range(n):\n        t += w[i % 3] * i\n    return t\n",
    ],
)
def test_arrays_stay_candidates(code):
    assert _flagged(code) == ["f"]


# --- the fix only where the project uses numba --------------------------------


@pytest.mark.parametrize(
    "name, text",
    [
        ("pyproject.toml", '[project]\nname = "x"\ndependencies = ["numpy", "numba>=0.59"]\n'),
        (
            "pyproject.toml",
            '[project]\nname = "x"\n[project.optional-dependencies]\nfast = ["Numba"]\n',
        ),
        ("pyproject.toml", "[dependency-groups]\njit = [\"numba ; python_version < '3.14'\"]\n"),
        ("pyproject.toml", '[tool.poetry.dependencies]\npython = "^3.10"\nnumba = "^0.60"\n'),
        ("pyproject.toml", '[tool.poetry.group.jit.dependencies]\nnumba = "*"\n'),
        ("pyproject.toml", '[tool.pdm.dev-dependencies]\nbench = ["numba"]\n'),
        ("pyproject.toml", '[tool.hatch.envs.default]\ndependencies = ["numba==0.60.0"]\n'),
        ("requirements.txt", "# pinned\nnumpy==2.0\nnumba==0.60.0  # jit\n"),
        ("requirements-dev.txt", "-r requirements.txt\nnumba[svml]\n"),
        ("setup.cfg", "[options]\ninstall_requires =\n    numpy\n    numba>=0.59\n"),
        ("setup.cfg", "[options.extras_require]\njit =\n    numba\n"),
    ],
)
def test_numba_declared_at_the_root(tmp_path, name, text):
    write(tmp_path / name, text)
    assert declares_numba(str(tmp_path))


@pytest.mark.parametrize(
    "name, text",
    [
        ("pyproject.toml", '[project]\nname = "x"\ndependencies = ["numbagg", "numpy"]\n'),
        ("pyproject.toml", "[project\nbroken"),  # unreadable: nothing declared
        ("requirements.txt", "numpy\n# numba\n"),
        ("setup.cfg", "[options]\ninstall_requires = numpy\n"),
        ("setup.cfg", "not an ini file"),
    ],
)
def test_numba_not_declared(tmp_path, name, text):
    write(tmp_path / name, text)
    assert not declares_numba(str(tmp_path))


def test_imports_are_found_by_a_text_search(tmp_path):
    assert imports_numba(str(write(tmp_path / "a.py", "x = 1\nfrom numba import njit\n")))
    assert imports_numba(
        str(
            write(
                tmp_path / "b.py",
                "try:\n    import numba as nb\nexcept ImportError:\n    nb = None\n",
            )
        )
    )
    assert not imports_numba(
        str(write(tmp_path / "c.py", "# we could use numba here\nimport numbagg\n"))
    )
    assert not imports_numba(str(tmp_path / "missing.py"))
    assert numba_in_project(str(tmp_path), [str(tmp_path / "c.py"), str(tmp_path / "a.py")])


def test_project_root_is_the_config_folder_else_git_else_start(tmp_path):
    inner = tmp_path / "repo" / "src" / "pkg"
    inner.mkdir(parents=True)
    assert project_root(None, str(inner)) == str(inner)
    (tmp_path / "repo" / ".git").mkdir()
    assert project_root(None, str(inner)) == str(tmp_path / "repo")
    config = write(tmp_path / "repo" / "src" / "pyproject.toml", "[tool.perflint]\n")
    assert project_root(str(config), str(inner)) == str(tmp_path / "repo" / "src")


def test_without_numba_the_finding_stays_without_a_fix(run_cli, tmp_path):
    path = write(tmp_path / "lib.py", KERNEL)
    code, out, err = run_cli("check", "--select", "PFL301", "--fix", "--unsafe-fixes")
    assert code == 1
    assert "lib.py:4:5: PFL301" in out and NO_FIX in out
    assert path.read_text() == KERNEL  # no `import numba` in a project without it
    # Declaring numba changes the cache key: the fix appears without --no-cache.
    write(tmp_path / "requirements.txt", "numba\n")
    code, out, err = run_cli("check", "--select", "PFL301")
    assert "PFL301" in out and NO_FIX not in out
    code, out, err = run_cli("check", "--select", "PFL301", "--fix", "--unsafe-fixes")
    # numba is third-party: its own import section, after the standard library's.
    fixed = "import math\n\nimport numba\n\n\n@numba.njit\ndef trapezoid"
    assert path.read_text().startswith(fixed)


def test_another_file_importing_numba_is_enough(run_cli, tmp_path):
    path = write(tmp_path / "lib.py", KERNEL)
    write(tmp_path / "fast.py", "import numba\n")
    run_cli("check", "--no-cache", "--select", "PFL301", "--fix", "--unsafe-fixes")
    assert "@numba.njit\ndef trapezoid" in path.read_text()


def test_stdin_uses_the_project_of_its_filename(run_cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\ndependencies = ["numba"]\n')
    code, out, err = run_cli(
        "check", "--select", "PFL301", "--stdin-filename", "lib.py", "-", input=KERNEL
    )
    assert "PFL301" in out and NO_FIX not in out


def test_the_language_server_asks_each_workspace_folder(tmp_path, monkeypatch):
    from lsp.server import PerflintServer

    with_numba, without = tmp_path / "a", tmp_path / "b"
    write(with_numba / "requirements.txt", "numba\n")
    write(without / "requirements.txt", "numpy\n")
    server = PerflintServer()
    monkeypatch.setattr(server, "workspace_root", lambda path: str(path).rsplit("/", 1)[0])
    assert server.settings_for(str(with_numba / "lib.py")).numba_in_project
    assert not server.settings_for(str(without / "lib.py")).numba_in_project
    settings = server.settings_for(str(without / "lib.py")).with_overrides(select=("PFL301",))
    (finding,) = lint_source(KERNEL, str(without / "lib.py"), settings).diagnostics
    assert NO_FIX in finding.message and finding.fix is None
