import libcst as cst

from perflint.diagnostics import SAFE
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule

_DICTS = {"dict", "Counter", "defaultdict", "OrderedDict"}


class KeysMembership(Rule):
    """
    ## What it does
    Flags `key in d.keys()` (and `not in`) where `d` is provably a dict.

    ## Why is this slow
    `d.keys()` creates a view object on every test only to ask the dict the
    same question `key in d` asks directly. It is a constant factor, not a
    change of complexity, but it sits in hot loops and the fix is free.

    ## Example
    ```python
    if name in settings.keys():
    ```

    ## Use instead
    ```python
    if name in settings:
    ```

    ## Fix safety
    Safe: for a dict (and its subclasses in `collections`) membership in the
    keys view and in the dict are the same test.

    ## Measured
    `make bench-rules` (benchmarks/rules/materialise.py), CPython 3.11, 10,000
    tests against a dict of 10,000 keys: 0.87 ms vs 0.59 ms (1.5x).

    Tier micro: benchmarks/rules/tiers.py (CPU time, interleaved) 1.5x at n =
    10,000 and 1.4x at n = 100,000, 30-100 ns per test.
    """

    code = "PFL203"
    name = "keys-membership"
    category = "containers"
    impact = "constant-factor"
    needs = Needs(calls=frozenset({"keys"}))
    tier = "micro"
    summary = "`key in d.keys()` builds a view per test; use `key in d`"
    fix_applicability = SAFE

    bad = (
        Bad(
            '''def known(names, table_rows):
    """Names that have a row."""
    table = {row[0]: row for row in table_rows}
    return [n for n in names if n in table.keys()]  # by id
''',
            line=4,
            fixed='''def known(names, table_rows):
    """Names that have a row."""
    table = {row[0]: row for row in table_rows}
    return [n for n in names if n in table]  # by id
''',
            calls=(("known", (["a", "x"], [("a", 1), ("b", 2)])),),
        ),
        Bad(
            "def f(k, d: dict):\n    return k not in d.keys()\n",
            line=2,
            fixed="def f(k, d: dict):\n    return k not in d\n",
        ),
    )
    good = (
        "def f(k, d: dict):\n    return k in d\n",
        # Not provably a dict: an object with a keys() method of its own.
        "def f(k, obj):\n    return k in obj.keys()\n",
        # Other views are different tests.
        "def f(v, d: dict):\n    return v in d.values()\n",
        # keys() with arguments is not dict.keys.
        "def f(k, d: dict):\n    return k in d.keys(1)\n",
    )

    def visit_ComparisonTarget(self, node: cst.ComparisonTarget) -> None:
        if not isinstance(node.operator, (cst.In, cst.NotIn)):
            return
        call = node.comparator
        if not (
            isinstance(call, cst.Call)
            and not call.args
            and isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "keys"
            and not call.lpar
        ):
            return
        owner = call.func.value
        if self.ctx.proven_type(owner) not in _DICTS:
            return
        code = self.ctx.module.code_for_node(owner)
        self.report(
            call,
            f"`in {code}.keys()` builds a keys view for every test; use `in {code}`",
            FixPlan(f"Use `in {code}`", replacements=[(call, code)]),
        )
