import libcst as cst

from perflint.jit.support import incompatibilities, is_numba_decorated
from perflint.prepass import Needs
from perflint.rule import Bad, Rule


class NumbaIncompatible(Rule):
    """
    ## What it does
    Inside a function decorated with `@njit`, `@jit` (nopython by default
    since numba 0.59) or their `numba.` forms, flags the code numba's
    nopython mode cannot compile, at the exact node, with what to do instead:
    classes defined inside, `yield from`, `**kwargs`, set comprehensions,
    generator expressions, `with` (other than `numba.objmode`), `except ...
    as e` or a specific exception class, `str.format` and %-formatting,
    f-string format specs, `global` assignment, `del` of a variable, `raise ... from`,
    `**` unpacking in calls, `print(file=...)`, unsupported builtins (`open`,
    `any`, `all`, ...), numpy/math functions missing from numba's registry
    (a catalogue shipped with perflint, made from numba's own typing registry;
    it records that numba's version, which the message names), and calls to plain Python functions
    of the same module.

    ## Why is this slow
    It is not slow, it fails: numba raises a long TypingError or
    UnsupportedError on the first call, at run time, often far from the line
    at fault. Seeing it in the editor saves a run.

    ## Example
    ```python
    @njit
    def total(values):
        return sum(v * 2 for v in values)
    ```

    ## Use instead
    ```python
    @njit
    def total(values):
        t = 0.0
        for v in values:
            t += v * 2
        return t
    ```

    ## Fix safety
    No automatic fix: each construct needs a different rewrite.

    ## Measured
    Not a speed rule. Every kind it reports is checked in the test suite
    against numba itself (numba 0.68.1): the snippet must fail to compile.

    What it protects is the speed PFL301 measured for compiled code (29-546x): a
    function numba cannot compile gets none of it.
    """

    code = "PFL302"
    name = "numba-incompatible"
    category = "jit"
    impact = "constant-factor"
    needs = Needs(decorators=frozenset({"jit", "njit"}), callees=True)
    summary = "Code inside an @njit function that numba's nopython mode cannot compile"

    bad = (
        Bad(
            "from numba import njit\n\n\n@njit\ndef total(values):\n    return sum(v * 2 for v in values)\n",
            line=6,
        ),
        Bad(
            "import numba\nimport numpy as np\n\n\n@numba.jit(cache=True)\ndef trace(a):\n"
            "    return np.einsum('ii', a)\n",
            line=7,
        ),
        Bad(
            "import numba as nb\n\n\ndef scale(x):\n    return x * 2\n\n\n@nb.njit\ndef f(xs):\n"
            "    t = 0.0\n    for x in xs:\n        t += scale(x)\n    return t\n",
            line=12,
        ),
        Bad(
            "from numba import njit\n\n\n@njit\ndef parse(x):\n    try:\n        return int(x)\n"
            "    except ValueError as e:\n        return -1\n",
            line=8,
        ),
    )
    good = (
        # Supported: loops, numpy, math, a jitted helper, except Exception.
        "import math\nimport numpy as np\nfrom numba import njit\n\n\n@njit\ndef helper(x):\n    return x * 2\n\n\n"
        "@njit\ndef f(a):\n    t = 0.0\n    for i in range(a.shape[0]):\n        t += math.sqrt(helper(a[i])) + np.sum(a)\n"
        "    try:\n        t += 1\n    except Exception:\n        t = 0.0\n    return t\n",
        # Object mode is allowed to do anything.
        "from numba import jit\n\n\n@jit(forceobj=True)\ndef f(xs):\n    return sum(x for x in xs)\n",
        # Not jitted.
        "def f(xs):\n    return sum(x for x in xs)\n",
        # Deleting a key of a typed Dict compiles (checked with numba 0.68).
        "from numba import njit\n\n\n@njit\ndef drop(d, k):\n    del d[k]\n    return len(d)\n",
        # objmode blocks are the supported `with`.
        "import numba\n\n\n@numba.njit\ndef f(x):\n    with numba.objmode(y='float64'):\n        y = float(x)\n    return y\n",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._jitted: set[str] | None = None

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if not node.decorators or not is_numba_decorated(self.ctx, node):
            return
        for problem in incompatibilities(self.ctx, node, self._jitted_names()):
            self.report(problem.node, problem.message)

    def _jitted_names(self) -> set[str]:
        """Module-level functions decorated with numba (they may call each other)."""
        if self._jitted is None:
            self._jitted = {
                s.name.value
                for s in self.ctx.module.body
                if isinstance(s, cst.FunctionDef) and s.decorators and self._decorated(s)
            }
        return self._jitted

    def _decorated(self, function: cst.FunctionDef) -> bool:
        for decorator in function.decorators:
            expr = decorator.decorator
            target = expr.func if isinstance(expr, cst.Call) else expr
            qualified = self.ctx.qualified_name(target, [self.ctx.module]) or ""
            if qualified.startswith("numba."):
                return True
        return False
