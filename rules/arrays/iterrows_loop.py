import libcst as cst

from perflint.analysis.rows import frame_row_loop
from perflint.prepass import Needs
from perflint.rule import Bad, Rule


class IterrowsLoop(Rule):
    """
    ## What it does
    Flags a loop over `df.iterrows()` or `df.itertuples()` whose body is only
    column arithmetic on the row: it builds a list of values, accumulates a
    total (`total += row["price"] * row["qty"]`, `best = max(best, row.x)`),
    writes a value back (`df.at[idx, "total"] = ...`), or branches on such
    tests. The frame is known from the file's pandas import or from where it
    comes from (`pd.read_csv(...)`, a `pd.DataFrame` annotation).

    Loops that call anything else per row (a function of the project, a
    method, `print`) are left alone: whether that code vectorises is not
    visible from here. So are loops over `df.columns` and streams read with
    `pd.read_csv(..., chunksize=...)`.

    ## Why is this slow
    `iterrows()` builds a new Series (with its index) for every row, and every
    `row["price"]` is a label lookup in it: tens of microseconds a row.
    `itertuples()` is much cheaper but still runs the Python interpreter once
    per row and boxes every value. A column expression runs the same
    arithmetic in NumPy's compiled loops over whole columns.

    ## Example
    ```python
    total = 0.0
    for _, row in orders.iterrows():
        if row["qty"] > 2:
            total += row["price"] * row["qty"]
    ```

    ## Use instead
    ```python
    big = orders["qty"] > 2
    total = (orders["price"][big] * orders["qty"][big]).sum()
    # a new column: orders["total"] = orders["price"] * orders["qty"]
    # a condition per row: np.where(cond, a, b), Series.where / .mask
    ```

    ## Fix safety
    No fix: the column expression depends on what the loop builds (a list, a
    sum, a new column) and on the columns' dtypes and missing values.

    ## Measured
    `make bench-rules` (benchmarks/rules/iterrows_loop.py), pandas 3.1, NumPy
    2.4, CPython 3.11; a filtered sum of products over 100,000 rows:
    `iterrows()` 5.4-6.2 s, `itertuples()` 99-135 ms, the column expression
    2.6-3.8 ms: iterrows 1,600x slower than the column expression,
    itertuples 53x slower (and iterrows 55x slower than itertuples). At
    10,000 rows: 425x and 8.7x. A list of products over 100,000 rows:
    4.0 s with iterrows vs 3.3 ms with `(df["price"] * df["qty"]).tolist()`
    (1,200x). Switching to `itertuples()` helps, but the column expression is
    the fix.
    """

    code = "PFL601"
    name = "iterrows-loop"
    category = "arrays"
    impact = "constant-factor"
    needs = Needs(calls=frozenset({"iterrows", "itertuples"}))
    summary = (
        "A loop over df.iterrows() / itertuples() doing column arithmetic; use a column expression"
    )

    bad = (
        Bad(
            '''import pandas as pd


def order_total(orders):
    """Value of the orders of more than two items."""
    total = 0.0
    for _, row in orders.iterrows():
        # small orders are not counted
        if row["qty"] > 2:
            total += row["price"] * row["qty"]
    return total
''',
            line=7,
        ),
        Bad(
            "import pandas as pd\n\n\ndef margins(df):\n    out = []\n"
            "    for row in df.itertuples(index=False):\n"
            "        out.append((row.price - row.cost) / row.price)\n    return out\n",
            line=6,
        ),
        # Written back into the frame, a cell at a time.
        Bad(
            "import pandas as pd\n\n\ndef load(path):\n    df = pd.read_csv(path)\n"
            "    for idx, row in df.iterrows():\n"
            "        df.at[idx, 'total'] = row['price'] * row['qty'] if row['qty'] else 0.0\n"
            "    return df\n",
            line=6,
        ),
        # The frame is proven by its annotation; NumPy functions are column work.
        Bad(
            "import numpy as np\nfrom pandas import DataFrame\n\n\n"
            "def peak(points: DataFrame):\n    best = 0.0\n"
            "    for x, y in points[['x', 'y']].itertuples(index=False):\n"
            "        best = max(best, np.hypot(x, y))\n    return best\n",
            line=7,
        ),
    )
    good = (
        # Calls a Python function per row: whether it vectorises is unknown.
        "import pandas as pd\n\n\ndef f(df):\n    out = []\n    for _, row in df.iterrows():\n"
        "        out.append(score(row['a'], row['b']))\n    return out\n",
        "import pandas as pd\n\n\ndef f(df):\n    for _, row in df.iterrows():\n"
        "        print(row['a'] + row['b'])\n",
        # Per-row methods (string work) and whole rows handed on.
        "import pandas as pd\n\n\ndef f(df):\n    out = []\n    for _, row in df.iterrows():\n"
        "        out.append(row['name'].upper())\n    return out\n",
        "import pandas as pd\n\n\ndef f(df):\n    rows = []\n    for _, row in df.iterrows():\n"
        "        rows.append(row)\n    return rows\n",
        # Whole-column work over df.columns: already vectorised.
        "import pandas as pd\n\n\ndef f(df):\n    for col in df.columns:\n"
        "        df[col] = df[col] * 2\n    return df\n",
        # A stream of chunks: each chunk is worked on whole.
        "import pandas as pd\n\n\ndef f(path):\n    total = 0\n"
        "    for chunk in pd.read_csv(path, chunksize=10_000):\n"
        "        total += chunk['a'].sum()\n    return total\n",
        # A running value read per row (a cumulative sum, state): not one expression.
        "import pandas as pd\n\n\ndef f(df):\n    total = 0\n    out = []\n"
        "    for _, row in df.iterrows():\n        total += row['a']\n        out.append(total)\n"
        "    return out\n",
        "import pandas as pd\n\n\ndef f(df):\n    prev = 0\n    out = []\n"
        "    for _, row in df.iterrows():\n        out.append(row['a'] - prev)\n"
        "        prev = row['a']\n    return out\n",
        # Leaves the loop on a result: a search, not a column expression.
        "import pandas as pd\n\n\ndef f(df):\n    for _, row in df.iterrows():\n"
        "        if row['a'] > 3:\n            return row['b']\n",
        # Not pandas: the file does not import it and nothing proves a frame.
        "def f(table):\n    total = 0\n    for _, row in table.iterrows():\n"
        "        total += row['a']\n    return total\n",
        # Written at a label taken from the row's values: not one column.
        "import pandas as pd\n\n\ndef f(df):\n    for r in df.itertuples():\n"
        "        df.at[r.key, 'c'] = r.b * 2\n",
        # Nothing kept: the loop computes and drops.
        "import pandas as pd\n\n\ndef f(df):\n    for _, row in df.iterrows():\n"
        "        x = row['a'] * 2\n",
        # Already vectorised.
        "import pandas as pd\n\n\ndef f(df):\n    return (df['a'] * df['b']).sum()\n",
    )

    def visit_For(self, node: cst.For) -> None:
        found = frame_row_loop(self.ctx, node)
        if found is None:
            return
        method = found.kind
        why = (
            "builds a Series for every row"
            if method == "iterrows"
            else "runs Python code for every row"
        )
        self.report(
            node,
            f"`{method}()` {why}, and this loop only does column arithmetic: "
            "write it as one expression on whole columns (`df['a'] * df['b']`, "
            "`.sum()`, `np.where`)",
        )
