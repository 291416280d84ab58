import libcst as cst

from perflint.analysis.hoisting import always_leaves
from perflint.prepass import Needs
from perflint.rule import Bad, Rule


class TryInLoop(Rule):
    """
    ## What it does
    Flags a loop whose whole body is a `try` statement whose every `except`
    handler leaves the loop (`break`, `return` or `raise` at its end), when
    the configured `target-version` is below Python 3.11. Such a `try` can
    go around the loop instead: an exception ends the loop either way.

    Off by default (select PFL405 to use it), and silent for 3.11 and later,
    where entering a `try` block costs nothing.

    ## Why is this slow
    Before 3.11, every entry into a `try` block runs a SETUP_FINALLY
    instruction and pushes a block; inside a loop that is paid per iteration.

    ## Example
    ```python
    for line in lines:
        try:
            total += int(line)
        except ValueError:
            break
    ```

    ## Use instead
    ```python
    try:
        for line in lines:
            total += int(line)
    except ValueError:
        pass
    ```

    ## Fix safety
    No automatic fix: the handler's `break` becomes `pass` and the loop is
    re-indented, which is best reviewed by a person.

    ## Measured
    `python benchmarks/rules/try_in_loop.py` under each interpreter, 10,000
    and 100,000 items, nothing raised: CPython 3.10.13 0.43 ms vs 0.32 ms and
    4.1 ms vs 3.5 ms (1.2-1.3x); CPython 3.11.7 0.26 vs 0.26 ms and 2.9 vs
    2.7 ms (1.0-1.1x, within noise), hence the version check.

    Tier micro: a constant factor under 2x where it applies at all.
    """

    code = "PFL405"
    name = "try-in-loop"
    category = "loops"
    impact = "constant-factor"
    needs = Needs(screens=frozenset({"try-in-loop"}))
    summary = (
        "Before Python 3.11 a try block in a loop costs on every iteration; put it around the loop"
    )
    tier = "micro"

    bad = (
        Bad(
            "def total(lines):\n    t = 0\n    for line in lines:\n        try:\n"
            "            t += int(line)\n        except ValueError:\n            break\n    return t\n",
            line=4,
        ),
        Bad(
            "def drain(items, out):\n    while True:\n        try:\n            out.append(next(items))\n"
            "        except StopIteration:\n            return out\n",
            line=3,
        ),
    )
    good = (
        # The handler goes on with the next item: the try must stay inside.
        "def total(lines):\n    t = 0\n    for line in lines:\n        try:\n"
        "            t += int(line)\n        except ValueError:\n            continue\n    return t\n",
        "def total(lines):\n    t = 0\n    for line in lines:\n        try:\n"
        "            t += int(line)\n        except ValueError:\n            print(line)\n    return t\n",
        # More than the try in the loop body.
        "def total(lines):\n    t = 0\n    for line in lines:\n        line = line.strip()\n        try:\n"
        "            t += int(line)\n        except ValueError:\n            break\n    return t\n",
        # The body always returns: the loop runs once.
        "def read(sock):\n    while True:\n        try:\n            return sock.recv()\n"
        "        except OSError:\n            return None\n",
        # finally runs on every iteration.
        "def f(items):\n    for x in items:\n        try:\n            use(x)\n        except OSError:\n"
        "            break\n        finally:\n            done(x)\n",
    )

    def visit_Try(self, node: cst.Try) -> None:
        if self.ctx.target_version >= (3, 11):
            return
        if node.orelse is not None or node.finalbody is not None or not node.handlers:
            return
        path = self.ctx.path_to(node)
        if len(path) < 3:
            return
        block, loop = path[-2], path[-3]
        if not isinstance(loop, (cst.For, cst.While)) or loop.body is not block:
            return
        if len(getattr(block, "body", ())) != 1:
            return
        if always_leaves(node.body):
            return  # the loop runs once either way
        if all(always_leaves(handler.body) for handler in node.handlers):
            self.report(
                node,
                "before Python 3.11 entering this try costs on every iteration; "
                "every handler leaves the loop, so put the try around the loop",
            )
