import libcst as cst

from perflint.jit.candidates import Candidates
from perflint.rule import Bad, FixPlan, Rule


class JitCandidate(Rule):
    """
    ## What it does
    Flags a module-level function that Numba's `@njit` would compile and
    speed up: it has a loop doing numeric work (arithmetic, indexing,
    math/numpy calls) and uses only numbers, arrays, lists, `range`/
    `enumerate`/`zip`, functions in numba's registry (a catalogue shipped
    with perflint, so numba need not be installed) and other module functions
    that qualify too (they are decorated together). Anything that suggests
    Python objects disqualifies it: strings, dicts, sets, attributes of
    objects, unknown globals, `None`, `try`, `with`, nested functions, generators,
    recursion, keyword arguments. Methods, lambdas, async and decorated
    functions are never flagged, and neither is vectorised code without a
    loop (numba gains little there). Without a sign of floats or arrays (a
    float literal, true division, a numpy or math call, `x.shape`), it is
    not flagged when it indexes or iterates a parameter (the list may hold
    any objects: heaps of tuples, records) or multiplies integers into
    themselves (`f = f * i`: Python integers never overflow, numba's 64-bit
    ones wrap around).

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
    consistent, and integer overflow and some numpy behaviours differ from
    CPython's. The fix adds the decorator (`[tool.perflint.jit] decorator`,
    default `numba.njit`, with options such as `cache = true`) to the
    function and to the module functions it calls, and imports numba if
    needed, reusing `import numba as nb` or `from numba import njit`.

    ## Measured
    `make bench-jit` (benchmarks/jit/kernels.py), CPython 3.11.7 vs numba
    0.68.1 after warm-up, the kernels of examples/kernels.py: distance
    matrix of 200 points 62 ms vs 0.11 ms (546x); running std of 100,000
    values 1763 ms vs 4.0 ms (440x); Monte Carlo pi with 10^6 samples 803 ms
    vs 19.6 ms (41x); histogram of 10^6 values 621 ms vs 1.9 ms (319x);
    logistic map, 10^6 steps, 55 ms vs 1.9 ms (29x); primes below 50,000 by
    trial division 99 ms vs 2.2 ms (44x). The first call compiles (0.1-0.6 s).
    """

    code = "PFL301"
    name = "jit-candidate"
    category = "jit"
    summary = "A numeric loop-heavy function that @numba.njit would compile to machine code"
    fix_applicability = "unsafe"

    bad = (
        Bad(
            "import numpy as np\n\n\ndef running_mean(x, window):\n    out = np.empty(x.shape[0] - window + 1)\n"
            "    acc = 0.0\n    for i in range(window):\n        acc += x[i]\n    out[0] = acc / window\n"
            "    for i in range(window, x.shape[0]):\n        acc += x[i] - x[i - window]\n"
            "        out[i - window + 1] = acc / window\n    return out\n",
            line=4,
            fixed="import numpy as np\nimport numba\n\n\n@numba.njit\ndef running_mean(x, window):\n"
            "    out = np.empty(x.shape[0] - window + 1)\n"
            "    acc = 0.0\n    for i in range(window):\n        acc += x[i]\n    out[0] = acc / window\n"
            "    for i in range(window, x.shape[0]):\n        acc += x[i] - x[i - window]\n"
            "        out[i - window + 1] = acc / window\n    return out\n",
        ),
        # A constant table nothing changes is frozen by numba: fine.
        Bad(
            "import numpy as np\n\nWEIGHTS = np.array([0.25, 0.5, 0.25])\n\n\ndef smooth(x):\n"
            "    out = np.zeros(x.shape[0])\n    for i in range(1, x.shape[0] - 1):\n"
            "        out[i] = WEIGHTS[0] * x[i - 1] + WEIGHTS[1] * x[i] + WEIGHTS[2] * x[i + 1]\n    return out\n",
            line=6,
            fixed="import numpy as np\nimport numba\n\nWEIGHTS = np.array([0.25, 0.5, 0.25])\n\n\n@numba.njit\n"
            "def smooth(x):\n    out = np.zeros(x.shape[0])\n    for i in range(1, x.shape[0] - 1):\n"
            "        out[i] = WEIGHTS[0] * x[i - 1] + WEIGHTS[1] * x[i] + WEIGHTS[2] * x[i + 1]\n    return out\n",
        ),
        # A module constant computed with math is frozen by numba: fine.
        Bad(
            "import math\n\nLOG2 = math.log(2.0)\n\n\ndef bits(n):\n    total = 0.0\n    for i in range(1, n):\n"
            "        total += math.log(i) / LOG2\n    return total\n",
            line=6,
            fixed="import math\nimport numba\n\nLOG2 = math.log(2.0)\n\n\n@numba.njit\ndef bits(n):\n    total = 0.0\n"
            "    for i in range(1, n):\n        total += math.log(i) / LOG2\n    return total\n",
            calls=(("bits", (10,)),),
        ),
        # A helper it calls is decorated with it; an existing alias is reused.
        Bad(
            "import math\n\nimport numba as nb\n\n\ndef dist(ax, ay, bx, by):\n"
            "    return math.sqrt((ax - bx) ** 2 + (ay - by) ** 2)\n\n\n"
            "def path_length(xs, ys):\n    total = 0.0\n    for i in range(1, len(xs)):\n"
            "        total += dist(xs[i - 1], ys[i - 1], xs[i], ys[i])\n    return total\n",
            line=10,
            fixed="import math\n\nimport numba as nb\n\n\n@nb.njit\ndef dist(ax, ay, bx, by):\n"
            "    return math.sqrt((ax - bx) ** 2 + (ay - by) ** 2)\n\n\n"
            "@nb.njit\ndef path_length(xs, ys):\n    total = 0.0\n    for i in range(1, len(xs)):\n"
            "        total += dist(xs[i - 1], ys[i - 1], xs[i], ys[i])\n    return total\n",
            calls=(("path_length", ([0.0, 3.0, 3.0], [0.0, 4.0, 8.0])),),
        ),
        Bad(
            "from numba import njit\n\n\ndef digit_sum(n):\n    total = 0\n    while n > 0:\n"
            "        total += n % 10\n        n //= 10\n    return total\n",
            line=4,
            fixed="from numba import njit\n\n\n@njit\ndef digit_sum(n):\n    total = 0\n    while n > 0:\n"
            "        total += n % 10\n        n //= 10\n    return total\n",
            calls=(("digit_sum", (1234,)), ("digit_sum", (0,))),
        ),
    )
    good = (
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

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if len(self.ctx.path_to(node)) != 2 or node.decorators:
            return  # module-level, undecorated functions only
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
        self.report(
            node.name,
            f"numeric loops over numbers and arrays only, all known to numba: "
            f"@{decorator or self.ctx.settings.jit_decorator}{together} would compile "
            f"`{node.name.value}` to machine code",
            self._fix(node, verdict.callees, decorator),
        )

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
