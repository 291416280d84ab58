import libcst as cst

from perflint.analysis.scopes import target_names
from perflint.rule import Bad, Rule
from perflint.tree import iter_subtree


class NestedLoopJoin(Rule):
    """
    ## What it does
    Flags a loop nested in another loop over an independent collection whose
    body matches items of the two by equality: `if order.user_id == user.id`.
    Loops that walk a nested structure (`for row in grid: for cell in row`)
    are not reported: there the inner collection depends on the outer item.
    Neither are inner loops over `range(...)`: index loops (windows, dynamic
    programming, difflib's matcher) compare items while doing other work.

    ## Why is this slow
    Every outer item is compared with every inner item: O(n·m) comparisons to
    find matches that a dict finds in O(1) each.

    ## Example
    ```python
    for order in orders:
        for user in users:
            if user.id == order.user_id:
                report(user, order)
    ```

    ## Use instead
    ```python
    users_by_id = {user.id: user for user in users}
    for order in orders:
        user = users_by_id.get(order.user_id)
        if user is not None:
            report(user, order)
    ```
    (group into lists with `setdefault` or `defaultdict(list)` when keys repeat).

    ## Fix safety
    No fix: whether keys are unique, and what to do with missing ones, decides
    the index to build.

    ## Measured
    `make bench-rules` (benchmarks/rules/nested_join.py), CPython 3.11: joining
    n users with n orders, n = 1,000: 40 ms vs 0.30 ms with a dict index (134x);
    n = 10,000: 4,019 ms vs 5.6 ms (714x). 10x more data costs the nested loops
    101x, the index 19x.
    """

    code = "PFL108"
    name = "nested-loop-join"
    category = "complexity"
    summary = "Matching two collections with nested loops is O(n·m); index one in a dict"

    bad = (
        Bad(
            "def f(orders, users):\n    for order in orders:\n        uid = order.user_id\n"
            "        for user in users:\n            if user.id == uid:\n                yield user\n",
            line=5,
        ),
        Bad(
            '''def attach_users(orders, users):
    """Pair each order with its user."""
    pairs = []
    for order in orders:
        for user in users:
            # ids are unique
            if user.id == order.user_id:
                pairs.append((order, user))
                break
    return pairs
''',
            line=7,
        ),
        Bad(
            "def matches(left, right):\n"
            "    return [(a, b) for a in left for b in right if a['key'] == b['key']]\n",
            line=2,
        ),
        Bad(
            "def f(xs, ys):\n    for x in xs:\n        for y in ys:\n"
            "            if x.name.lower() != 'skip' and y.owner == x.name:\n                yield x, y\n",
            line=4,
        ),
    )
    good = (
        # The inner collection is computed from the outer item (stdlib distutils).
        "def f(self, packages):\n    for package in packages:\n"
        "        modules = self.find(package)\n        for package_, module in modules:\n"
        "            if package == package_:\n                self.build(module)\n",
        # Index loops compare items while doing other work per pair (stdlib difflib).
        "def f(a, b):\n    for j in range(len(b)):\n        for i in range(len(a)):\n"
        "            if a[i] == b[j]:\n                continue\n",
        # An assert, not a filter.
        "def f(xs, ys):\n    for x in xs:\n        for y in ys:\n            assert x.k == y.k\n",
        # The key depends on the inner item through a local (stdlib modulefinder).
        "def f(names, suffixes):\n    for name in names:\n        for suff in suffixes:\n"
        "            n = len(suff)\n            if name[-n:] == suff:\n                yield name\n",
        # A 2-D walk: the inner collection comes from the outer item.
        "def f(grid, target):\n    for row in grid:\n        for cell in row:\n"
        "            if cell == target:\n                return True\n",
        # Comparing with a constant, not with the other loop's item.
        "def f(xs, ys):\n    for x in xs:\n        for y in ys:\n            if y.kind == 'a':\n"
        "                print(x, y)\n",
        # Not equality.
        "def f(xs, ys):\n    for x in xs:\n        for y in ys:\n            if y.start < x.end:\n"
        "                print(x, y)\n",
        # A loop of fixed length inside.
        "def f(xs):\n    for x in xs:\n        for k in ('a', 'b'):\n            if x.kind == k:\n"
        "                print(x)\n",
        # One loop only.
        "def f(xs, key):\n    for x in xs:\n        if x.id == key:\n            return x\n",
    )

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, cst.Equal):
            return
        if not self._selects(node):
            return  # an assert or a computed value, not a filter
        pair = self._two_loops(node)
        if pair is None:
            return
        (inner_names, inner_iter), outer_names = pair
        left = _names_in(node.left)
        right = _names_in(node.comparisons[0].comparator)
        for inner_side, outer_side in ((left, right), (right, left)):
            if (
                inner_side & inner_names
                and not inner_side & outer_names
                and outer_side & outer_names
                and not outer_side & inner_names
            ):
                module = self.ctx.module
                inner_code = module.code_for_node(inner_iter)
                key = node.left if inner_side is left else node.comparisons[0].comparator
                self.report(
                    node,
                    f"nested-loop join on `{module.code_for_node(node)}` compares every pair "
                    f"(O(n·m)); index `{inner_code}` by `{module.code_for_node(key)}` in a dict "
                    f"before the outer loop",
                )
                return

    def _selects(self, node: cst.Comparison) -> bool:
        """Whether the comparison is (part of) the test of an `if` or a
        comprehension filter."""
        path = self.ctx.path_to(node)
        for parent, child in zip(reversed(path[:-1]), reversed(path[1:]), strict=True):
            if isinstance(parent, (cst.If, cst.CompIf)):
                return child is parent.test
            if not isinstance(parent, (cst.BooleanOperation, cst.UnaryOperation)):
                return False
        return False

    def _two_loops(
        self, node: cst.CSTNode
    ) -> tuple[tuple[set[str], cst.BaseExpression], set[str]] | None:
        """((inner loop's names, inner iterable), outer loop's names), for a
        comparison directly repeated by two loops over independent collections."""
        for loop in self.ctx.growing_loops(node)[:1]:
            if isinstance(loop.node, cst.For):
                outer_loops = self.ctx.growing_loops(loop.node)
                if not outer_loops or not isinstance(outer_loops[0].node, cst.For):
                    return None
                inner_iter: cst.BaseExpression = loop.node.iter
                inner_names = set(loop.targets) | _stored_in(loop.node.body)
                outer_names = set(outer_loops[0].targets) | (
                    _stored_in(outer_loops[0].node.body) - inner_names
                )
            else:
                comp_for = getattr(loop.node, "for_in", None)
                if not isinstance(comp_for, cst.CompFor):
                    return None
                inner = comp_for.inner_for_in
                if inner is None or inner.inner_for_in is not None:
                    return None
                inner_iter = inner.iter
                outer_names = {n.value for n in target_names(comp_for.target)}
                inner_names = {n.value for n in target_names(inner.target)}
            if _names_in(inner_iter) & outer_names:
                return None  # walks a structure nested in the outer item
            if _is_range(inner_iter):
                return None  # index arithmetic (windows, dynamic programming), not a join
            return (inner_names, inner_iter), outer_names
        return None


def _is_range(expr: cst.BaseExpression) -> bool:
    return (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Name)
        and expr.func.value == "range"
    )


def _stored_in(block: cst.CSTNode) -> set[str]:
    """Names assigned anywhere in block: values that change with its loop."""
    stored: set[str] = set()
    for node in iter_subtree(block):
        if isinstance(node, cst.AssignTarget):
            stored.update(n.value for n in target_names(node.target))
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.NamedExpr)):
            stored.update(n.value for n in target_names(node.target))
        elif isinstance(node, (cst.For, cst.CompFor)):
            stored.update(n.value for n in target_names(node.target))
    return stored


def _names_in(expr: cst.CSTNode) -> set[str]:
    """Names read in expr, not counting attribute names (`a.b` reads `a`)."""
    attribute_names = {
        id(node.attr) for node in iter_subtree(expr) if isinstance(node, cst.Attribute)
    }
    return {
        node.value
        for node in iter_subtree(expr)
        if isinstance(node, cst.Name) and id(node) not in attribute_names
    }
