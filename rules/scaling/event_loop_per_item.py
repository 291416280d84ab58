import libcst as cst

from perflint.analysis.services import is_test_file, loops_over_data
from perflint.prepass import Needs
from perflint.rule import Bad, Rule
from perflint.tree import iter_subtree

_RUNNERS = frozenset({"asyncio.run", "asyncio.Runner.run"})


class EventLoopPerItem(Rule):
    """
    ## What it does
    Flags `asyncio.run(...)` and `loop.run_until_complete(...)` called inside
    a loop over data: a new event loop (or a full trip through one) for every
    item.

    ## Why is this slow
    `asyncio.run` creates an event loop, runs one coroutine to the end and
    closes the loop again. Called per item, the coroutines run strictly one
    after another, so nothing overlaps: n items of latency t take n·t, plus
    the cost of setting up a loop each time. One `asyncio.run` over a
    coroutine that gathers the items overlaps their waits.

    ## Example
    ```python
    for url in urls:
        pages.append(asyncio.run(fetch(url)))
    ```

    ## Use instead
    ```python
    async def fetch_all(urls):
        return await asyncio.gather(*(fetch(url) for url in urls))

    pages = asyncio.run(fetch_all(urls))
    ```

    ## Fix safety
    No fix: the items' coroutines would run together, which changes when
    each one happens and how failures surface.

    ## Measured
    benchmarks/scaling/sequential_awaits.py: 100 items each waiting 10 ms
    took 1,591 ms with an `asyncio.run` per item and 21 ms with one
    `asyncio.run` over a gather (77x).
    """

    code = "PFL507"
    name = "event-loop-per-item"
    category = "scaling"
    impact = "scaling"
    needs = Needs(loop_calls=frozenset({"run", "run_until_complete"}))
    summary = "`asyncio.run` inside a loop starts an event loop per item; run one over a gather"
    fix_applicability = "none"

    bad = (
        Bad(
            "import asyncio\n\n\ndef pages(urls):\n    out = []\n    for url in urls:\n"
            "        out.append(asyncio.run(fetch(url)))\n    return out\n",
            line=7,
        ),
        Bad(
            "from asyncio import run\n\n\ndef pages(urls):\n    return [run(fetch(u)) for u in urls]\n",
            line=5,
        ),
        Bad(
            "import asyncio\n\n\ndef pages(urls):\n    loop = asyncio.new_event_loop()\n"
            "    for url in urls:\n        loop.run_until_complete(fetch(url))\n",
            line=7,
        ),
    )
    good = (
        "import asyncio\n\n\nasync def fetch_all(urls):\n"
        "    return await asyncio.gather(*(fetch(u) for u in urls))\n\n\n"
        "def pages(urls):\n    return asyncio.run(fetch_all(urls))\n",
        # A fixed number of runs, or a retry.
        "import asyncio\n\n\ndef main():\n    for name in ('setup', 'serve'):\n"
        "        asyncio.run(step(name))\n",
        "import asyncio\n\n\ndef main(tries):\n    for attempt in range(tries):\n        try:\n"
        "            return asyncio.run(serve())\n        except OSError:\n            pass\n",
        # A `run` that is not asyncio's.
        "import subprocess\n\n\ndef build(targets):\n    for t in targets:\n"
        "        subprocess.run(['make', t])\n",
        "def replay(runner, jobs):\n    for job in jobs:\n        runner.run(job)\n",
        # Waiting on tasks that already run together, as they finish.
        "import asyncio\n\n\ndef results(loop, coros, limit):\n    pending = set()\n"
        "    for coro in coros:\n        pending.add(loop.create_task(coro))\n"
        "        if len(pending) >= limit:\n            done, pending = loop.run_until_complete(\n"
        "                asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)\n            )\n"
        "            yield from (t.result() for t in done)\n",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._in_tests = is_test_file(ctx.path)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if self._in_tests or not isinstance(func, (cst.Name, cst.Attribute)):
            return
        last = func.value if isinstance(func, cst.Name) else func.attr.value
        if last == "run":
            if self.ctx.qualified_name(func) not in _RUNNERS:
                return
        elif last != "run_until_complete":
            return
        loops = self.ctx.growing_loops(node)
        if not loops or not loops_over_data(loops):
            return
        names = {n.value for a in node.args for n in iter_subtree(a.value) if isinstance(n, cst.Name)}
        if not names & loops[0].targets:
            return  # `run_until_complete(asyncio.wait(pending, ...))`: not one item's coroutine
        what = self.ctx.module.code_for_node(func)
        self.report(
            node,
            f"`{what}(...)` in a loop runs each item's coroutine on its own, one after "
            "another; run one event loop over a coroutine that gathers them",
        )
