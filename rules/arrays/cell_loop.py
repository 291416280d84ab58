import libcst as cst

from perflint.analysis.rows import positional_loop
from perflint.prepass import Needs
from perflint.rule import Bad, Rule


class CellLoop(Rule):
    """
    ## What it does
    Flags a loop over `range(len(df))` (or `range(df.shape[0])`) that reads or
    writes single cells at the loop's row, `df.at[i, "a"]`, `df.loc[i, "a"]`,
    `df.iat[i, 0]`, `df.iloc[i, 0]`, `df["a"].iloc[i]`, `df.iloc[i]["a"]`,
    and otherwise only does column arithmetic: builds a list, accumulates,
    writes cells of the same row, or branches on such tests. Loops that call
    other code per row are left alone.

    ## Why is this slow
    Every scalar `.loc` / `.at` / `.iloc` is a Python call through pandas'
    indexing machinery (label lookup, bounds and type checks): microseconds
    for one number. A column expression does the whole column in one call.

    ## Example
    ```python
    for i in range(len(df)):
        df.at[i, "total"] = df.at[i, "price"] * df.at[i, "qty"]
    ```

    ## Use instead
    ```python
    df["total"] = df["price"] * df["qty"]
    ```

    ## Fix safety
    No fix: `df.loc[i]` reads by label and `range(len(df))` counts positions,
    so the loop's meaning depends on the index; the column expression aligns
    on it.

    ## Measured
    `make bench-rules` (benchmarks/rules/cell_loop.py), pandas 3.1, CPython
    3.11, 100,000 rows: `df.at[i, "total"] = df.at[i, "price"] * df.at[i,
    "qty"]` 9.4 s vs 0.4 ms for the column expression (22,000x; 2,400x at
    10,000 rows); `total += df["w"].iloc[i] * df["x"].iloc[i]` 6.4 s vs
    0.9 ms for `(df["w"] * df["x"]).sum()` (7,400x); `df.loc[i, c]` reads
    537 ms vs 0.16 ms at 10,000 rows (3,500x).
    """

    code = "PFL604"
    name = "cell-by-cell-loop"
    category = "arrays"
    impact = "constant-factor"
    needs = Needs(words=frozenset({"at", "loc", "iat", "iloc"}))
    summary = "Single cells read or written with .loc/.at/.iloc/.iat in a loop over range(len(df))"

    bad = (
        Bad(
            '''import pandas as pd


def add_totals(df):
    """A total column: price times quantity."""
    df["total"] = 0.0
    for i in range(len(df)):
        # one cell at a time
        df.at[i, "total"] = df.at[i, "price"] * df.at[i, "qty"]
    return df
''',
            line=7,
        ),
        Bad(
            "import pandas as pd\n\n\ndef weighted(df):\n    total = 0.0\n"
            "    for i in range(df.shape[0]):\n"
            "        total += df['w'].iloc[i] * df['x'].iloc[i]\n    return total\n",
            line=6,
        ),
        Bad(
            "import pandas as pd\n\n\ndef flags(df):\n    out = []\n    for i in range(0, len(df)):\n"
            "        if df.iloc[i]['score'] > 0.5:\n            out.append(1)\n"
            "        else:\n            out.append(0)\n    return out\n",
            line=6,
        ),
    )
    good = (
        # Other code per row.
        "import pandas as pd\n\n\ndef f(df):\n    for i in range(len(df)):\n"
        "        send(df.at[i, 'email'])\n",
        # Neighbouring rows: a recurrence or a shift, not one cell per row.
        "import pandas as pd\n\n\ndef f(df):\n    for i in range(1, len(df)):\n"
        "        df.at[i, 'c'] = df.at[i - 1, 'c'] + df.at[i, 'x']\n",
        "import pandas as pd\n\n\ndef f(df):\n    for i in range(len(df) - 1):\n"
        "        df.at[i, 'd'] = df.at[i + 1, 'x'] - df.at[i, 'x']\n",
        # Whole columns per step: already vectorised.
        "import pandas as pd\n\n\ndef f(df):\n    for c in df.columns:\n"
        "        df[c] = df[c] / df[c].max()\n",
        # NumPy arrays, not frames (PFL607's business).
        "import numpy as np\n\n\ndef f(a):\n    out = np.empty(len(a))\n    for i in range(len(a)):\n"
        "        out[i] = a[i] * 2\n    return out\n",
        # Not pandas.
        "def f(grid):\n    total = 0\n    for i in range(len(grid)):\n        total += grid.at[i, 'a']\n"
        "    return total\n",
    )

    def visit_For(self, node: cst.For) -> None:
        found = positional_loop(self.ctx, node)
        if found is None:
            return
        self.report(
            node,
            "every `.at` / `.loc` / `.iloc` of one cell is a Python call through pandas' "
            "indexing, once per row; write the loop as one expression on whole columns "
            "(`df['a'] * df['b']`, `.sum()`, `np.where`)",
        )
