import libcst as cst

from perflint.analysis.arrays import FRAME, SERIES, array_facts
from perflint.prepass import Needs
from perflint.rule import Bad, Rule
from perflint.tree import iter_subtree

# str methods the .str accessor has with the same meaning (not `count`, whose
# pattern is a regular expression there, nor `join`, which joins list items).
_STR_METHODS = frozenset(
    {"capitalize", "casefold", "center", "endswith", "find", "isalnum", "isalpha",
     "isdecimal", "isdigit", "islower", "isnumeric", "isspace", "istitle", "isupper", "ljust",
     "lower", "lstrip", "partition", "removeprefix", "removesuffix", "rfind", "rjust",
     "rpartition", "rsplit", "rstrip", "split", "startswith", "strip", "swapcase", "title",
     "upper", "zfill"}
)  # fmt: skip

_GROUPING = frozenset({"groupby", "resample", "rolling", "expanding", "ewm"})


class StrApply(Rule):
    """
    ## What it does
    Flags `s.apply(lambda x: x.upper())` and `s.map(lambda x: x.strip().lower())`
    (any chain of `str` methods the `.str` accessor also has, with `len(...)`
    or a slice `x[:3]` of it) on a pandas Series: a column of a frame (`df["name"]`) in a
    file that imports pandas, or a name proven to be a Series.

    ## Why is this slow
    `apply` and `map` call the lambda once per item from Python. The `.str`
    accessor runs the method over the whole column; with the pyarrow-backed
    string dtype that is compiled code, with object or Python-backed strings
    it is still a loop in Python, about as fast as `map`. It also skips
    missing values, where `x.upper()` on a `NaN` raises.

    ## Example
    ```python
    df["city"] = df["city"].map(lambda c: c.strip().title())
    ```

    ## Use instead
    ```python
    df["city"] = df["city"].str.strip().str.title()
    ```

    ## Fix safety
    No fix: `.str` returns missing values where the lambda would raise, so the
    rewrite changes behaviour on columns with `NaN`.

    ## Measured
    `make bench-rules` (benchmarks/rules/str_apply.py), pandas 3.1, CPython
    3.11, 100,000 strings: `map(lambda x: x.upper())` 29 ms vs `.str.upper()`
    25 ms on an object column (1.2x), 34 ms vs 22 ms on the default `str`
    dtype without pyarrow (1.6x); 1.0-1.3x at 10,000. Under 2x, so the micro
    tier: the accessor is the idiom and handles missing values, but it is
    not much faster unless the column is pyarrow-backed (not measured here:
    pyarrow was not installed).
    """

    code = "PFL603"
    name = "str-method-apply"
    category = "arrays"
    impact = "constant-factor"
    tier = "micro"
    needs = Needs(calls=frozenset({"apply", "map"}))
    summary = "Series.apply/map(lambda s: s.upper()); use the .str accessor"

    bad = (
        Bad(
            '''import pandas as pd


def clean(df):
    """Cities without stray spaces, in title case."""
    df["city"] = df["city"].map(lambda c: c.strip().title())  # normalise
    return df
''',
            line=6,
        ),
        Bad(
            "import pandas as pd\n\n\ndef codes(path):\n    names = pd.read_csv(path)['name']\n"
            "    return names.apply(lambda s: s[:3].upper())\n",
            line=6,
        ),
        Bad(
            "import pandas as pd\n\n\ndef f(s: pd.Series):\n    return s.map(lambda x: len(x.strip()))\n",
            line=5,
        ),
    )
    good = (
        # Already the accessor.
        "import pandas as pd\n\n\ndef f(df):\n    return df['city'].str.upper()\n",
        # Not a str method, or the lambda uses its argument twice.
        "import pandas as pd\n\n\ndef f(df):\n    return df['x'].map(lambda v: v * 2)\n",
        "import pandas as pd\n\n\ndef f(df):\n    return df['x'].map(lambda v: v.upper() + v)\n",
        "import pandas as pd\n\n\ndef f(df):\n    return df['x'].map(lambda v: v.count('.'))\n",
        # Not known to be a Series: a list, a pool, a plain object.
        "import pandas as pd\n\n\ndef f(pool, xs):\n    return pool.map(lambda s: s.upper(), xs)\n",
        "import pandas as pd\n\n\ndef f(obj):\n    return obj.apply(lambda s: s.upper())\n",
        "def f(df):\n    return df['city'].map(lambda c: c.upper())\n",
        "import polars\nimport pandas as pd\n\n\ndef f(df):\n    return df['city'].map(lambda c: c.upper())\n",
        # len() or a slice alone: the items may be lists or arrays, not strings.
        "import pandas as pd\n\n\ndef f(s: pd.Series):\n    return s.map(lambda x: len(x))\n",
        "import pandas as pd\n\n\ndef f(df):\n    return df['support'].apply(lambda x: x[:3])\n",
        # Identity, and a group's column (its apply gets whole groups).
        "import pandas as pd\n\n\ndef f(df):\n    return df['x'].map(lambda v: v)\n",
        "import pandas as pd\n\n\ndef f(df):\n    g = df.groupby('k')\n"
        "    return g['name'].apply(lambda s: s.upper())\n",
        # Datetimes have a replace method too, with keywords.
        "import pandas as pd\n\n\ndef f(df):\n    return df['t'].map(lambda d: d.replace(year=2000))\n",
        # A dict or a function: map looks values up, no per-item Python.
        "import pandas as pd\n\n\ndef f(df, table):\n    return df['code'].map(table)\n",
    )

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in ("apply", "map")):
            return
        if len(node.args) != 1 or node.args[0].keyword is not None or node.args[0].star:
            return
        applied = node.args[0].value
        if not isinstance(applied, cst.Lambda):
            return
        params = applied.params
        if (
            len(params.params) != 1
            or params.params[0].default is not None
            or params.star_arg is not cst.MaybeSentinel.DEFAULT
            or params.kwonly_params
            or params.star_kwarg is not None
            or params.posonly_params
        ):
            return
        param = params.params[0].name.value
        accessor = _accessor_form(applied.body, param)
        if not accessor or not self._series(func.value):  # "" is `lambda x: x`
            return
        if not _calls_str_method(applied.body):
            return  # len() and slices work on lists and arrays too: no proof of strings
        self.report(
            node,
            f"`{func.attr.value}` calls the lambda once per item; the `.str` accessor does "
            f"the same over the column: `.str{accessor}`",
        )

    def _series(self, expr: cst.BaseExpression) -> bool:
        facts = array_facts(self.ctx)
        scopes = self.ctx.scope_nodes(expr)
        kind = facts.kind(expr, scopes)
        if kind == SERIES:
            return True
        # df["city"]: one column of a frame, in a file working with pandas.
        if (
            kind is None
            and facts.pandas_file()
            and isinstance(expr, cst.Subscript)
            and len(expr.slice) == 1
            and isinstance(expr.slice[0].slice, cst.Index)
            and isinstance(expr.slice[0].slice.value, cst.SimpleString)
        ):
            frame = facts.kind(expr.value, scopes)
            if frame not in (None, FRAME) or self.ctx.proven_type(expr.value) is not None:
                return False
            return not self._grouped(expr.value, expr)
        return False

    def _grouped(self, expr: cst.BaseExpression, at: cst.CSTNode) -> bool:
        """A GroupBy, Resampler or window (`grouped["foo"]` is not a Series):
        expr is, or a name bound to, a call of `.groupby(...)` and the like."""
        values: list[cst.BaseExpression | None] = [expr]
        if isinstance(expr, cst.Name):
            scope = self.ctx.binding_scope(expr.value, at)
            if scope is not None:
                values = [b.value for b in scope.bindings[expr.value]]
        return any(
            isinstance(v, cst.Call)
            and isinstance(v.func, cst.Attribute)
            and v.func.attr.value in _GROUPING
            for v in values
        )


def _calls_str_method(expr: cst.BaseExpression) -> bool:
    return any(
        isinstance(n, cst.Call)
        and isinstance(n.func, cst.Attribute)
        and n.func.attr.value in _STR_METHODS
        for n in iter_subtree(expr)
    )


def _accessor_form(expr: cst.BaseExpression, param: str) -> str | None:
    """`.upper()` for `x.upper()`, `.strip().str.lower()` for a chain, `.len()`
    for `len(x)`, `[:3]` for `x[:3]`; None when expr is not such a chain on x."""
    if isinstance(expr, cst.Name):
        return "" if expr.value == param else None
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Name) and func.value == "len" and len(expr.args) == 1:
            inner = _accessor_form(expr.args[0].value, param)
            return None if inner is None else _join(inner, ".len()")
        if not (isinstance(func, cst.Attribute) and func.attr.value in _STR_METHODS):
            return None
        # A keyword (`x.replace(year=2000)`) says it is not a str method.
        if any(_mentions(a.value, param) or a.star or a.keyword for a in expr.args):
            return None
        inner = _accessor_form(func.value, param)
        if inner is None:
            return None
        args = ", ".join(cst.Module([]).code_for_node(a).strip().rstrip(",") for a in expr.args)
        return _join(inner, f".{func.attr.value}({args})")
    if (
        isinstance(expr, cst.Subscript)
        and len(expr.slice) == 1
        and isinstance(expr.slice[0].slice, cst.Slice)
        and not _mentions(expr.slice[0].slice, param)
    ):
        inner = _accessor_form(expr.value, param)
        if inner is None:
            return None
        return _join(inner, "[" + cst.Module([]).code_for_node(expr.slice[0].slice) + "]")
    return None


def _join(inner: str, step: str) -> str:
    return step if not inner else f"{inner}.str{step}"


def _mentions(node: cst.CSTNode, name: str) -> bool:
    return any(isinstance(n, cst.Name) and n.value == name for n in iter_subtree(node))
