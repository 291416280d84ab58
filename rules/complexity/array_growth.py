import libcst as cst

from perflint.analysis.usage import uses_of
from perflint.prepass import Needs
from perflint.rule import Bad, Rule

# Functions that return a new array/frame holding all of their inputs.
_JOINING = {
    "numpy.concatenate",
    "numpy.vstack",
    "numpy.hstack",
    "numpy.row_stack",
    "numpy.column_stack",
    "numpy.stack",
    "pandas.concat",
}


class GrowthByConcatInLoop(Rule):
    """
    ## What it does
    Flags a NumPy array or pandas DataFrame grown one piece at a time in a loop:
    `arr = np.append(arr, x)`, `arr = np.concatenate([arr, x])` (and `vstack`,
    `hstack`, ...), `df = pd.concat([df, row])`, `df = df.append(row)`. NumPy
    and pandas are recognised through the file's imports (`import numpy as np`,
    `from pandas import concat`). An array assigned afresh in the loop (built
    from the current row, then padded) is not reported: it does not grow.

    ## Why is this slow
    Arrays and frames have a fixed size: each call allocates a new one and
    copies everything gathered so far, so n iterations copy O(n²) items. With
    pandas each `concat` also re-checks columns and indexes, a large fixed cost
    per row.

    ## Example
    ```python
    df = pd.DataFrame()
    for record in records:
        df = pd.concat([df, pd.DataFrame([record])])
    ```

    ## Use instead
    ```python
    df = pd.DataFrame(list(records))   # rows as dicts: build once
    # or: frames = [...]; df = pd.concat(frames)
    # NumPy: values = []; values.append(x); arr = np.array(values)
    ```

    ## Fix safety
    No fix: the pieces' shapes, dtypes and index handling decide the right
    single call.

    ## Measured
    `make bench-rules` (benchmarks/rules/array_growth.py), NumPy 2.4, pandas
    3.1, CPython 3.11: `np.append` in a loop, n = 10,000: 55 ms vs 1.5 ms for a
    list and one `np.array` (37x). `pd.concat` of one-row frames, n = 10,000
    rows: 2,676 ms vs 14 ms for one `pd.DataFrame(records)` (190x), and 1,640
    ms when the one-row frames are kept and joined by a single `pd.concat`
    (1.6x: building one-row frames is itself the cost).
    """

    code = "PFL107"
    name = "growth-by-concat-in-loop"
    category = "complexity"
    impact = "super-linear"
    needs = Needs(screens=frozenset({"array-growth"}))
    summary = "Growing a NumPy array or pandas DataFrame in a loop copies it every time"

    bad = (
        Bad(
            '''import numpy as np


def samples(sensor, count):
    """Read count samples."""
    values = np.empty(0)
    for _ in range(count):
        # one reading at a time
        values = np.append(values, sensor.read())
    return values
''',
            line=9,
        ),
        Bad(
            "import pandas as pd\n\ndef load(records):\n    df = pd.DataFrame()\n"
            "    for rec in records:\n"
            "        df = pd.concat([df, pd.DataFrame([rec])], ignore_index=True)\n"
            "    return df\n",
            line=6,
        ),
        Bad(
            "from numpy import vstack\n\ndef stack(rows, first):\n    out = first\n"
            "    for row in rows:\n        out = vstack((out, row))\n    return out\n",
            line=6,
        ),
        Bad(
            "import pandas\n\ndef old(rows):\n    df = pandas.DataFrame()\n    for r in rows:\n"
            "        df = df.append(r, ignore_index=True)\n    return df\n",
            line=6,
        ),
    )
    good = (
        # Collected in a list and joined once.
        "import numpy as np\ndef f(xs):\n    parts = []\n    for x in xs:\n"
        "        parts.append(x)\n"
        "    return np.concatenate(parts)\n",
        # Not growing the same array: a new one from others.
        "import numpy as np\ndef f(a, bs):\n    for b in bs:\n        c = np.append(a, b)\n",
        # Not numpy: a function of the file's own named append.
        "def append(a, b):\n    return a\ndef f(xs):\n    acc = None\n    for x in xs:\n"
        "        acc = append(acc, x)\n",
        # Not in a loop.
        "import pandas as pd\ndef f(a, b):\n    a = pd.concat([a, b])\n    return a\n",
        # A loop of fixed length.
        "import numpy as np\ndef f(a):\n    for i in range(3):\n        a = np.append(a, i)\n",
        # Built afresh from each row, then padded once: nothing carries over.
        "import numpy as np\ndef f(rows, cap):\n    for row in rows:\n"
        "        pos = np.array([row[0], row[1]])\n        if cap:\n"
        "            pos = np.concatenate([[cap, np.nan], pos, [np.nan, cap]])\n"
        "        draw(pos)\n",
        # Padded from a fresh copy of something else on each pass (`sf.surv_times` is
        # another object's attribute, not the name).
        "import numpy as np\ndef f(groups):\n    for g in groups:\n"
        "        times = np.concatenate(([0], g.times))\n        if g.last > times[-1]:\n"
        "            times = np.concatenate((times, [g.last]))\n        draw(times)\n",
        # One item deleted, one appended: the size stays the same.
        "import numpy as np\ndef f(n, signs, idx):\n    for it in range(n):\n"
        "        signs = np.delete(signs, idx)\n        signs = np.append(signs, 0.0)\n"
        "        step(signs)\n",
        # Padded at both ends, smoothed, then cut back: the size stays the same.
        "import numpy as np\ndef f(points, bins, kernel):\n    hist = np.empty(bins)\n"
        "    for p in points:\n        hist[:] = 0\n        hist = np.concatenate((hist[-6:], hist, hist[:6]))\n"
        "        hist = np.convolve(hist, kernel, mode='same')\n        hist = hist[6:-6]\n"
        "        use(hist)\n",
        # The loop's own item, extended once: nothing carries over.
        "import numpy as np\ndef f(rings, first):\n    for ring in rings:\n"
        "        ring = np.append(ring, first)\n        draw(ring)\n",
        # list.append without pandas in the file.
        "def f(xs):\n    out = []\n    for x in xs:\n        out = out.append(x) or out\n",
    )

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        target = node.targets[0].target.value
        call = node.value
        if not isinstance(call, cst.Call) or not call.args:
            return
        if not self._grows(call, target):
            return
        loops = self.ctx.growing_loops(node)
        # Assigned afresh in the loop (`pos = np.array(row)`, then padded): each
        # array lives for one iteration, so nothing grows with the loop.
        if not loops or self.ctx.reset_in(node.targets[0].target, loops[0]):
            return
        if target in loops[0].targets:
            return  # `for ring in rings: ring = np.append(ring, ...)`: a new array each pass
        if self._shrunk_in(target, loops[0].node):
            return  # `np.delete` then `np.append`: the size stays the same
        self.report(
            node,
            f"`{target}` is copied whole on every iteration "
            "(quadratic in the number of iterations); collect the pieces "
            "in a list and build the array or frame once after the loop",
        )

    def _grows(self, call: cst.Call, target: str) -> bool:
        first = call.args[0].value
        if call.args[0].keyword or call.args[0].star:
            return False
        func = call.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value == "append"
            and isinstance(func.value, cst.Name)
            and func.value.value == target
        ):
            return self._imports_pandas(call)
        # Cheap shape checks first: resolving names costs more.
        if isinstance(first, cst.Name) and first.value == target:
            return self.ctx.qualified_name(func) == "numpy.append"
        if isinstance(first, (cst.List, cst.Tuple)) and any(
            isinstance(e.value, cst.Name) and e.value.value == target for e in first.elements
        ):
            return self.ctx.qualified_name(func) in _JOINING
        return False

    def _shrunk_in(self, target: str, loop: cst.CSTNode) -> bool:
        """The loop also assigns `target = np.delete(target, ...)` or a slice of
        itself (`hist = hist[6:-6]` after padding both ends)."""
        for use in uses_of(target, loop):
            parent = use.parent
            if (
                isinstance(parent, cst.Subscript)
                and parent.value is use.name
                and any(isinstance(e.slice, cst.Slice) for e in parent.slice)
                and len(use.ancestors) >= 2
                and isinstance(use.ancestors[-2], cst.Assign)
                and use.ancestors[-2].value is parent
                and any(
                    isinstance(t.target, cst.Name) and t.target.value == target
                    for t in use.ancestors[-2].targets
                )
            ):
                return True
            if (
                isinstance(parent, cst.Arg)
                and len(use.ancestors) >= 3
                and isinstance(use.ancestors[-2], cst.Call)
                and use.ancestors[-2].args[0] is parent
                and isinstance(use.ancestors[-3], cst.Assign)
                and any(
                    isinstance(t.target, cst.Name) and t.target.value == target
                    for t in use.ancestors[-3].targets
                )
                and self.ctx.qualified_name(use.ancestors[-2].func, self.ctx.path_to(loop))
                == "numpy.delete"
            ):
                return True
        return False

    def _imports_pandas(self, at: cst.CSTNode) -> bool:
        module_scope = self.ctx.scopes.get(self.ctx.module)
        return any(
            b.kind == "import" and (b.imported or "").split(".")[0] == "pandas"
            for bindings in module_scope.bindings.values()
            for b in bindings
        )
