import libcst as cst

from perflint.analysis.rows import arrays_loop
from perflint.analysis.usage import uses_of
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule
from perflint.tree import iter_subtree


class AppendLoop(Rule):
    """
    ## What it does
    Flags a list built by a loop whose whole body is `out.append(expr)`
    (optionally under one `if`), where `out = []` is the statement right
    before the loop: a list comprehension (or `list(items)` for a plain copy)
    says the same thing faster.

    ## Why is this slow
    Each iteration looks up `out.append` and calls it as a Python method; a
    comprehension appends with one bytecode instruction.

    ## Example
    ```python
    emails = []
    for user in users:
        if user.active:
            emails.append(user.email)
    ```

    ## Use instead
    ```python
    emails = [user.email for user in users if user.active]
    ```

    ## Fix safety
    Safe, and offered only when it is provably the same: the list is a local
    of a function created empty on the line before the loop; the loop has no
    `else`, `break`, `continue`, walrus or comment; the loop does not read the
    list it builds (the Fibonacci trap); the loop variable is not read after
    the loop (a comprehension does not leak it) and is not `global`; and no
    `try` in the function could see a half-built list if the iteration raises.
    No fix either when the appended value spans several lines (its layout
    would change).

    ## Measured
    `make bench-rules` (benchmarks/rules/append_loop.py), CPython 3.11: an
    append loop with a filter, n = 10,000: 0.69-0.77 ms vs 0.39-0.66 ms for the
    comprehension (1.2-1.8x); at n = 100,000 the two are within noise (1.0-1.1x:
    both are bound by memory). A copying loop vs `list(items)`: 1.5 ms vs
    0.18 ms at n = 100,000 (8.5x). Not shipped: `set.add` loops vs set
    comprehensions (1.0-1.2x) and `d[k] = v` loops vs dict comprehensions
    (0.8-1.1x) measured no faster (benchmarks/rules/comprehension_variants.py).

    Tier micro: in CPU time with the two interleaved
    (benchmarks/rules/tiers.py), the filtering loop gains 1.1x at n = 10,000 and
    100,000, the copying loop 8.5-11x; most append loops filter or transform.
    """

    code = "PFL402"
    name = "append-loop"
    category = "loops"
    impact = "constant-factor"
    needs = Needs(screens=frozenset({"append-loop"}))
    tier = "micro"
    summary = "A loop that only appends to a new list; use a list comprehension"
    fix_applicability = "safe"

    bad = (
        Bad(
            '''def active_emails(users):
    """Emails of active users, in order."""
    emails = []
    for user in users:
        if user[1]:
            emails.append(user[0].lower())
    return emails
''',
            line=4,
            fixed='''def active_emails(users):
    """Emails of active users, in order."""
    emails = [user[0].lower() for user in users if user[1]]
    return emails
''',
            calls=(("active_emails", ([("A@X", True), ("b@x", False)],)), ("active_emails", ([],))),
        ),
        Bad(
            "def copy(items):\n    out = []\n    for x in items:\n        out.append(x)\n    return out\n",
            line=3,
            fixed="def copy(items):\n    out = list(items)\n    return out\n",
            calls=(("copy", ((1, 2, 3),)), ("copy", ("ab",))),
        ),
        # Inside try: a failing iterator would leave a half-built list visible; no fix.
        Bad(
            "def f(xs):\n    try:\n        out = []\n        for x in xs:\n            out.append(x * 2)\n"
            "    except ValueError:\n        return out\n    return out\n",
            line=4,
            fixed=None,
        ),
        # A comment in the loop would be lost: reported without a fix.
        Bad(
            "def f(xs):\n    out = []\n    for x in xs:\n        # doubled\n        out.append(2 * x)\n    return out\n",
            line=3,
            fixed=None,
        ),
    )
    good = (
        # Reads the list it builds (Fibonacci).
        "def fib(n):\n    f = [0, 1]\n    for i in range(2, n):\n        f.append(f[-1] + f[-2])\n    return f\n",
        "def f(xs):\n    out = []\n    for x in xs:\n        out.append(len(out))\n    return out\n",
        # More than appending.
        "def f(xs):\n    out = []\n    for x in xs:\n        out.append(x)\n        print(x)\n",
        # break changes the meaning.
        "def f(xs):\n    out = []\n    for x in xs:\n        if x < 0:\n            break\n        out.append(x)\n",
        # A `global` loop target: a comprehension would stop setting it.
        "def f(xs):\n    global last\n    out = []\n    for last in xs:\n        out.append(last)\n"
        "    return out\n",
        # The loop variable is used after the loop.
        "def f(xs):\n    out = []\n    for x in xs:\n        out.append(x * 2)\n    return out, x\n",
        # Not a fresh empty list right before the loop.
        "def f(xs, out):\n    for x in xs:\n        out.append(x)\n",
        # Rows of a frame or elements of an array: PFL601 / PFL607 report the loop.
        "import pandas as pd\n\n\ndef f(df):\n    out = []\n    for _, row in df.iterrows():\n"
        "        out.append(row['a'] * 2)\n    return out\n",
        "import numpy as np\n\n\ndef f(a: np.ndarray):\n    out = []\n    for v in a:\n"
        "        out.append(v * 2.0)\n    return out\n",
    )

    def visit_For(self, node: cst.For) -> None:
        if node.orelse is not None or node.asynchronous is not None:
            return
        found = _append_body(node)
        if found is None:
            return
        target_list, value, condition = found
        if arrays_loop(self.ctx, node):
            return  # a frame or array walked row by row: the PFL6xx finding says more
        init = self._fresh_list_before(node, target_list)
        if init is None or not self._equivalent(node, target_list):
            return
        self.report(
            node,
            f"this loop only appends to `{target_list}`; a list comprehension builds it faster",
            self._fix(node, init, value, condition),
        )

    def _equivalent(self, loop: cst.For, name: str) -> bool:
        """The loop does not read the list it builds (Fibonacci), and its
        variables are not read outside it (a comprehension does not bind them)."""
        if any(not u.is_store() and u.method() != "append" for u in uses_of(name, loop.body)):
            return False
        if any(isinstance(n, cst.NamedExpr) for n in iter_subtree(loop.body)):
            return False
        function = self.ctx.scope_nodes(loop)[0]
        for target in (n.value for n in iter_subtree(loop.target) if isinstance(n, cst.Name)):
            if self.ctx.read_outside(target, function, loop):
                return False
        return True

    def _fresh_list_before(self, loop: cst.For, name: str) -> cst.Assign | None:
        assign = self.ctx.small_statement_before(loop)
        if not (
            isinstance(assign, cst.Assign)
            and len(assign.targets) == 1
            and isinstance(assign.targets[0].target, cst.Name)
            and assign.targets[0].target.value == name
            and isinstance(assign.value, cst.List)
            and not assign.value.elements
        ):
            return None
        return assign

    def _fix(self, loop, init, value, condition) -> FixPlan | None:  # type: ignore[no-untyped-def]
        ctx = self.ctx
        module = ctx.module
        function = ctx.scope_nodes(loop)[0]
        if not isinstance(function, cst.FunctionDef) or "#" in module.code_for_node(loop):
            return None
        if any(isinstance(n, (cst.Yield, cst.Await)) for n in iter_subtree(loop.body)):
            return None
        if any(isinstance(a, (cst.Try, cst.TryStar, cst.With)) for a in ctx.path_to(loop)):
            return None  # an iterator failing part-way would leave a half-built list visible
        scope = ctx.scopes.get(function)
        for target in (n.value for n in iter_subtree(loop.target) if isinstance(n, cst.Name)):
            if target in scope.globals or target in scope.nonlocals:
                return None
        target_code = module.code_for_node(loop.target)
        items = module.code_for_node(loop.iter)
        value_code = module.code_for_node(value)
        if "\n" in value_code or (
            condition is not None and "\n" in module.code_for_node(condition)
        ):
            return None  # a multi-line expression would lose its layout
        if condition is None and value_code == target_code and isinstance(loop.target, cst.Name):
            if not ctx.refers_to("list", "builtins.list", loop):
                return None
            built = f"list({items})"
        else:
            test = f" if {module.code_for_node(condition)}" if condition is not None else ""
            built = f"[{value_code} for {target_code} in {items}{test}]"
        return FixPlan(
            "Use a list comprehension",
            replacements=[(init.value, built)],
            deletions=[loop],
        )


def _append_call(statement: cst.BaseStatement) -> tuple[str, cst.BaseExpression] | None:
    """(list name, value) for a statement `name.append(value)`."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    expr = statement.body[0]
    if not isinstance(expr, cst.Expr) or not isinstance(expr.value, cst.Call):
        return None
    call = expr.value
    if not (
        isinstance(call.func, cst.Attribute)
        and call.func.attr.value == "append"
        and isinstance(call.func.value, cst.Name)
        and len(call.args) == 1
        and not call.args[0].keyword
        and not call.args[0].star
    ):
        return None
    return call.func.value.value, call.args[0].value


def _append_body(loop: cst.For) -> tuple[str, cst.BaseExpression, cst.BaseExpression | None] | None:
    """(list name, appended value, filter or None) when the loop body is only
    `name.append(value)`, possibly under one `if` without `else`."""
    if not isinstance(loop.body, cst.IndentedBlock) or len(loop.body.body) != 1:
        return None
    statement = loop.body.body[0]
    if isinstance(statement, cst.If):
        if statement.orelse is not None or not isinstance(statement.body, cst.IndentedBlock):
            return None
        if len(statement.body.body) != 1:
            return None
        found = _append_call(statement.body.body[0])
        return (found[0], found[1], statement.test) if found else None
    found = _append_call(statement)
    return (found[0], found[1], None) if found else None
