import re

import libcst as cst

from perflint.jit.candidates import Candidates
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule
from perflint.tree import iter_subtree

# numba's extension API: what these decorate returns a function numba compiles.
_EXTENSION_DECORATORS = frozenset(
    {"overload", "overload_method", "overload_attribute", "overload_classmethod", "intrinsic",
     "generated_jit", "lower_builtin", "type_callable"}
)  # fmt: skip


def _decorator_name(expr: cst.BaseExpression) -> str:
    if isinstance(expr, cst.Call):
        expr = expr.func
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    return expr.value if isinstance(expr, cst.Name) else ""


# Pythran compiles modules that declare their exports in these comments.
_PYTHRAN = re.compile(r"^\s*#\s*pythran\s+export\b", re.MULTILINE)


class JitCandidate(Rule):
    """
    ## What it does
    Flags a module-level function that Numba's `@njit` would compile and
    speed up without changing its results: a loop that runs more than a
    handful of times doing scalar float or array work (arithmetic, single
    elements `a[i]`, math/numpy calls), using only numbers, NumPy arrays,
    `range`/`enumerate`/`zip`, functions in numba's registry (a catalogue
    shipped with perflint, so numba need not be installed) and other module
    functions that qualify too (they are decorated together).

    It needs evidence of float or array work: a float literal, a true
    division, a math or numpy float function, a NumPy array (`np.empty`,
    `np.zeros`, ..., `x.shape`, `a[i, j]` in a module that imports numpy, a
    parameter annotated `np.ndarray`). Without it, the function is left
    alone, and so is one that:
    - grows a Python integer in a loop: sums of non-constant terms
      (`t += i * i`), products, recurrences (`a, b = b, a + b`), `2 ** k`,
      `pow()`. Python integers never overflow; numba's int64 wraps around
      silently, so `fib(100)` would come back wrong. Counters (`n += 1`),
      remainders (`% m`) and shrinking values (`n //= 10`) are fine;
    - builds a Python list (`[]`, `[0.0] * n`, a comprehension, `.append`),
      or indexes or iterates a parameter with no sign of a NumPy array: it
      may be a list, and numba's reflected lists are slower than CPython's;
    - only loops a small constant number of times (`range(3)`, a literal
      tuple): the call into compiled code costs more than it saves;
    - works with strings (literals, `str`/`bytes` annotations, `str()`,
      `ord()`), dicts, sets, attributes of objects, unknown globals, `None`,
      `try`, `with`, nested functions, generators, recursion or keyword
      arguments, or has an annotation other than a number or an array.

    Functions imported from the project's other modules count as well. When
    `perflint check` lints a project it first reads, with `ast` and without
    running anything, the files that mention numba and the project modules
    they import (a few levels down): a function there
    that numba compiles already (`@njit`, `@vectorize`, an `@overload`'s
    implementation) or that PFL301 would decorate itself is a helper a
    kernel may call, and a type alias of an array or a number
    (`Array = np.ndarray`) counts as that type. A file linted alone (an
    editor buffer, `lint_source`) is judged by itself.

    Methods, lambdas, async and decorated functions are never flagged, and
    neither is vectorised code: without a loop, or with loops whose work is
    whole-array numpy calls, array methods or `@` (`np.dot`, `.sum()`,
    `np.roll`), or that only move items without arithmetic (numba gains
    little there).

    ## Why is this slow
    CPython interprets each loop iteration, boxing every number; numba
    compiles the function to machine code on first call.

    ## Example
    ```python
    def pairwise_distances(points):
        n = points.shape[0]
        out = np.empty((n, n))
        for i in range(n):
            for j in range(n):
                d = 0.0
                for k in range(points.shape[1]):
                    d += (points[i, k] - points[j, k]) ** 2
                out[i, j] = math.sqrt(d)
        return out
    ```

    ## Use instead
    ```python
    @numba.njit
    def pairwise_distances(points):
        ...
    ```

    ## Fix safety
    Unsafe: numba compiles on the first call (a delay), types must stay
    consistent, and some numpy behaviours differ from CPython's. The fix adds
    the decorator (`[tool.perflint.jit] decorator`, default `numba.njit`, with
    options such as `cache = true`) to the function and to the module
    functions it calls, and imports numba if needed, reusing `import numba as
    nb` or `from numba import njit`.

    The fix is offered only where the project already uses numba, since an
    `import numba` in a project without it cannot even be imported. The
    project uses numba when the file itself imports it, or, on the command
    line, when any file being checked imports it (a text search before
    linting) or the project root declares it as a dependency: `pyproject.toml`
    (`[project]` dependencies and optional-dependencies,
    `[dependency-groups]`, poetry, pdm and hatch environments),
    `requirements*.txt` or `setup.cfg` (`install_requires`,
    `extras_require`). The project root is the folder of the perflint config
    file, else the git work tree, else the folder being checked. The editor does
    the same for each workspace folder (its files and dependency files).
    Checking only some files of a project sees only their imports: declaring
    numba as a dependency is what always counts. Otherwise the finding says
    "no fix: numba is not a dependency of this project". A decorator
    configured from another package than numba is the project's own and
    always offered.

    `perflint check --verify-jit` goes further: it compiles each candidate
    with numba and times it interpreted and compiled on inputs made from the
    parameter types its code shows (arrays of up to 100,000 elements), then
    keeps only those measured at least 2x faster on at least a millisecond of
    work, saying so: "measured 334x faster for float64[:] of 100,000
    elements". This runs the candidate functions, and only them (with the
    module functions they call and the numeric imports), in a separate process
    without network: the module is never imported. See docs/jit.md.

    ## Measured
    `make bench-jit` (benchmarks/jit/kernels.py), CPython 3.11.7 vs numba
    0.68.1 after warm-up, the kernels of examples/kernels.py: distance
    matrix of 200 points 62 ms vs 0.11 ms (546x); running std of 100,000
    values 1763 ms vs 4.0 ms (440x); Monte Carlo pi with 10^6 samples 803 ms
    vs 19.6 ms (41x); histogram of 10^6 values 621 ms vs 1.9 ms (319x);
    logistic map, 10^6 steps, 55 ms vs 1.9 ms (29x). The first call compiles
    (0.1-0.6 s). Integer-only kernels such as trial division (primes below
    50,000: 99 ms vs 2.2 ms, 44x) gain as much but are not flagged: nothing
    in the source shows their values stay within 64 bits.
    """

    code = "PFL301"
    name = "jit-candidate"
    category = "jit"
    impact = "constant-factor"
    # numba's extension decorators too: what they return is compiled already.
    needs = Needs(callees=True, decorators=_EXTENSION_DECORATORS, screens=frozenset({"jit-kernel"}))
    summary = "A numeric loop-heavy function that @numba.njit would compile to machine code"
    fix_applicability = "unsafe"

    # The examples import numba: the project uses it, so the fix is offered.
    bad = (
        Bad(
            "import numba\nimport numpy as np\n\n\ndef running_mean(x, window):\n"
            "    out = np.empty(x.shape[0] - window + 1)\n"
            "    acc = 0.0\n    for i in range(window):\n        acc += x[i]\n    out[0] = acc / window\n"
            "    for i in range(window, x.shape[0]):\n        acc += x[i] - x[i - window]\n"
            "        out[i - window + 1] = acc / window\n    return out\n",
            line=5,
            fixed="import numba\nimport numpy as np\n\n\n@numba.njit\ndef running_mean(x, window):\n"
            "    out = np.empty(x.shape[0] - window + 1)\n"
            "    acc = 0.0\n    for i in range(window):\n        acc += x[i]\n    out[0] = acc / window\n"
            "    for i in range(window, x.shape[0]):\n        acc += x[i] - x[i - window]\n"
            "        out[i - window + 1] = acc / window\n    return out\n",
        ),
        # A constant table nothing changes is frozen by numba: fine. A loop of
        # three steps inside one over the data is part of the work.
        Bad(
            "import numba\nimport numpy as np\n\nWEIGHTS = np.array([0.25, 0.5, 0.25])\n\n\n"
            "def smooth(x):\n    out = np.zeros(x.shape[0])\n    for i in range(1, x.shape[0] - 1):\n"
            "        for k in range(3):\n            out[i] += WEIGHTS[k] * x[i + k - 1]\n    return out\n",
            line=7,
            fixed="import numba\nimport numpy as np\n\nWEIGHTS = np.array([0.25, 0.5, 0.25])\n\n\n"
            "@numba.njit\ndef smooth(x):\n    out = np.zeros(x.shape[0])\n"
            "    for i in range(1, x.shape[0] - 1):\n"
            "        for k in range(3):\n            out[i] += WEIGHTS[k] * x[i + k - 1]\n    return out\n",
        ),
        # A module constant computed with math is frozen by numba: fine.
        Bad(
            "import math\n\nimport numba\n\nLOG2 = math.log(2.0)\n\n\ndef bits(n):\n    total = 0.0\n"
            "    for i in range(1, n):\n        total += math.log(i) / LOG2\n    return total\n",
            line=8,
            fixed="import math\n\nimport numba\n\nLOG2 = math.log(2.0)\n\n\n@numba.njit\ndef bits(n):\n"
            "    total = 0.0\n    for i in range(1, n):\n        total += math.log(i) / LOG2\n"
            "    return total\n",
            calls=(("bits", (10,)),),
        ),
        # A helper it calls is decorated with it; an existing alias is reused.
        Bad(
            "import math\n\nimport numba as nb\nimport numpy as np\n\n\ndef dist(ax, ay, bx, by):\n"
            "    return math.sqrt((ax - bx) ** 2 + (ay - by) ** 2)\n\n\n"
            "def path_length(xs: np.ndarray, ys: np.ndarray):\n    total = 0.0\n"
            "    for i in range(1, len(xs)):\n"
            "        total += dist(xs[i - 1], ys[i - 1], xs[i], ys[i])\n    return total\n",
            line=11,
            fixed="import math\n\nimport numba as nb\nimport numpy as np\n\n\n@nb.njit\n"
            "def dist(ax, ay, bx, by):\n    return math.sqrt((ax - bx) ** 2 + (ay - by) ** 2)\n\n\n"
            "@nb.njit\ndef path_length(xs: np.ndarray, ys: np.ndarray):\n    total = 0.0\n"
            "    for i in range(1, len(xs)):\n"
            "        total += dist(xs[i - 1], ys[i - 1], xs[i], ys[i])\n    return total\n",
            calls=(("path_length", ((0.0, 3.0, 3.0), (0.0, 4.0, 8.0))),),
        ),
        # A counter and a shrinking integer cannot outgrow 64 bits.
        Bad(
            "from numba import njit\n\n\ndef mean_digit(n):\n    total = 0.0\n    count = 0\n"
            "    while n > 0:\n        total += n % 10\n        n //= 10\n        count += 1\n"
            "    return total / max(count, 1)\n",
            line=4,
            fixed="from numba import njit\n\n\n@njit\ndef mean_digit(n):\n    total = 0.0\n"
            "    count = 0\n    while n > 0:\n        total += n % 10\n        n //= 10\n"
            "        count += 1\n    return total / max(count, 1)\n",
            calls=(("mean_digit", (1234,)), ("mean_digit", (0,))),
        ),
        # `m[i, i]` takes two indexes, which no list does: in a module using numpy,
        # an array. A number from numpy (`np.finfo(...).eps`) is frozen by numba.
        Bad(
            "import numba\nimport numpy as np\n\nEPS = np.finfo(np.float64).eps\n\n\n"
            "def diagonal_ratio(m, n):\n    t = 0.0\n    for i in range(n):\n"
            "        t += m[i, i] / (m[i, 0] + EPS)\n    return t\n",
            line=7,
            fixed="import numba\nimport numpy as np\n\nEPS = np.finfo(np.float64).eps\n\n\n"
            "@numba.njit\ndef diagonal_ratio(m, n):\n    t = 0.0\n    for i in range(n):\n"
            "        t += m[i, i] / (m[i, 0] + EPS)\n    return t\n",
        ),
        # Nothing shows that the project uses numba: the finding stays, without a fix.
        Bad(
            "import math\n\n\ndef trapezoid(a, b, n):\n    h = (b - a) / n\n"
            "    total = 0.5 * (math.exp(a) + math.exp(b))\n    for i in range(1, n):\n"
            "        total += math.exp(a + i * h)\n    return total * h\n",
            line=4,
            fixed=None,
        ),
    )
    good = (
        # What a numba `@overload` returns is compiled by numba already.
        "import math\nfrom numba.extending import overload\n\n\ndef _impl(a, b, n):\n"
        "    h = (b - a) / n\n    total = 0.5 * (math.exp(a) + math.exp(b))\n"
        "    for i in range(1, n):\n        total += math.exp(a + i * h)\n    return total * h\n\n\n"
        "@overload(trapezoid)\ndef trapezoid_impl(a, b, n):\n    return _impl\n",
        # Big integers: module constants past 64 bits say the values are Python ints.
        "import numba\n\n_LIMIT = 1 << 800\n_SMALL = 1 << 50\n\n\ndef isqrt(x):\n"
        "    assert x < _LIMIT\n    if x < _SMALL:\n        return int(x ** 0.5)\n"
        "    r = int(x ** 0.5 * 1.00000000000001) + 1\n    while 1:\n"
        "        y = (r + x // r) >> 1\n        if y >= r:\n            return r\n        r = y\n",
        # Integers only: Python's never overflow, numba's int64 wraps around
        # (fib(100) would be 3736710778780434371), and nothing shows floats.
        "def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n",
        "def sum_of_squares(n):\n    t = 0\n    for i in range(n):\n        t += i * i\n    return t\n",
        # A float at the end does not stop the integer sum from wrapping around.
        "def mean_square(n):\n    t = 0\n    for i in range(n):\n        t += i * i\n    return t / n\n",
        "def mean_power(n):\n    t = 0.0\n    for i in range(n):\n        t += 2 ** i\n    return t / n\n",
        # Builds a Python list: jitted, reflected lists made it 13x slower.
        "def halves(n):\n    out = []\n    for i in range(n):\n        out.append(i / 2.0)\n"
        "    return out\n",
        "def grid(n, step):\n    points = [0.0] * n\n    for i in range(n):\n"
        "        points[i] = i * step\n    return points\n",
        # Parameters it indexes with no sign of an array: may be Python lists.
        "def weighted(xs, ws):\n    t = 0.0\n    for i in range(len(xs)):\n"
        "        t += xs[i] * ws[i]\n    return t\n",
        # Two indexes without numpy: a dict with tuple keys, as likely.
        "def path_cost(weights, path):\n    t = 0.0\n    for k in range(1, len(path)):\n"
        "        t += weights[path[k - 1], path[k]] / 2.0\n    return t\n",
        # Whole-array work in the loop (matrix products): already compiled code.
        "import numpy as np\n\n\ndef powers(a, n):\n    out = np.zeros((n + 1, 3, 3))\n"
        "    out[0] = np.eye(3)\n    for i in range(1, n + 1):\n        out[i] = np.dot(out[i - 1], a)\n"
        "    return out\n",
        "import numpy as np\n\n\ndef covariances(phis, sigma):\n    out = np.zeros(phis.shape)\n"
        "    prior = np.zeros(sigma.shape)\n    for h in range(phis.shape[0]):\n"
        "        prior = prior + phis[h] @ sigma @ phis[h].T\n        out[h] = prior\n    return out\n",
        # Three steps, or a literal tuple: nothing to compile away.
        "def blend(x, y):\n    t = 0.0\n    for k in range(3):\n        t += x * k + y\n    return t\n",
        "def weigh(x):\n    t = 0.0\n    for w in (0.25, 0.5, 0.25):\n        t += w * x\n    return t\n",
        # String work.
        "def repeats(s: str):\n    n = 0.0\n    for i in range(1, len(s)):\n"
        "        if s[i] == s[i - 1]:\n            n += 1.0\n    return n / len(s)\n",
        # Number theory on Python integers (sympy's Lucas-Lehmer test): pow() and **.
        "def lucas_lehmer(p):\n    v = 4\n    m = 2**p - 1\n    for _ in range(p - 2):\n"
        "        v = pow(v, 2, m) - 2\n    return v == 0\n",
        # Whole-array numpy calls in the loop: already compiled code (scipy).
        "import numpy as np\n\n\ndef rank_until(B, n):\n    rank = 0\n    for i in range(n):\n"
        "        rank = np.linalg.matrix_rank(B)\n        if rank == n:\n            break\n"
        "    return rank\n",
        # Lists that may hold any objects: a heap of tuples, records sorted by size.
        "def siftdown(heap, startpos, pos):\n    newitem = heap[pos]\n    while pos > startpos:\n"
        "        parentpos = (pos - 1) >> 1\n        parent = heap[parentpos]\n"
        "        if newitem < parent:\n            heap[pos] = parent\n            pos = parentpos\n"
        "            continue\n        break\n    heap[pos] = newitem\n",
        "def ssort(shelf):\n    for j in range(len(shelf) - 1):\n        imin = j\n"
        "        for i in range(j + 1, len(shelf)):\n            if shelf[i].size < shelf[imin].size:\n"
        "                imin = i\n    return imin\n",
        # None: numba types it only in narrow cases (boltons' frange did not compile).
        "import math\n\n\ndef frange(stop, start=None, step=1.0):\n    if start is None:\n"
        "        start, stop = 0.0, stop * 1.0\n    count = int(math.ceil((stop - start) / step))\n"
        "    ret = [None] * count\n    ret[0] = start\n    for i in range(1, count):\n"
        "        ret[i] = ret[i - 1] + step\n    return ret\n",
        # Multiplies Python integers into themselves: they never overflow, numba's
        # int64 wraps around (more-itertools' subfactorial; Pollard's rho).
        "def subfactorial(n):\n    sf = adj = 1\n    for i in range(n + 1):\n"
        "        sf = sf * i + adj\n        adj = -adj\n    return sf\n",
        "def rho(n, b):\n    x = 2\n    while x != 1:\n        x = (x * x + b) % n\n    return x\n",
        "def collatz_steps(n):\n    steps = 0\n    while n != 1:\n"
        "        n = n // 2 if n % 2 == 0 else 3 * n + 1\n        steps += 1\n    return steps\n",
        # Reads a global that is not a constant.
        "import random\n\nSCALE = random.random()\n\n\ndef f(n):\n    t = 0.0\n    for i in range(n):\n"
        "        t += i * SCALE\n    return t\n",
        # Vectorised: no loop, nothing to gain.
        "import numpy as np\n\n\ndef norm(a):\n    return np.sqrt((a * a).sum())\n",
        # Strings and dicts: Python objects.
        "def count_words(lines):\n    counts = {}\n    for line in lines:\n        for w in line.split():\n"
        "            counts[w] = counts.get(w, 0) + 1\n    return counts\n",
        "def labels(xs):\n    out = []\n    for x in xs:\n        out.append('big' if x > 10 else 'small')\n    return out\n",
        # Attributes of objects.
        "def total(orders):\n    t = 0.0\n    for o in orders:\n        t += o.price * o.quantity\n    return t\n",
        # Methods and generators.
        "class Stats:\n    def mean(self, xs):\n        t = 0.0\n        for x in xs:\n            t += x\n        return t / len(xs)\n",
        "def squares(n):\n    for i in range(n):\n        yield i * i\n",
        # Calls a plain Python function that does I/O.
        "def log(x):\n    print(x)\n\n\ndef f(xs):\n    t = 0\n    for x in xs:\n        log(x)\n        t += x\n    return t\n",
        # Reads a global array: numba would freeze a copy of it.
        "import numpy as np\n\nCACHE = np.zeros(10)\n\n\ndef fill():\n    CACHE[:] = 1.0\n\n\ndef f(n):\n    t = 0.0\n    for i in range(n):\n        t += CACHE[i % 10]\n    return t\n",
        # Already jitted (PFL302's business).
        "from numba import njit\n\n\n@njit\ndef f(n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\n",
        # Unknown numpy function and exception handling.
        "import numpy as np\n\n\ndef f(a):\n    t = 0.0\n    for i in range(3):\n        t += np.einsum('ii', a)\n    return t\n",
        "def f(xs):\n    t = 0\n    for x in xs:\n        try:\n            t += x\n        except TypeError:\n            pass\n    return t\n",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._candidates: Candidates | None = None
        self._implementations: frozenset[str] | None = None
        # Read once per file: searched per function, it made long files quadratic.
        text = ctx.original_source
        self._pythran = "pythran" in text and bool(_PYTHRAN.search(text))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if len(self.ctx.path_to(node)) != 2 or node.decorators:
            return  # module-level, undecorated functions only
        if self._compiled_otherwise() or node.name.value in self._numba_implementations():
            return  # compiled already: by Pythran, or as what a numba `@overload` returns
        if not any(isinstance(n, (cst.For, cst.While)) for n in _statements(node)):
            return  # cheap test first: no loop, no finding
        if self._candidates is None:
            self._candidates = Candidates(self.ctx)
        verdict = self._candidates.verdict(node)
        if not verdict.jittable or not verdict.has_loop:
            return
        decorator = self._decorator(node)
        together = ""
        if verdict.callees:
            together = " together with " + ", ".join(f"`{c}`" for c in verdict.callees)
        if verdict.elsewhere:
            together += (" and " if together else " together with ") + ", ".join(
                f"`{h}`" for h in verdict.elsewhere
            )
        fix, no_fix = None, ""
        if verdict.elsewhere:
            # A fix edits this file only; the kernel would not compile alone.
            no_fix = " (no fix: decorate the helpers of other modules there)"
        elif self._project_uses_numba():
            fix = self._fix(node, verdict.callees, decorator)
        else:
            no_fix = " (no fix: numba is not a dependency of this project)"
        # --verify-jit reads the function's name as the last `quoted` word.
        self.report(
            node.name,
            f"numeric loops over numbers and arrays only, all known to numba: "
            f"@{decorator or self.ctx.settings.jit_decorator}{together} would compile "
            f"`{node.name.value}` to machine code{no_fix}",
            fix,
        )

    def _project_uses_numba(self) -> bool:
        """Declared or imported in the project (the front ends tell), imported
        by this module, or the decorator is from another package: the project's own."""
        settings = self.ctx.settings
        if settings.numba_in_project or not settings.jit_decorator.startswith("numba."):
            return True
        bindings = self.ctx.scopes.get(self.ctx.module).bindings.values()
        return any(
            b.kind == "import" and (b.imported or "").split(".")[0] == "numba"
            for named in bindings
            for b in named
        )

    def _numba_implementations(self) -> frozenset[str]:
        """Names that functions decorated with numba's extension API (`@overload`,
        `@overload_method`, `@intrinsic`, ...) return: numba compiles those."""
        if self._implementations is None:
            found: set[str] = set()
            for statement in self.ctx.module.body:
                if isinstance(statement, cst.FunctionDef) and any(
                    _decorator_name(d.decorator) in _EXTENSION_DECORATORS
                    for d in statement.decorators
                ):
                    for n in iter_subtree(statement.body):
                        if isinstance(n, cst.Return) and isinstance(n.value, cst.Name):
                            found.add(n.value.value)
            self._implementations = frozenset(found)
        return self._implementations

    def _compiled_otherwise(self) -> bool:
        return self._pythran

    def _decorator(self, node: cst.FunctionDef) -> str | None:
        """How the configured decorator is spelled here, or None if it needs importing."""
        return self.ctx.local_name_for(self.ctx.settings.jit_decorator, node)

    def _fix(
        self, node: cst.FunctionDef, callees: list[str], spelled: str | None
    ) -> FixPlan | None:
        qualified = self.ctx.settings.jit_decorator
        imports: list[str] = []
        if spelled is None:
            module = qualified.rpartition(".")[0]
            if not self.ctx.is_unbound(module.split(".")[0], node):
                return None
            spelled, imports = qualified, [module]
        options = self.ctx.settings.jit_options
        if options:
            spelled += "(" + ", ".join(f"{k}={v}" for k, v in options) + ")"
        targets = [node]
        for name in callees:
            callee = next(
                (
                    s
                    for s in self.ctx.module.body
                    if isinstance(s, cst.FunctionDef) and s.name.value == name
                ),
                None,
            )
            if callee is None:
                return None
            targets.append(callee)
        return FixPlan(
            f"Decorate with @{spelled}",
            lines_before=[(target, f"@{spelled}") for target in targets],
            imports=imports,
        )


def _statements(function: cst.FunctionDef):  # type: ignore[no-untyped-def]
    from perflint.jit.support import own_nodes

    return own_nodes(function)
