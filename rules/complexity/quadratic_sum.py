import libcst as cst

from perflint.analysis.usage import grows_with_data, is_fixed_value
from perflint.diagnostics import UNSAFE
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule


class QuadraticSum(Rule):
    """
    ## What it does
    Flags `sum(iterable, [])` and `sum(iterable, ())`: concatenating lists or
    tuples with the builtin `sum`. A list or tuple display with a fixed number
    of items (`sum([a, b, c], [])`) is left alone: k items cost k copies. So
    is a name bound only to such a display, or a dict display, and never grown
    (`sum(GROUPS.values(), [])` over a fixed table).

    ## Why is this slow
    `sum` adds one item at a time, and `a + b` on lists or tuples builds a new
    object holding every element so far. Joining n lists of k items copies about
    n²k/2 elements: quadratic in the number of lists.

    ## Example
    ```python
    rows = sum(pages, [])
    ```

    ## Use instead
    ```python
    import itertools

    rows = list(itertools.chain.from_iterable(pages))
    ```

    ## Fix safety
    Unsafe: `sum` raises `TypeError` when an item is not a list (or tuple), and
    an item with its own `__radd__` (a NumPy array, say) changes the result,
    while `chain.from_iterable` accepts any iterables. When every item is a list
    the result is the same. The fix is offered only for an empty start value and
    when no comment would be lost.

    ## Measured
    `make bench-rules` (benchmarks/rules/quadratic_sum.py), lists of 10 items,
    CPython 3.11 on 2 cores: n = 1,000: sum 6.8 ms, chain 0.10 ms (70x);
    n = 10,000: sum 798 ms, chain 1.04 ms (769x). For 10x more lists sum takes
    118x longer, chain 10.7x.
    """

    code = "PFL101"
    name = "quadratic-sum"
    category = "complexity"
    impact = "super-linear"
    needs = Needs(calls=frozenset({"sum"}))
    summary = "`sum()` of lists or tuples is quadratic; use `itertools.chain.from_iterable`"
    fix_applicability = UNSAFE

    bad = (
        Bad(
            '''"""Pages of search results."""
import json


def flatten(pages):
    """All rows of all pages, in order."""
    # pages is a list of lists
    return sum(pages, [])
''',
            line=8,
            fixed='''"""Pages of search results."""
import itertools
import json


def flatten(pages):
    """All rows of all pages, in order."""
    # pages is a list of lists
    return list(itertools.chain.from_iterable(pages))
''',
            calls=(("flatten", ([[1, 2], [], [3]],)), ("flatten", ([],))),
        ),
        Bad(
            "import itertools as it\n\nrows = sum((page.rows for page in book), start=())\n",
            line=3,
            fixed="import itertools as it\n\n"
            "rows = tuple(it.chain.from_iterable(page.rows for page in book))\n",
        ),
        Bad(
            "from itertools import chain\n\n"
            "def f(groups):\n    return sum([g.members for g in groups], [])\n",
            line=4,
            fixed="from itertools import chain\n\ndef f(groups):\n"
            "    return list(chain.from_iterable([g.members for g in groups]))\n",
        ),
        # A comment inside the call would be lost: report, but offer no fix.
        Bad("total = sum(\n    parts,  # one list per worker\n    [],\n)\n", line=1, fixed=None),
        # A non-empty start is just as quadratic; the rewrite is left to the user.
        Bad("rows = sum(pages, [header])\n", line=1, fixed=None),
    )
    good = (
        "total = sum(prices)\n",
        "total = sum(prices, 0)\n",
        "total = sum(prices, start=0.0)\n",
        "total = sum(*args)\n",
        "total = numbers.sum(pages, [])\n",
        "from mymath import sum\nrows = sum(pages, [])\n",
        "def sum(xs, start):\n    return start\n\nrows = sum(pages, [])\n",
        "def f(sum):\n    return sum(pages, [])\n",
        "rows = list(itertools.chain.from_iterable(pages))\n",
        # A fixed table of groups, never grown: 14 copies once, at import.
        "class Subsetter:\n    _groups = {\n        'a': ['x', 'y'],\n        'b': ['z'],\n    }\n"
        "    _all = sorted(sum(iter(_groups.values()), []))\n",
        # A fixed number of parts: k copies, linear in the data (from email/_header_value_parser).
        "text = ''.join(sum([['('], [quote(x) for x in self], [')']], []))\n",
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not (isinstance(node.func, cst.Name) and node.func.value == "sum"):
            return
        split = _iterable_and_start(node)
        if split is None or self.ctx.qualified_name(node.func) != "builtins.sum":
            return
        iterable, start = split
        if _fixed_length(iterable) or self._fixed_collection(_unwrapped(iterable)):
            return  # a literal with k items costs k copies: linear, not quadratic
        if isinstance(start, cst.List):
            container = "list"
        elif isinstance(start, cst.Tuple):
            container = "tuple"
        else:
            return
        message = (
            f"`sum()` of {container}s copies the running result for every item "
            "(quadratic in the number of items); "
            f"use `{container}(itertools.chain.from_iterable(...))`"
        )
        empty = not start.elements
        fix = self._fix(node, iterable, container) if empty else None
        self.report(node, message, fix)

    def _fixed_collection(self, expr: cst.BaseExpression) -> bool:
        """A name bound only to displays of a fixed size and never grown
        (`GROUPS = {"a": [...], "b": [...]}`; `sum(GROUPS.values(), [])`)."""
        if _fixed_length(expr) or (
            isinstance(expr, cst.Dict)
            and not any(isinstance(e, cst.StarredDictElement) for e in expr.elements)
        ):
            return True
        if not isinstance(expr, cst.Name):
            return False
        scope = self.ctx.binding_scope(expr.value, expr)
        if scope is None:
            return False
        bindings = scope.bindings[expr.value]
        return all(is_fixed_value(b.value) for b in bindings) and not grows_with_data(
            scope.node, bindings, self.ctx.uses(expr.value, scope.node)
        )

    def _fix(self, node: cst.Call, iterable: cst.BaseExpression, container: str) -> FixPlan | None:
        ctx = self.ctx
        if not ctx.refers_to(container, f"builtins.{container}", node):
            return None
        call_code = ctx.module.code_for_node(node)
        if "#" in call_code.replace(ctx.module.code_for_node(iterable), "", 1):
            return None  # a comment outside the iterable would be lost
        if isinstance(iterable, cst.GeneratorExp) and len(iterable.lpar) == 1:
            # A sole generator argument needs no parentheses of its own.
            iterable = iterable.with_changes(lpar=[], rpar=[])
        imports = []
        chain = ctx.local_name_for("itertools.chain", node)
        if chain is None:
            if not ctx.is_unbound("itertools", node):
                return None
            chain, imports = "itertools.chain", ["itertools"]
        replacement = cst.Call(
            func=cst.Name(container),
            args=[
                cst.Arg(
                    cst.Call(
                        func=cst.Attribute(cst.parse_expression(chain), cst.Name("from_iterable")),
                        args=[cst.Arg(iterable)],
                    )
                )
            ],
        )
        return FixPlan(
            f"Replace with `{container}({chain}.from_iterable(...))`",
            replacements=[(node, replacement)],
            imports=imports,
        )


def _unwrapped(expr: cst.BaseExpression) -> cst.BaseExpression:
    """The collection under `iter(x)`, `x.values()`, `x.keys()`, `x.items()`."""
    while isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Name) and func.value == "iter" and len(expr.args) == 1:
            expr = expr.args[0].value
        elif (
            isinstance(func, cst.Attribute)
            and func.attr.value in ("values", "keys", "items")
            and not expr.args
        ):
            expr = func.value
        else:
            break
    return expr


def _fixed_length(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, (cst.List, cst.Tuple)) and not any(
        isinstance(element, cst.StarredElement) for element in expr.elements
    )


def _iterable_and_start(call: cst.Call) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
    """(iterable, start) of a two-argument sum() call, else None."""
    positional = []
    start = None
    for arg in call.args:
        if arg.star:
            return None
        if arg.keyword is None:
            positional.append(arg.value)
        elif arg.keyword.value == "start":
            start = arg.value
        else:
            return None
    if len(positional) == 2 and start is None:
        return positional[0], positional[1]
    if len(positional) == 1 and start is not None:
        return positional[0], start
    return None
