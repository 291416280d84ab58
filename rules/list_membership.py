import libcst as cst

from perflint.analysis.usage import (
    Use,
    appears_in_nested_definition,
    grows_with_data,
)
from perflint.diagnostics import UNSAFE
from perflint.rule import Bad, FixPlan, Replacement, Rule


class ListMembershipInLoop(Rule):
    """
    ## What it does
    Flags `x in items` / `x not in items` inside a loop or comprehension when
    `items` is provably a list that grows with the data (built from a
    comprehension, `list(...)`, or appended to), including the "seen list"
    used to drop duplicates.

    ## Why is this slow
    `in` on a list compares against every element until it finds a match: O(n)
    per test. Inside a loop over n items that is O(n²). A set answers in O(1)
    on average.

    ## Example
    ```python
    seen = []
    for user in users:
        if user.email not in seen:
            seen.append(user.email)
            send(user)
    ```

    ## Use instead
    ```python
    seen = set()
    for user in users:
        if user.email not in seen:
            seen.add(user.email)
            send(user)
    ```
    or, when the list must stay a list, build a set once before the loop:
    `allowed_set = set(allowed)`.

    ## Fix safety
    Unsafe: a set needs hashable items (a list of lists would raise `TypeError`)
    and compares with `__hash__`/`__eq__` rather than `__eq__` alone. The fix
    turns the list into a set only when the list is used for nothing but `in`
    tests and `append` calls (so its order and duplicates are never seen), and
    otherwise builds a set before the loop when the loop does not change the list.

    ## Measured
    `make bench-rules` (benchmarks/rules/list_membership.py), CPython 3.11:
    seen-list dedupe, n = 1,000: 4.2 ms vs 0.047 ms with a set (89x); n = 10,000:
    357 ms vs 0.60 ms (600x); 10x more items cost the list 85x, the set 13x.
    Comprehension filter against a list of n items: n = 10,000: 766 ms vs
    0.73 ms with a set built before the loop (1,050x).
    """

    code = "PFL102"
    name = "list-membership-in-loop"
    category = "complexity"
    summary = "`in` on a growing list inside a loop is O(n) per test; use a set"
    fix_applicability = UNSAFE

    bad = (
        Bad(
            '''def unique_emails(users):
    """Emails in order of first appearance, without duplicates."""
    seen = []
    result = []
    for user in users:
        # compare case-insensitively
        email = user.lower()
        if email not in seen:
            seen.append(email)
            result.append(email)
    return result
''',
            line=8,
            fixed='''def unique_emails(users):
    """Emails in order of first appearance, without duplicates."""
    seen = set()
    result = []
    for user in users:
        # compare case-insensitively
        email = user.lower()
        if email not in seen:
            seen.add(email)
            result.append(email)
    return result
''',
            calls=(("unique_emails", (["A@x", "b@x", "a@X", "c"],)), ("unique_emails", ([],))),
        ),
        Bad(
            """def active_orders(orders, customers):
    active = [c.id for c in customers if c.active]
    return [o for o in orders if o.customer_id in active]  # keep order of orders
""",
            line=3,
            fixed="""def active_orders(orders, customers):
    active = [c.id for c in customers if c.active]
    active_set = set(active)
    return [o for o in orders if o.customer_id in active_set]  # keep order of orders
""",
        ),
        Bad(
            """def common(left, right):
    wanted = list(right)
    found = 0
    for item in left:
        if item in wanted:
            found += 1
    return found, wanted
""",
            line=5,
            fixed="""def common(left, right):
    wanted = list(right)
    found = 0
    wanted_set = set(wanted)
    for item in left:
        if item in wanted_set:
            found += 1
    return found, wanted
""",
            calls=(("common", ([1, 2, 3, 2], (2, 3, 5))), ("common", ([], []))),
        ),
        # The list is changed inside the loop and also returned: no safe rewrite.
        Bad(
            """def merge(batches):
    merged = []
    for batch in batches:
        for item in batch:
            if item not in merged:
                merged.append(item)
    return merged
""",
            line=5,
            fixed=None,
        ),
    )
    good = (
        # Fixed, tiny list: linear overall (the containers rules cover constants).
        "def f(xs):\n    allowed = ['a', 'b']\n    return [x for x in xs if x in allowed]\n",
        # A loop over a fixed tuple of names: constant work.
        "def f(xs):\n    xs = list(xs)\n    for key in ('a', 'b'):\n        if key in xs:\n"
        "            return key\n",
        # Fixed collections: the split of a literal, a module constant (stdlib).
        "def f():\n    choices = '1 2 3 4'.split()\n    while True:\n        c = input()\n"
        "        if c not in choices:\n            continue\n",
        "EXCLUDED = NAMES + ['_marker']\ndef f(cls):\n    return [a for a in dir(cls) if a not in EXCLUDED]\n",
        # Not in a loop.
        "def f(x, ys):\n    ys = list(ys)\n    return x in ys\n",
        # Rebuilt on every iteration.
        "def f(rows):\n    for row in rows:\n        cols = list(row)\n        if 'id' in cols:\n"
        "            yield row\n",
        # Not provably a list: a parameter, an attribute, a name suffix.
        "def f(xs, ys_list):\n    return [x for x in xs if x in ys_list]\n",
        "def f(self, xs):\n    return [x for x in xs if x in self.items]\n",
        # A set already.
        "def f(xs):\n    seen = set()\n    for x in xs:\n        if x not in seen:\n"
        "            seen.add(x)\n",
        # A string, not a list.
        "def f(text, chars):\n    vowels = ''.join(chars)\n"
        "    return [c for c in text if c in vowels]\n",
        # The loop is the iterable's evaluation, not a repeated test.
        "def f(ys):\n    ys = list(ys)\n    return [y for y in ys if ys]\n",
        # The fallback for unhashable values (more-itertools' unique_everseen).
        "def f(items):\n    seen_set = set()\n    seen_list = []\n    for x in items:\n"
        "        try:\n            if x not in seen_set:\n                seen_set.add(x)\n"
        "        except TypeError:\n            if x not in seen_list:\n"
        "                seen_list.append(x)\n",
    )

    def visit_ComparisonTarget(self, node: cst.ComparisonTarget) -> None:
        if not isinstance(node.operator, (cst.In, cst.NotIn)):
            return
        operand = node.comparator
        if not isinstance(operand, cst.Name):
            return
        loops = self.ctx.growing_loops(node)
        if not loops or self.ctx.proven_type(operand) != "list":
            return
        if _after_a_type_error(self.ctx.path_to(node)):
            return  # the fallback for unhashable values: a set cannot hold them
        scope = self.ctx.binding_scope(operand.value, node)
        if scope is None:
            return
        name = operand.value
        uses = self.ctx.uses(name, scope.node)
        loop = loops[0].node
        in_loop = [u for u in uses if any(a is loop for a in u.ancestors)]
        if any(u.is_store() for u in in_loop):
            return  # a new list each iteration
        if not grows_with_data(scope.node, scope.bindings[name], uses):
            return
        message = (
            f"`{'not in' if isinstance(node.operator, cst.NotIn) else 'in'} {name}` scans the "
            f"list on every iteration (O(n) per test, O(n²) overall); use a set"
        )
        self.report(node, message, self._fix(node, operand, scope.node, uses, in_loop, loop))

    def _fix(self, node, operand, scope_node, uses, in_loop, loop) -> FixPlan | None:  # type: ignore[no-untyped-def]
        name = operand.value
        if appears_in_nested_definition(name, scope_node):
            return None
        if not self.ctx.refers_to("set", "builtins.set", node):
            return None
        if _only_tested_and_appended(uses):
            replacements: list[tuple[cst.CSTNode, Replacement]] = []
            for use in uses:
                if use.method() == "append":
                    replacements.append((use.ancestors[-1].attr, cst.Name("add")))
                elif use.is_store():
                    replacements.append((use.ancestors[-2].value, "set()"))
            return FixPlan(f"Make `{name}` a set", replacements=replacements)
        if any(u.mutates() for u in in_loop):
            return None
        statement = self.ctx.statement_of(loop)
        set_name = f"{name}_set"
        if statement is None or not self.ctx.is_unbound(set_name, node):
            return None
        return FixPlan(
            f"Build `{set_name} = set({name})` before the loop",
            replacements=[(operand, set_name)],
            lines_before=[(statement, f"{set_name} = set({name})")],
        )


def _after_a_type_error(path: list[cst.CSTNode]) -> bool:
    """Inside `except TypeError:` (or a bare `except:`)."""
    for node in path:
        if isinstance(node, cst.ExceptHandler):
            caught = node.type
            if caught is None:
                return True
            names = caught.elements if isinstance(caught, cst.Tuple) else [caught]
            for name in names:
                value = name.value if isinstance(name, cst.Element) else name
                if isinstance(value, cst.Name) and value.value == "TypeError":
                    return True
    return False


def _only_tested_and_appended(uses: list[Use]) -> bool:
    """Every use is `x in name`, a statement `name.append(x)`, or the one
    binding `name = []`."""
    stores = 0
    for use in uses:
        if use.is_membership_operand():
            continue
        if use.method() == "append" and _is_statement_call(use):
            continue
        if use.is_store() and _is_empty_list_assignment(use):
            stores += 1
            continue
        return False
    return stores == 1


def _is_statement_call(use: Use) -> bool:
    return len(use.ancestors) >= 3 and isinstance(use.ancestors[-3], cst.Expr)


def _is_empty_list_assignment(use: Use) -> bool:
    if len(use.ancestors) < 2:
        return False
    target, assign = use.ancestors[-1], use.ancestors[-2]
    return (
        isinstance(target, cst.AssignTarget)
        and isinstance(assign, cst.Assign)
        and len(assign.targets) == 1
        and isinstance(assign.value, cst.List)
        and not assign.value.elements
    )
