import libcst as cst

from perflint.diagnostics import UNSAFE
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule

MIN_ITEMS = 5  # below this the gain is small and hits near the front favour the tuple
_CONSTANTS = (cst.SimpleString, cst.Integer, cst.Float, cst.ConcatenatedString)


class LiteralListMembership(Rule):
    """
    ## What it does
    Flags `x in [a, b, c, d, e]` / `x in (a, b, ...)` inside a loop or
    comprehension when the list or tuple holds five or more string or number
    literals, and a function's local variable bound once to such a list and
    used for nothing but `in` tests. A class or module name is left alone:
    it may also be read elsewhere (`self.COLUMNS`, an import) for its order.

    ## Why is this slow
    A list or tuple is searched item by item; a set literal of constants is
    built once by the compiler (as a frozenset) and answers with one hash.

    ## Example
    ```python
    for word in words:
        if word in ["a", "an", "the", "of", "to", "in"]:
            continue
    ```

    ## Use instead
    ```python
    for word in words:
        if word in {"a", "an", "the", "of", "to", "in"}:
            continue
    ```

    ## Fix safety
    Unsafe: a set hashes the value tested, so an unhashable value (a list, a
    dict) raises `TypeError` where the list compared it with `==`.

    ## Measured
    `make bench-rules` (benchmarks/rules/dict_idioms.py), CPython 3.11,
    100,000 tests of mostly missing strings: an 8-item list 15.2 ms vs a set
    4.3 ms (3.6x); a 3-item list 7.8 ms vs 4.9 ms (1.6x), hence the threshold
    of five items.

    At the five-item threshold (benchmarks/rules/tiers.py, CPU time,
    interleaved): 2.9-3.6x.

    Opt-in: reviewers who did not write the rule judged 77 of its findings in
    real code (benchmarks/precision/verdicts.json) and found none worth acting
    on: a few nanoseconds a test, in loops that do far more.
    """

    code = "PFL205"
    name = "literal-list-membership"
    category = "containers"
    impact = "constant-factor"
    tier = "opt-in"
    needs = Needs(screens=frozenset({"membership"}))
    summary = "`x in [five or more literals]` in a loop; use a set literal"
    fix_applicability = UNSAFE

    bad = (
        Bad(
            '''STOP_WORDS_NOTE = "see below"


def content_words(text):
    """Words of text that carry meaning."""
    out = []
    for word in text.lower().split():
        # a short, fixed stop list
        if word not in ["a", "an", "the", "of", "to", "in"]:
            out.append(word)
    return out
''',
            line=9,
            fixed='''STOP_WORDS_NOTE = "see below"


def content_words(text):
    """Words of text that carry meaning."""
    out = []
    for word in text.lower().split():
        # a short, fixed stop list
        if word not in {"a", "an", "the", "of", "to", "in"}:
            out.append(word)
    return out
''',
            calls=(("content_words", ("The cat of the house",)), ("content_words", ("",))),
        ),
        Bad(
            """def keep(lines):
    return [
        line
        for line in lines
        if line.kind not in [
            "blank",
            "comment",  # also docstrings
            "pragma",
            "shebang",
            "encoding",
        ]
    ]
""",
            line=5,
            fixed="""def keep(lines):
    return [
        line
        for line in lines
        if line.kind not in {
            "blank",
            "comment",  # also docstrings
            "pragma",
            "shebang",
            "encoding",
        }
    ]
""",
        ),
        Bad(
            '''def clean(words):
    """Words without the stop words."""
    stop = ["a", "an", "the", "of", "to"]  # fixed list
    return [w for w in words if w not in stop]
''',
            line=4,
            fixed='''def clean(words):
    """Words without the stop words."""
    stop = {"a", "an", "the", "of", "to"}  # fixed list
    return [w for w in words if w not in stop]
''',
            calls=(("clean", (["the", "cat", "a", "hat"],)),),
        ),
        Bad(
            "def codes(rows):\n    return [r for r in rows if r.status in (200, 201, 202, 204, 304)]\n",
            line=2,
            fixed="def codes(rows):\n    return [r for r in rows if r.status in {200, 201, 202, 204, 304}]\n",
        ),
    )
    good = (
        # The local list is also used as a list.
        "def f(xs):\n    keep = ['a', 'b', 'c', 'd', 'e']\n    print(keep[0])\n"
        "    return [x for x in xs if x in keep]\n",
        # Few items.
        "def f(xs):\n    return [x for x in xs if x in ('a', 'b')]\n",
        # A class attribute: also read as `self.COLUMNS` elsewhere, in order.
        "class View:\n    COLUMNS = ['', 'Id', 'Name', 'Size', 'Status']\n"
        "    WIDTHS = {'Id': 3, 'Name': 20}\n"
        "    for c in WIDTHS:\n        assert c in COLUMNS\n"
        "    def draw(self):\n        return list(enumerate(self.COLUMNS))\n",
        # Not all literals: a name could be unhashable.
        "def f(xs, y):\n    return [x for x in xs if x in ['a', 'b', 'c', 'd', y]]\n",
        # Not in a loop.
        "def f(x):\n    return x in ['a', 'b', 'c', 'd', 'e']\n",
        # A set already.
        "def f(xs):\n    return [x for x in xs if x in {'a', 'b', 'c', 'd', 'e'}]\n",
    )

    def visit_ComparisonTarget(self, node: cst.ComparisonTarget) -> None:
        if not isinstance(node.operator, (cst.In, cst.NotIn)) or not self.ctx.growing_loops(node):
            return
        operand = node.comparator
        if isinstance(operand, cst.Name):
            self._check_local(node, operand)
            return
        if not isinstance(operand, (cst.List, cst.Tuple)) or not _constant_display(operand):
            return
        kind = "list" if isinstance(operand, cst.List) else "tuple"
        self.report(
            operand,
            f"`in` a {kind} of {len(operand.elements)} constants compares one by one on every "
            "iteration; use a set literal `{...}`",
            _to_set_literal(operand),
        )

    def _check_local(self, node: cst.ComparisonTarget, name: cst.Name) -> None:
        """A local list of constants used for nothing but `in` tests."""
        scope = self.ctx.binding_scope(name.value, node)
        # Only function locals: a class or module name is also read as an
        # attribute (`self.COLUMNS`) or imported, perhaps for its order.
        if scope is None or not isinstance(scope.node, (cst.FunctionDef, cst.Lambda)):
            return
        bindings = scope.bindings[name.value]
        if len(bindings) != 1 or bindings[0].kind != "assign":
            return
        display = bindings[0].value
        if not (isinstance(display, cst.List) and _constant_display(display)):
            return
        uses = self.ctx.uses(name.value, scope.node)
        if not all(u.is_membership_operand() or u.is_store() for u in uses):
            return
        if sum(1 for u in uses if u.is_store()) != 1 or uses[0].is_membership_operand():
            return  # read before it is bound, or bound twice
        if uses[1].name is not name:
            return  # report once, at the first test
        self.report(
            node,
            f"`{name.value}` is a list of {len(display.elements)} constants used only for `in` "
            "tests; make it a set literal `{...}`",
            _to_set_literal(display),
        )


def _constant_display(node: cst.BaseExpression) -> bool:
    return (
        isinstance(node, (cst.List, cst.Tuple))
        and len(node.elements) >= MIN_ITEMS
        and all(
            isinstance(e, cst.Element) and isinstance(e.value, _CONSTANTS) for e in node.elements
        )
    )


def _to_set_literal(display: cst.List | cst.Tuple) -> FixPlan | None:
    """Swap only the brackets: the items, their layout and comments stay."""
    opening: cst.CSTNode
    closing: cst.CSTNode
    if isinstance(display, cst.List):
        opening, closing = display.lbracket, display.rbracket
    elif len(display.lpar) == 1:
        opening, closing = display.lpar[0], display.rpar[0]
    else:
        return None  # an unparenthesised tuple
    return FixPlan(
        "Use a set literal",
        replacements=[
            (opening, lambda text: "{" + text[1:]),
            (closing, lambda text: text[:-1] + "}"),
        ],
    )
