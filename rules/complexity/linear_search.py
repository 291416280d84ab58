import libcst as cst

from perflint.analysis.paths import Loop
from perflint.analysis.shapes import holds_unhashable, removes_front, visibly_unhashable
from perflint.analysis.usage import MUTATING_METHODS, uses_of
from perflint.prepass import Needs
from perflint.rule import Bad, Rule

# Types whose index/count search linearly; remove needs a list (set.remove is O(1)).
_SEQUENCES = {"list", "tuple", "str", "bytes", "bytearray", "deque"}
_ADVICE = {
    "index": "build a dict from value to position once, before the loop",
    "count": "count everything once with `collections.Counter(...)` before the loop",
    "remove": "build the result in one pass (a comprehension filter), or use a set",
}


class LinearSearchInLoop(Rule):
    """
    ## What it does
    Flags `items.index(x)`, `items.count(x)` and `items.remove(x)` inside a
    loop when `items` is the same sequence on every iteration (bound outside
    the loop) and provably a list (for `remove`: `set.remove` is O(1)), or for
    `index` and `count` a list, tuple, str, bytes or deque, which all search
    linearly. An object of unknown type is not reported: it may have an
    `index` method of its own (the stdlib's pydoc has one). A call that runs
    only for items carrying a marker (`if line.startswith("SSH-")`, `if item ==
    "end"`) is not reported: it runs for a few items, not for every one.
    Nor is `index` or `count` when the source shows the items are dicts,
    lists or sets: no dict or Counter can be built from them.

    ## Why is this slow
    Each call scans the sequence from the start (and `remove` then shifts the
    rest of the list): O(n) per call, O(n²) for a loop over n items.

    ## Example
    ```python
    for name in wanted:
        rows.append(names.index(name))
    ```

    ## Use instead
    ```python
    position = {name: i for i, name in reversed(list(enumerate(names)))}
    for name in wanted:
        rows.append(position[name])
    ```
    For `count`, count once with `collections.Counter(names)`; for `remove` in
    a loop, build the list you want in one pass.

    ## Fix safety
    No fix: the right replacement (first or last position, what to do with
    missing values, in-place or new list) depends on the code around it.

    ## Measured
    `make bench-rules` (benchmarks/rules/linear_search.py), CPython 3.11, n =
    10,000: `index` in a loop 886 ms vs 3.0 ms with a dict (298x); `count` per
    item 1,913 ms vs 1.6 ms with `Counter` (1,192x); `remove` in a loop 1,215
    ms vs 4.7 ms for one filtering pass (257x). For 10x more data the searches
    cost 49-99x more, the linear versions 12-19x.
    """

    code = "PFL104"
    name = "linear-search-in-loop"
    category = "complexity"
    impact = "super-linear"
    needs = Needs(loop_calls=frozenset(_ADVICE))
    summary = "`.index()`, `.count()`, `.remove()` on the same sequence in a loop are O(n) each"

    bad = (
        Bad(
            '''def ranks(players, leaderboard: list[str]):
    """1-based rank of each player."""
    result = {}
    for player in players:
        # leaderboard is sorted best first
        result[player] = leaderboard.index(player) + 1
    return result
''',
            line=6,
        ),
        Bad(
            "def histogram(text):\n    words = text.split()\n"
            "    return {w: words.count(w) for w in set(words)}\n",
            line=3,
        ),
        Bad(
            "def drop(source, unwanted):\n    items = list(source)\n    for u in unwanted:\n"
            "        items.remove(u)\n    return items\n",
            line=4,
        ),
        Bad(
            "def purge(source, bad):\n    values = list(source)\n    while bad in values:\n"
            "        values.remove(bad)\n    return values\n",
            line=4,
        ),
        # The loop iterates the very sequence it searches: quadratic whatever its type.
        Bad(
            "def histogram(words):\n    return {w: words.count(w) for w in words}\n",
            line=2,
        ),
        Bad(
            "def firsts(items):\n    out = []\n    for x in items:\n"
            "        out.append(items.index(x))\n    return out\n",
            line=4,
        ),
        # An attribute that every assignment in the module makes a growing list.
        Bad(
            "class Board:\n    def __init__(self):\n        self.names = []\n"
            "    def add(self, name):\n        self.names.append(name)\n"
            "    def ranks(self, players):\n"
            "        return [self.names.index(p) for p in players]\n",
            line=7,
        ),
        Bad(
            "def columns(header, names):\n    cols = header.split(',')\n"
            "    return [cols.index(n) for n in names]\n",
            line=3,
        ),
    )
    good = (
        # Guarded by what it sets: the search runs once per call, not per item.
        "def split(tags, wanted):\n    pos = None\n    rest = []\n    for tag in tags:\n"
        "        if tag in wanted:\n            if pos is None:\n                pos = tags.index(tag)\n"
        "        else:\n            rest.append(tag)\n    return pos, rest\n",
        # Removes from the very list it walks (which then skips the next item).
        "def tree(certs, roots):\n    todo = list(roots)\n    left = list(certs)\n    while todo:\n"
        "        parent = todo.pop()\n        for c in left:\n            if c.issuer == parent:\n"
        "                left.remove(c)\n                todo.append(c)\n",
        # The loop walks another collection of unknown type.
        "def f(words, probes):\n    return [words.count(p) for p in probes]\n",
        # Attributes not proven sequences: unknown class, rebound elsewhere.
        "def f(state, xs):\n    for x in xs:\n        state.items.index(x)\n",
        "class C:\n    def __init__(self):\n        self.items = []\n    def load(self, d):\n"
        "        self.items = d\n    def find(self, xs):\n        for x in xs:\n"
        "            self.items.index(x)\n",
        # Each search resumes where the last one stopped: linear overall (more-itertools).
        "def f(pool, element):\n    pool = list(pool)\n    i = 0\n    for e in element:\n"
        "        i = pool.index(e, i)\n    return i\n",
        # A short string literal (boltons' file modes).
        "def f(value):\n    key = 'xwr'\n    mode = 0\n    for symbol in value:\n"
        "        mode |= 2 ** key.index(symbol)\n    return mode\n",
        # The receiver changes on every iteration: linear overall.
        "def f(lines):\n    return [line.count(',') for line in lines]\n",
        "def f(rows):\n    for row in rows:\n        i = row.index('x')\n",
        # The loop edits the list: positions move, so no table built once helps.
        "def f(source, picks):\n    pool = list(source)\n    out = []\n    for p in picks:\n"
        "        out.append(pool.pop(pool.index(p)))\n    return out\n",
        # Removals in a loop that also reads positions: an order-dependent edit.
        "def f(names, wanted):\n    existing = sorted(names)\n    for q in wanted:\n"
        "        if q in existing:\n            i = existing.index(q) + 1\n"
        "            while i < len(existing) and existing[i].startswith(q):\n                i += 1\n"
        "            existing.remove(q)\n    return existing\n",
        # A front removal shifts, it does not search (PFL103 reports it).
        "def f(source):\n    items = list(source)\n    while items:\n"
        "        items.remove(items[0])\n",
        # Rebuilt in the loop.
        "def f(groups, x):\n    for g in groups:\n        items = list(g)\n"
        "        items.remove(x)\n",
        # Unknown type: an `index` method of its own (from the stdlib's pydoc.py).
        "html = HTMLDoc()\ndef f(paths, seen):\n    for p in paths:\n        html.index(p, seen)\n",
        # remove on something not provably a list (sets remove in O(1)).
        "def f(pending, done):\n    for d in done:\n        pending.remove(d)\n",
        "def f(xs, done):\n    pending = set(xs)\n    for d in done:\n        pending.remove(d)\n",
        # A fixed sequence: searching it costs a constant factor.
        "ORDER = ['low', 'mid', 'high']\ndef f(levels):\n    return [ORDER.index(v) for v in levels]\n",
        # Not in a loop.
        "def f(items, x):\n    return items.index(x)\n",
        # Provably a dict or set: not a linear search.
        "def f(keys):\n    seen = {}\n    for k in keys:\n        seen.count(k)\n",
        # A loop of fixed length.
        "def f(s):\n    return [s.count(c) for c in 'aeiou']\n",
        # A loop over three fixed names (one more appended after the loop).
        "def f(registry):\n    parsers = ['html', 'xml', 'lxml']\n    for name in parsers:\n"
        "        if name not in registry:\n            parsers.remove(name)\n"
        "    if 'lxml' in parsers:\n        parsers.append('lxml-xml')\n    return parsers\n",
        # Dicts: no dict from value to position can be built from them.
        "def f(origs):\n    locations = [{k: v for k, v in o.items() if v} for o in origs]\n"
        "    return [locations.index(x) for x in origs]\n",
        "class M:\n    def __init__(self, locs):\n        self.locations = list(locs)\n"
        "    def remap(self, origs):\n"
        "        locations = [{k: v for k, v in o.items() if v} for o in origs]\n"
        "        return [self.locations.index(x) for x in locations]\n",
        # Only for the line carrying a marker: once, not on every iteration.
        "def f(buf):\n    lines = buf.split(b'\\n')\n    for p in lines:\n"
        "        if p.startswith(b'SSH-'):\n            i = lines.index(p)\n"
        "            rest = lines[i + 1:]\n    return rest\n",
        # A random pick needs a sequence: neither a set nor one filtering pass replaces it.
        "import random\ndef f(root, n):\n    leaves = [root]\n    while len(leaves) < n:\n"
        "        node = random.choice(leaves)\n        leaves.remove(node)\n"
        "        leaves.extend(node.split())\n    return leaves\n",
        # Found, then the function returns: one search per call, not one per item.
        "def f(templates, wanted):\n    templates = list(templates)\n    for t in templates:\n"
        "        if t.id == wanted:\n            return templates.index(t)\n"
        "    raise ValueError(wanted)\n",
        # Other argument shapes: str.count(sub, start), list.index with no argument.
        "def f(items, xs):\n    for x in xs:\n        items.count()\n",
    )

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (
            isinstance(func, cst.Attribute) and isinstance(func.value, (cst.Name, cst.Attribute))
        ):
            return
        method = func.attr.value
        if (
            method not in _ADVICE
            or not node.args
            or len(node.args) > (3 if method == "index" else 1)
        ):
            return
        if any(arg.keyword or arg.star for arg in node.args):
            return
        if method == "index" and len(node.args) > 1:
            return  # `i = pool.index(e, i)`: each search resumes where the last stopped
        loops = self.ctx.growing_loops(node)
        if not loops:
            return
        receiver = func.value
        if isinstance(receiver, cst.Attribute):
            if method == "remove" or not self._unhashable_search(node, loops):
                self._check_attribute(node, receiver, method)
            return
        kind = self.ctx.proven_type(receiver)
        if kind is None and method != "remove" and _iterates(loops[0].node, receiver.value):
            kind = "list"  # `for w in words: words.count(w)`: quadratic whatever the type
        if (method == "remove" and kind != "list") or kind not in _SEQUENCES:
            return
        if method == "remove" and removes_front(node, receiver.value):
            return  # a front removal, which shifts rather than searches (PFL103)
        if method == "remove" and _iterates(loops[0].node, receiver.value):
            return  # removing from the list the loop walks skips the next item: a rewrite changes that
        if method == "remove" and self._positions_used(receiver.value, loops[0].node):
            return  # an order-dependent edit: neither one filtering pass nor a set replaces it
        if method == "remove" and _passed_on(receiver.value, loops[0].node):
            return  # handed to other code (`random.choice(pool)`), which may need a sequence
        if method != "remove" and self._changed_in(receiver.value, loops[0].node):
            return  # positions and counts move as the loop edits it: no table built once helps
        if receiver.value in loops[0].targets or self._bound_in(receiver.value, loops[0].node):
            return  # a different sequence on every iteration
        if not self.ctx.grows_with_data(receiver):
            return  # a fixed, small sequence
        if _marker_guarded(self.ctx.path_to(node), loops[0]):
            return  # `if line.startswith("SSH-")`: runs for the few marked items only
        if method != "remove" and self._unhashable_search(node, loops):
            return  # dicts or lists: no dict or Counter built once can answer
        self.report(
            node,
            f"`{receiver.value}.{method}()` searches the whole sequence on every iteration "
            f"(quadratic as it grows); {_ADVICE[method]}",
        )

    def _check_attribute(self, node: cst.Call, receiver: cst.Attribute, method: str) -> None:
        """`self.items.index(x)`: every assignment of `.items` in the module gives a
        list (or another sequence) that grows."""
        if not isinstance(receiver.value, cst.Name):
            return
        if method == "remove":
            return  # whether an attribute's removals are frequent is not visible here
        kind = self.ctx.attribute_type(receiver)
        if kind not in _SEQUENCES:
            return
        if not self.ctx.attribute_grows(receiver):
            return
        spelled = f"{receiver.value.value}.{receiver.attr.value}"
        self.report(
            node,
            f"`{spelled}.{method}()` searches the whole sequence on every iteration "
            f"(quadratic as it grows); {_ADVICE[method]}",
        )

    def _unhashable_search(self, node: cst.Call, loops: list[Loop]) -> bool:
        """The source shows the items searched for, or the sequence's own
        items, cannot be hashed (`locations.index(loc)` over dicts)."""
        scope_nodes = self.ctx.scope_nodes(node)
        types = self.ctx.types
        value = node.args[0].value
        if visibly_unhashable(value, types, scope_nodes):
            return True
        names = [node.func.value]  # type: ignore[attr-defined]
        for loop in loops:
            iterable = getattr(loop.node, "iter", None) or getattr(
                getattr(loop.node, "for_in", None), "iter", None
            )
            if isinstance(value, cst.Name) and value.value in loop.targets:
                names.append(iterable)
        for name in names:
            if not isinstance(name, cst.Name):
                continue
            scope = self.ctx.binding_scope(name.value, node)
            if scope is not None and holds_unhashable(
                scope.bindings[name.value],
                self.ctx.uses(name.value, scope.node),
                types,
                scope_nodes,
            ):
                return True
        return False

    def _positions_used(self, name: str, loop: cst.CSTNode) -> bool:
        """The loop also reads the sequence by position (`xs[i]`, `xs.index(x)`)."""
        for use in uses_of(name, loop):
            parent = use.parent
            if isinstance(parent, cst.Subscript) and parent.value is use.name:
                return True
            if use.method() == "index":
                return True
        return False

    def _changed_in(self, name: str, loop: cst.CSTNode) -> bool:
        """The loop edits the sequence: a mutating method, an item assignment or deletion."""
        for use in uses_of(name, loop):
            if use.method() in MUTATING_METHODS:
                return True
            if use.mutates() and not isinstance(use.parent, cst.Arg):
                return True
        return False

    def _bound_in(self, name: str, loop: cst.CSTNode) -> bool:
        return any(use.is_store() for use in uses_of(name, loop))


# Builtins that only read what they are given: a set would serve them as well.
_READING_BUILTINS = frozenset({"len", "sorted", "set", "list", "tuple", "any", "all", "min", "max"})


def _passed_on(name: str, loop: cst.CSTNode) -> bool:
    """The loop passes the list itself to a call other than a reading builtin."""
    for use in uses_of(name, loop):
        if not (isinstance(use.parent, cst.Arg) and use.parent.value is use.name):
            continue
        call = use.ancestors[-2] if len(use.ancestors) > 1 else None
        func = call.func if isinstance(call, cst.Call) else None
        if not (isinstance(func, cst.Name) and func.value in _READING_BUILTINS):
            return True
    return False


def _marker_guarded(path: list[cst.CSTNode], loop: Loop) -> bool:
    """The call sits under `if item == "literal"` or `if item.startswith(b"...")`,
    item being the loop's target: it runs only for the items carrying that marker."""
    inside = path[next(i for i, n in enumerate(path) if n is loop.node) + 1 :]
    for node in inside:
        test = node.test if isinstance(node, cst.If) else None
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            operator = test.comparisons[0].operator
            other = test.comparisons[0].comparator
            if (
                isinstance(operator, cst.Equal)
                and _is_target(test.left, loop)
                and isinstance(other, (cst.SimpleString, cst.ConcatenatedString))
            ):
                return True
        if (
            isinstance(test, cst.Call)
            and isinstance(test.func, cst.Attribute)
            and test.func.attr.value in ("startswith", "endswith")
            and _is_target(test.func.value, loop)
            and test.args
            and isinstance(test.args[0].value, (cst.SimpleString, cst.ConcatenatedString))
        ):
            return True
    return False


def _is_target(expr: cst.BaseExpression, loop: Loop) -> bool:
    return isinstance(expr, cst.Name) and expr.value in loop.targets


def _iterates(loop: cst.CSTNode, name: str) -> bool:
    """The loop walks the very sequence `name` (`for w in words`, `... for w in words`)."""
    iterable = getattr(loop, "iter", None)
    comp_for = getattr(loop, "for_in", None)
    if iterable is None and isinstance(comp_for, cst.CompFor):
        iterable = comp_for.iter
    return isinstance(iterable, cst.Name) and iterable.value == name
