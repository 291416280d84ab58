import libcst as cst

from perflint.analysis.fresh import is_free
from perflint.analysis.names import binding_scope
from perflint.analysis.shapes import holds_unhashable
from perflint.analysis.usage import (
    Use,
    appears_in_nested_definition,
    grows_with_data,
    is_fixed_value,
)
from perflint.diagnostics import UNSAFE
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Replacement, Rule
from perflint.tree import iter_subtree


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
    otherwise builds a set before the outermost loop that does not change the
    list (once, never again on each pass of a loop around), and replaces every
    test of the list in that loop. No finding and no fix when the source shows
    unhashable items put into the list or tested against it (sets, lists,
    dicts, `set(...)`, comprehensions).

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
    impact = "super-linear"
    needs = Needs(screens=frozenset({"membership-of-name"}))
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
        # Two tests of one list: both use the set, built once before the outer
        # loop (the list does not change in either loop).
        Bad(
            """def pairs(rows, allowed):
    names = list(allowed)
    out = []
    for row in rows:
        for a, b in row:
            if a in names and b in names:
                out.append((a, b))
    return out
""",
            line=6,
            fixed="""def pairs(rows, allowed):
    names = list(allowed)
    out = []
    names_set = set(names)
    for row in rows:
        for a, b in row:
            if a in names_set and b in names_set:
                out.append((a, b))
    return out
""",
            calls=(("pairs", ([[("a", "b"), ("a", "c")], [("b", "b")]], "ab")),),
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
        # Built again on each pass of the outer loop, only read in the inner one:
        # a set pays only when the inner loop is long, which nothing here shows.
        "def matches(groups, probes):\n    found = 0\n    for group in groups:\n"
        "        members = list(group)\n        for p in probes:\n            if p in members:\n"
        "                found += 1\n    return found\n",
        "import os\n\n\ndef walk(path, ignored):\n    out = []\n    for root, dirs, _ in os.walk(path):\n"
        "        names = [os.path.normcase(d) for d in dirs]\n        for i in ignored:\n"
        "            if i in names:\n                dirs.remove(i)\n        out.extend(dirs)\n    return out\n",
        # Lists (from `.tolist()`) and NumPy arrays inside tuples: a set cannot hold them.
        "import numpy as np\ndef f(pool, n, k):\n    picked = []\n    for i in range(n):\n"
        "        sample = np.sort(np.random.choice(pool, k)).tolist()\n"
        "        if sample in picked:\n            continue\n        picked.append(sample)\n"
        "    return picked\n",
        "import numpy as np\nfrom itertools import combinations\ndef f(numbers, size):\n"
        "    found = []\n    for i, combo in enumerate(combinations(numbers, size)):\n"
        "        found.append((i, np.sort(combo)))\n    for sample in numbers:\n"
        "        if (0, sample) in found:\n            print(sample)\n    return found\n",
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
        # Items are only added under a test against a small fixed collection: the
        # list never holds more than that collection (stdlib email's part walk).
        "class M:\n    _kinds = {('text', 'plain'), ('text', 'html')}\n    def walk(self, parts):\n"
        "        seen = []\n        for part in parts:\n            major, minor = part.split('/')\n"
        "            if (major, minor) in self._kinds and minor not in seen:\n"
        "                seen.append(minor)\n                continue\n            yield part\n",
        "def f(words):\n    found = []\n    for w in words:\n"
        "        if w in ('if', 'else', 'for') and w not in found:\n            found.append(w)\n"
        "    return found\n",
        # Items removed in the loop: an ordered list being edited, not a lookup table.
        "def f(path):\n    parts = path.split('/')\n    while '.' in parts:\n        parts.remove('.')\n"
        "    return '/'.join(parts)\n",
        "def f(source, done):\n    queue = list(source)\n    for d in done:\n"
        "        if d in queue:\n            del queue[queue.index(d)]\n    return queue\n",
        # Unhashable items, visible in the source: a set could not hold them.
        "def f(groups):\n    seen = []\n    for g in groups:\n        s = set(g)\n"
        "        if s not in seen:\n            seen.append(s)\n    return seen\n",
        "def f(edges):\n    seen = []\n    for u, v in edges:\n        if {u, v} not in seen:\n"
        "            seen.append({u, v})\n    return seen\n",
        "def f(rows, probes):\n    known = [list(r) for r in rows]\n"
        "    return [p for p in probes if p in known]\n",
        "def f(items):\n    out = []\n    for k, v in items:\n        if [k, v] not in out:\n"
        "            out += [[k, v]]\n    return out\n",
        # The fallback for unhashable values (more-itertools' unique_everseen).
        "def f(items):\n    seen_set = set()\n    seen_list = []\n    for x in items:\n"
        "        try:\n            if x not in seen_set:\n                seen_set.add(x)\n"
        "        except TypeError:\n            if x not in seen_list:\n"
        "                seen_list.append(x)\n",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._reported: set[tuple[int, str, int]] = set()

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
        if not any(u.mutates() for u in in_loop) and self._made_per_outer_pass(node, uses, loop):
            return  # rebuilt on each pass of a loop around, only read here: one scan per pass
        if any(u.method() in _REORDERING or _deletes_items(u) for u in in_loop):
            return  # items removed or moved in the loop: its order matters, a set loses it
        if not grows_with_data(scope.node, scope.bindings[name], uses):
            return
        scope_nodes = self.ctx.scope_nodes(node)
        if self._holds_unhashable(scope.bindings[name], uses, scope_nodes):
            return  # sets, lists or dicts in the list: a set cannot hold them
        if self._grows_only_from_a_fixed_few(scope.bindings[name], uses, scope_nodes):
            return  # at most as many items as a small constant collection holds
        key = (id(scope.node), name, id(loop))
        if key in self._reported:
            return  # one finding per list and loop: its fix covers every test there
        self._reported.add(key)
        message = (
            f"`{'not in' if isinstance(node.operator, cst.NotIn) else 'in'} {name}` scans the "
            f"list on every iteration (linear per test, quadratic as `{name}` grows); use a set"
        )
        self.report(node, message, self._fix(node, operand, scope.node, uses))

    def _fix(self, node, operand, scope_node, uses) -> FixPlan | None:  # type: ignore[no-untyped-def]
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
        site = self._outermost_unchanging_loop(node, uses)
        if site is None:
            return None
        statement = self.ctx.statement_of(site)
        set_name = f"{name}_set"
        if statement is None or not is_free(self.ctx, self.ctx.scope_nodes(statement)[0], set_name):
            return None
        # Every test of the list in those loops, so none is left scanning it.
        tests = [
            u.name
            for u in uses
            if u.is_membership_operand() and any(a is site for a in u.ancestors)
        ]
        return FixPlan(
            f"Build `{set_name} = set({name})` before the loop",
            replacements=[(test, set_name) for test in tests],
            lines_before=[(statement, f"{set_name} = set({name})")],
        )

    def _made_per_outer_pass(self, node, uses, inner) -> bool:  # type: ignore[no-untyped-def]
        """A loop around the test's loop binds the list anew on each pass
        (`names = [norm(d) for d in dirs]`, then `for i in ignored: if i in
        names`): the tests per list are the inner loop's items, not the list's,
        and a set would have to be built as often as the list."""
        outer = [lp.node for lp in self.ctx.loops(node) if lp.node is not inner]
        return any(
            u.is_store() and any(a is loop for a in u.ancestors for loop in outer) for u in uses
        )

    def _outermost_unchanging_loop(self, node, uses) -> cst.CSTNode | None:  # type: ignore[no-untyped-def]
        """The outermost loop around node in which the list never changes: a set
        built before it is built once, never again on each pass of a loop around."""
        site = None
        for loop in self.ctx.loops(node):
            if any(
                (u.is_store() or u.mutates()) and any(a is loop.node for a in u.ancestors)
                for u in uses
            ):
                break
            site = loop.node
        return site

    def _grows_only_from_a_fixed_few(self, bindings, uses, scope_nodes) -> bool:  # type: ignore[no-untyped-def]
        """Every item is appended under a test `... in FIXED`, FIXED a display of
        constants (or a name or class attribute bound only to one), and the list
        starts empty: it never holds more items than FIXED has."""
        if any(not (isinstance(b.value, cst.List) and not b.value.elements) for b in bindings):
            return False
        appends = [u for u in uses if u.method() in ("append", "insert", "extend")]
        if not appends or any(
            (u.mutates() or _is_augmented(u)) and u.method() not in ("append", "insert")
            for u in uses
            if not u.is_store()
        ):
            return False
        above = self.ctx.path_to(scope_nodes[0])[:-1]
        return all(self._guarded_by_fixed(u, scope_nodes, above) for u in appends)

    def _guarded_by_fixed(self, use: Use, scope_nodes, above) -> bool:  # type: ignore[no-untyped-def]
        for parent, child in zip(
            reversed(use.ancestors[:-1]), reversed(use.ancestors[1:]), strict=True
        ):
            if isinstance(parent, cst.If) and child is not parent.test:
                for test in iter_subtree(parent.test):
                    if (
                        isinstance(test, cst.ComparisonTarget)
                        and isinstance(test.operator, cst.In)
                        and self._fixed_collection(
                            test.comparator, scope_nodes, [*above, *use.ancestors]
                        )
                    ):
                        return True
            if isinstance(parent, (cst.For, cst.While)):
                return False
        return False

    def _fixed_collection(self, expr: cst.BaseExpression, scope_nodes, path) -> bool:  # type: ignore[no-untyped-def]
        """A display of a fixed number of items, or a name or class attribute
        only ever bound to one and never grown."""
        if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
            return is_fixed_value(expr)
        if isinstance(expr, cst.Name):
            scope = binding_scope(expr.value, scope_nodes, self.ctx.scopes)
            if scope is None:
                return False
            uses = self.ctx.uses(expr.value, scope.node)
            return not grows_with_data(scope.node, scope.bindings[expr.value], uses)
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
            return self.ctx.attribute_type(expr, path) is not None and not (
                self.ctx.attribute_grows(expr)
            )
        return False

    def _holds_unhashable(self, bindings, uses, scope_nodes) -> bool:  # type: ignore[no-untyped-def]
        return holds_unhashable(bindings, uses, self.ctx.types, scope_nodes)


def _is_augmented(use: Use) -> bool:
    parent = use.parent
    return isinstance(parent, cst.AugAssign) and parent.target is use.name


_REORDERING = frozenset({"remove", "pop", "insert", "sort", "reverse", "clear"})


def _deletes_items(use: Use) -> bool:
    """`del name[i]`."""
    parent = use.parent
    return (
        isinstance(parent, cst.Subscript)
        and len(use.ancestors) >= 2
        and isinstance(use.ancestors[-2], cst.Del)
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
