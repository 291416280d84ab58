import libcst as cst

from perflint.analysis.arrays import FRAME, PANDAS, array_facts
from perflint.analysis.paths import Loop
from perflint.analysis.rows import short_loop
from perflint.prepass import Needs
from perflint.rule import Bad, Rule
from perflint.tree import iter_subtree


class FilterPerKey(Rule):
    """
    ## What it does
    Flags a frame filtered on one of its own columns by the current key of a
    loop: `df[df["k"] == key]`, `df.loc[df.k == key]`, masks joined with `&`,
    for each `key` of a loop (or comprehension) that grows with the data: not
    a few keys written in the code or picked by a count written there
    (`df.sample(n=3)`, `keys[:5]`, `.head()`), for which grouping every key
    does more work. The frame is one the file gets from pandas, or a
    parameter masked by its own column in a file that imports pandas (a
    value some other function returns may be a NumPy structured array).

    ## Why is this slow
    Each filter compares every row and copies the matches: for k keys over n
    rows that is O(n·k) work, though each row belongs to one key. `groupby`
    sorts the rows into groups once.

    ## Example
    ```python
    for key in df["store"].unique():
        report(key, df[df["store"] == key])
    ```

    ## Use instead
    ```python
    for key, group in df.groupby("store"):
        report(key, group)
    # or, for a number per key: df.groupby("store")["sales"].sum()
    ```

    ## Fix safety
    No fix: `groupby` orders the keys, drops missing keys unless
    `dropna=False`, and skips keys with no rows, which the loop may visit.

    ## Measured
    `make bench-rules` (benchmarks/rules/filter_per_key.py), pandas 3.1,
    CPython 3.11, 100,000 rows: a sum per key by filtering, 100 keys 53 ms,
    1,000 keys 461 ms (10x the keys, 8.8x the time); iterating
    `df.groupby("k")` instead 18 ms and 90 ms (3.0x and 5.1x faster), and
    `df.groupby("k")["v"].sum()` 3.7 ms and 4.8 ms (14x and 95x).
    """

    code = "PFL605"
    name = "filter-per-key"
    category = "arrays"
    impact = "super-linear"
    needs = Needs(screens=frozenset({"filter-in-loop"}))
    summary = "df[df['k'] == key] for each key of a loop is O(rows x keys); use groupby"

    bad = (
        Bad(
            '''import pandas as pd


def sales_by_store(df):
    """Total sales of each store."""
    totals = {}
    for store in df["store"].unique():
        # every store scans the whole frame
        totals[store] = df[df["store"] == store]["sales"].sum()
    return totals
''',
            line=9,
        ),
        Bad(
            "import pandas as pd\n\n\ndef split(path, users):\n    df = pd.read_csv(path)\n"
            "    return {u.id: df.loc[(df.user == u.id) & (df.ok == 1)] for u in users}\n",
            line=6,
        ),
    )
    good = (
        # groupby already.
        "import pandas as pd\n\n\ndef f(df):\n    return {k: g for k, g in df.groupby('store')}\n",
        # A fixed, short list of keys.
        "import pandas as pd\n\n\ndef f(df):\n    for k in ('a', 'b'):\n"
        "        print(df[df['kind'] == k])\n",
        # A number of keys fixed in the code (dask's tests: k_clusters = 3).
        "import pandas as pd\n\n\ndef f(df):\n    k = 3\n    for x in range(0, k + 1):\n"
        "        print(df[df.cluster == x])\n",
        # A few keys picked from the data: grouping all of them does more work.
        "import pandas as pd\n\n\ndef f(path):\n    df = pd.read_csv(path)\n"
        "    picked = df.sample(n=3, random_state=0)['user'].values\n"
        "    for i, u in enumerate(picked):\n        print(i, df[df['user'] == u])\n",
        "import pandas as pd\n\n\ndef f(path):\n    df = pd.read_csv(path)\n"
        "    for u in df['user'].unique()[:4]:\n        print(df[df['user'] == u])\n",
        # Not by the loop's key.
        "import pandas as pd\n\n\ndef f(df, frames):\n    for x in frames:\n"
        "        x = x[x['ok'] == 1]\n        print(x)\n",
        # The frame shrinks as the loop goes: a different algorithm.
        "import pandas as pd\n\n\ndef f(df, keys):\n    for k in keys:\n"
        "        df = df[df['k'] != k]\n    return df\n",
        # Leaves the loop at the first match.
        "import pandas as pd\n\n\ndef f(df, keys):\n    for k in keys:\n"
        "        hit = df[df['k'] == k]\n        if len(hit):\n            return hit\n",
        # Not pandas.
        "def f(table, keys):\n    return [table[table['k'] == k] for k in keys]\n",
        # What a function of another module returns: it may be a NumPy
        # structured array (numpy's genfromtxt), which has no groupby.
        "import pandas as pd\n\nfrom .io import load_table\n\n\ndef f(path, ids):\n"
        "    rows = load_table(path)\n    return [rows[rows['id'] == i] for i in ids]\n",
        # A NumPy structured array taken from a frame: no groupby.
        "import pandas as pd\n\n\ndef f(pf, cols):\n    rec = pf.orders.values\n"
        "    return [rec[rec['col'] == c] for c in cols]\n",
        # The loop changes the frame it filters: groups made once would be stale.
        "import pandas as pd\n\n\ndef f(path, keys):\n    df = pd.read_csv(path)\n    for k in keys:\n"
        "        rows = df[df['id'] == k]\n        df.drop(rows.index[1:], inplace=True)\n",
        "import pandas as pd\n\n\ndef f(path, keys):\n    df = pd.read_csv(path)\n    for k in keys:\n"
        "        rows = df[df['id'] == k]\n        df.loc[rows.index, 'seen'] = True\n",
        # Written per key: a mapping of keys to values, not a split.
        "import pandas as pd\n\n\ndef f(df, rates):\n    for c, r in rates.items():\n"
        "        df.loc[df['cur'] == c, 'v'] *= r\n",
        # A different frame is filtered by the first one's values.
        "import pandas as pd\n\n\ndef f(df, other):\n    return [df[other['k'] == k] for k in other['k']]\n",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._reported: set[int] = set()

    def visit_Subscript(self, node: cst.Subscript) -> None:
        frame, mask = _filtered(node)
        if frame is None or mask is None:
            return
        keys = [k for k in _compared(mask, frame.value) if k is not None]
        if not keys:
            return
        if _written(self.ctx.path_to(node)):
            return  # `df.loc[df.k == key, "v"] *= rate`: a map of keys, not a split
        loops = [lp for lp in self.ctx.growing_loops(node) if not short_loop(self.ctx, lp.node)]
        loop = next((lp for lp in loops if any(_mentions_any(k, lp.targets) for k in keys)), None)
        if loop is None or id(loop.node) in self._reported:
            return
        if not self._frame(frame, node) or self._rebound_in(frame, loop):
            return
        if _changed_in(frame.value, loop):
            return  # groups made once would go stale: each filter sees the rows as they are now
        if _searches(loop):
            return  # stops at the first key that matches: a search, not a split
        self._reported.add(id(loop.node))
        self.report(
            node,
            f"`{frame.value}` is filtered whole for every key of the loop "
            "(rows x keys comparisons, though each row has one key); group it once: "
            f"`for key, group in {frame.value}.groupby(...)` or `.groupby(...).agg(...)`",
        )

    def _frame(self, frame: cst.Name, at: cst.CSTNode) -> bool:
        facts = array_facts(self.ctx)
        kind = facts.kind(frame, self.ctx.scope_nodes(at))
        if kind in (FRAME, PANDAS):
            return True
        # `df[df["k"] == key]` masks a frame by its own column: in a file that
        # works with pandas, hardly anything else is written so. A NumPy
        # structured array is (`rec = orders.values; rec[rec["col"] == c]`),
        # and so may be what a function of unknown result returns
        # (`rows = csv_to_array(path)`, numpy's genfromtxt inside).
        return (
            kind is None
            and facts.pandas_file()
            and self.ctx.proven_type(frame) is None
            and not self._bound_to_a_result(frame, at)
        )

    def _bound_to_a_result(self, frame: cst.Name, at: cst.CSTNode) -> bool:
        """frame is bound to a call's result, or to `.values` and the like:
        unknown, or an array, where a parameter named and masked so is a frame."""
        scope = self.ctx.binding_scope(frame.value, at)
        for binding in scope.bindings.get(frame.value, []) if scope is not None else []:
            value = binding.value
            if isinstance(value, cst.Call):
                return True
            if isinstance(value, cst.Attribute) and value.attr.value in _TO_ARRAY:
                return True
        return False

    def _rebound_in(self, frame: cst.Name, loop: Loop) -> bool:
        scope = self.ctx.binding_scope(frame.value, frame)
        if scope is None:
            return True
        return any(
            use.is_store() and any(a is loop.node for a in use.ancestors)
            for use in self.ctx.uses(frame.value, scope.node)
        )


# What turns a frame into a NumPy array (`.values`, `.to_numpy()`, `.to_records()`).
_TO_ARRAY = frozenset({"values", "to_numpy", "to_records"})
# Frame methods that change it in place without `inplace=True`.
_IN_PLACE = frozenset({"update", "insert", "pop"})
_STORES = (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.Del)


def _changed_in(frame: str, loop: Loop) -> bool:
    """The loop writes into the frame (`df.loc[i, "c"] = v`, `df["c"] = ...`,
    `del df["c"]`) or calls a method that changes it (`inplace=True`, `update`)."""
    body = getattr(loop.node, "body", loop.node)
    for node in iter_subtree(body):
        if isinstance(node, _STORES):
            target = node.target
            if not isinstance(target, cst.Name) and _root_name(target) == frame:
                return True
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            if _root_name(node.func.value) != frame:
                continue
            if node.func.attr.value in _IN_PLACE or any(
                a.keyword is not None
                and a.keyword.value == "inplace"
                and not (isinstance(a.value, cst.Name) and a.value.value == "False")
                for a in node.args
            ):
                return True
    return False


def _root_name(expr: cst.BaseExpression) -> str | None:
    while isinstance(expr, (cst.Attribute, cst.Subscript)):
        expr = expr.value
    return expr.value if isinstance(expr, cst.Name) else None


def _written(path: list[cst.CSTNode]) -> bool:
    """The filtered frame is assigned to (the last node of path is the subscript)."""
    node, parent = path[-1], path[-2]
    return (isinstance(parent, cst.AssignTarget) and parent.target is node) or (
        isinstance(parent, cst.AugAssign) and parent.target is node
    )


def _searches(loop: Loop) -> bool:
    """The loop body can leave the loop (`return`, `break`) or the function."""
    body = getattr(loop.node, "body", None)
    if body is None:
        return False
    nested = (cst.FunctionDef, cst.Lambda, cst.ClassDef, cst.For, cst.While)
    return any(
        isinstance(n, (cst.Return, cst.Break))
        for n in iter_subtree(body, prune=lambda n: isinstance(n, nested))
    )


def _filtered(node: cst.Subscript) -> tuple[cst.Name | None, cst.BaseExpression | None]:
    """(df, mask) for `df[mask]` and `df.loc[mask]` / `df.loc[mask, cols]`."""
    value = node.value
    if isinstance(value, cst.Attribute) and value.attr.value == "loc":
        value = value.value
        if not 1 <= len(node.slice) <= 2:
            return None, None
    elif len(node.slice) != 1:
        return None, None
    first = node.slice[0].slice
    if not isinstance(value, cst.Name) or not isinstance(first, cst.Index):
        return None, None
    return value, first.value


def _compared(mask: cst.BaseExpression, frame: str) -> list[cst.BaseExpression | None]:
    """The values the frame's own columns are compared to with `==` in mask."""
    if isinstance(mask, cst.BinaryOperation) and isinstance(mask.operator, cst.BitAnd):
        return _compared(mask.left, frame) + _compared(mask.right, frame)
    if not isinstance(mask, cst.Comparison) or len(mask.comparisons) != 1:
        return [None]
    test = mask.comparisons[0]
    if not isinstance(test.operator, cst.Equal):
        return [None]
    left, right = mask.left, test.comparator
    if _column_of(left, frame):
        return [right]
    if _column_of(right, frame):
        return [left]
    return [None]


def _column_of(expr: cst.BaseExpression, frame: str) -> bool:
    """`df["k"]` or `df.k`."""
    if isinstance(expr, cst.Attribute):
        return isinstance(expr.value, cst.Name) and expr.value.value == frame
    return (
        isinstance(expr, cst.Subscript)
        and isinstance(expr.value, cst.Name)
        and expr.value.value == frame
        and len(expr.slice) == 1
        and isinstance(expr.slice[0].slice, cst.Index)
        and isinstance(expr.slice[0].slice.value, cst.SimpleString)
    )


def _mentions_any(expr: cst.BaseExpression, names: frozenset[str]) -> bool:
    return any(isinstance(n, cst.Name) and n.value in names for n in iter_subtree(expr))
