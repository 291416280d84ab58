import libcst as cst

from perflint.analysis.dead import in_dead_branch
from perflint.analysis.scopes import COMPREHENSIONS
from perflint.analysis.services import BLOCKING_CALLS, is_test_file
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule

_FILE_METHODS = frozenset({"read", "readlines", "readline", "write", "writelines"})


class BlockingCallInAsync(Rule):
    """
    ## What it does
    Flags a blocking call made directly in an `async def`: `time.sleep`,
    `requests.*` and `httpx.get/post/...`, `urllib.request.urlopen`,
    `http.client` connections, blocking `socket` look-ups and connections,
    `subprocess.run/call/check_call/check_output`, `os.system`, synchronous
    database drivers (`psycopg2`, `psycopg`, `pymysql`, `mysql.connector`,
    `sqlite3`) and `open(...).read()`. The message names the async
    alternative. Functions passed to `asyncio.to_thread` or
    `run_in_executor` are not calls here and are not flagged, nor is code in
    a nested (synchronous) function, nor `time.sleep(0)`, which waits for
    nothing, nor a CLI command (`@app.command`), which runs alone on its own
    event loop.
    Test files (`test_*.py`, `*_test.py`, `conftest.py`, files under
    `tests/`) are skipped: there it is usually the point of the test.

    ## Why is this slow
    One event loop serves every request of the process; while a coroutine
    blocks, no other request makes progress, so latency grows with load and
    adding instances is the only (expensive) way out.

    ## Example
    ```python
    async def poll(job):
        while not job.done():
            time.sleep(1)
    ```

    ## Use instead
    ```python
    async def poll(job):
        while not job.done():
            await asyncio.sleep(1)
    ```

    ## Fix safety
    Only `time.sleep(x)` written as a statement has a fix, to
    `await asyncio.sleep(x)` (importing asyncio); it is unsafe because other
    tasks now run during the wait, which code may (wrongly) rely on not
    happening.

    ## Measured
    benchmarks/scaling/blocking_in_async.py: 100 concurrent requests each
    waiting 10 ms took 1027 ms with `time.sleep` and 14 ms with
    `await asyncio.sleep` (75x): the blocked loop served one at a time.
    """

    code = "PFL502"
    name = "blocking-call-in-async"
    category = "scaling"
    impact = "scaling"
    needs = Needs(async_functions=True)
    summary = "A blocking call inside `async def` stalls the event loop for every request"
    fix_applicability = "unsafe"

    bad = (
        Bad(
            "import time\n\n\nasync def poll(job):\n    while not job.done():\n        time.sleep(1)\n",
            line=6,
            fixed="import asyncio\n\n\nasync def poll(job):\n    while not job.done():\n"
            "        await asyncio.sleep(1)\n",
        ),
        # asyncio already imported; run through a synchronous entry point.
        Bad(
            "import asyncio\nimport time\n\n\nasync def countdown(n):\n    out = []\n    while n:\n"
            "        time.sleep(0.001)\n        out.append(n)\n        n -= 1\n    return out\n\n\n"
            "def run(n):\n    return asyncio.run(countdown(n))\n",
            line=8,
            fixed="import asyncio\n\n\nasync def countdown(n):\n    out = []\n    while n:\n"
            "        await asyncio.sleep(0.001)\n        out.append(n)\n        n -= 1\n    return out\n\n\n"
            "def run(n):\n    return asyncio.run(countdown(n))\n",
            calls=(("run", (3,)), ("run", (0,))),
        ),
        Bad(
            "import requests\n\n\nasync def fetch(url):\n    return requests.get(url, timeout=5).json()\n",
            line=5,
        ),
        Bad(
            "from subprocess import run\n\n\nasync def build():\n    run(['make'], check=True)\n",
            line=5,
        ),
        Bad("async def load(path):\n    return open(path).read()\n", line=2),
        # In a comprehension of the coroutine: still on the event loop.
        Bad(
            "import urllib.request\n\n\nasync def fetch_all(urls):\n"
            "    return [urllib.request.urlopen(u).read() for u in urls]\n",
            line=5,
        ),
    )
    good = (
        # A branch the module switches off: the async copy of generated sync code.
        "import socket\n\n_IS_SYNC = False\n\n\nasync def resolve(loop, host):\n"
        "    if not _IS_SYNC:\n        return await loop.getaddrinfo(host, 80)\n"
        "    else:\n        return socket.getaddrinfo(host, 80)\n",
        "import asyncio\n\n\nasync def poll(job):\n    while not job.done():\n        await asyncio.sleep(1)\n",
        # `time.sleep(0)` waits for nothing (a busy-wait that yields the GIL).
        "import time\n\n\nasync def spin(t0, t):\n    while time.perf_counter() - t0 < t:\n"
        "        time.sleep(0)\n",
        # Run in a thread: passed, not called.
        "import asyncio\nimport time\n\n\nasync def wait():\n    await asyncio.to_thread(time.sleep, 1)\n",
        "import asyncio\nimport requests\n\n\nasync def fetch(url):\n    loop = asyncio.get_running_loop()\n"
        "    return await loop.run_in_executor(None, requests.get, url)\n",
        # A synchronous function defined inside (run elsewhere).
        "import time\n\n\nasync def main(pool):\n    def work():\n        time.sleep(1)\n"
        "    await pool.submit(work)\n",
        # Not async.
        "import time\n\n\ndef poll(job):\n    while not job.done():\n        time.sleep(1)\n",
        # A CLI command: it runs alone on its own event loop, and waits on purpose.
        "import subprocess\n\n\n@app.command\nasync def dev(args):\n"
        "    subprocess.run(['npx', *args], check=True)\n",
        # An async client's get.
        "import httpx\n\n\nasync def fetch(url):\n    async with httpx.AsyncClient() as client:\n"
        "        return await client.get(url)\n",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._in_tests = is_test_file(ctx.path)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if self._in_tests:
            return
        if not isinstance(func, (cst.Name, cst.Attribute)):
            return
        if not any(
            isinstance(a, cst.FunctionDef) and a.asynchronous is not None
            for a in self.ctx.ancestors
        ):
            return  # cheap test first: no coroutine around, no finding
        blocking = self._blocking(node)
        if blocking is None:
            return
        what, instead = blocking
        if not self._in_coroutine(node):
            return
        if in_dead_branch(self.ctx, self.ctx.path_to(node)):
            return  # `if not _IS_SYNC:` with `_IS_SYNC = False`: never runs here
        self.report(
            node,
            f"`{what}` blocks the event loop; use {instead}",
            self._fix(node) if what == "time.sleep" else None,
        )

    def _blocking(self, call: cst.Call) -> tuple[str, str] | None:
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value in _FILE_METHODS:
            inner = func.value
            if (
                isinstance(inner, cst.Call)
                and self.ctx.qualified_name(inner.func) == "builtins.open"
            ):
                return (
                    f"open(...).{func.attr.value}()",
                    "aiofiles, or `await asyncio.to_thread(...)`",
                )
            return None
        qualified = self.ctx.qualified_name(func)
        if qualified == "time.sleep" and _zero(call):
            return None  # `time.sleep(0)` only yields the GIL: it waits for nothing
        if qualified in BLOCKING_CALLS:
            return qualified, BLOCKING_CALLS[qualified]
        return None

    def _in_coroutine(self, node: cst.CSTNode) -> bool:
        """node runs in a coroutine that shares its event loop: not in a CLI
        command (`@app.command`), which runs alone on a loop of its own, where
        waiting for a child process is the point."""
        for scope in self.ctx.scope_nodes(node):
            if isinstance(scope, COMPREHENSIONS):
                continue
            return (
                isinstance(scope, cst.FunctionDef)
                and scope.asynchronous is not None
                and not any(_cli_command(d.decorator) for d in scope.decorators)
            )
        return False

    def _fix(self, call: cst.Call) -> FixPlan | None:
        path = self.ctx.path_to(call)
        if not (isinstance(path[-2], cst.Expr) and path[-2].value is call):
            return None
        sleep = self.ctx.local_name_for("asyncio.sleep", call)
        imports = []
        if sleep is None:
            if not self.ctx.is_unbound("asyncio", call):
                return None
            sleep, imports = "asyncio.sleep", ["asyncio"]
        return FixPlan(
            "Use `await asyncio.sleep(...)`",
            replacements=[(call.func, f"await {sleep}")],  # arguments kept as written
            imports=imports,
        )


def _cli_command(decorator: cst.BaseExpression) -> bool:
    """`@app.command`, `@cli.command("name")`, `@click.command()`."""
    if isinstance(decorator, cst.Call):
        decorator = decorator.func
    if isinstance(decorator, cst.Attribute):
        return decorator.attr.value == "command"
    return isinstance(decorator, cst.Name) and decorator.value == "command"


def _zero(call: cst.Call) -> bool:
    if len(call.args) != 1:
        return False
    value = call.args[0].value
    return isinstance(value, (cst.Integer, cst.Float)) and float(value.value) == 0
