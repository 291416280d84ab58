import libcst as cst

from perflint.analysis.shapes import int_literal, sole_index
from perflint.diagnostics import UNSAFE
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule


class ManualCounter(Rule):
    """
    ## What it does
    Flags a loop whose whole body counts its items into a dict:
    `if x in d: d[x] += 1 else: d[x] = 1`, or `d[x] = d.get(x, 0) + 1`, where
    `x` is the loop variable and `d` is provably a dict.

    ## Why is this slow
    Each iteration does a lookup and a store in Python bytecode.
    `collections.Counter(items)` counts in C.

    ## Example
    ```python
    counts = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    ```

    ## Use instead
    ```python
    counts = collections.Counter(words)
    ```
    Not `counts = Counter()` with `counts[word] += 1` in the loop: measured
    here, that is twice as slow as the plain dict.

    ## Fix safety
    Unsafe: a `Counter` prints differently (`Counter({...})`) and returns 0
    for a missing key where the dict raised `KeyError`. The counts and their
    order are the same. Offered only when the dict is a function's local,
    created empty on the line before the loop and bound nowhere else, and the
    loop variable is not read after the loop (deleting the loop unbinds it).

    ## Measured
    `make bench-rules` (benchmarks/rules/dict_idioms.py), CPython 3.11,
    100,000 words: the if/else loop 22.7 ms, the `get` loop 18.4 ms,
    `Counter(words)` 14.0 ms (1.6x and 1.3x); `Counter()` with `+= 1` in the
    loop 43.5 ms (slower).

    Tier micro: benchmarks/rules/tiers.py (CPU time, interleaved), 10,000 and
    100,000 words: the if/else loop 2.6x and 1.6x, the `get` loop 2.0x and 1.4x,
    60-90 ns per word; under 2x at 100,000.
    """

    code = "PFL206"
    name = "manual-counter"
    category = "containers"
    impact = "constant-factor"
    needs = Needs(screens=frozenset({"counting-loop"}))
    tier = "micro"
    summary = "A loop that only counts its items into a dict; use `collections.Counter(items)`"
    fix_applicability = UNSAFE

    bad = (
        Bad(
            '''def word_counts(text):
    """How often each word occurs."""
    counts = {}
    for word in text.split():
        # case matters here
        if word in counts:
            counts[word] += 1
        else:
            counts[word] = 1
    return counts
''',
            line=4,
            fixed=None,  # the comment in the loop would be lost
        ),
        Bad(
            "def tally(votes):\n    result = dict()\n    for v in votes:\n"
            "        result[v] = result.get(v, 0) + 1\n    return result\n",
            line=3,
            fixed="import collections\n\n\ndef tally(votes):\n    result = collections.Counter(votes)\n"
            "    return result\n",
            calls=(("tally", (["a", "b", "a"],)), ("tally", ([],))),
        ),
        # The loop variable is read after the loop: no fix.
        Bad(
            "def tally(votes):\n    result = {}\n    for v in votes:\n"
            "        result[v] = result.get(v, 0) + 1\n    return result, v\n",
            line=3,
            fixed=None,
        ),
    )
    good = (
        # The loop does more than count.
        "def f(xs):\n    d = {}\n    for x in xs:\n        d[x] = d.get(x, 0) + 1\n        print(x)\n",
        # Counting something derived from the item.
        "def f(xs):\n    d = {}\n    for x in xs:\n        d[x.kind] = d.get(x.kind, 0) + 1\n",
        # Weighted counts.
        "def f(xs):\n    d = {}\n    for x, n in xs:\n        d[x] = d.get(x, 0) + n\n",
        # Not provably a dict.
        "def f(xs, d):\n    for x in xs:\n        d[x] = d.get(x, 0) + 1\n",
        # Already a Counter.
        "import collections\ndef f(xs):\n    return collections.Counter(xs)\n",
    )

    def visit_For(self, node: cst.For) -> None:
        if not isinstance(node.target, cst.Name) or node.orelse is not None:
            return
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
        if len(body) != 1:
            return
        item = node.target.value
        counted = _counting_if(body[0], item) or _counting_get(body[0], item)
        if counted is None or self.ctx.proven_type(counted) not in ("dict", "OrderedDict"):
            return
        module = self.ctx.module
        self.report(
            node,
            f"this loop only counts its items into `{counted.value}`; "
            f"`collections.Counter({module.code_for_node(node.iter)})` counts them in C",
            self._fix(node, counted),
        )

    def _fix(self, loop: cst.For, counted: cst.Name) -> FixPlan | None:
        """`d = {}` right before the loop becomes `d = Counter(items)` and the
        loop goes, when d is a local of this function bound only there and the
        loop variable is not read after the loop."""
        ctx = self.ctx
        scope = ctx.binding_scope(counted.value, counted)
        if scope is None or not isinstance(scope.node, cst.FunctionDef):
            return None
        bindings = scope.bindings[counted.value]
        if len(bindings) != 1 or not isinstance(bindings[0].node, cst.Assign):
            return None
        init = bindings[0].node
        if not _is_empty_dict(init.value) or ctx.small_statement_before(loop) is not init:
            return None
        if "#" in ctx.module.code_for_node(loop):
            return None  # deleting the loop would delete a comment
        assert isinstance(loop.target, cst.Name)
        if ctx.read_outside(loop.target.value, scope.node, loop):
            return None  # the loop variable is read after the loop
        counter = ctx.local_name_for("collections.Counter", loop)
        imports = []
        if counter is None:
            if not ctx.is_unbound("collections", loop):
                return None
            counter, imports = "collections.Counter", ["collections"]
        items = ctx.module.code_for_node(loop.iter)
        return FixPlan(
            f"Use `{counter}({items})`",
            replacements=[(init.value, f"{counter}({items})")],
            deletions=[loop],
            imports=imports,
        )


def _is_empty_dict(value: cst.BaseExpression) -> bool:
    if isinstance(value, cst.Dict):
        return not value.elements
    return (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Name)
        and value.func.value == "dict"
        and not value.args
    )


def _subscript_of(expr: cst.BaseExpression, item: str) -> cst.Name | None:
    """`d` when expr is `d[item]`."""
    index = sole_index(expr)
    if (
        isinstance(expr, cst.Subscript)
        and isinstance(expr.value, cst.Name)
        and isinstance(index, cst.Name)
        and index.value == item
    ):
        return expr.value
    return None


def _only(block: cst.BaseSuite) -> cst.BaseSmallStatement | None:
    statements = block.body if isinstance(block, cst.IndentedBlock) else (block,)
    if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine):
        return None
    line = statements[0]
    return line.body[0] if len(line.body) == 1 else None


def _counting_if(statement: cst.BaseStatement, item: str) -> cst.Name | None:
    """`d` for `if item in d: d[item] += 1 else: d[item] = 1`."""
    if not isinstance(statement, cst.If) or not isinstance(statement.orelse, cst.Else):
        return None
    test = statement.test
    if not (
        isinstance(test, cst.Comparison)
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.In)
        and isinstance(test.left, cst.Name)
        and test.left.value == item
        and isinstance(test.comparisons[0].comparator, cst.Name)
    ):
        return None
    name = test.comparisons[0].comparator.value
    increment, first = _only(statement.body), _only(statement.orelse.body)
    if not (
        isinstance(increment, cst.AugAssign)
        and isinstance(increment.operator, cst.AddAssign)
        and int_literal(increment.value) == 1
        and isinstance(first, cst.Assign)
        and len(first.targets) == 1
        and int_literal(first.value) == 1
    ):
        return None
    for target in (increment.target, first.targets[0].target):
        owner = _subscript_of(target, item)
        if owner is None or owner.value != name:
            return None
    return test.comparisons[0].comparator


def _counting_get(statement: cst.BaseStatement, item: str) -> cst.Name | None:
    """`d` for `d[item] = d.get(item, 0) + 1`."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    assign = statement.body[0]
    if not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
        return None
    owner = _subscript_of(assign.targets[0].target, item)
    value = assign.value
    if owner is None or not (
        isinstance(value, cst.BinaryOperation)
        and isinstance(value.operator, cst.Add)
        and int_literal(value.right) == 1
        and isinstance(value.left, cst.Call)
    ):
        return None
    call = value.left
    if not (
        isinstance(call.func, cst.Attribute)
        and call.func.attr.value == "get"
        and isinstance(call.func.value, cst.Name)
        and call.func.value.value == owner.value
        and len(call.args) == 2
        and isinstance(call.args[0].value, cst.Name)
        and call.args[0].value.value == item
        and isinstance(call.args[1].value, cst.Integer)
        and call.args[1].value.value == "0"
    ):
        return None
    return owner
