"""Shared analyses: what names refer to, which loops repeat a node, proven types."""

import libcst as cst
import pytest

from perflint.context import FileContext
from perflint.diagnostics import LintResult
from perflint.engine import run_rules
from perflint.rule import Rule


def ask(source: str, question):
    """Run question(ctx, call) for every call of `probe(...)` in source."""
    answers = []

    class Probe(Rule):
        def visit_Call(self, node):
            if isinstance(node.func, cst.Name) and node.func.value == "probe":
                answers.append(question(self.ctx, node))

    module = cst.parse_module(source)
    run_rules(FileContext(module, source, "x.py", (3, 11)), [Probe], LintResult())
    return answers


def qualified(source):
    return ask(source, lambda ctx, call: ctx.qualified_name(call.args[0].value))


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import numpy as np\nprobe(np.append)\n", "numpy.append"),
        ("from time import sleep as s\nprobe(s)\n", "time.sleep"),
        ("import os.path\nprobe(os.path.join)\n", "os.path.join"),
        ("probe(sum)\n", "builtins.sum"),
        ("from .models import User\nprobe(User.objects)\n", ".models.User.objects"),
        ("def f():\n    import json\n    probe(json.dumps)\n", "json.dumps"),
        ("import pandas as pd\ndef f():\n    probe(pd.concat)\n", "pandas.concat"),
        # Shadowed or unknown: no answer.
        ("import numpy as np\nnp = None\nprobe(np.append)\n", None),
        ("def f(np):\n    probe(np.append)\n", None),
        ("def sum(x):\n    pass\nprobe(sum)\n", None),
        ("probe(undefined_name)\n", None),
        (
            "try:\n    import simplejson as json\nexcept ImportError:\n"
            "    import json\nprobe(json)\n",
            None,
        ),
        ("def f():\n    global np\n    probe(np)\n", None),
        ("class C:\n    sum = 1\n    def m(self):\n        probe(sum)\n", "builtins.sum"),
        ("class C:\n    sum = 1\n    probe(sum)\n", None),
        ("x = [probe(sum) for sum in y]\n", None),
        ("import time\nprobe(time.sleep)\nimport time as t\n", "time.sleep"),
    ],
)
def test_qualified_names(source, expected):
    assert qualified(source) == [expected]


def loops(source):
    return ask(
        source, lambda ctx, call: [(loop.kind, sorted(loop.targets)) for loop in ctx.loops(call)]
    )


@pytest.mark.parametrize(
    "source, expected",
    [
        ("probe()\n", []),
        ("for x in y:\n    probe()\n", [("for", ["x"])]),
        ("for x in probe():\n    pass\n", []),
        ("for x in y:\n    pass\nelse:\n    probe()\n", []),
        ("while probe():\n    pass\n", [("while", [])]),
        (
            "for a, (b, *c) in y:\n    while t:\n        probe()\n",
            [("while", []), ("for", ["a", "b", "c"])],
        ),
        ("[probe() for x in y]\n", [("comprehension", ["x"])]),
        ("[x for x in probe()]\n", []),
        ("[x for x in y if probe()]\n", [("comprehension", ["x"])]),
        ("[x for x in y for z in probe()]\n", [("comprehension", ["x", "z"])]),
        ("for i in y:\n    [x for x in probe()]\n", [("for", ["i"])]),
        ("for i in y:\n    def f():\n        probe()\n", []),
        ("for i in y:\n    def f(a=probe()):\n        pass\n", [("for", ["i"])]),
        ("for i in y:\n    f = lambda: probe()\n", []),
        ("async def f():\n    async for i in y:\n        probe()\n", [("for", ["i"])]),
    ],
)
def test_loops(source, expected):
    assert loops(source) == [expected]


def repeating(source):
    """The targets of the loops that repeat probe(), innermost first."""
    return ask(
        source, lambda ctx, call: [sorted(loop.targets) for loop in ctx.growing_loops(call)]
    )[0]


@pytest.mark.parametrize(
    "source, expected",
    [
        ("def f(xs):\n    for x in xs:\n        probe()\n", [["x"]]),
        # A block that always leaves after the node: once per run of the loop.
        ("def f(xs):\n    for x in xs:\n        if x:\n            probe()\n"
         "            return\n", []),
        ("def f(xs):\n    for x in xs:\n        if x:\n            return probe()\n", []),
        ("import sys\ndef f(xs):\n    for x in xs:\n        if x:\n            probe()\n"
         "            sys.exit(1)\n", []),
        ("def f(self, xs):\n    for x in xs:\n        probe()\n        self.fail(x)\n", []),
        # `break` leaves the inner loop only; the outer one still repeats.
        ("def f(xs, ys):\n    for x in xs:\n        for y in ys:\n            probe()\n"
         "            break\n", [["x"]]),
        # A `break` in an inner loop's body does not leave the outer one.
        ("def f(xs, ys):\n    for x in xs:\n        for y in ys:\n            break\n"
         "        probe()\n", [["x"]]),
        # A `continue` before the end can go round again.
        ("def f(xs):\n    for x in xs:\n        probe()\n        if x:\n            continue\n"
         "        break\n", [["x"]]),
        # All branches leave.
        ("def f(xs):\n    for x in xs:\n        probe()\n        if x:\n            break\n"
         "        else:\n            return\n", []),
        # Loops that normally run once.
        ("def f(n):\n    for i in range(n):\n        try:\n            probe()\n"
         "        except OSError:\n            pass\n        else:\n            break\n", []),
        ("def f(n, xs):\n    for i in range(n):\n        try:\n            probe(xs[i])\n"
         "            break\n        except OSError:\n            pass\n", [["i"]]),
        ("def f(xs):\n    for x in xs:\n        try:\n            return probe(x)\n"
         "        except ValueError:\n            pass\n", [["x"]]),
        ("def f(xs):\n    for x in xs:\n        try:\n            return probe(x)\n"
         "        finally:\n            pass\n", []),
        ("def f():\n    once = True\n    while once:\n        once = False\n        probe()\n", []),
        ("def f(more):\n    go = True\n    while go:\n        go = False\n        probe()\n"
         "        if more():\n            go = True\n", [[]]),
        # A block guarded by what it sets runs once per run of the loop...
        ("def f(xs):\n    pos = None\n    for x in xs:\n        if pos is None:\n"
         "            pos = probe(x)\n", []),
        # ... unless the loop sets it again, the block sets None, or the test is
        # falsiness (0 opens it again).
        ("def f(xs):\n    pos = None\n    for x in xs:\n        if pos is None:\n"
         "            pos = probe(x)\n        pos = None\n", [["x"]]),
        ("def f(xs):\n    pos = None\n    for x in xs:\n        if pos is None:\n"
         "            pos = None\n            probe(x)\n", [["x"]]),
        ("def f(xs):\n    pos = 0\n    for x in xs:\n        if not pos:\n"
         "            pos = probe(x)\n", [["x"]]),
        ("def f(xs):\n    pos = None\n    for x in xs:\n        if pos is None:\n"
         "            probe(x)\n", [["x"]]),
    ],
)
def test_growing_loops_leave_out_loops_that_do_not_repeat(source, expected):
    assert repeating(source) == expected


def types(source):
    return ask(source, lambda ctx, call: ctx.proven_type(call.args[0].value))


@pytest.mark.parametrize(
    "source, expected",
    [
        ("x = []\nprobe(x)\n", "list"),
        ("x = list(y)\nprobe(x)\n", "list"),
        ("x = [a for a in b]\nprobe(x)\n", "list"),
        ("x = [1]\ny = x.copy()\nprobe(y)\n", "list"),
        ("def f(x: list[int]):\n    probe(x)\n", "list"),
        ("def f(x: 'List[int]'):\n    probe(x)\n", None),
        ("from typing import List\ndef f(x: List[int]):\n    probe(x)\n", "list"),
        ("def f():\n    x: set[str] = set()\n    probe(x)\n", "set"),
        ("x = {}\nprobe(x)\n", "dict"),
        ("import collections\nx = collections.deque()\nprobe(x)\n", "deque"),
        ("s = ''\nfor p in q:\n    s += p\nprobe(s)\n", "str"),
        ("b = b''\nprobe(b)\n", "bytes"),
        ("x = []\nx += other\nprobe(x)\n", "list"),
        # Not proven: any other binding, a plain parameter, global, nonlocal, a name suffix.
        ("x = []\nx = None\nprobe(x)\n", None),
        ("x = []\nx -= other\nprobe(x)\n", None),
        ("def f(x):\n    probe(x)\n", None),
        ("items_list = load()\nprobe(items_list)\n", None),
        ("def f():\n    global x\n    x = []\n    probe(x)\n", None),
        (
            "def f():\n    x = []\n    def g():\n        nonlocal x\n        x = 1\n    probe(x)\n",
            None,
        ),
        ("for x in y:\n    probe(x)\n", None),
        ("def list(y):\n    pass\nx = list(z)\nprobe(x)\n", None),
        ("x = y = []\nprobe(x)\n", "list"),
        ("x = line.split(',')\nprobe(x)\n", "list"),
        ("x = []\nfor y in z:\n    x = x + [y]\nprobe(x)\n", "list"),
        ("x = ''\nfor y in z:\n    x = x + 'a'\nprobe(x)\n", "str"),
        ("x = []\nfor y in z:\n    x = x + y\nprobe(x)\n", None),
        ("x = []\nx = x + ()\nprobe(x)\n", None),
        ("def f(x):\n    x = x + [1]\n    probe(x)\n", None),
        ("x, y = [], []\nprobe(x)\n", None),
    ],
)
def test_proven_types(source, expected):
    assert types(source) == [expected]


def test_local_name_for_uses_existing_imports():
    source = "import itertools as it\nfrom collections import deque\nprobe()\n"
    answers = ask(
        source,
        lambda ctx, call: (
            ctx.local_name_for("itertools.chain", call),
            ctx.local_name_for("collections.deque", call),
            ctx.local_name_for("collections.Counter", call),
            ctx.is_unbound("collections", call),
            ctx.is_unbound("deque", call),
        ),
    )
    assert answers == [("it.chain", "deque", None, True, False)]
