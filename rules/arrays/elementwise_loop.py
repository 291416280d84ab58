import libcst as cst

from perflint.analysis.rows import RowLoop, element_loop
from perflint.jit.candidates import Candidates
from perflint.jit.support import is_numba_decorated
from perflint.prepass import Needs
from perflint.rule import Bad, Rule


class ElementwiseLoop(Rule):
    """
    ## What it does
    Flags a Python loop over NumPy arrays, one element at a time, that is one
    array expression or reduction: `out[i] = a[i] * b[i]` over
    `range(len(a))`, `total += v * v` over `for v in a`, `zip(a, b)` or
    `enumerate(a)`, `best = max(best, a[i])`, with conditions that become
    `np.where`. The arrays must be proven NumPy arrays: made by `np.zeros`,
    `np.array`, `np.empty_like`..., annotated `np.ndarray`, or (with NumPy
    imported and pandas not) parameters whose `.shape` the function reads.

    A loop whose iterations depend on each other (`out[i] = out[i - 1] + a[i]`),
    nested loops and loops calling other code cannot be written this way; when
    their function is one numba compiles, PFL301's advice (`@njit`) is the one
    given, and this rule stays silent there, so one loop gets one finding.
    PFL301 in turn leaves functions whose loops are all array expressions to
    this rule.

    ## Why is this slow
    Each `a[i]` boxes a NumPy scalar and each operation on it goes through
    NumPy's scalar dispatch: a few hundred nanoseconds per element, against a
    nanosecond or so in the compiled loop of an array expression.

    ## Example
    ```python
    out = np.empty(len(a))
    for i in range(len(a)):
        out[i] = a[i] * b[i] + 1.0
    total = 0.0
    for v in a:
        total += v * v
    ```

    ## Use instead
    ```python
    out = a * b + 1.0
    total = (a * a).sum()          # or np.dot(a, a)
    ```

    ## Fix safety
    No fix: the array expression allocates its result where the loop may fill
    an existing array, and NumPy sums floats pairwise, so the last bits of a
    total can differ from the loop's.

    ## Measured
    `make bench-rules` (benchmarks/rules/elementwise_loop.py), NumPy 2.4,
    CPython 3.11: `out[i] = a[i] * b[i] + 1.0` over 100,000 elements 91 ms
    vs 0.25 ms for `a * b + 1.0` (370x; 570x at 10,000, 170x at 10^6);
    `total += v * v` 54 ms vs 0.27 ms for `(a * a).sum()` (205x; 89x at
    10^6); `total += x * y` over `zip(a, b)` 73 ms vs 0.29 ms for
    `np.dot(a, b)` (250x; 80x at 10^6).
    """

    code = "PFL607"
    name = "elementwise-array-loop"
    category = "arrays"
    impact = "constant-factor"
    # PFL301's verdict reads the callees.
    needs = Needs(callees=True, screens=frozenset({"element-loop"}))
    summary = "A Python loop over NumPy arrays element by element; use the array expression"

    bad = (
        Bad(
            '''import numpy as np


def scaled(a, b):
    """a times b, plus one."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    out = np.empty(a.shape[0])
    for i in range(len(a)):
        # one element at a time
        out[i] = a[i] * b[i] + 1.0
    return out
''',
            line=9,
        ),
        Bad(
            "import numpy as np\n\n\ndef energy(n):\n    a = np.random.rand(n)\n    total = 0.0\n"
            "    for v in a:\n        total += v * v\n    return total\n",
            line=7,
        ),
        Bad(
            "import numpy as np\n\n\ndef dot(a: np.ndarray, b: np.ndarray):\n    total = 0.0\n"
            "    for x, y in zip(a, b):\n        total += x * y\n    return total\n",
            line=6,
        ),
        Bad(
            "import numpy as np\n\n\ndef clipped(a: np.ndarray, hi):\n    out = np.zeros_like(a)\n"
            "    for i, v in enumerate(a):\n        out[i] = v if v < hi else hi\n    return out\n",
            line=6,
        ),
    )
    good = (
        # Already compiled by numba: the explicit loop is the fast form there.
        "import numpy as np\nfrom numba import njit\n\n\n@njit(cache=True)\ndef f(a: np.ndarray):\n"
        "    total = 0.0\n    for i in range(len(a)):\n        total += a[i] * a[i]\n    return total\n",
        "import numpy as np\nfrom mylib.utils.numba import njit\n\n\n@njit(fastmath=True)\n"
        "def f(a: np.ndarray):\n    total = 0.0\n    for i in range(len(a)):\n        total += a[i]\n"
        "    return total\n",
        "import numpy as np\nfrom mylib import _lazy_njit\n\n\n@_lazy_njit\ndef f(a: np.ndarray):\n"
        "    out = np.empty(len(a))\n    for i in range(len(a)):\n        out[i] = a[i] * 2.0\n    return out\n",
        # A recurrence: each element needs the previous one (PFL301's business).
        "import numpy as np\n\n\ndef f(a: np.ndarray):\n    out = np.empty(len(a))\n    out[0] = a[0]\n"
        "    for i in range(1, len(a)):\n        out[i] = out[i - 1] * 0.5 + a[i]\n    return out\n",
        # Mixed with a loop numba compiles: PFL301 reports the function, not this rule.
        "import numpy as np\n\n\ndef f(a: np.ndarray):\n    out = np.empty(len(a))\n"
        "    for i in range(len(a)):\n        out[i] = a[i] * 2.0\n    acc = 0.0\n"
        "    for i in range(1, len(a)):\n        acc = acc * 0.5 + out[i - 1]\n    return acc\n",
        # Calls other code per element.
        "import numpy as np\n\n\ndef f(a: np.ndarray):\n    out = []\n    for v in a:\n"
        "        out.append(str(v))\n    return out\n",
        # Not proven arrays: lists, perhaps.
        "def f(a, b):\n    total = 0.0\n    for x, y in zip(a, b):\n        total += x * y\n    return total\n",
        "import numpy as np\n\n\ndef f(xs):\n    out = np.empty(len(xs))\n"
        "    for i in range(len(xs)):\n        out[i] = xs[i] * 2\n    return out\n",
        # Already an array expression.
        "import numpy as np\n\n\ndef f(a: np.ndarray):\n    return (a * a).sum()\n",
        # A running value read per element: a cumulative sum, state.
        "import numpy as np\n\n\ndef f(a: np.ndarray):\n    out = np.empty(len(a))\n    t = 0.0\n"
        "    for i in range(len(a)):\n        t += a[i]\n        out[i] = t\n    return out\n",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._candidates: Candidates | None = None

    def visit_For(self, node: cst.For) -> None:
        found = element_loop(self.ctx, node)
        if found is None or self._compiled(node) or self._jit_advice(node):
            return
        self.report(node, _message(found))

    def _compiled(self, node: cst.For) -> bool:
        """The loop is in a function numba compiles (`@njit`, a re-exported or
        wrapped `jit`, `@vectorize`, `@overload`'s implementation): there an
        explicit loop is the fast form, and array expressions only allocate."""
        for ancestor in self.ctx.path_to(node):
            if isinstance(ancestor, cst.FunctionDef) and (
                is_numba_decorated(self.ctx, ancestor)
                or any(_compiling(d.decorator) for d in ancestor.decorators)
            ):
                return True
        return False

    def _jit_advice(self, node: cst.For) -> bool:
        """PFL301 reports the function holding the loop (it has other numeric loops)."""
        path = self.ctx.path_to(node)
        if len(path) < 2 or not isinstance(path[1], cst.FunctionDef):
            return False
        if self._candidates is None:
            self._candidates = Candidates(self.ctx)
        verdict = self._candidates.verdict(path[1])
        return verdict.jittable and verdict.has_loop


# Decorators whose function numba (or Pythran's, Cython's) compiles, by last name;
# any name holding "jit" too (`_lazy_njit`, `jit_kernel`).
_COMPILERS = frozenset(
    {"vectorize", "guvectorize", "stencil", "cfunc", "overload", "overload_method",
     "generated_jit", "intrinsic", "register_jitable", "ccall"}
)  # fmt: skip


def _compiling(decorator: cst.BaseExpression) -> bool:
    if isinstance(decorator, cst.Call):
        decorator = decorator.func
    spelled = decorator.attr.value if isinstance(decorator, cst.Attribute) else ""
    if isinstance(decorator, cst.Name):
        spelled = decorator.value
    return "jit" in spelled.lower() or spelled in _COMPILERS


def _message(found: RowLoop) -> str:
    work = found.work
    if work.writes:
        advice = "assign the array expression at once (`out[:] = a * b`, `np.where`)"
    elif work.accumulators:
        advice = "reduce the whole array (`(a * b).sum()`, `np.dot`, `.max()`)"
    else:
        advice = "compute the array expression and `.tolist()` it"
    return f"this loop works on NumPy arrays one element at a time; {advice}"
