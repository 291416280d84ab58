"""No failure is silent: rules do not crash on legal scoping, anything LibCST
cannot parse is a PFL001 finding, and an internal error is never hidden behind
"All checks passed!" or a zero exit status."""

import pytest

from perflint.api import lint_source
from perflint.config import Settings

ALL = Settings(select=("ALL",))


def _lint_all(source: str):
    result = lint_source(source, "example.py", ALL)
    assert result.errors == [], result.errors
    return result.diagnostics


# --- names declared `nonlocal` or `global` -------------------------------------
# A scope that only declares a name has no binding of it: lookups that stopped
# there (PFL205 and others indexed its bindings) raised KeyError.

NONLOCAL_IN_LOOP = """\
def outer():
    names = ["a", "b", "c", "d", "e"]

    def inner(xs):
        nonlocal names
        for x in xs:
            if x in names:
                print(x)

    return inner
"""


@pytest.mark.parametrize(
    "source",
    [
        NONLOCAL_IN_LOOP,
        # Declared nonlocal two functions down, and rebound there.
        "def a():\n    names = ['a', 'b', 'c', 'd', 'e']\n    def b():\n        def c(xs):\n"
        "            nonlocal names\n            names = list(names)\n            for x in xs:\n"
        "                if x in names:\n                    names.pop(0)\n        return c\n"
        "    return b\n",
        # Every name-reading rule on a nonlocal: counters, regexes, queues, cursors, self.
        "import re\ndef outer(rows):\n    counts = {}\n    pattern = re.compile('x')\n"
        "    queue = []\n    cur = None\n    obj = None\n    def inner():\n"
        "        nonlocal counts, pattern, queue, cur, obj\n        for r in rows:\n"
        "            counts[r] = counts.get(r, 0) + 1\n            re.match(pattern, r)\n"
        "            queue.pop(0)\n            cur.execute('SELECT 1 WHERE a = ?', (r,))\n"
        "            obj.items.pop(0)\n            if r in queue:\n                pass\n"
        "    return inner\n",
        # Rejected by CPython, accepted by LibCST: nonlocal with no enclosing binding.
        "nonlocal names\nfor x in xs:\n    if x in names:\n        pass\n",
        "def f(xs):\n    nonlocal names\n    for x in xs:\n        if x in names:\n"
        "            names.pop(0)\n",
        "class C:\n    names = ['a', 'b', 'c', 'd', 'e']\n    def m(self, xs):\n"
        "        nonlocal names\n        return [x for x in xs if x in names]\n",
        # global, bound or not at module level.
        "names = ['a', 'b', 'c', 'd', 'e']\ndef f(xs):\n    global names\n"
        "    for x in xs:\n        if x in names:\n            names.pop(0)\n",
        "def f(xs):\n    global names\n    for x in xs:\n        if x in names:\n"
        "            names.pop(0)\n",
    ],
)
def test_declared_names_do_not_crash_rules(source):
    _lint_all(source)


def test_a_nonlocal_resolves_to_the_enclosing_binding():
    import libcst as cst

    from perflint.analysis.names import Scopes, binding_scope

    module = cst.parse_module(NONLOCAL_IN_LOOP)
    outer = module.body[0]
    inner = outer.body.body[1]
    scope = binding_scope("names", [inner, outer, module], Scopes())
    assert scope is not None and scope.node is outer and "names" in scope.bindings
