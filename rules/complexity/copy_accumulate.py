import libcst as cst

from perflint.analysis.usage import Use, appears_in_nested_definition
from perflint.diagnostics import UNSAFE
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule

_COPYING_OPERATORS = {"operator.add", "operator.concat"}
_NOT_TUPLES = (
    cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.ConcatenatedString,
    cst.FormattedString, cst.List, cst.ListComp, cst.Dict, cst.Set,
)  # fmt: skip


class AccumulateByCopy(Rule):
    """
    ## What it does
    Flags growing a list or tuple by building a new one on every iteration of
    a loop: `acc = acc + [x]`, `acc = [*acc, x]`, `acc += (x,)` on a tuple, and
    `functools.reduce(operator.add, items, [])` (or `lambda a, b: a + b`, or
    without a start value when the items are visibly lists).

    ## Why is this slow
    `acc + [x]` and `[*acc, x]` copy every element gathered so far into a new
    list; tuples cannot grow at all, so `acc += (x,)` copies too. n iterations
    copy about n²/2 elements.

    ## Example
    ```python
    names = []
    for user in users:
        names = names + [user.name]
    ```

    ## Use instead
    ```python
    names = []
    for user in users:
        names += [user.name]  # or names.append(user.name)
    ```
    For a tuple, collect into a list and call `tuple(...)` once at the end.
    A list that may also be referenced elsewhere (a parameter: the caller's
    list; one stored or passed on before) is not reported: there the copy
    keeps the other reference unchanged, which may be the point.
    `reduce(operator.add, items)` without a start value is not reported: the
    items may be numbers.

    ## Fix safety
    Unsafe: `acc = acc + [x]` leaves any other reference to the old list
    unchanged, while `acc += [x]` extends that same list in place. Offered only
    for `acc = acc + ...` and `acc = [*acc, ...]` on a name that is provably a
    list.

    ## Measured
    `make bench-rules` (benchmarks/rules/copy_accumulate.py), CPython 3.11:
    `acc = acc + [x]`, n = 10,000: 138 ms vs 1.2 ms for `acc += [x]` (116x);
    tuple `acc += (x,)`, n = 10,000: 156 ms vs 0.51 ms for a list and one
    `tuple()` (304x). 10x more items cost the copies 93-98x, in place 10-11x.
    """

    code = "PFL105"
    name = "accumulate-by-copy"
    category = "complexity"
    impact = "super-linear"
    needs = Needs(calls=frozenset({"reduce"}), screens=frozenset({"copy-accumulate"}))
    summary = "`acc = acc + [x]` or tuple `+=` in a loop copies everything each time"
    fix_applicability = UNSAFE

    bad = (
        Bad(
            '''def squares(limit):
    """Squares below limit."""
    found = []
    n = 0
    while n * n < limit:
        found = found + [n * n]  # grow
        n += 1
    return found
''',
            line=6,
            fixed='''def squares(limit):
    """Squares below limit."""
    found = []
    n = 0
    while n * n < limit:
        found += [n * n]  # grow
        n += 1
    return found
''',
            calls=(("squares", (50,)), ("squares", (0,))),
        ),
        Bad(
            "def tags(posts):\n    out = list()\n    for post in posts:\n"
            "        out = [*out, post.tag]\n    return out\n",
            line=4,
            fixed="def tags(posts):\n    out = list()\n    for post in posts:\n"
            "        out += [post.tag]\n    return out\n",
        ),
        Bad(
            "def ids(rows):\n    seen = ()\n    for row in rows:\n        seen += (row[0],)\n"
            "    return seen\n",
            line=4,
        ),
        Bad(
            "import functools\nimport operator\n\n"
            "def flat(chunks):\n    return functools.reduce(operator.add, chunks, [])\n",
            line=5,
        ),
        # Flattening with reduce: the items are visibly lists.
        Bad(
            "from functools import reduce\n\ndef flat(rows):\n"
            "    return reduce(lambda a, b: a + b, [list(r) for r in rows])\n",
            line=4,
        ),
        Bad(
            "import functools\nimport operator\n\ndef words(lines):\n"
            "    return functools.reduce(operator.add, (line.split() for line in lines))\n",
            line=5,
        ),
    )
    good = (
        # In place already.
        "def f(xs):\n    out = []\n    for x in xs:\n        out += [x]\n    return out\n",
        # Not a list: array arithmetic, numbers.
        "def f(arr, xs):\n    for x in xs:\n        arr = arr + [x]\n    return arr\n",
        "def f(xs):\n    total = 0\n    for x in xs:\n        total = total + x\n",
        # Not in a loop.
        "def f(xs, y):\n    xs = list(xs)\n    xs = xs + [y]\n    return xs\n",
        # Another name on the right: a new list from two others, not accumulation.
        "def f(a, bs):\n    a = list(a)\n    for b in bs:\n        c = a + [b]\n",
        # A loop of fixed length.
        "def f():\n    acc = ()\n    for i in range(3):\n        acc += (i,)\n",
        # The list may be the caller's or shared: the copy keeps the other
        # reference unchanged, deliberately (httpx's redirect history).
        "def visit(node, history: list):\n    for child in node.children:\n"
        "        history = history + [child]\n    return history\n",
        "def f(xs):\n    acc = []\n    snapshots = [acc]\n    for x in xs:\n"
        "        acc = acc + [x]\n    return snapshots, acc\n",
        # Reset at the top of every iteration: nothing accumulates.
        "def f(rows, more):\n    for a, b in rows:\n        unexpected = (a, b)\n"
        "        unexpected += more\n        check(unexpected)\n",
        "def f(rows):\n    for row in rows:\n        line = [row.id]\n"
        "        line = line + [row.name]\n        emit(line)\n",
        # A fixed number of items: three additions, linear overall.
        "import functools, operator\n\ndef f(a, b, c, d):\n"
        "    return functools.reduce(operator.add, [tuple(v) for v in [a, b, c, d]])\n",
        # Emptied again at each separator: never more than a pair.
        "def f(tokens):\n    pairs = []\n    sofar = ()\n    for t in tokens:\n"
        "        if t == ':':\n            pairs.append(sofar)\n            sofar = ()\n"
        "        else:\n            sofar += (t,)\n    return pairs\n",
        # reduce over numbers, or items of unknown type.
        "import functools\n\ndef f(xs):\n    return functools.reduce(lambda a, b: a + b, xs)\n",
        "from functools import reduce\n\ndef f(rows):\n"
        "    return reduce(lambda a, b: a + b, [r.total for r in rows])\n",
        # reduce over numbers (no list start value).
        "import functools, operator\ntotal = functools.reduce(operator.add, [1, 2, 3])\n",
    )

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        name = node.targets[0].target.value
        value = node.value
        if _is_add_of(value, name) or _is_spread_of(value, name):
            target = node.targets[0].target
            loops = self.ctx.growing_loops(node)
            if not loops or self.ctx.proven_type(target) != "list":
                return
            if self.ctx.reset_in(target, loops[0]):
                return  # emptied again in the loop: nothing accumulates across it
            if not self._only_reference(target):
                return  # a caller's list, or one shared: the copy may be deliberate
            extra = _added_part(value, self.ctx.module)
            fix = None
            if extra is not None:
                fix = FixPlan(
                    f"Extend `{name}` in place", replacements=[(node, f"{name} += {extra}")]
                )
            self.report(
                node,
                f"`{name}` is copied whole on every iteration "
                "(quadratic in the number of iterations); "
                f"extend it in place (`{name} += ...` or `{name}.append(...)`)",
                fix,
            )

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if not isinstance(node.operator, cst.AddAssign) or not isinstance(node.target, cst.Name):
            return
        if isinstance(node.value, _NOT_TUPLES):
            return  # `i += 1`, `s += "x"`: cheap to rule out before proving types
        loops = self.ctx.growing_loops(node)
        if loops and self.ctx.proven_type(node.target) == "tuple":
            if self.ctx.reset_in(node.target, loops[0]):
                return  # emptied again in the loop: nothing accumulates across it
            name = node.target.value
            self.report(
                node,
                f"tuple `{name} += ...` copies the whole tuple on every iteration "
                "(quadratic in the number of iterations); "
                f"collect into a list and call `tuple()` once after the loop",
            )

    def _only_reference(self, target: cst.Name) -> bool:
        """Whether the list the name holds is visibly referenced by nothing else,
        so extending it in place cannot change what another name sees: every
        binding makes a new list (no parameter, no value from elsewhere), and no
        use hands the list itself on (assigned, passed, yielded, captured)."""
        name = target.value
        scope = self.ctx.binding_scope(name, target)
        if scope is None or appears_in_nested_definition(name, scope.node):
            return False
        for binding in scope.bindings.get(name, ()):
            if binding.kind not in ("assign", "augassign") or not _new_list(binding.value, name):
                return False
        for use in self.ctx.uses(name, scope.node):
            if not use.is_store() and not _keeps_private(use, self.ctx, target):
                return False
        return True

    def visit_Call(self, node: cst.Call) -> None:
        if len(node.args) not in (2, 3) or any(a.keyword or a.star for a in node.args):
            return
        func = node.func
        name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", None)
        if name != "reduce" or self.ctx.qualified_name(func) != "functools.reduce":
            return
        function, items = node.args[0].value, node.args[1].value
        if len(node.args) == 3:
            if not isinstance(node.args[2].value, (cst.List, cst.Tuple)):
                return  # the start value may be a number
        elif not _yields_sequences(items):
            return  # the items may be numbers
        if self.ctx.qualified_name(function) in _COPYING_OPERATORS or _adds_its_arguments(function):
            self.report(
                node,
                "`reduce()` adding lists or tuples copies the running result for every item "
                "(quadratic in the number of items); "
                "use `list(itertools.chain.from_iterable(...))`",
            )


def _adds_its_arguments(function: cst.BaseExpression) -> bool:
    """`lambda a, b: a + b`."""
    if not isinstance(function, cst.Lambda):
        return False
    params = function.params.params
    body = function.body
    return (
        len(params) == 2
        and isinstance(body, cst.BinaryOperation)
        and isinstance(body.operator, cst.Add)
        and isinstance(body.left, cst.Name)
        and isinstance(body.right, cst.Name)
        and (body.left.value, body.right.value) == (params[0].name.value, params[1].name.value)
    )


def _yields_sequences(items: cst.BaseExpression) -> bool:
    """The source shows items to be lists or tuples, as many as the data: a
    comprehension over data whose element is a display, a list comprehension,
    `list(...)` or `.split()`."""
    if isinstance(items, (cst.ListComp, cst.GeneratorExp)):
        if isinstance(items.for_in.iter, (cst.List, cst.Tuple, cst.Set)):
            return False  # a fixed number of items: a few additions, linear overall
        return _is_sequence(items.elt)
    return False  # a display adds a fixed number of items


def _is_sequence(expr: cst.BaseExpression) -> bool:
    if isinstance(expr, (cst.List, cst.Tuple, cst.ListComp)):
        return True
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Name):
            return func.value in ("list", "tuple", "sorted")
        return isinstance(func, cst.Attribute) and func.attr.value in ("split", "rsplit")
    return False


def _is_add_of(value: cst.BaseExpression, name: str) -> bool:
    return (
        isinstance(value, cst.BinaryOperation)
        and isinstance(value.operator, cst.Add)
        and isinstance(value.left, cst.Name)
        and value.left.value == name
    )


def _is_spread_of(value: cst.BaseExpression, name: str) -> bool:
    if not isinstance(value, cst.List) or not value.elements:
        return False
    first = value.elements[0]
    return (
        isinstance(first, cst.StarredElement)
        and isinstance(first.value, cst.Name)
        and first.value.value == name
    )


def _added_part(value: cst.BaseExpression, module: cst.Module) -> str | None:
    """The code of what is added: `[x]` for `acc + [x]` and `[*acc, x]`."""
    if isinstance(value, cst.BinaryOperation):
        if isinstance(value.right, (cst.List, cst.ListComp)):
            return module.code_for_node(value.right)
        return None  # list + tuple raises, list += tuple does not
    assert isinstance(value, cst.List)
    rest = value.elements[1:]
    if any(isinstance(e, cst.StarredElement) for e in rest) or not rest:
        return None
    return "[" + ", ".join(module.code_for_node(e.value) for e in rest) + "]"


# Builtins that read a list and keep no reference to it.
_READERS = {
    "len", "list", "tuple", "sorted", "set", "frozenset", "sum", "min", "max",
    "any", "all", "bool", "print", "str", "repr",
}  # fmt: skip


def _new_list(value: cst.BaseExpression | None, name: str) -> bool:
    """value builds a new list: a display, a comprehension, `list(...)`, or the
    accumulation itself (`name + [x]` is a new list too)."""
    if value is None or isinstance(value, (cst.List, cst.ListComp)):
        return value is not None
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
        return value.func.value in ("list", "sorted")
    return _is_add_of(value, name)


def _keeps_private(use: Use, ctx, at: cst.Name) -> bool:  # type: ignore[no-untyped-def]
    """This read of the list does not hand the list itself to anyone else."""
    parent = use.parent
    if isinstance(parent, cst.BinaryOperation) and parent.left is use.name:
        return True  # `acc + [x]`: a new list
    if isinstance(parent, (cst.StarredElement, cst.Attribute, cst.Subscript, cst.Return)):
        return True  # `[*acc, x]`, `acc.count(x)`, `acc[0]`, `return acc`
    if isinstance(parent, (cst.ComparisonTarget, cst.Comparison, cst.UnaryOperation)):
        return True
    if isinstance(parent, (cst.For, cst.CompFor, cst.If, cst.While)):
        return True
    if isinstance(parent, cst.Arg) and len(use.ancestors) >= 2:
        call = use.ancestors[-2]
        return (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Name)
            and call.func.value in _READERS
            and ctx.refers_to(call.func.value, f"builtins.{call.func.value}", at)
        )
    return False
