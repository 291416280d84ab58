import libcst as cst

from perflint.analysis.reach import loop_may_reach
from perflint.analysis.shapes import int_literal, sole_index
from perflint.analysis.usage import uses_of
from perflint.diagnostics import UNSAFE
from perflint.prepass import Needs
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

    The loop form is not reported when the loop may change `x` through code
    it calls, since the copy then keeps the loop safe: a closure of the
    function; a function or class of the same module, when `x` is a
    module-level name or was not built by the function itself (a parameter,
    an attribute); a method of `self`, or of the object `x` came from or was
    stored in; a call handed `x`, a view of it or an alias; a `yield` (its
    consumer runs mid-loop). A collection the function builds and never hands
    out cannot be reached that way, so calls do not matter for it.

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
    unsafe: code this file does not show (another module holding a reference
    to `x`) could still change it during the loop and raise `RuntimeError` or
    skip items; the calls that visibly may are excluded above. The fix is
    offered only when the loop body does not mention `x` at all.

    ## Measured
    `make bench-rules` (benchmarks/rules/materialise.py), CPython 3.11, a dict
    of n = 10,000 keys: `len(list(d))` 0.044 ms vs `len(d)` 0.0001 ms (433x);
    `list(d)[0]` 0.062 ms vs `next(iter(d))` (265x); looping over
    `list(d.keys())` 0.20 ms vs over `d` 0.17 ms (1.2x; 1.6x at n = 1,000).

    Opt-in: reviewers who did not write the rule judged 34 of its findings in
    real code (benchmarks/precision/verdicts.json) and found none worth acting
    on: the copies there are of a few items, or made once.
    """

    code = "PFL202"
    name = "needless-list"
    category = "containers"
    impact = "constant-factor"
    tier = "opt-in"
    needs = Needs(screens=frozenset({"needless-list"}))
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
        # A closure that cannot reach the dict (it never names it, and the
        # dict is never handed out) leaves the fix on.
        Bad(
            "def show_all(xs):\n    seen = {x: 1 for x in xs}\n    shown = []\n\n"
            "    def show(k):\n        shown.append(k)\n\n    for k in list(seen):\n"
            "        show(k)\n    return shown\n",
            line=8,
            fixed="def show_all(xs):\n    seen = {x: 1 for x in xs}\n    shown = []\n\n"
            "    def show(k):\n        shown.append(k)\n\n    for k in seen:\n"
            "        show(k)\n    return shown\n",
            calls=(("show_all", ([3, 1, 3],)), ("show_all", ([],))),
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
        # The body reads the dict (no fix: keep the edit to loops that do not
        # mention it); the function it calls is another module's and is not
        # handed the dict.
        Bad(
            "from logging import info\n\n\ndef prune(d: dict):\n    for k in list(d):\n"
            "        if d[k] is None:\n            info(k)\n",
            line=5,
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
        # Something the loop calls may change the dict: the copy is needed.
        # A closure that deletes from it:
        "def expire(entries):\n    live = dict(entries)\n\n    def drop(key):\n"
        "        del live[key]\n\n    for key in list(live):\n        drop(key)\n    return live\n",
        # a module function that reaches a module-level dict:
        "_CACHE = {}\n\n\ndef _evict(key):\n    _CACHE.pop(key, None)\n\n\n"
        "def clear_all():\n    for key in list(_CACHE):\n        _evict(key)\n",
        # a method of the object the dict came from:
        "class Pool:\n    def close_all(self):\n        conns: dict = self.conns\n"
        "        for name in list(conns):\n            self.close(name)\n",
        # another method of the object whose method this is:
        "class Registry:\n    def drop_all(self, names: dict):\n        for name in list(names):\n"
        "            self.unregister(name)\n",
        # a call handed an alias of it, or a view of it:
        "from store import forget\n\n\ndef purge(d: dict):\n    same = d\n"
        "    for item in list(d.items()):\n        forget(same, item[0])\n",
        "from store import forget\n\n\ndef purge(d: dict):\n    for k in list(d):\n"
        "        forget(d.keys(), k)\n",
        # a callback that captured it, run by code we cannot see:
        "def run(jobs, scheduler):\n    pending = {j.id: j for j in jobs}\n"
        "    done = lambda key: pending.pop(key)\n    for key in list(pending):\n"
        "        scheduler.submit(done, key)\n",
        # an alias changed in the loop, and a generator's consumer:
        "def strip(d: dict):\n    alias = d\n    for k in list(d):\n        del alias[k]\n",
        "def drain(d: dict):\n    for k in list(d):\n        yield k\n",
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
        if loop_may_reach(self.ctx, loop, owner):
            return  # a call in the loop may change it: the copy protects the loop
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
