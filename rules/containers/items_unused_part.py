import libcst as cst

from perflint.analysis.usage import uses_of
from perflint.diagnostics import SAFE
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule

_DICTS = {"dict", "Counter", "defaultdict", "OrderedDict"}


class ItemsUnusedPart(Rule):
    """
    ## What it does
    Flags `for k, v in d.items()` (in a loop or a comprehension) where the
    body uses only the key or only the value, and `d` is provably a dict.
    Objects that are not provably dicts are left alone: ElementTree elements,
    for one, have an `.items()` of their own.

    ## Why is this slow
    `.items()` builds a `(key, value)` tuple for every entry and unpacks it;
    iterating the dict (keys) or `.values()` yields the one part needed.

    ## Example
    ```python
    for name, _ in scores.items():
        print(name)
    ```

    ## Use instead
    ```python
    for name in scores:
        print(name)
    ```

    ## Fix safety
    Safe: the loop visits the same entries in the same order and binds the
    same name. The unused name (often `_`) is no longer bound, so nothing is
    reported when that name is read after the loop.

    ## Measured
    `make bench-rules` (benchmarks/rules/dict_idioms.py), CPython 3.11, a dict
    of 100,000 entries: summing values via `.items()` 0.40 ms vs `.values()`
    0.27 ms (1.5x); collecting keys via `.items()` 0.25 ms vs the dict 0.15 ms
    (1.6x).

    Tier micro: benchmarks/rules/tiers.py (CPU time, interleaved), dicts of
    about 1,000 and 10,000 keys: 1.5-1.8x for the values, 1.4x for the keys, a
    few ns per entry.
    """

    code = "PFL204"
    name = "items-unused-part"
    category = "containers"
    impact = "constant-factor"
    needs = Needs(screens=frozenset({"pair-loop"}))
    tier = "micro"
    summary = "`for k, v in d.items()` using only `k` or only `v`; iterate the dict or `.values()`"
    fix_applicability = SAFE

    bad = (
        Bad(
            '''def total(prices_rows):
    """Sum of all prices."""
    prices = dict(prices_rows)
    result = 0
    for _, price in prices.items():  # names are ignored
        result += price
    return result
''',
            line=5,
            fixed='''def total(prices_rows):
    """Sum of all prices."""
    prices = dict(prices_rows)
    result = 0
    for price in prices.values():  # names are ignored
        result += price
    return result
''',
            calls=(("total", ([("a", 2), ("b", 3)],)),),
        ),
        Bad(
            "def names(rows):\n    table = {r[0]: r for r in rows}\n"
            "    return [key for key, row in table.items()]\n",
            line=3,
            fixed="def names(rows):\n    table = {r[0]: r for r in rows}\n"
            "    return [key for key in table]\n",
            calls=(("names", ([("a", 1), ("b", 2)],)),),
        ),
    )
    good = (
        # Both parts used.
        "def f(d: dict):\n    for k, v in d.items():\n        print(k, v)\n",
        # Not provably a dict (ElementTree elements have .items()).
        "def f(element):\n    for k, v in element.items():\n        print(v)\n",
        # The unused name is read after the loop.
        "def f(d: dict):\n    for k, v in d.items():\n        print(v)\n    return k\n",
        # A single target: the pairs are wanted.
        "def f(d: dict):\n    return [pair for pair in d.items()]\n",
    )

    def visit_For(self, node: cst.For) -> None:
        self._check(node, node.target, node.iter, node.body)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        path = self.ctx.path_to(node)
        comprehension = next(
            (
                n
                for n in reversed(path)
                if isinstance(n, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp))
            ),
            None,
        )
        if comprehension is not None:
            self._check(node, node.target, node.iter, comprehension)

    def _check(self, node, target, iterable, body) -> None:  # type: ignore[no-untyped-def]
        if not (isinstance(target, cst.Tuple) and len(target.elements) == 2):
            return
        key, value = (e.value for e in target.elements)
        if not (isinstance(key, cst.Name) and isinstance(value, cst.Name)):
            return
        if not (
            isinstance(iterable, cst.Call)
            and not iterable.args
            and isinstance(iterable.func, cst.Attribute)
            and iterable.func.attr.value == "items"
        ):
            return
        owner = iterable.func.value
        if self.ctx.proven_type(owner) not in _DICTS:
            return
        key_used = _reads(key.value, body)
        value_used = _reads(value.value, body)
        if key_used == value_used:
            return
        kept, dropped = (key, value) if key_used else (value, key)
        code = self.ctx.module.code_for_node(owner)
        replacement = code if key_used else f"{code}.values()"
        message = (
            f"only the {'key' if key_used else 'value'} of `{code}.items()` is used; "
            f"iterate `{replacement}`"
        )
        scope = self.ctx.scope_nodes(node)[0]
        if dropped.value != "_" and self.ctx.read_outside(dropped.value, scope, node):
            return  # the loop's last binding of the other part is used afterwards
        fix = FixPlan(
            f"Iterate `{replacement}`",
            replacements=[(target, kept.value), (iterable, replacement)],
        )
        self.report(iterable, message, fix)


def _reads(name: str, root: cst.CSTNode) -> bool:
    return any(not use.is_store() for use in uses_of(name, root))
