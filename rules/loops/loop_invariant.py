import libcst as cst

from perflint.analysis.fresh import fresh_name
from perflint.analysis.hoisting import (
    Setting,
    every_iteration,
    outermost_site,
    retry_loop,
    runs_once,
    setting_of,
)
from perflint.analysis.invariance import CHEAP_CALLS, MUTABLE_RESULTS, STR_METHODS, Invariance
from perflint.analysis.paths import Loop
from perflint.analysis.regex import pattern_arguments, regex_function
from perflint.analysis.repeats import once_flag_loop, retry_for_loop
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule
from perflint.tree import iter_subtree

# Nodes between an expression and a bigger expression holding it.
_GLUE = (
    cst.Arg, cst.Element, cst.ComparisonTarget, cst.Index, cst.Slice, cst.SubscriptElement,
    cst.FormattedStringExpression,
)  # fmt: skip
_MAX_SHOWN = 40


class LoopInvariant(Rule):
    """
    ## What it does
    Flags a computation inside a loop that gives the same result on every
    iteration: a call on a list of known-pure functions (`sorted`, `min`,
    `max`, `sum`, `tuple`, `str` methods, `os.path.join`, `math.*`, ...) whose
    inputs the loop never changes. It reports the biggest such expression once.

    It stays silent unless it can prove the result cannot change: every name
    read is not rebound in the loop (assignment, `for` target, `with ... as`,
    walrus, `del`, `global`/`nonlocal`), the loop does not change the objects
    read (no mutating method, item or attribute assignment, or passing them
    to other code), and a call that reads a container's contents gets an
    immutable value or a local list/dict/set built in the function that never
    reaches other code. Method calls on arbitrary objects (`settings.load()`)
    are never considered invariant. Calls too cheap to matter (`len`, `abs`,
    `int`, `float`, ..., `str` of a string literal, which gives back the
    same object, and a `str` method other than `join` and `format` of a string
    literal, or `tuple`/`frozenset`/`set` of one, which cost what `int("12")`
    does) are not reported on their own, nor is code that runs
    at most once per loop (a block ending in `return`, `raise`, `break` or a
    call that never returns, such as `sys.exit` or `self.fail`; a retry loop
    that leaves on success; `while do_once: do_once = False`).
    Regular expressions are left to PFL404.

    ## Why is this slow
    The same work is repeated n times instead of once: `sorted(limits)` in a
    loop over n items costs n sorts.

    ## Example
    ```python
    for order in orders:
        if order.total > sorted(limits)[len(limits) // 2]:
            flag(order)
    ```

    ## Use instead
    ```python
    sorted_limits = sorted(limits)[len(limits) // 2]
    for order in orders:
        if order.total > sorted_limits:
            flag(order)
    ```

    ## Fix safety
    Unsafe: the value is computed before the loop, which runs even when the
    loop has no iterations (and may then raise, e.g. `max([])`). The fix is
    offered only when every iteration would compute it anyway (no branch,
    `break` or `continue` before it in the loop) and it fits on one line.

    ## Measured
    `make bench-rules` (benchmarks/rules/loop_invariant.py), CPython 3.11,
    10,000 iterations: `sorted(limits)[k]` with 100 limits 7.3 ms vs 0.19 ms
    (38x); `os.path.join(root, "static")` 7.3 ms vs 0.48 ms (15x);
    `", ".join(10 words)` 1.6 ms vs 0.50 ms (3.2x); `prefix.lower()` 1.2 ms vs
    0.81 ms (1.5x). Not reported alone: `len(other)` (1.3x in an otherwise
    empty loop, less in real code).
    In loops that also build, test and store (benchmarks/rules/
    loop_invariant_realistic.py, 10,000 items, 2 busy cores): `set(ids)` of
    1,000 ids 394 ms vs 1.2 ms (320x); `'{:>{width}}'.format(...)` 16.4 ms vs
    3.2 ms (5.1x); `os.path.join(root, 'static')` 28.2 ms vs 6.6 ms (4.2x);
    `'%2.2f'.ljust(10)` 98 ms vs 106 ms (0.9x: no gain, so not reported).

    Opt-in: reviewers who did not write the rule judged 75 of its findings in
    real code (benchmarks/precision/verdicts.json) and found 2 worth acting on
    (and 9 wrong): the calls there are cheap next to the loop's other work.
    """

    code = "PFL403"
    name = "loop-invariant-call"
    category = "loops"
    impact = "constant-factor"
    tier = "opt-in"
    needs = Needs(screens=frozenset({"invariant-call"}))
    summary = "A call gives the same result on every iteration; compute it once before the loop"
    fix_applicability = "unsafe"

    bad = (
        Bad(
            "def above_median(values, limits):\n"
            "    out = []\n"
            "    for v in values:\n"
            "        if v > sorted(limits)[len(limits) // 2]:\n"
            "            out.append(v)\n"
            "    return out\n",
            line=4,
            fixed="def above_median(values, limits):\n"
            "    out = []\n"
            "    sorted_limits = sorted(limits)[len(limits) // 2]\n"
            "    for v in values:\n"
            "        if v > sorted_limits:\n"
            "            out.append(v)\n"
            "    return out\n",
            calls=(("above_median", ([1, 5, 9], [4, 6, 2])),),
        ),
        Bad(
            "import os\n\n\ndef paths(names, root):\n    out = []\n    for name in names:\n"
            "        out.append(os.path.join(root, 'static') + name)\n    return out\n",
            line=7,
            fixed="import os\n\n\ndef paths(names, root):\n    out = []\n"
            "    join_root = os.path.join(root, 'static')\n    for name in names:\n"
            "        out.append(join_root + name)\n    return out\n",
            calls=(("paths", (["a", "b"], "/srv")),),
        ),
        Bad(
            "def tags(rows, parts):\n    words = list(parts)\n    for row in rows:\n"
            "        row.label = ', '.join(words).upper()\n",
            line=4,
            fixed="def tags(rows, parts):\n    words = list(parts)\n"
            "    upper_words = ', '.join(words).upper()\n    for row in rows:\n"
            "        row.label = upper_words\n",
        ),
        # Invariant in both loops: computed before the outer one.
        Bad(
            "def grid(rows, cols, names):\n    out = []\n    for r in rows:\n"
            "        for c in cols:\n            out.append((r, c, tuple(sorted(names))))\n"
            "    return out\n",
            line=5,
            fixed="def grid(rows, cols, names):\n    out = []\n"
            "    tuple_names = tuple(sorted(names))\n    for r in rows:\n"
            "        for c in cols:\n            out.append((r, c, tuple_names))\n"
            "    return out\n",
            calls=(("grid", ([1, 2], [3], ["b", "a"])),),
        ),
        # At module level the new name is private, so the module's interface stays the same.
        Bad(
            "LIMITS = [4, 6, 2]\nBIG = []\nfor v in [1, 5, 9]:\n"
            "    if v > max(LIMITS):\n        BIG.append(v)\n",
            line=4,
            fixed="LIMITS = [4, 6, 2]\nBIG = []\n_max_limits = max(LIMITS)\nfor v in [1, 5, 9]:\n"
            "    if v > _max_limits:\n        BIG.append(v)\n",
        ),
        # A while test is evaluated on every iteration.
        Bad(
            "def skip(text: str, word: str):\n    i = 0\n"
            "    while text.startswith(word.strip(), i):\n        i += 1\n    return i\n",
            line=3,
            fixed="def skip(text: str, word: str):\n    i = 0\n    strip_word = word.strip()\n"
            "    while text.startswith(strip_word, i):\n        i += 1\n    return i\n",
            calls=(("skip", ("aaab", " a ")), ("skip", ("", ""))),
        ),
    )
    good = (
        # Only for the item that matches a fixed key: maybe once per loop.
        "def row(params, key, lo, hi):\n    out = ''\n    for name, value in params:\n"
        "        if name == key:\n            out += '{0}...{1}'.format(lo, hi)\n"
        "        else:\n            out += str(value)\n    return out\n",
        # Not known to be a string: `word.strip()` may be any method.
        "def f(text, word):\n    i = 0\n    while text.startswith(word.strip(), i):\n        i += 1\n",
        # A method call on an arbitrary object may do anything.
        "def f(items, settings):\n    for x in items:\n        use(x, settings.load())\n",
        # The loop changes what the call reads.
        "def f(items):\n    seen = []\n    for x in items:\n        seen.append(x)\n"
        "        print(sorted(seen))\n",
        # The loop's own target writes into the list (more-itertools' partial_product).
        "def f(iterators):\n    prod = [next(it) for it in iterators]\n"
        "    for i, it in enumerate(iterators):\n        for prod[i] in it:\n"
        "            yield tuple(prod)\n",
        # Hoisting above the statement that binds what it reads (a peer's bug).
        "def f(xs, ys):\n    for x in xs:\n        ys = list(ys)\n        print(sorted(ys))\n",
        # Rebound in the loop.
        "def f(items, name):\n    for x in items:\n        print(name.upper())\n        name = x\n",
        # A parameter list may be changed by code the loop calls.
        "def f(items, limits, check):\n    for x in items:\n        check(x)\n"
        "        print(max(limits))\n",
        # Runs at most once: the block leaves the loop.
        "def f(items, names):\n    for x in items:\n        if x:\n"
        "            raise ValueError(', '.join(names))\n",
        # The `if` leaves the loop on both branches.
        "def f(items, name: str, pick):\n    for x in items:\n        if x:\n"
        "            got = pick(name.upper(), x)\n            if got:\n                return got\n"
        "            else:\n                break\n",
        # A first-time guard: runs once.
        "def f(items, sep: str):\n    started = False\n    for x in items:\n        if not started:\n"
        "            started = True\n            yield sep.upper()\n        yield x\n",
        # str() of a string literal gives back the same object.
        "def f(ps):\n    for i, p in enumerate(ps):\n        if not p:\n"
        "            print(str('order {} is '\n                      'empty').format(i))\n",
        # Too cheap to matter on its own.
        "def f(items, other):\n    t = 0\n    for x in items:\n        t += x * len(other)\n    return t\n",
        # Walrus rebinding inside the loop.
        "def f(items, s):\n    for x in items:\n        print(s.upper(), (s := x))\n",
        # A regular expression: PFL404's business.
        "import re\n\ndef f(lines, p):\n    for line in lines:\n        re.compile(p).match(line)\n",
        # A retry loop: it runs once unless the attempt fails.
        "import os, random\n\ndef f(folder, flags):\n    while True:\n"
        "        name = os.path.join(os.path.dirname(folder), str(random.random()))\n"
        "        try:\n            fd = os.open(name, flags)\n            break\n"
        "        except FileExistsError:\n            continue\n    return fd\n",
        # Declared global somewhere: any call may rebind it.
        "NAMES = ['a']\n\ndef reset():\n    global NAMES\n    NAMES = []\n\n"
        "def f(items):\n    for x in items:\n        print(', '.join(NAMES))\n",
        # A nested function sees (and may change) the list.
        "def f(items):\n    names = ['a']\n    add = lambda v: names.append(v)\n"
        "    for x in items:\n        add(x)\n        print(sorted(names))\n",
        # A concatenated list is kept and changed: hoisting would share it.
        "def f(items, b):\n    a = list(b)\n    for x in items:\n        both = a + sorted(a)\n"
        "        both.append(x)\n",
        # The sorted copy is kept and changed: hoisting would share it.
        "def f(items, names):\n    names = list(names)\n    for x in items:\n"
        "        order = sorted(names)\n        order.append(x)\n        print(order)\n",
        # A str method of a short literal costs what `int("12")` does: nothing to save.
        "def table(rows):\n    lines = []\n    for row in rows:\n        for v in row:\n"
        "            lines.append('%2.2f'.ljust(10) % v)\n    return lines\n",
        "def f(cells):\n    for c in cells:\n        if c in tuple('A1 '):\n            print(c)\n",
        # Only on an error or skip path: hoisting would add its cost to every run.
        "def f(envs, patterns, avail, errors):\n    for env in envs:\n"
        "        for pattern in patterns:\n            try:\n"
        "                found = avail[env][pattern]\n            except KeyError:\n"
        "                errors.append(\"No environment '{}' found\".format(env))\n",
        "def f(names, keys, seen, errors, template):\n    for name in names:\n"
        "        for key in keys:\n            if key in seen:\n"
        "                errors.append(\"ID '{}' in '{}' twice\".format(name, template))\n"
        "                continue\n            seen.add(key)\n",
        # Followed by a call that never returns: runs once per loop at most.
        "import os, sys\ndef f(lines, pat, out, path):\n    for line in lines:\n"
        "        if pat in line:\n            out.write(os.path.dirname(path))\n"
        "            sys.exit(1)\n",
        "class M:\n    def check(self, lines, pat, width):\n        for line in lines:\n"
        "            if line == pat:\n"
        "                self._log('{:>{w}}'.format('with:', w=width), repr(line))\n"
        "                self._fail(pat)\n",
        # `while do_once:` clears its own flag: a block run once, left with `break`.
        "import os\ndef f(root, name):\n    do_once = True\n    while do_once:\n"
        "        do_once = False\n        path = os.path.join(root, name)\n"
        "        if not os.path.exists(path):\n            break\n    return path\n",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._reported: set[int] = set()
        self._checkers: dict[int, Invariance] = {}

    def visit_Call(self, node: cst.Call) -> None:
        if not _may_be_pure(node.func):
            return
        if not any(isinstance(a, (cst.For, cst.While)) for a in self.ctx.ancestors):
            return  # cheap test first: not in a loop statement
        setting = setting_of(self.ctx, node)
        if setting is None or setting.loops[0].kind == "comprehension":
            return
        loop = setting.loops[0]
        checker = self._checkers.get(id(loop.node))
        if checker is None:
            checker = self._checkers[id(loop.node)] = setting.invariance(self.ctx, loop)
        if checker.call_name(node) is None:
            return
        path = self.ctx.path_to(node)
        top_index = _outermost(checker, path)
        top = path[top_index]
        if id(top) in self._reported:
            return
        self._reported.add(id(top))
        assert isinstance(top, cst.BaseExpression)
        if not self._worth_reporting(checker, top, path[:top_index]):
            return
        if runs_once(path[: top_index + 1], setting.loops[0].node):
            return
        if _on_a_side_path(path[: top_index + 1], setting.loops[0].node):
            return  # an error or skip branch: hoisting would move its cost to every run
        if _under_a_match(path[: top_index + 1], setting.loops[0]):
            return  # `if item.key == key:` picks the matching items, maybe one: no repeat shown
        if retry_loop(setting.loops[0].node) or retry_for_loop(setting.loops[0].node):
            return  # repeats only after a failure
        if once_flag_loop(setting.loops[0].node):
            return  # `while do_once: do_once = False`: a block to `break` from, run once
        self.report(top, self._message(top), self._fix(setting, top, path[: top_index + 1]))

    def _worth_reporting(
        self, checker: Invariance, top: cst.BaseExpression, above: list[cst.CSTNode]
    ) -> bool:
        calls = [n for n in iter_subtree(top) if isinstance(n, cst.Call)]
        names = [checker.call_name(c) for c in calls]
        cheap = [
            name in CHEAP_CALLS or _on_literals(c, name)
            for c, name in zip(calls, names, strict=True)
        ]
        if all(cheap):
            return False
        if _returns_its_argument(checker, top):
            return False
        if any(regex_function(self.ctx, c, above) for c in calls):
            return False
        if _regex_argument(self.ctx, top, above):
            return False
        if isinstance(top, cst.Call) and checker.call_name(top) in MUTABLE_RESULTS:
            return _only_read(top, above)
        if isinstance(top, cst.BinaryOperation) and not _gives_str(checker, top):
            return _only_read(top, above)
        return True

    def _message(self, top: cst.BaseExpression) -> str:
        code = " ".join(self.ctx.module.code_for_node(top).split())
        if len(code) > _MAX_SHOWN:
            code = code[: _MAX_SHOWN - 3] + "..."
        return f"`{code}` gives the same result on every iteration; compute it once before the loop"

    def _fix(
        self, setting: Setting, top: cst.BaseExpression, path: list[cst.CSTNode]
    ) -> FixPlan | None:
        site = outermost_site(self.ctx, setting, [top])
        if site is None or not every_iteration(path, site.loop.node):
            return None
        code = self.ctx.module.code_for_node(top)
        if "\n" in code or "#" in code:
            return None
        name = fresh_name(self.ctx, setting.function, *_names_for(top), private=site.module_level)
        return FixPlan(
            f"Compute it once before the loop, as `{name}`",
            replacements=[(top, name)],
            lines_before=[(site.statement, f"{name} = {code}")],
        )


# str methods whose cost on a short literal is that of `int("12")`; `join` reads a
# collection and `format` parses its template, both cost ten times more.
_FIXED_STR_METHODS = STR_METHODS - {"join", "format"}
_LITERALS = (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float)


def _on_literals(call: cst.Call, name: str | None) -> bool:
    """A str method (other than join and format) of a string literal, or
    tuple/frozenset/set of one, with literal arguments: a fixed cost of about
    0.1-0.3 microseconds, which hoisting does not measurably save
    (benchmarks/rules/loop_invariant_realistic.py)."""
    func = call.func
    if name in _FIXED_STR_METHODS and isinstance(func, cst.Attribute):
        receiver = func.value
    elif name in ("tuple", "frozenset", "set") and len(call.args) == 1:
        receiver = call.args[0].value
    else:
        return False
    if not isinstance(receiver, (cst.SimpleString, cst.ConcatenatedString)):
        return False
    return all(isinstance(a.value, _LITERALS) for a in call.args if a.value is not receiver)


def _on_a_side_path(path: list[cst.CSTNode], loop: cst.CSTNode) -> bool:
    """Inside the loop, the node sits in an `except` handler or in a block that
    ends with `continue` (`if bad: errors.append(msg.format(...)); continue`)."""
    start = next((i for i, n in enumerate(path) if n is loop), None)
    if start is None:
        return False
    for node in path[start + 1 :]:
        if isinstance(node, (cst.ExceptHandler, cst.ExceptStarHandler)):
            return True
        if isinstance(node, cst.IndentedBlock) and node is not getattr(loop, "body", None):
            last = node.body[-1] if node.body else None
            if isinstance(last, cst.SimpleStatementLine) and isinstance(
                last.body[-1], cst.Continue
            ):
                return True
    return False


def _under_a_match(path: list[cst.CSTNode], loop: Loop) -> bool:
    """Inside the loop, the node sits in the body of `if <the item's part> ==
    <something fixed>:` (or `is`): it runs for the items that match, which may
    be one (unique keys), so hoisting it saves nothing the code shows."""
    start = next((i for i, n in enumerate(path) if n is loop.node), None)
    if start is None:
        return False
    for node, below in zip(path[start + 1 :], path[start + 2 :], strict=False):
        if not isinstance(node, cst.If) or below is not node.body:
            continue
        test = node.test
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            continue
        (target,) = test.comparisons
        if not isinstance(target.operator, (cst.Equal, cst.Is)):
            continue
        sides = [_reads_any(side, loop.targets) for side in (test.left, target.comparator)]
        if sides[0] != sides[1]:
            return True
    return False


def _reads_any(expr: cst.BaseExpression, names: frozenset[str]) -> bool:
    return any(isinstance(n, cst.Name) and n.value in names for n in iter_subtree(expr))


def _returns_its_argument(checker: Invariance, top: cst.BaseExpression) -> bool:
    """`str("literal")`: str of a str gives back the very same object, no work."""
    return (
        isinstance(top, cst.Call)
        and checker.call_name(top) == "str"
        and len(top.args) == 1
        and not top.args[0].keyword
        and not top.args[0].star
        and isinstance(top.args[0].value, (cst.SimpleString, cst.ConcatenatedString))
        and "b" not in _string_prefix(top.args[0].value).lower()
    )


def _string_prefix(node: cst.SimpleString | cst.ConcatenatedString) -> str:
    while isinstance(node, cst.ConcatenatedString):
        node = node.left  # type: ignore[assignment]
    return node.prefix if isinstance(node, cst.SimpleString) else ""


def _may_be_pure(func: cst.BaseExpression) -> bool:
    """A cheap shape test before any analysis: a bare name or a dotted name."""
    while isinstance(func, cst.Attribute):
        func = func.value
    return isinstance(func, (cst.Name, cst.SimpleString, cst.ConcatenatedString))


def _outermost(checker: Invariance, path: list[cst.CSTNode]) -> int:
    """Index in path of the biggest invariant expression holding its last node."""
    top = len(path) - 1
    for index in range(len(path) - 2, 0, -1):
        node = path[index]
        if isinstance(node, _GLUE):
            continue
        parent = path[index - 1]
        if isinstance(node, cst.Attribute) and isinstance(parent, cst.Call) and parent.func is node:
            continue  # a method of the value: the call decides
        if (
            isinstance(node, cst.BaseExpression)
            and not isinstance(node, cst.Lambda)
            and checker.pure(node)
        ):
            top = index
            continue
        break
    return top


def _only_read(top: cst.BaseExpression, above: list[cst.CSTNode]) -> bool:
    """The new object top gives is only read where it is used, so one object
    can serve every iteration."""
    parent = above[-1] if above else None
    if isinstance(parent, cst.Subscript) and parent.value is top:
        return True
    if isinstance(parent, cst.ComparisonTarget) and isinstance(
        parent.operator, (cst.In, cst.NotIn)
    ):
        return True
    if isinstance(parent, cst.For) and parent.iter is top:
        return True
    if isinstance(parent, cst.Arg) and len(above) > 1 and isinstance(above[-2], cst.Call):
        func = above[-2].func
        return isinstance(func, cst.Name) and func.value in (
            "len",
            "tuple",
            "frozenset",
            "min",
            "max",
            "sum",
            "any",
            "all",
        )
    return False


# Pure calls known to return a str.
_STR_CALLS = frozenset({"join", "basename", "dirname", "normpath", "normcase", "escape", "str"})


def _gives_str(checker: Invariance, expr: cst.BaseExpression) -> bool:
    """expr is known to give a str (so `a + b` with it is a new immutable str)."""
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return True
    if isinstance(expr, cst.Call):
        return checker.is_str(expr) or checker.call_name(expr) in _STR_CALLS
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Add, cst.Modulo)):
        return _gives_str(checker, expr.left) or (
            isinstance(expr.operator, cst.Add) and _gives_str(checker, expr.right)
        )
    return False


def _regex_argument(ctx, top: cst.BaseExpression, above: list[cst.CSTNode]) -> bool:  # type: ignore[no-untyped-def]
    """top is the pattern or flags given to a `re` function (PFL404 reports those)."""
    if len(above) < 2 or not isinstance(above[-1], cst.Arg) or not isinstance(above[-2], cst.Call):
        return False
    call = above[-2]
    function = regex_function(ctx, call, above[:-1])
    return function is not None and any(
        arg is above[-1] for arg in pattern_arguments(call, function)
    )


# Subjects that say nothing of the value: `basename` reads better than `basename_name`.
_VAGUE = frozenset({"name", "value", "item", "obj", "data", "text", "arg"})


def _names_for(top: cst.BaseExpression) -> tuple[str, ...]:
    """Names to hold top's value, best first: `sorted_limits` for
    sorted(limits), `join_root` for os.path.join(root, ...), `basename` (then
    `name_basename`) for os.path.basename(name)."""
    verb, subject = _verb_and_subject(top)
    if subject is None:
        return ("value",) if verb == "value" else (f"{verb}_value",)
    if subject in _VAGUE or len(subject) == 1:
        return verb, f"{subject}_{verb}"
    return (f"{verb}_{subject}",)


def _verb_and_subject(top: cst.BaseExpression) -> tuple[str, str | None]:
    """("sorted", "limits") for sorted(limits), ("join", "root") for
    os.path.join(root, ...)."""
    call = (
        top
        if isinstance(top, cst.Call)
        else next((n for n in iter_subtree(top) if isinstance(n, cst.Call)), None)
    )
    if call is None:
        return "value", None
    func = call.func
    verb = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "value")
    skipped = {id(n.attr) for n in iter_subtree(top) if isinstance(n, cst.Attribute)}
    skipped.update(id(n.func) for n in iter_subtree(top) if isinstance(n, cst.Call))
    subject = next(
        (
            n.value
            for n in iter_subtree(top)
            if isinstance(n, cst.Name) and id(n) not in skipped and not _is_module_name(n, top)
        ),
        None,
    )
    if subject is None and isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        subject = func.value.value  # `word.strip()`: named after the word
    return verb, subject


def _is_module_name(name: cst.Name, top: cst.BaseExpression) -> bool:
    """Heads of dotted function names (`os` in os.path.join) name no data."""
    for call in iter_subtree(top):
        if isinstance(call, cst.Call):
            func = call.func
            while isinstance(func, cst.Attribute):
                func = func.value
            if func is name:
                return True
    return False
