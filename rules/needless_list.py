import libcst as cst

from perflint.analysis.shapes import int_literal, sole_index
from perflint.analysis.usage import uses_of
from perflint.diagnostics import UNSAFE
from perflint.rule import Bad, FixPlan, Rule

_SIZED = {"list", "tuple", "set", "frozenset", "dict", "str", "bytes", "deque", "Counter",
          "defaultdict", "OrderedDict", "bytearray"}  # fmt: skip
_VIEWS = {"keys", "values", "items"}


class NeedlessList(Rule):
    """
    ## What it does
    Flags a list built only to be read once:
    - `len(list(x))` when `x` is a list, tuple, set, dict, str, bytes or deque
      (or a dict view): use `len(x)`;
    - `list(x)[0]` on such a collection: use `next(iter(x))`;
    - `for item in list(x)` / `for k in list(d.keys())` when the loop never
      changes `x`: iterate `x` itself.

    `any([...])` and `all([...])` are not reported: a generator short-circuits,
    but measured here it is 2x slower than the list when nothing matches.
    `list(sorted(x))` is not reported either: it costs no measurable time.

    ## Why is this slow
    `list(x)` copies every item into a new list: O(n) time and memory, where
    `len(x)` and `next(iter(x))` are O(1) and a loop can read `x` directly.

    ## Example
    ```python
    if len(list(users)) > 100:
        first = list(users)[0]
    ```

    ## Use instead
    ```python
    if len(users) > 100:
        first = next(iter(users))
    ```

    ## Fix safety
    `len(list(x))` to `len(x)` is safe: same value for these types.
    `list(x)[0]` to `next(iter(x))` is unsafe: on an empty collection it raises
    `StopIteration` instead of `IndexError`. Iterating `x` instead of a copy is
    unsafe: another reference to `x` (an alias, a called function) could still
    change it during the loop and raise `RuntimeError` or skip items; the fix
    is offered only when the loop body does not mention `x` at all.

    ## Measured
    `make bench-rules` (benchmarks/rules/materialise.py), CPython 3.11, a dict
    of n = 10,000 keys: `len(list(d))` 0.044 ms vs `len(d)` 0.0001 ms (433x);
    `list(d)[0]` 0.062 ms vs `next(iter(d))` (265x); looping over
    `list(d.keys())` 0.20 ms vs over `d` 0.17 ms (1.2x; 1.6x at n = 1,000).
    """

    code = "PFL202"
    name = "needless-list"
    category = "containers"
    summary = "A list copy made only to take its length, first item, or loop over it"
    fix_applicability = UNSAFE

    bad = (
        Bad(
            '''def report(orders):
    """Print totals per customer."""
    by_customer = {}
    for order in orders:
        by_customer[order[0]] = by_customer.get(order[0], 0) + order[1]
    # keys in insertion order
    for name in list(by_customer.keys()):
        print(name, by_customer[name])
    return by_customer
''',
            line=7,
            fixed=None,
        ),
        Bad(
            '''def report(orders):
    """Print totals per customer."""
    by_customer = {}
    for order in orders:
        by_customer[order[0]] = by_customer.get(order[0], 0) + order[1]
    # keys in insertion order
    for name in list(by_customer.keys()):
        print(name)
    return by_customer
''',
            line=7,
            fixed='''def report(orders):
    """Print totals per customer."""
    by_customer = {}
    for order in orders:
        by_customer[order[0]] = by_customer.get(order[0], 0) + order[1]
    # keys in insertion order
    for name in by_customer.keys():
        print(name)
    return by_customer
''',
            calls=(("report", ([("a", 1), ("b", 2), ("a", 3)],)),),
        ),
        Bad(
            "def count(xs):\n    seen = set(xs)\n    return len(list(seen))\n",
            line=3,
            fixed="def count(xs):\n    seen = set(xs)\n    return len(seen)\n",
            calls=(("count", ([1, 2, 2],)), ("count", ([],))),
        ),
        Bad(
            "def first(xs):\n    ordered = {x: None for x in xs}\n    return list(ordered)[0]\n",
            line=3,
            fixed="def first(xs):\n    ordered = {x: None for x in xs}\n    return next(iter(ordered))\n",
            calls=(("first", ([3, 1, 3],)),),
        ),
        # The loop changes the dict: the copy is needed, but an alias could be
        # passed instead... here the body mentions the dict, so no fix.
        Bad(
            "def prune(d: dict):\n    for k in list(d):\n        if d[k] is None:\n            log(k)\n",
            line=2,
            fixed=None,
        ),
    )
    good = (
        # The loop mutates what it iterates: the copy is required.
        "def f(d: dict):\n    for k in list(d):\n        del d[k]\n",
        "def f(xs: list):\n    for x in list(xs):\n        xs.remove(x)\n",
        # Not provably a collection: a generator or iterator has no len().
        "def f(gen):\n    return len(list(gen))\n",
        "def f(it):\n    return list(it)[0]\n",
        # The copy is kept.
        "def f(d: dict):\n    keys = list(d)\n    return keys\n",
        # Another index than 0.
        "def f(d: dict):\n    return list(d)[1]\n",
        # list of a list is a copy someone may want; not in these shapes.
        "def f(xs: list):\n    return list(xs)\n",
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not _is_list_call(node) or self.ctx.qualified_name(node.func) != "builtins.list":
            return
        source = node.args[0].value
        if not self._is_collection(source):
            return
        path = self.ctx.path_to(node)
        parent = path[-2] if len(path) > 1 else None
        grand = path[-3] if len(path) > 2 else None
        module = self.ctx.module
        code = module.code_for_node(source)
        if isinstance(parent, cst.Arg) and isinstance(grand, cst.Call) and len(grand.args) == 1:
            if self.ctx.qualified_name(grand.func, [*path[:-2], grand.func]) == "builtins.len":
                length_of = _view_owner(source) or source
                self.report(
                    grand,
                    f"`len(list({code}))` copies every item to count them; use `len(...)`",
                    FixPlan(
                        "Use `len(...)`",
                        replacements=[(grand, f"len({module.code_for_node(length_of)})")],
                        applicability="safe",
                    ),
                )
        elif (
            isinstance(parent, cst.Subscript)
            and int_literal(sole_index(parent)) == 0
            and parent.value is node
        ):
            fix = None
            if self.ctx.refers_to("next", "builtins.next", node) and self.ctx.refers_to(
                "iter", "builtins.iter", node
            ):
                fix = FixPlan(
                    "Use `next(iter(...))`", replacements=[(parent, f"next(iter({code}))")]
                )
            self.report(
                parent,
                f"`list({code})[0]` copies every item to read the first; use `next(iter(...))`",
                fix,
            )
        elif isinstance(parent, cst.For) and parent.iter is node:
            self._check_loop(parent, node, source)

    def _check_loop(self, loop: cst.For, call: cst.Call, source: cst.BaseExpression) -> None:
        owner = _view_owner(source) or source
        if not isinstance(owner, cst.Name):
            return
        mentions = list(uses_of(owner.value, loop.body))
        if any(use.mutates() or use.is_store() for use in mentions):
            return  # the copy protects the loop from its own changes
        code = self.ctx.module.code_for_node(source)
        fix = None
        if not mentions:
            fix = FixPlan(f"Iterate `{code}` directly", replacements=[(call, code)])
        self.report(
            call,
            f"`list({code})` copies every item before the loop, which never changes it; "
            f"iterate `{code}` directly",
            fix,
        )

    def _is_collection(self, expr: cst.BaseExpression) -> bool:
        owner = _view_owner(expr)
        if owner is not None:
            return self.ctx.proven_type(owner) in ("dict", "Counter", "defaultdict", "OrderedDict")
        return self.ctx.proven_type(expr) in _SIZED


def _is_list_call(node: cst.Call) -> bool:
    return (
        isinstance(node.func, cst.Name)
        and node.func.value == "list"
        and len(node.args) == 1
        and node.args[0].keyword is None
        and not node.args[0].star
    )


def _view_owner(expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """`d` for `d.keys()`, `d.values()`, `d.items()`."""
    if (
        isinstance(expr, cst.Call)
        and not expr.args
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value in _VIEWS
    ):
        return expr.func.value
    return None
