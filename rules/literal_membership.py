import libcst as cst

from perflint.diagnostics import UNSAFE
from perflint.rule import Bad, FixPlan, Rule

MIN_ITEMS = 5  # below this the gain is small and hits near the front favour the tuple
_CONSTANTS = (cst.SimpleString, cst.Integer, cst.Float, cst.ConcatenatedString)


class LiteralListMembership(Rule):
    """
    ## What it does
    Flags `x in [a, b, c, d, e]` / `x in (a, b, ...)` inside a loop or
    comprehension when the list or tuple holds five or more string or number
    literals.

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
    """

    code = "PFL205"
    name = "literal-list-membership"
    category = "containers"
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
            "def codes(rows):\n    return [r for r in rows if r.status in (200, 201, 202, 204, 304)]\n",
            line=2,
            fixed="def codes(rows):\n    return [r for r in rows if r.status in {200, 201, 202, 204, 304}]\n",
        ),
    )
    good = (
        # Few items.
        "def f(xs):\n    return [x for x in xs if x in ('a', 'b')]\n",
        # Not all literals: a name could be unhashable.
        "def f(xs, y):\n    return [x for x in xs if x in ['a', 'b', 'c', 'd', y]]\n",
        # Not in a loop.
        "def f(x):\n    return x in ['a', 'b', 'c', 'd', 'e']\n",
        # A set already.
        "def f(xs):\n    return [x for x in xs if x in {'a', 'b', 'c', 'd', 'e'}]\n",
    )

    def visit_ComparisonTarget(self, node: cst.ComparisonTarget) -> None:
        if not isinstance(node.operator, (cst.In, cst.NotIn)):
            return
        literal = node.comparator
        if not isinstance(literal, (cst.List, cst.Tuple)) or len(literal.elements) < MIN_ITEMS:
            return
        if not all(
            isinstance(e, cst.Element) and isinstance(e.value, _CONSTANTS) for e in literal.elements
        ):
            return
        if not self.ctx.growing_loops(node):
            return
        opening: cst.CSTNode
        closing: cst.CSTNode
        if isinstance(literal, cst.List):
            opening, closing = literal.lbracket, literal.rbracket
        elif len(literal.lpar) == 1:
            opening, closing = literal.lpar[0], literal.rpar[0]
        else:
            return  # an unparenthesised tuple: rare in a test, leave it
        # Swap only the brackets: the items, their layout and comments stay.
        fix = FixPlan(
            "Use a set literal",
            replacements=[
                (opening, lambda text: "{" + text[1:]),
                (closing, lambda text: text[:-1] + "}"),
            ],
        )
        self.report(
            literal,
            f"`in` a {'list' if isinstance(literal, cst.List) else 'tuple'} of {len(literal.elements)} "
            "constants compares one by one on every iteration; use a set literal `{...}`",
            fix,
        )
