import libcst as cst

from perflint.analysis.scopes import target_names
from perflint.analysis.usage import MUTATING_METHODS
from perflint.prepass import Needs
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
    Only a comparison that picks the partner whose item the body then uses is
    a join: equality used to skip (`if u == v: continue`) or the diagonal of
    an all-pairs walk, an `if` with an `else`, inner loops doing other work
    for every pair, arithmetic filters (`i % 2 == j % 2`), unhashable keys,
    and inner collections that change with the outer loop (a walk down a
    tree, `self.entries.append(...)` in the outer loop) are not reported, nor
    a body that reassigns the partner's key (`e.key = new`).

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
    impact = "super-linear"
    needs = Needs(screens=frozenset({"equality-in-nested-loops"}))
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
        # Equality that skips the diagonal of an all-pairs walk.
        "def f(nodes):\n    for u in nodes:\n        for v in nodes:\n            if u == v:\n"
        "                continue\n            link(u, v)\n",
        "def f(nodes, edges):\n    for u in nodes:\n        for v in edges:\n"
        "            if u.id == v.src: continue\n            link(u, v)\n",
        # Negated equality: a filter that keeps almost every pair.
        "def f(xs, ys):\n    for x in xs:\n        for y in ys:\n            if not x.k == y.k:\n"
        "                print(x, y)\n",
        # All pairs are wanted: an else branch, or work for every pair.
        "def f(xs, ys):\n    same = diff = 0\n    for x in xs:\n        for y in ys:\n"
        "            if x.k == y.k:\n                same += y.w\n            else:\n"
        "                diff += 1\n",
        "def f(xs, ys):\n    for x in xs:\n        for y in ys:\n            d = dist(x, y)\n"
        "            if x.k == y.k:\n                keep(y, d)\n",
        # The same collection, items compared whole: the diagonal.
        "def f(items):\n    return [(a, b) for a in items for b in items if a == b]\n",
        # Arithmetic filters over two collections: no key to index by.
        "def f(xs, ys):\n    for i in xs:\n        for j in ys:\n            if i % 2 == j % 2:\n"
        "                yield i, j\n",
        "def f(n, m):\n    for i in range(n):\n        for j in m:\n            if i == j.k:\n"
        "                yield j\n",
        # A walk down a tree: the inner collection changes with every outer step.
        "def f(root, path):\n    state = root\n    for key in path:\n"
        "        for part, nxt in state.children:\n            if part == key:\n"
        "                state = nxt\n                break\n    return state\n",
        # The inner collection is changed in place as the outer loop goes (matched
        # items are blanked out): it is not the same collection on every pass.
        "def f(s, t):\n    NULL = object()\n    for elem in s:\n        n = 0\n"
        "        for j, other in enumerate(t):\n            if other == elem:\n"
        "                n += 1\n                t[j] = NULL\n        yield elem, n\n",
        # The matching item is never used (only the outer one is).
        "def f(orders, users):\n    for o in orders:\n        for u in users:\n"
        "            if u.id == o.uid:\n                return True\n",
        # The partner's key is reassigned, and the collection grows as the
        # outer loop goes (paramiko's HostKeys.__setitem__).
        "class H:\n    def set(self, host, entry):\n        for kind in entry.keys():\n"
        "            found = False\n            for e in self.entries:\n"
        "                if e.key.name == kind:\n                    e.key = entry[kind]\n"
        "                    found = True\n            if not found:\n"
        "                self.entries.append(make(host, entry[kind]))\n",
        "def f(entries, updates):\n    for kind in updates:\n        for e in entries:\n"
        "            if e.key.name == kind:\n                e.key = updates[kind]\n",
        # Unhashable keys (lists built per item).
        "def f(xs, ys):\n    for x in xs:\n        for y in ys:\n"
        "            if list(y.parts) == x.parts:\n                yield y\n",
    )

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, cst.Equal):
            return
        selection = self._selection(node)
        if selection is None:
            return  # an assert, a computed value, a negation or a skip, not a filter
        pair = self._two_loops(node)
        if pair is None:
            return
        (inner_names, inner_iter, inner_body), (outer_names, outer_iter) = pair
        left, right = node.left, node.comparisons[0].comparator
        for inner_key, outer_key in ((left, right), (right, left)):
            inner_side, outer_side = _names_in(inner_key), _names_in(outer_key)
            if not (
                inner_side & inner_names
                and not inner_side & outer_names
                and outer_side & outer_names
                and not outer_side & inner_names
            ):
                continue
            if not _can_be_key(inner_key) or not _can_be_key(outer_key):
                return  # arithmetic filters or unhashable keys: no dict can index them
            module = self.ctx.module
            if module.code_for_node(inner_iter) == module.code_for_node(outer_iter) and (
                isinstance(inner_key, cst.Name) or isinstance(outer_key, cst.Name)
            ):
                return  # `u == v` over the same collection: the diagonal
            if not _uses_partner(selection, inner_names, inner_body):
                return  # the matching item itself is never used
            if _rekeys(inner_body, inner_key, inner_names):
                return  # `e.key = new`: the loop changes the key a dict would be built on
            inner_code = module.code_for_node(inner_iter)
            self.report(
                node,
                f"nested-loop join on `{module.code_for_node(node)}` compares every pair "
                f"(O(n·m)); index `{inner_code}` by `{module.code_for_node(inner_key)}` in a dict "
                f"before the outer loop",
            )
            return

    def _selection(self, node: cst.Comparison) -> cst.CSTNode | None:
        """The `if` or comprehension filter that the comparison selects with
        (possibly among other `and` conditions), when it selects items to use
        rather than to skip."""
        path = self.ctx.path_to(node)
        for parent, child in zip(reversed(path[:-1]), reversed(path[1:]), strict=True):
            if isinstance(parent, cst.If):
                if child is not parent.test or _skips(parent):
                    return None
                return parent
            if isinstance(parent, cst.CompIf):
                return parent if child is parent.test else None
            if not (
                isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.And)
            ):
                return None  # `not a == b`, `a == b or c`: not picking partners
        return None

    def _two_loops(
        self, node: cst.CSTNode
    ) -> (
        tuple[
            tuple[set[str], cst.BaseExpression, cst.CSTNode | None],
            tuple[set[str], cst.BaseExpression],
        ]
        | None
    ):
        """((inner loop's names, inner iterable, inner body), (outer loop's names,
        outer iterable)), for a comparison directly repeated by two loops over
        independent collections; a comprehension is its own inner body."""
        for loop in self.ctx.growing_loops(node)[:1]:
            inner_body: cst.CSTNode | None = None
            if isinstance(loop.node, cst.For):
                outer_loops = self.ctx.growing_loops(loop.node)
                if not outer_loops or not isinstance(outer_loops[0].node, cst.For):
                    return None
                outer = outer_loops[0].node
                inner_iter: cst.BaseExpression = loop.node.iter
                outer_iter: cst.BaseExpression = outer.iter
                inner_body = loop.node.body
                inner_names = set(loop.targets) | _stored_in(loop.node.body)
                changing = (
                    set(outer_loops[0].targets) | _stored_in(outer.body) | _mutated_in(outer.body)
                )
                outer_names = changing - inner_names
            else:
                comp_for = getattr(loop.node, "for_in", None)
                if not isinstance(comp_for, cst.CompFor):
                    return None
                inner = comp_for.inner_for_in
                if inner is None or inner.inner_for_in is not None:
                    return None
                inner_iter, outer_iter = inner.iter, comp_for.iter
                inner_body = loop.node
                outer_names = changing = {n.value for n in target_names(comp_for.target)}
                inner_names = {n.value for n in target_names(inner.target)}
            if _names_in(inner_iter) & changing:
                return None  # the inner collection changes with the outer loop
            if isinstance(loop.node, cst.For) and self.ctx.module.code_for_node(
                inner_iter
            ) in _grown_attributes(outer, self.ctx.module):
                return None  # `self.entries.append(...)` as the outer loop goes
            if _is_range(inner_iter) or _is_range(outer_iter):
                return None  # index arithmetic (windows, dynamic programming), not a join
            return (inner_names, inner_iter, inner_body), (outer_names, outer_iter)
        return None


def _skips(statement: cst.If) -> bool:
    """`if a == b: continue` (or `pass`): the match is skipped, not used."""
    body = getattr(statement.body, "body", ())
    smalls = [
        small
        for line in body
        for small in (line.body if isinstance(line, cst.SimpleStatementLine) else [line])
    ]
    if isinstance(statement.body, cst.SimpleStatementSuite):
        smalls = list(statement.body.body)
    return all(isinstance(s, (cst.Continue, cst.Pass)) for s in smalls)


def _can_be_key(expr: cst.BaseExpression) -> bool:
    """A dict key could be built from expr: not arithmetic (`i % 2`), not a
    visibly unhashable value (a list, dict or set display or call)."""
    if isinstance(expr, (cst.BinaryOperation, cst.UnaryOperation)):
        return False
    if isinstance(expr, (cst.List, cst.Dict, cst.Set, cst.ListComp, cst.DictComp, cst.SetComp)):
        return False
    return not (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Name)
        and expr.func.value in ("list", "dict", "set")
    )


def _uses_partner(
    selection: cst.CSTNode, inner_names: set[str], inner_body: cst.CSTNode | None
) -> bool:
    """The selected code uses the inner loop's item, and the inner loop does
    nothing else for every pair (other statements there mean all pairs are
    wanted: distances, counts, an `else` branch)."""
    if isinstance(selection, cst.If):
        if selection.orelse is not None:
            return False
        statements = getattr(inner_body, "body", ())
        if any(s is not selection and not _is_skip_guard(s) for s in statements):
            return False
        return bool(_names_in(selection.body) & inner_names)
    parts = [getattr(inner_body, f, None) for f in ("elt", "key", "value")]
    return any(_names_in(part) & inner_names for part in parts if part is not None)


def _is_skip_guard(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.If) and statement.orelse is None and _skips(statement)


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


def _grown_attributes(block: cst.CSTNode, module: cst.Module) -> set[str]:
    """Code of attributes changed in place in block (`self.entries.append(x)`)."""
    return {
        module.code_for_node(node.func.value)
        for node in iter_subtree(block)
        if isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in MUTATING_METHODS
        and isinstance(node.func.value, cst.Attribute)
    }


def _rekeys(body: cst.CSTNode | None, key: cst.BaseExpression, names: set[str]) -> bool:
    """The body assigns an attribute of a partner that its key reads."""
    read = {n.attr.value for n in iter_subtree(key) if isinstance(n, cst.Attribute)}
    for node in iter_subtree(body) if body is not None else ():
        if isinstance(node, cst.AssignTarget) and isinstance(node.target, cst.Attribute):
            owner = node.target.value
            if (
                isinstance(owner, cst.Name)
                and owner.value in names
                and node.target.attr.value in read
            ):
                return True
    return False


def _mutated_in(block: cst.CSTNode) -> set[str]:
    """Names of collections changed in place anywhere in block: `t[j] = x`,
    `del t[j]`, `t.append(x)`, `t.remove(x)`..."""
    changed: set[str] = set()
    for node in iter_subtree(block):
        targets: list[cst.BaseExpression] = []
        if isinstance(node, cst.AssignTarget):
            targets = [node.target]
        elif isinstance(node, (cst.AugAssign, cst.Del)):
            targets = [node.target]
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            if node.func.attr.value in MUTATING_METHODS and isinstance(node.func.value, cst.Name):
                changed.add(node.func.value.value)
        for target in targets:
            for part in iter_subtree(target):
                if isinstance(part, cst.Subscript) and isinstance(part.value, cst.Name):
                    changed.add(part.value.value)
    return changed


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
