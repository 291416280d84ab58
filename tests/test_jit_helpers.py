"""PFL301 across modules (perflint.jit.helpers): kernels calling the
project's compiled functions or helpers PFL301 accepts, type aliases of
arrays in annotations, and the rule alone when no project is given."""

from dataclasses import replace

from perflint.api import lint_source
from perflint.config import Settings
from perflint.jit.helpers import ProjectJit, absolute, module_name, scan_project
from tests.conftest import write

SETTINGS = Settings(select=("PFL301",), numba_in_project=True)
UTILS = (
    "import math\n\nimport numba\nimport numpy as np\n\n\n"
    "def norm(a):\n    return math.sqrt(a[0] * a[0] + a[1] * a[1]) / a.shape[0]\n\n\n"
    "@numba.njit\ndef twice(x):\n    return x * 2.0\n\n\n"
    "def shout(x):\n    print(x)\n    return x * 2.0\n"
)
TYPING = "import numpy as np\nfrom typing import Tuple, Union\n\nArray2d = np.ndarray\n"
TYPING += "Float = Union[float, np.floating]\nPair = Tuple[Array2d, Array2d]\n"


def _kernel(call: str, imports: str = "from .utils import norm, twice, shout\n") -> str:
    return (
        f"import numpy as np\n{imports}\n\ndef total(points):\n    t = 0.0\n"
        f"    for i in range(points.shape[0]):\n        t += {call}\n    return t\n"
    )


def _project(tmp_path, kernel: str) -> tuple[ProjectJit, str]:
    write(tmp_path / "pkg" / "__init__.py", "from .utils import norm\n")
    write(tmp_path / "pkg" / "utils.py", UTILS)
    write(tmp_path / "pkg" / "_typing.py", TYPING)
    path = write(tmp_path / "pkg" / "kern.py", kernel)
    return scan_project(str(p) for p in (tmp_path / "pkg").glob("*.py")), str(path)


def _findings(kernel: str, tmp_path, project: bool = True):  # type: ignore[no-untyped-def]
    knowledge, path = _project(tmp_path, kernel)
    settings = replace(SETTINGS, jit_project=knowledge if project else None)
    result = lint_source(kernel, path, settings)
    assert not result.errors, result.errors
    return result.diagnostics


def test_the_scan_tells_compiled_functions_helpers_and_type_aliases(tmp_path):
    imports = "from .utils import norm\nfrom pkg import _typing as tp\n"
    knowledge, path = _project(tmp_path, _kernel("norm(points[i])", imports))
    assert knowledge.compiled == {"pkg.utils.twice"}
    assert knowledge.helpers == {"pkg.utils.norm"}  # shout prints: no helper
    assert dict(knowledge.types) == {
        "pkg._typing.Array2d": "array",
        "pkg._typing.Float": "number",
        "pkg._typing.Pair": "tuple",
    }
    assert knowledge.function(".utils.norm", path) == "pkg.utils.norm"
    assert knowledge.function("pkg.norm", path) == "pkg.utils.norm"  # re-exported
    assert knowledge.function(".utils.shout", path) is None


def test_a_kernel_calling_a_compiled_function_of_another_module_gets_the_fix(tmp_path):
    (finding,) = _findings(_kernel("twice(points[i, 0])"), tmp_path)
    assert "`total`" in finding.message and finding.fix is not None
    assert "together" not in finding.message


def test_a_helper_of_another_module_is_named_and_no_fix_is_offered(tmp_path):
    (finding,) = _findings(_kernel("norm(points[i])"), tmp_path)
    assert "together with `pkg.utils.norm`" in finding.message
    assert "decorate the helpers of other modules there" in finding.message
    assert finding.fix is None
    assert finding.message.split("`")[-2] == "total"  # --verify-jit reads the name there


def test_through_the_module_and_the_package(tmp_path):
    for imports, call in (
        ("from . import utils\n", "utils.twice(points[i, 0])"),
        ("import pkg.utils as u\n", "u.norm(points[i])"),
    ):
        assert len(_findings(_kernel(call, imports), tmp_path)) == 1, imports


def test_helpers_that_do_not_compile_and_unknown_attributes_stay_silent(tmp_path):
    assert not _findings(_kernel("shout(points[i, 0])"), tmp_path)
    assert not _findings(_kernel("utils.shout(points[i, 0])", "from . import utils\n"), tmp_path)
    assert not _findings(_kernel("utils.TABLE[i]", "from . import utils\n"), tmp_path)


def test_without_project_knowledge_the_rule_judges_the_file_alone(tmp_path):
    # The language server passes none: a call into another module is unknown.
    assert not _findings(_kernel("twice(points[i, 0])"), tmp_path, project=False)


def test_type_aliases_of_arrays_are_array_evidence(tmp_path):
    kernel = (
        "from pkg import _typing as tp\nfrom .utils import norm\n\n\n"
        "def total(a: tp.Array2d, flag: bool) -> None:\n"
        "    for i in range(a.shape[0]):\n        a[i, 0] = a[i, 0] * 0.5\n"
    )
    assert len(_findings(kernel, tmp_path)) == 1
    assert not _findings(kernel, tmp_path, project=False)  # the alias is unknown alone
    kernel = kernel.replace("flag: bool", "label: tp.Labels")
    assert not _findings(kernel, tmp_path)


def test_keyword_only_parameters_without_defaults_compile():
    code = (
        "import numpy as np\n\n\ndef scaled(a, *, scale):\n    t = 0.0\n"
        "    for i in range(a.shape[0]):\n        t = t * 0.5 + a[i] * scale\n    return t\n"
    )
    assert len(lint_source(code, "k.py", SETTINGS).diagnostics) == 1
    # numba does not apply a keyword-only default: a call without it fails.
    assert not lint_source(code.replace("scale)", "scale=2.0)"), "k.py", SETTINGS).diagnostics


def test_keywords_naming_a_module_function_parameter_compile():
    code = (
        "import numpy as np\n\n\ndef close(a, b, tol=1e-9):\n    return abs(a - b) < tol\n\n\n"
        "def count(a):\n    n = 0.0\n    for i in range(1, a.shape[0]):\n"
        "        if close(a[i], a[i - 1], tol=1e-7):\n            n += 1.0\n    return n\n"
    )
    assert [d.message.split("`")[-2] for d in lint_source(code, "k.py", SETTINGS).diagnostics] == [
        "count"
    ]
    assert not lint_source(code.replace("tol=1e-7", "atol=1e-7"), "k.py", SETTINGS).diagnostics


def test_vectorized_and_intrinsic_functions_are_callable_from_kernels():
    code = (
        "import numpy as np\nfrom numba import vectorize\n\n\n@vectorize\ndef sq(x):\n"
        "    return x * x\n\n\ndef total(a):\n    t = 0.0\n    for i in range(a.shape[0]):\n"
        "        t += sq(a[i])\n    return t\n"
    )
    assert len(lint_source(code, "k.py", SETTINGS).diagnostics) == 1


def test_the_project_knowledge_is_part_of_the_cache_key(tmp_path):
    knowledge, _ = _project(tmp_path, _kernel("norm(points[i])"))
    with_it = replace(SETTINGS, jit_project=knowledge)
    assert with_it.fingerprint() != SETTINGS.fingerprint()
    fewer = replace(knowledge, helpers=frozenset())
    assert replace(SETTINGS, jit_project=fewer).fingerprint() != with_it.fingerprint()


def test_module_names_follow_the_packages(tmp_path):
    write(tmp_path / "src" / "pkg" / "__init__.py", "")
    write(tmp_path / "src" / "pkg" / "sub" / "__init__.py", "")
    assert module_name(str(tmp_path / "src" / "pkg" / "sub" / "m.py")) == ("pkg.sub.m", "pkg.sub")
    assert module_name(str(tmp_path / "src" / "pkg" / "__init__.py")) == ("pkg", "pkg")
    assert module_name(str(tmp_path / "lone.py")) == ("lone", "")
    assert absolute("..utils.norm", "pkg.sub") == "pkg.utils.norm"
    assert absolute(".norm", "pkg") == "pkg.norm"


def test_the_cli_scans_the_files_it_checks(run_cli, tmp_path, monkeypatch):
    _project(tmp_path, _kernel("norm(points[i])"))
    code, out, err = run_cli("check", "--no-cache", "--select", "PFL301", "pkg")
    assert code == 1 and "together with `pkg.utils.norm`" in out, out + err

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("scanned without PFL301")

    monkeypatch.setattr("perflint.jit.helpers.scan_project", refuse)
    code, out, err = run_cli("check", "--no-cache", "--ignore", "PFL301", "pkg")
    assert code == 0, out + err
