import libcst as cst

from perflint.analysis.arrays import FRAME, array_facts
from perflint.analysis.columns import ColumnWork
from perflint.analysis.rows import SERIES_API, attribute_of, string_item
from perflint.analysis.services import is_test_file
from perflint.prepass import Needs
from perflint.rule import Bad, Rule


class RowApply(Rule):
    """
    ## What it does
    Flags `df.apply(f, axis=1)` (or `axis="columns"`) where `f` is a lambda,
    or a function (nested, or of the module when the call is not in a method)
    that only returns expressions, under `if` / `else` tests or not, doing
    column arithmetic on the row it is given: `lambda r: r["price"] *
    r["qty"]`, `lambda r: r.a if r.b > 0 else 0.0`. Functions that call
    anything else (a method, a function of the project) are left alone, and
    so is `df.apply(np.sum, axis=0)`, which works on whole columns already.

    ## Why is this slow
    `apply(axis=1)` builds a Series for every row and calls the Python
    function on it: the cost of an `iterrows()` loop, per row. The same
    arithmetic on whole columns runs in NumPy's compiled loops.

    ## Example
    ```python
    df["total"] = df.apply(lambda r: r["price"] * r["qty"] if r["qty"] > 2 else 0.0, axis=1)
    ```

    ## Use instead
    ```python
    df["total"] = (df["price"] * df["qty"]).where(df["qty"] > 2, 0.0)
    # or np.where(df["qty"] > 2, df["price"] * df["qty"], 0.0)
    ```

    ## Fix safety
    No fix: a conditional becomes `where` or `np.where`, and the result's
    dtype and index handling depend on the columns.

    ## Measured
    `make bench-rules` (benchmarks/rules/row_apply.py), pandas 3.1, NumPy 2.4,
    CPython 3.11: a conditional product per row, 100,000 rows: 1,048 ms with
    `apply(axis=1)` vs 0.8 ms with `Series.where` (1,250x); 10,000 rows: 87 ms
    vs 1.0 ms (88x).
    """

    code = "PFL602"
    name = "row-wise-apply"
    category = "arrays"
    impact = "constant-factor"
    needs = Needs(calls=frozenset({"apply"}), callees=True)  # reads the applied function's body
    summary = "df.apply(f, axis=1) where f is column arithmetic; write the column expression"

    bad = (
        Bad(
            '''import pandas as pd


def totals(orders):
    """Value of each order; orders of two items or fewer count as nothing."""
    return orders.apply(
        lambda r: r["price"] * r["qty"] if r["qty"] > 2 else 0.0,  # per row
        axis=1,
    )
''',
            line=6,
        ),
        Bad(
            "import math\n\nimport pandas as pd\n\n\ndef distance(row):\n"
            "    return math.sqrt(row.x ** 2 + row.y ** 2)\n\n\n"
            "def f(path):\n    df = pd.read_csv(path)\n"
            "    df['d'] = df.apply(distance, axis='columns')\n    return df\n",
            line=12,
        ),
        # A nested function of tests and returns: np.where (finta's indicators).
        Bad(
            "import pandas as pd\n\n\ndef plus(ohlc):\n    def _dmp(row):\n"
            "        if row['up'] > row['down'] and row['up'] > 0:\n            return row['up']\n"
            "        else:\n            return 0\n\n    return ohlc.apply(_dmp, axis=1)\n",
            line=11,
        ),
    )
    good = (
        # Column-wise: each call already gets a whole column.
        "import numpy as np\nimport pandas as pd\n\n\ndef f(df):\n    return df.apply(np.sum, axis=0)\n",
        "import pandas as pd\n\n\ndef f(df):\n    return df.apply(lambda c: c.max() - c.min())\n",
        # Calls other code per row.
        "import pandas as pd\n\n\ndef f(df):\n    return df.apply(lambda r: lookup(r['id']), axis=1)\n",
        "import pandas as pd\n\n\ndef f(df):\n    return df.apply(lambda r: r['name'].title(), axis=1)\n",
        # A function that does more than return an expression.
        "import pandas as pd\n\n\ndef g(r):\n    print(r)\n    return r['a']\n\n\n"
        "def f(df):\n    return df.apply(g, axis=1)\n",
        "import pandas as pd\n\n\ndef f(df):\n    def g(r):\n        if r['a'] > 0:\n"
        "            log(r)\n        return r['a']\n\n    return df.apply(g, axis=1)\n",
        # A module function applied in a method: its body may not be linted there.
        "import pandas as pd\n\n\ndef g(r):\n    return r['a'] * 2\n\n\nclass C:\n"
        "    def f(self, df):\n        return df.apply(g, axis=1)\n",
        # raw=True hands the function a NumPy row: not this pattern.
        "import pandas as pd\n\n\ndef f(df):\n    return df.apply(lambda r: r[0] + r[1], axis=1, raw=True)\n",
        # Not pandas.
        "def f(table):\n    return table.apply(lambda r: r['a'] + 1, axis=1)\n",
    )

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "apply") or not node.args:
            return
        if is_test_file(self.ctx.path):
            return  # a test of `apply` itself (geopandas' GH 2283): the call is the point
        if not _row_wise(node):
            return
        facts = array_facts(self.ctx)
        scopes = self.ctx.scope_nodes(node)
        if not facts.pandas_file() and facts.kind(func.value, scopes) != FRAME:
            return
        applied = node.args[0].value
        if isinstance(applied, cst.Lambda):
            found = _one_param(applied.params)
            if found is None or not self._column_work(applied.body, found, [applied, *scopes]):
                return
        elif isinstance(applied, cst.Name):
            found = self._function(applied.value, node, scopes)
            if found is None:
                return
            function, function_scopes = found
            param = _one_param(function.params)
            if param is None or not self._returns_column_work(function, param, function_scopes):
                return
        else:
            return
        self.report(
            node,
            "`apply(..., axis=1)` builds a Series and calls Python for every row, and this "
            "function is column arithmetic: write it on whole columns "
            "(`df['a'] * df['b']`, `np.where`, `Series.where`)",
        )

    def _column_work(self, expr: cst.BaseExpression, param: str, scope_nodes) -> bool:  # type: ignore[no-untyped-def]
        def is_field(e: cst.BaseExpression) -> bool:
            return string_item(e, param) or attribute_of(e, param, SERIES_API)

        work = ColumnWork(
            is_field, lambda _: False, scope_nodes, self.ctx.scopes, frozenset({param})
        )
        return work.expression(expr) and work.fields_read > 0

    def _function(self, name: str, at: cst.CSTNode, scopes):  # type: ignore[no-untyped-def]
        """The undecorated function (module-level or nested) the name means at
        `at`, with the scopes its body runs in."""
        scope = self.ctx.binding_scope(name, at)
        if scope is None:
            return None
        bindings = scope.bindings.get(name, [])
        if len(bindings) != 1 or bindings[0].kind != "def":
            return None
        function = bindings[0].node
        if not isinstance(function, cst.FunctionDef) or function.decorators:
            return None
        if function.asynchronous is not None:
            return None
        index = next((i for i, n in enumerate(scopes) if n is scope.node), None)
        if index is None:
            return None
        if isinstance(scope.node, cst.Module) and any(
            isinstance(n, cst.ClassDef) for n in self.ctx.path_to(at)
        ):
            # The pre-pass keeps the callees of functions and module code, not of
            # methods: judging one here would depend on what it kept.
            return None
        return function, [function, *scopes[index:]]

    def _returns_column_work(self, function: cst.FunctionDef, param: str, scopes) -> bool:  # type: ignore[no-untyped-def]
        """The body only returns column work, maybe under `if` / `else` tests."""
        body = function.body
        if not isinstance(body, cst.IndentedBlock):
            return False
        statements = list(body.body)
        if statements and _docstring(statements[0]):
            statements = statements[1:]

        def is_field(e: cst.BaseExpression) -> bool:
            return string_item(e, param) or attribute_of(e, param, SERIES_API)

        work = ColumnWork(is_field, lambda _: False, scopes, self.ctx.scopes, frozenset({param}))
        return _returning(statements, work) and work.fields_read > 0


def _docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _returning(statements: list[cst.BaseStatement], work: ColumnWork) -> bool:
    """`return e`, or `if t: <returning>` then `else: <returning>` (or the
    rest of the block returning): one `np.where` per test."""
    if not statements:
        return False
    first, rest = statements[0], statements[1:]
    if isinstance(first, cst.SimpleStatementLine):
        only = first.body
        return (
            not rest
            and len(only) == 1
            and isinstance(only[0], cst.Return)
            and only[0].value is not None
            and work.expression(only[0].value)
        )
    if not isinstance(first, cst.If) or not work.expression(first.test, test=True):
        return False
    if not isinstance(first.body, cst.IndentedBlock) or not _returning(list(first.body.body), work):
        return False
    orelse = first.orelse
    if orelse is None:
        return _returning(rest, work)
    if rest:
        return False
    if isinstance(orelse, cst.If):
        return _returning([orelse], work)
    return isinstance(orelse.body, cst.IndentedBlock) and _returning(list(orelse.body.body), work)


def _row_wise(call: cst.Call) -> bool:
    """axis=1 or axis="columns", and nothing else but result_type."""
    row_wise = False
    for arg in call.args[1:]:
        if arg.keyword is None:
            return False
        key = arg.keyword.value
        if key == "axis":
            value = arg.value
            row_wise = (isinstance(value, cst.Integer) and value.value == "1") or (
                isinstance(value, cst.SimpleString) and value.evaluated_value == "columns"
            )
        elif key != "result_type":
            return False
    return row_wise and call.args[0].keyword is None


def _one_param(params: cst.Parameters) -> str | None:
    if params.star_arg is not cst.MaybeSentinel.DEFAULT or params.kwonly_params:
        return None
    if params.star_kwarg is not None or params.posonly_params:
        return None
    if len(params.params) != 1 or params.params[0].default is not None:
        return None
    return params.params[0].name.value
