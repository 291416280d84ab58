from collections.abc import Sequence

import libcst as cst

from perflint.analysis.hoisting import stops_at_length
from perflint.analysis.shapes import int_literal, removes_front, sole_index
from perflint.analysis.usage import Use, appears_in_nested_definition, uses_of
from perflint.diagnostics import UNSAFE
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Replacement, Rule
from perflint.tree import iter_subtree

# Uses a deque supports with the same meaning as a list (it indexes its ends in O(1)).
_DEQUE_METHODS = {"append", "appendleft", "extend", "pop", "popleft", "clear", "remove", "count"}
_READ_CALLS = {"builtins.len", "builtins.bool", "builtins.any", "builtins.all", "builtins.sum"}


class ListFrontInLoop(Rule):
    """
    ## What it does
    Flags `items.pop(0)`, `items.insert(0, x)`, `del items[0]` and
    `items.remove(items[0])` inside a loop when `items` is provably a list: a
    list used as a queue or a stack at the wrong end. A list made afresh in
    each iteration (`parts = line.split(","); parts.pop(0)`) is not reported:
    each one is shifted a bounded number of times. Nor is a loop that leaves
    once another list reaches a length (`if len(shown) >= height: break`),
    nor one that runs once per digit (`while n: n, d = divmod(n, 10)`).

    ## Why is this slow
    A list keeps its items in one array. Removing or inserting at the front
    moves every other item by one place: O(n) per call, O(n²) for a loop that
    drains or fills the list. `collections.deque` adds and removes at both ends
    in O(1).

    ## Example
    ```python
    queue = [root]
    while queue:
        node = queue.pop(0)
        queue.extend(node.children)
    ```

    ## Use instead
    ```python
    queue = collections.deque([root])
    while queue:
        node = queue.popleft()
        queue.extend(node.children)
    ```

    ## Fix safety
    Unsafe: the fix makes the list a `deque`, and is offered only when every use
    of the name is one a deque shares with a list (`append`, `extend`, `pop()`,
    `len`, iteration, truth tests, `in`, indexing the ends). A deque is not a
    list: code elsewhere that receives it (or compares it with `==` to a list)
    could behave differently, which is why the fix is withheld when the list is
    returned, passed to a call or stored.

    ## Measured
    `make bench-rules` (benchmarks/rules/list_front.py), CPython 3.11: draining
    a queue of n = 10,000 items with `pop(0)`: 7.1 ms vs 0.46 ms with
    `popleft()` (15x); n = 100,000: 732 ms vs 6.3 ms (117x); 10x more items cost
    the list 104x, the deque 14x. Prepending with `insert(0, x)`, n = 100,000:
    1,663 ms vs 4.6 ms with `appendleft` (362x).
    """

    code = "PFL103"
    name = "list-front-in-loop"
    category = "complexity"
    impact = "super-linear"
    needs = Needs(
        loop_calls=frozenset({"pop", "insert", "remove"}), screens=frozenset({"delete-item"})
    )
    summary = "`pop(0)`/`insert(0, x)` on a list in a loop is O(n) per call; use a deque"
    fix_applicability = UNSAFE

    bad = (
        Bad(
            '''def breadth_first(root):
    """Labels of the tree's nodes, level by level."""
    order = []
    queue = [root]
    while queue:
        node = queue.pop(0)  # oldest first
        order.append(node[0])
        queue.extend(node[1])
    return order
''',
            line=6,
            fixed='''import collections


def breadth_first(root):
    """Labels of the tree's nodes, level by level."""
    order = []
    queue = collections.deque([root])
    while queue:
        node = queue.popleft()  # oldest first
        order.append(node[0])
        queue.extend(node[1])
    return order
''',
            calls=(("breadth_first", (("a", [("b", [("d", [])]), ("c", [])]),)),),
        ),
        Bad(
            """from collections import deque


def newest_first(events):
    recent = []
    for event in events:
        recent.insert(0, event)
    return len(recent), recent[0] if recent else None
""",
            line=7,
            fixed="""from collections import deque


def newest_first(events):
    recent = deque()
    for event in events:
        recent.appendleft(event)
    return len(recent), recent[0] if recent else None
""",
            calls=(("newest_first", ([1, 2, 3],)), ("newest_first", ([],))),
        ),
        Bad(
            """import collections


def consume(source):
    tokens = list(source)
    out = []
    while tokens:
        out.append(tokens[0])
        del tokens[0]
    return out
""",
            line=9,
            fixed="""import collections


def consume(source):
    tokens = collections.deque(source)
    out = []
    while tokens:
        out.append(tokens[0])
        tokens.popleft()
    return out
""",
            calls=(("consume", ("abc",)), ("consume", ([],))),
        ),
        Bad(
            """def drain(source):
    pending = list(source)
    done = []
    while pending:
        done.append(pending[0])
        pending.remove(pending[0])
    return done
""",
            line=6,
            fixed="""import collections


def drain(source):
    pending = collections.deque(source)
    done = []
    while pending:
        done.append(pending[0])
        pending.popleft()
    return done
""",
            calls=(("drain", ([3, 1, 3, 2],)), ("drain", ([],))),
        ),
        # An attribute every assignment makes a list (here through an annotated
        # parameter), on an object of a class of this module: reported, no fix.
        Bad(
            """class State:
    def __init__(self, rargs: list[str]):
        self.rargs = rargs
        self.seen = []


def parse(args):
    state = State(args)
    while state.rargs:
        arg = state.rargs.pop(0)
        state.seen.append(arg)
    return state.seen
""",
            line=10,
            fixed=None,
        ),
        Bad(
            "import dataclasses\n\n\n@dataclasses.dataclass\nclass Scheduler:\n"
            "    queue: list[str] = dataclasses.field(default_factory=list)\n\n"
            "    def run(self):\n        while self.queue:\n            job = self.queue.pop(0)\n"
            "            self.queue.extend(job.split())\n",
            line=10,
            fixed=None,
        ),
        # Returned: a caller may need a list, so no fix.
        Bad(
            "def rotate(values, steps):\n    items = sorted(values)\n    for _ in range(steps):\n"
            "        items.append(items.pop(0))\n    return items\n",
            line=4,
            fixed=None,
        ),
    )
    good = (
        # Not in a loop.
        "def f(xs):\n    xs = list(xs)\n    return xs.pop(0)\n",
        # A loop of fixed length: constant work (from the stdlib's sunau.py).
        "def f(x):\n    data = []\n    for i in range(4):\n        data.insert(0, x % 256)\n"
        "        x //= 256\n    return data\n",
        # A fixed list of a few items.
        "def f():\n    steps = 'parse check emit'.split()\n    while steps:\n        run(steps.pop(0))\n",
        # pop() from the end is O(1).
        "def f(xs):\n    stack = list(xs)\n    while stack:\n        stack.pop()\n",
        # Not provably a list.
        "def f(queue):\n    while queue:\n        queue.pop(0)\n",
        "def f(d):\n    for k in list(d):\n        d.pop(0, None)\n",
        # A deque already.
        "import collections\ndef f(xs):\n    q = collections.deque(xs)\n    while q:\n"
        "        q.popleft()\n",
        # A window kept to a few items.
        "def f(rows):\n    window = []\n    for r in rows:\n        if len(window) > 2:\n"
        "            window.pop(0)\n        window.append(r)\n        yield list(window)\n",
        # A new list on every iteration, popped once: linear overall.
        "def f(params, lo, hi, gap):\n    dims = []\n    for p in params:\n        if p.log:\n"
        "            ticks: list = list(range(lo, hi))\n            if lo not in ticks:\n"
        "                ticks = [lo] + ticks\n            if gap is not None:\n"
        "                ticks.insert(0, gap)\n            dims.append(ticks)\n    return dims\n",
        "def f(lines):\n    heads = []\n    for line in lines:\n        parts = line.split(',')\n"
        "        first = parts.pop(0)\n        heads.append((first, parts))\n    return heads\n",
        "def f(rows):\n    for row in rows:\n        cells: list = list(row)\n"
        "        cells.insert(0, len(cells))\n        yield cells\n",
        # Attributes not proven lists: rebound to something else, a base class from
        # elsewhere, a receiver of unknown class, a fixed list of constants.
        "class Q:\n    def __init__(self):\n        self.items = []\n    def reset(self, items):\n"
        "        self.items = items\n    def run(self):\n        while self.items:\n"
        "            self.items.pop(0)\n",
        "class Q(Base):\n    def __init__(self):\n        self.items = []\n    def run(self):\n"
        "        while self.items:\n            self.items.pop(0)\n",
        "def f(state):\n    while state.rargs:\n        state.rargs.pop(0)\n",
        "class Q:\n    def __init__(self):\n        self.steps = ['a', 'b']\n    def run(self):\n"
        "        while self.steps:\n            self.steps.pop(0)\n",
        # pop(i) with another index.
        "def f(xs):\n    xs = list(xs)\n    while xs:\n        xs.pop(1)\n",
        # A lexer's push-back list: one item appended before each `break`,
        # taken back by the next call; it never holds more than a few.
        "class Lexer:\n    def __init__(self, stream):\n        self.stream = stream\n"
        "        self.pending = []\n    def token(self):\n        token = ''\n"
        "        while True:\n            if self.pending:\n"
        "                c = self.pending.pop(0)\n            else:\n"
        "                c = self.stream.read(1)\n            if c.isalnum():\n"
        "                token += c\n            else:\n"
        "                self.pending.append(c)\n                break\n        return token\n",
        # One pass per decimal digit: a logarithmic number of inserts.
        "def roman(value):\n    result = []\n    index = 0\n    while value != 0:\n"
        "        value, remainder = divmod(value, 10)\n        if remainder == 4:\n"
        "            result.insert(0, ONES[index])\n        index += 1\n    return result\n",
        # Stops once `height` lines are out: at most that many pops.
        "def f(text, height):\n    lines = text.splitlines()\n    out = []\n    while lines:\n"
        "        out.append(lines.pop(0))\n        if len(out) >= height:\n            break\n",
        # Each list gets one front insert, then the name is bound to a new list.
        "def f(frags):\n    out = []\n    words = []\n    n = 0\n    for frag in frags:\n"
        "        words.append(frag)\n        n += 1\n        if frag.endswith(' '):\n"
        "            words.insert(0, n)\n            out.append(words)\n            words = []\n"
        "            n = 0\n    return out\n",
        # A new list made just before, in the same block: a shift of a few items.
        "def f(points):\n    rows = []\n    for i in points:\n        for j in points:\n"
        "            if i != j:\n                row = []\n                row.insert(0, 1 / (i - j))\n"
        "                row.insert(1, -j / (i - j))\n                rows.append(row)\n"
        "    return rows\n",
        # Kept to a constant size: at most one pop per line appended.
        "class Log:\n    MAX_LINES = 20\n    def __init__(self):\n        self.lines = []\n"
        "    def add(self, line):\n        self.lines.append(line)\n"
        "        while len(self.lines) > self.MAX_LINES:\n            self.lines.pop(0)\n",
        # Sorted before every pop: a deque has no `sort()` (a heap is the answer).
        "def f(entries):\n    todo = list(entries)\n    while todo:\n        todo.sort()\n"
        "        entry = todo.pop(0)\n        todo.extend(entry.children)\n",
        # A retry loop: the body normally runs once.
        "def f(jobs, tries):\n    pending = list(jobs)\n    for attempt in range(tries):\n        try:\n"
        "            job = pending.pop(0)\n            run(job)\n            break\n"
        "        except OSError:\n            pending.append(job)\n",
    )

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not isinstance(func, cst.Attribute):
            return
        receiver = func.value
        if isinstance(receiver, cst.Attribute) and isinstance(receiver.value, cst.Name):
            spelled = f"{receiver.value.value}.{receiver.attr.value}"
        elif isinstance(receiver, cst.Name):
            spelled = receiver.value
        else:
            return
        method = func.attr.value
        if method == "pop" and _only_zero(node.args, 1):
            action = f"`{spelled}.pop(0)` shifts every remaining item"
        elif method == "insert" and len(node.args) == 2 and int_literal(node.args[0].value) == 0:
            action = f"`{spelled}.insert(0, ...)` shifts every item"
        elif isinstance(receiver, cst.Name) and method == "remove" and removes_front(node, spelled):
            name = spelled
            action = (
                f"`{name}.remove({name}[0])` removes the front item: it finds it at once, "
                f"then shifts every remaining item"
            )
        else:
            return
        if isinstance(receiver, cst.Attribute):
            self._check_attribute(node, receiver, action)
        else:
            self._check(node, receiver, action)

    def visit_Del(self, node: cst.Del) -> None:
        target = node.target
        if (
            isinstance(target, cst.Subscript)
            and isinstance(target.value, cst.Name)
            and int_literal(sole_index(target)) == 0
        ):
            self._check(node, target.value, f"`del {target.value.value}[0]` shifts every item")

    def _check(self, node: cst.CSTNode, receiver: cst.Name, action: str) -> None:
        loops = self.ctx.growing_loops(node)
        if not loops or self.ctx.proven_type(receiver) != "list":
            return
        if self.ctx.rebound_each_iteration(receiver, loops[0]):
            return  # a new list every iteration (`parts = line.split()`): bounded work on each
        if _capped(self.ctx.path_to(node), receiver.value):
            return  # `if len(window) > 3: window.pop(0)`: a window of a few items
        if stops_at_length(loops[0].node, receiver.value):
            return  # leaves after `height` lines are out: a bounded number of calls
        if _bound_beside(self.ctx.path_to(node), receiver.value):
            return  # a new list each time the block runs, or one call per list
        if any(u.method() in _REORDERING for u in uses_of(receiver.value, loops[0].node)):
            return  # sorted before each pop: a deque cannot sort (a heap would)
        if not self.ctx.grows_with_data(receiver):
            return  # a fixed, small list
        message = (
            f"{action} (linear per call, quadratic as the list grows); use `collections.deque`"
        )
        self.report(node, message, self._fix(receiver))

    def _check_attribute(self, node: cst.CSTNode, receiver: cst.Attribute, action: str) -> None:
        """`self.queue.pop(0)`: every assignment of `.queue` in the module gives a
        list that grows. No fix: the attribute's other uses are spread over the class."""
        if not self.ctx.growing_loops(node) or self.ctx.attribute_type(receiver) != "list":
            return
        if _capped(self.ctx.path_to(node), _spelled(receiver) or ""):
            return  # `while len(self.lines) > self.MAX_LINES: self.lines.pop(0)`
        if self.ctx.attribute_grows(receiver):
            self.report(
                node,
                f"{action} (linear per call, quadratic as the list grows); use `collections.deque`",
            )

    def _fix(self, receiver: cst.Name) -> FixPlan | None:
        ctx = self.ctx
        name = receiver.value
        scope = ctx.binding_scope(name, receiver)
        if scope is None or appears_in_nested_definition(name, scope.node):
            return None
        deque = ctx.local_name_for("collections.deque", receiver)
        imports = []
        if deque is None:
            if not ctx.is_unbound("collections", receiver):
                return None
            deque, imports = "collections.deque", ["collections"]
        replacements: list[tuple[cst.CSTNode, Replacement]] = []
        above = ctx.path_to(scope.node)[:-1]
        for use in ctx.uses(name, scope.node):
            change = _deque_change(use, deque, ctx, above)
            if change is False:
                return None
            if change is not True:
                replacements.extend(change)
        return FixPlan(f"Make `{name}` a `{deque}`", replacements=replacements, imports=imports)


_REORDERING = frozenset({"sort", "reverse"})


def _bound_beside(path: Sequence[cst.CSTNode], name: str) -> bool:
    """Another statement of the block holding the call binds name: before it,
    the call shifts a list new on each pass (`row = []; row.insert(0, x)`);
    after it, each list the name refers to gets the call once (`W.insert(0, n);
    out.append(W); W = []`). An enclosing block counts too when no loop lies
    between it and the call and it binds a new list (`ticks = list(...)`, then
    under an `if`, `ticks.insert(0, t)`): the call runs once per new list."""
    innermost = True
    for index in range(len(path) - 2, -1, -1):
        block = path[index]
        if isinstance(block, (cst.For, cst.While)):
            return False  # a loop between would repeat the call on one list
        if not isinstance(block, cst.IndentedBlock):
            continue
        statement = path[index + 1]
        for line in block.body:
            if line is statement or not isinstance(line, cst.SimpleStatementLine):
                continue
            for small in line.body:
                if _binds(small, name, fresh=not innermost):
                    return True
        innermost = False
    return False


def _binds(small: cst.BaseSmallStatement, name: str, fresh: bool) -> bool:
    """small assigns name (a value not reading name when fresh)."""
    if isinstance(small, cst.Assign):
        targets = [t.target for t in small.targets]
    elif isinstance(small, cst.AnnAssign) and small.value is not None:
        targets = [small.target]
    else:
        return False
    if not any(isinstance(t, cst.Name) and t.value == name for t in targets):
        return False
    value = small.value
    if value is None:
        return False
    return not fresh or not any(
        isinstance(n, cst.Name) and n.value == name for n in iter_subtree(value)
    )


def _capped(path: Sequence[cst.CSTNode], name: str) -> bool:
    """Under `if len(name) > K` (or `>=`, `==`; `while` too) with K a literal or
    a constant (`MAX_LINES`, `self.MAX_LINES`): the list is kept to a few items.
    name may be dotted (`self.lines`)."""
    for node in path:
        test = node.test if isinstance(node, (cst.If, cst.While)) else None
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            continue
        left, (target,) = test.left, test.comparisons
        if (
            isinstance(left, cst.Call)
            and isinstance(left.func, cst.Name)
            and left.func.value == "len"
            and len(left.args) == 1
            and _spelled(left.args[0].value) == name
            and isinstance(target.operator, (cst.GreaterThan, cst.GreaterThanEqual, cst.Equal))
            and (int_literal(target.comparator) is not None or _constant(target.comparator))
        ):
            return True
    return False


def _spelled(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
        return f"{expr.value.value}.{expr.attr.value}"
    return None


def _constant(expr: cst.BaseExpression) -> bool:
    """`MAX_LINES` or `self.MAX_LINES`: a name spelled as a constant."""
    last = expr.attr.value if isinstance(expr, cst.Attribute) else getattr(expr, "value", "")
    return isinstance(last, str) and last.isupper() and any(c.isalpha() for c in last)


def _only_zero(args: Sequence[cst.Arg], count: int) -> bool:
    return (
        len(args) == count
        and not args[0].keyword
        and not args[0].star
        and int_literal(args[0].value) == 0
    )


def _deque_change(use: Use, deque: str, ctx, above) -> bool | list:  # type: ignore[no-untyped-def, type-arg]
    """True: fine as it is for a deque; False: blocks the fix; else the
    replacements that make this use a deque use."""
    parent = use.parent
    method = use.method()
    if method is not None:
        call = use.ancestors[-2]
        assert isinstance(call, cst.Call)
        if method == "pop" and _only_zero(call.args, 1):
            return [(call, f"{use.name.value}.popleft()")]
        if method == "insert" and len(call.args) == 2 and int_literal(call.args[0].value) == 0:
            value = ctx.module.code_for_node(call.args[1].value)
            return [(call, f"{use.name.value}.appendleft({value})")]
        if method == "pop" and not call.args:
            return True
        if method == "remove" and removes_front(call, use.name.value):
            statement = use.ancestors[-3] if len(use.ancestors) >= 3 else None
            if isinstance(statement, cst.Expr):
                return [(call, f"{use.name.value}.popleft()")]
        return method in _DEQUE_METHODS
    if use.is_store():
        return _binding_change(use, deque)
    if isinstance(parent, cst.Del) or (
        isinstance(parent, cst.Subscript) and isinstance(use.ancestors[-2], cst.Del)
    ):
        statement = use.ancestors[-3] if isinstance(parent, cst.Subscript) else None
        subscript = parent
        if int_literal(sole_index(subscript)) == 0 and statement is not None:
            return [(statement, f"{use.name.value}.popleft()")]
        return False
    if use.is_membership_operand():
        return True
    if isinstance(parent, (cst.If, cst.While)) and parent.test is use.name:
        return True
    if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
        return True
    if isinstance(parent, cst.IfExp) and parent.test is use.name:
        return True
    if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is use.name:
        return True
    if isinstance(parent, cst.Subscript) and parent.value is use.name:
        return _reads_an_end(parent) and not _is_assigned(use)
    if isinstance(parent, cst.Arg) and len(use.ancestors) >= 2:
        call = use.ancestors[-2]
        if isinstance(call, cst.Call) and len(call.args) == 1:
            return ctx.qualified_name(call.func, [*above, *use.ancestors, call.func]) in _READ_CALLS
    return False


def _binding_change(use: Use, deque: str) -> bool | list:  # type: ignore[type-arg]
    if len(use.ancestors) < 2:
        return False
    target, assign = use.ancestors[-1], use.ancestors[-2]
    if not (isinstance(target, cst.AssignTarget) and isinstance(assign, cst.Assign)):
        return False
    if len(assign.targets) != 1:
        return False
    value = assign.value
    if (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Name)
        and value.func.value == "list"
    ):
        # Proven a list, so this `list` is the builtin: list(x) -> deque(x).
        return [(value.func, deque)]
    if not isinstance(value, cst.List):
        return False
    if not value.elements:
        return [(value, f"{deque}()")]
    return [(value, cst.Call(func=cst.parse_expression(deque), args=[cst.Arg(value)]))]


def _reads_an_end(subscript: cst.Subscript) -> bool:
    return int_literal(sole_index(subscript)) in (0, -1)


def _is_assigned(use: Use) -> bool:
    return len(use.ancestors) >= 2 and isinstance(
        use.ancestors[-2], (cst.AssignTarget, cst.AugAssign)
    )
