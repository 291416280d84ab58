import libcst as cst

from perflint.analysis.arrays import array_facts
from perflint.analysis.rows import short_loop
from perflint.prepass import Needs
from perflint.rule import Bad, Rule


class RowAppendLoop(Rule):
    """
    ## What it does
    Flags a frame grown one row at a time in a loop by assigning past its end:
    `df.loc[len(df)] = row` (or `df.loc[df.shape[0]]`, `df.loc[len(df.index)]`),
    in a file that imports pandas. The same family as PFL107 (`df =
    pd.concat([df, row])` in a loop), which reports a loop that rebinds the
    frame; this rule leaves such loops to it, so a loop gets one finding.

    ## Why is this slow
    Each assignment past the end enlarges the frame: pandas builds a new
    index and reallocates every column (its columns are fixed-size arrays),
    about a millisecond and a half per row in the benchmark. Building the
    frame once from a list of rows costs about a microsecond a row.

    ## Example
    ```python
    df = pd.DataFrame(columns=["a", "b"])
    for i in range(n):
        df.loc[len(df)] = [i, i * 2]
    ```

    ## Use instead
    ```python
    rows = []
    for i in range(n):
        rows.append([i, i * 2])
    df = pd.DataFrame(rows, columns=["a", "b"])
    ```

    ## Fix safety
    No fix: the rows' shape (lists, dicts, Series) and the frame's dtypes decide
    the single constructor call.

    ## Measured
    `make bench-rules` (benchmarks/rules/row_append.py), pandas 3.1, CPython
    3.11: 1,000 rows 1,489 ms vs 1.2 ms for a list of rows and one
    `pd.DataFrame(rows, columns=...)` (1,280x); 10,000 rows 16.3 s vs 11 ms
    (1,430x). In this range the time grew with the rows (11x for 10x the
    rows): the per-row cost, not the copying, dominates, so the impact is
    given as a constant factor.
    """

    code = "PFL606"
    name = "row-append-loop"
    category = "arrays"
    impact = "constant-factor"
    needs = Needs(screens=frozenset({"row-append"}))
    summary = "df.loc[len(df)] = row in a loop copies the frame per row; build it once"

    bad = (
        Bad(
            '''import pandas as pd


def table(records):
    """One row per record."""
    df = pd.DataFrame(columns=["name", "size"])
    for rec in records:
        # appended at the end
        df.loc[len(df)] = [rec.name, rec.size]
    return df
''',
            line=9,
        ),
        Bad(
            "import pandas as pd\n\n\ndef f(df, rows):\n    for r in rows:\n"
            "        df.loc[df.shape[0]] = r\n    return df\n",
            line=6,
        ),
    )
    good = (
        # Built once.
        "import pandas as pd\n\n\ndef f(records):\n    return pd.DataFrame([r.as_row() for r in records])\n",
        # Overwrites existing rows by label.
        "import pandas as pd\n\n\ndef f(df, keys):\n    for k in keys:\n        df.loc[k] = 0\n",
        # Rebound in the loop: PFL107's finding (or a reset), not this one.
        "import pandas as pd\n\n\ndef f(rows):\n    df = pd.DataFrame()\n    for r in rows:\n"
        "        df.loc[len(df)] = r\n        if len(df) > 100:\n            df = pd.DataFrame()\n",
        # A fixed number of rows.
        "import pandas as pd\n\n\ndef f(df):\n    for i in range(3):\n        df.loc[len(df)] = i\n",
        "import pandas as pd\n\n\ndef f(df):\n    for i, b in enumerate([1, 2, 3]):\n"
        "        df.loc[len(df)] = [i, b]\n",
        # Not pandas.
        "def f(grid, rows):\n    for r in rows:\n        grid.loc[len(grid)] = r\n",
    )

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        frame = _appended(node.targets[0].target)
        if frame is None or not array_facts(self.ctx).pandas_file():
            return
        loops = [lp for lp in self.ctx.growing_loops(node) if not short_loop(self.ctx, lp.node)]
        if not loops:
            return
        scope = self.ctx.binding_scope(frame.value, frame)
        if scope is None:
            return
        loop = loops[-1].node
        if any(
            use.is_store() and any(a is loop for a in use.ancestors)
            for use in self.ctx.uses(frame.value, scope.node)
        ):
            return  # rebound in the loop: PFL107 reports the concat, or it is reset
        self.report(
            node,
            f"each `{frame.value}.loc[len({frame.value})] = ...` enlarges the frame, "
            "reallocating every column for one row; collect the rows in a list and "
            "build the frame once after the loop",
        )


def _appended(target: cst.BaseExpression) -> cst.Name | None:
    """df in `df.loc[len(df)]`, `df.loc[df.shape[0]]`, `df.loc[len(df.index)]`."""
    if not (
        isinstance(target, cst.Subscript)
        and isinstance(target.value, cst.Attribute)
        and target.value.attr.value == "loc"
        and isinstance(target.value.value, cst.Name)
        and len(target.slice) == 1
        and isinstance(target.slice[0].slice, cst.Index)
    ):
        return None
    frame = target.value.value
    key = target.slice[0].slice.value
    if isinstance(key, cst.Call) and isinstance(key.func, cst.Name) and key.func.value == "len":
        if len(key.args) != 1:
            return None
        sized = key.args[0].value
        if isinstance(sized, cst.Attribute) and sized.attr.value == "index":
            sized = sized.value
        return frame if isinstance(sized, cst.Name) and sized.value == frame.value else None
    if (  # df.shape[0]
        isinstance(key, cst.Subscript)
        and isinstance(key.value, cst.Attribute)
        and key.value.attr.value == "shape"
        and isinstance(key.value.value, cst.Name)
        and key.value.value.value == frame.value
        and len(key.slice) == 1
        and isinstance(key.slice[0].slice, cst.Index)
        and isinstance(key.slice[0].slice.value, cst.Integer)
        and key.slice[0].slice.value.value == "0"
    ):
        return frame
    return None
