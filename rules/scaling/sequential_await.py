import libcst as cst

from perflint.analysis.scopes import COMPREHENSIONS, target_names
from perflint.analysis.services import is_test_file, loops_over_data
from perflint.prepass import Needs
from perflint.rule import Bad, Rule
from perflint.tree import iter_subtree

# Awaited methods whose order matters or whose receiver serves one call at a
# time: writes to a stream or socket, queue puts, a database connection.
_ORDERED_METHODS = frozenset(
    {"send", "sendall", "send_json", "send_text", "send_bytes", "send_message", "write",
     "writelines", "drain", "put", "publish", "emit", "execute", "executemany", "commit",
     "insert", "insert_one", "insert_many", "update", "update_one", "delete", "delete_one",
     "save", "set", "append", "acquire", "release", "wait", "join", "close", "flush"}
)  # fmt: skip
# Words in a receiver's or function's name that say it serves calls in order.
_SERIAL_WORDS = ("conn", "cursor", "cur", "db", "tx", "transaction", "writer", "ws",
                 "socket", "stream", "channel", "queue", "lock")  # fmt: skip
# Pacing on purpose: a rate limit between calls.
_PACING_WORDS = ("sleep", "limit", "throttle", "rate", "backoff")
_DEFINITIONS = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


class SequentialAwaitInLoop(Rule):
    """
    ## What it does
    Off by default. Flags an `await` of a call on the loop's item inside a plain `for` loop
    (or a list comprehension) of a coroutine, when the calls do not depend on
    each other and something says each one waits outside the process:
    `for url in urls: pages.append(await fetch(url))`,
    `[await client.get(u) for u in urls]`.

    The evidence that a call waits is one of: an HTTP method of a receiver
    named as a client (`client.get`, `self.http.post`), a function whose name
    starts with fetch, download, upload, request, scrape or crawl,
    `asyncio.to_thread`, `run_in_executor`, a subprocess or a connection being
    opened, or an `async def` of the same file that itself awaits one of
    these. Without it the rule is silent: an awaited coroutine of another
    module may only compute (an encoder, a parser) or queue on one
    connection, and gathering such calls gains nothing. Every argument of the
    call must be of the loop's item, a constant or a client: a state object
    built outside the loop and passed to each call (`resolve(dep, state)`)
    may be read and changed by all of them.

    It stays silent when an iteration may depend on the one before or order
    may matter: the call reads a name the loop body assigns (pagination, a
    cursor, a running state), the loop leaves early (`break`, `return`,
    `raise`: a search or a retry), it paces itself (a `sleep`, a rate
    limit), the body awaits more than once or uses `async with`/`async for`,
    the awaited method writes in order or its receiver serves one call at a
    time (`send`, `write`, `put`, `execute`, `commit`, a connection, cursor,
    stream, socket, queue or lock), and for `async for` streams, `while`
    loops, loops of a fixed length and test files.

    ## Why is this slow
    Each `await` waits for its call to finish before the next one starts, so
    n calls of latency t take n·t; the event loop exists to overlap them. With
    `asyncio.gather` (or a `TaskGroup`) the same calls take about t.

    ## Example
    ```python
    async def pages(session, urls):
        out = []
        for url in urls:
            out.append(await fetch(session, url))
        return out
    ```

    ## Use instead
    ```python
    async def pages(session, urls):
        return await asyncio.gather(*(fetch(session, url) for url in urls))
    ```
    For many items bound the concurrency with an `asyncio.Semaphore`, so a
    server is not sent thousands of requests at once; `gather(...,
    return_exceptions=True)` keeps one failure from cancelling the rest.

    ## Fix safety
    No fix: running the calls together changes when each one happens and
    how failures surface, which only the author can judge.

    ## Measured
    benchmarks/scaling/sequential_awaits.py: 100 calls each waiting 10 ms
    took 1,469 ms one at a time, 29 ms gathered (51x) and 172 ms gathered
    under `Semaphore(10)` (9x).

    Precision: 30 findings drawn at random on 17 async packages from PyPI (API
    clients, bot frameworks, agent frameworks, drivers), judged by a reviewer
    who did not write the rule: 2 worth acting on, 19 correct but trivial, 9
    wrong, mostly awaits of coroutines that only compute (`json.dumps` in an
    `async def`) or share state across calls. A second, held-out sample (28
    findings on 26 async packages, `final14`) was worse: 2 worth acting on, 11
    trivial, 15 wrong, almost all awaits of coroutines of other modules that
    only encode or parse, or that queue on one device connection behind a
    lock. The rule then asked for evidence that a call waits; on a third
    held-out set (26 async API clients, bots and device clients, 351,000
    lines, `final16`) it found 2, both wrong: a walk over a resolver graph
    whose calls share one cache, reaching a thread call two coroutines deep.
    Since then it follows one coroutine deep and wants every argument to be
    of the item, a constant or a client. It stays off by default: select it
    by code (`--extend-select PFL506`) where loops await remote calls.
    """

    code = "PFL506"
    name = "sequential-await-in-loop"
    category = "scaling"
    impact = "scaling"
    # Off by default: it cannot see whether an awaited coroutine does I/O or only
    # computes, and half the findings a review judged on real async code were
    # correct but trivial, nearly a third wrong (see Measured).
    tier = "opt-in"
    needs = Needs(async_functions=True, callees=True)  # reads the awaited function's body
    summary = "Awaiting independent calls one at a time in a loop; gather them"
    fix_applicability = "none"

    bad = (
        Bad(
            "async def pages(session, urls):\n    out = []\n    for url in urls:\n"
            "        out.append(await fetch(session, url))\n    return out\n",
            line=4,
        ),
        Bad("async def pages(urls):\n    return [await fetch(u) for u in urls]\n", line=2),
        Bad(
            "async def profiles(client, users):\n    found = {}\n    for user in users:\n"
            "        response = await client.get(f'/users/{user.id}')\n"
            "        found[user.id] = response.json()\n    return found\n",
            line=4,
        ),
        # A coroutine of this file that reads each file in a thread.
        Bad(
            "import asyncio\n\n\nasync def load(path):\n"
            "    return await asyncio.to_thread(path.read_text)\n\n\n"
            "async def load_all(paths):\n    return [await load(p) for p in paths]\n",
            line=9,
        ),
    )
    good = (
        # Already gathered.
        "import asyncio\n\n\nasync def pages(urls):\n"
        "    return await asyncio.gather(*(fetch(u) for u in urls))\n",
        # A stream: items arrive one by one.
        "async def drain(stream):\n    async for item in stream:\n        await handle(item)\n",
        # Pagination: the next call needs the previous answer.
        "async def pages(client, url):\n    out = []\n    while url:\n"
        "        page = await client.get(url)\n        url = page.next\n        out.append(page)\n",
        "async def walk(client, ids):\n    token = None\n    for i in ids:\n"
        "        token = await client.step(i, token)\n",
        # Leaves on a result: a search over mirrors, or a retry.
        "async def first(mirrors):\n    for url in mirrors:\n        response = await fetch(url)\n"
        "        if response.ok:\n            return response\n",
        "async def get(url, tries):\n    for attempt in range(tries):\n        try:\n"
        "            return await fetch(url)\n        except OSError:\n            pass\n",
        # Paced on purpose.
        "import asyncio\n\n\nasync def crawl(urls):\n    for url in urls:\n        await fetch(url)\n"
        "        await asyncio.sleep(1)\n",
        "async def crawl(urls, limiter):\n    for url in urls:\n"
        "        await fetch_with_rate_limit(url, limiter)\n",
        # Ordered writes, and a connection that runs one query at a time.
        "async def relay(ws, messages):\n    for message in messages:\n        await ws.send(message)\n",
        "async def store(conn, rows):\n    for row in rows:\n"
        "        await conn.execute('INSERT INTO t VALUES ($1)', row)\n",
        "async def feed(queue, items):\n    for item in items:\n        await queue.put(item)\n",
        # Not about the item, or a fixed number of items.
        "async def ping(client, items):\n    for item in items:\n        await client.ping()\n",
        "async def load():\n    for name in ('a', 'b'):\n        await fetch(name)\n",
        # Not in a loop, or in a synchronous function.
        "async def one(url):\n    return await fetch(url)\n",
        # Driven by Twisted, not asyncio: there is no loop to gather on.
        "from twisted.internet import defer\n\n\nasync def render(props, keys):\n"
        "    out = []\n    for k in keys:\n        out.append(await props.render(k))\n"
        "    return out\n",
        # The awaited coroutine of this file awaits nothing itself: only computes.
        "import json\n\n\nasync def encode(item):\n    return json.dumps(item)\n\n\n"
        "async def encode_all(items):\n    out = []\n    for item in items:\n"
        "        out.append(await encode(item))\n    return out\n",
        # A method of the class that only awaits other in-memory coroutines.
        "class Budget:\n    async def _reset(self, key):\n        key.spend = 0\n\n"
        "    async def reset_one(self, key):\n        await self._reset(key)\n        return key\n\n"
        "    async def reset_all(self, keys):\n        done = []\n        for key in keys:\n"
        "            done.append(await self.reset_one(key))\n        return done\n",
        # Two awaits per item: a pipeline the author split on purpose.
        "async def sync(items):\n    for item in items:\n        data = await fetch(item)\n"
        "        await save_to_disk(item, data)\n",
        # Nothing says these wait: a codec of another module may only encode, a
        # device protocol may serve one query at a time behind a lock, and DDL
        # statements run in order.
        "async def encode_all(self, bodies):\n    out = []\n    for body in bodies:\n"
        "        out.append(await self.codec.encode(body))\n    return out\n",
        "async def update(self, requests):\n    found = {}\n    for request in requests:\n"
        "        found[request] = await self.protocol.query(request)\n    return found\n",
        "async def create(engine, statements):\n    done = []\n    for ddl in statements:\n"
        "        done.append(await engine.run_ddl(ddl))\n    return done\n",
        # Each call gets the same state object, which it may read and change.
        "async def resolve_all(deps, plans):\n    state = State(plans)\n    done = {}\n"
        "    for dep in deps:\n        done[dep] = await fetch_dep(dep, state)\n    return done\n",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._in_tests = is_test_file(ctx.path) or _other_event_loop(ctx.module)

    def visit_Await(self, node: cst.Await) -> None:
        call = node.expression
        if self._in_tests or not isinstance(call, cst.Call):
            return
        if not self._in_coroutine():
            return
        loops = self.ctx.growing_loops(node)
        if not loops or not loops_over_data(loops):
            return
        loop = loops[0].node
        if not _plain_loop(loop) or not loops[0].targets:
            return
        names = {n.value for n in iter_subtree(call) if isinstance(n, cst.Name)}
        if not names & loops[0].targets:
            return  # the same call every time, not one per item
        body = loop.body if isinstance(loop, cst.For) else loop
        if names & (_assigned_in(body) - loops[0].targets):
            return  # reads what the loop computed: an iteration depends on the last
        if _leaves_early(body) or _paced(body) or _awaits(body) != 1:
            return
        if _serial(call.func) or _passes_connection(call):
            return
        if _passes_shared(call, loops[0].targets):
            return  # the calls may all change that object: not independent
        if not _collected(self.ctx.path_to(node), body):
            return  # a result kept per item is what says the calls are a map over data
        classes = [n for n in self.ctx.path_to(node) if isinstance(n, cst.ClassDef)]
        if not self._waits(call, node, classes[-1] if classes else None, _DEPTH):
            return  # nothing says the call waits: it may only compute, or queue on one line
        shown = self.ctx.module.code_for_node(call)
        if len(shown) > 40:
            shown = shown[:37] + "..."
        self.report(
            node,
            f"`await {shown}` waits for each item's call before starting the next; "
            "run them together with `asyncio.gather(...)` or a `TaskGroup` "
            "(bounded by a semaphore for many items)",
        )

    def _waits(
        self,
        call: cst.Call,
        at: cst.CSTNode | None,
        cls: cst.ClassDef | None,
        depth: int,
    ) -> bool:
        """There is evidence that awaiting call waits on something outside the
        process: a thread or executor, a subprocess, a connection being opened,
        an HTTP client's request method, a function whose name says it fetches,
        downloads, uploads or requests, or an `async def` of this file that
        awaits one of these, `depth` calls deep. Without it the coroutine may
        only compute, or queue on one connection, and gathering helps nothing.
        Every unit holding `async` survives the pre-pass for this rule, so the
        bodies read here are the real ones."""
        func = call.func
        name = _last_name(func)
        if name in _WRAPPERS and call.args and isinstance(call.args[0].value, cst.Call):
            return self._waits(call.args[0].value, at, cls, depth)
        if name in _WAITING_CALLS or _remote_name(name) or _http_call(func, _CLIENT_WORDS):
            return True
        definition = self._coroutine(func, at, cls) if depth > 0 else None
        if definition is None:
            return False
        for node in _own_nodes(definition.body):
            if isinstance(node, cst.Await) and isinstance(node.expression, cst.Call):
                if self._waits(node.expression, None, cls, depth - 1):
                    return True
            elif isinstance(node, cst.With) and node.asynchronous is not None:
                for item in node.items:
                    entered = item.item
                    if isinstance(entered, cst.Call) and (
                        _http_call(entered.func, _CLIENT_OR_SESSION)
                        or _remote_name(_last_name(entered.func))
                    ):
                        return True
        return False

    def _coroutine(
        self, func: cst.BaseExpression, at: cst.CSTNode | None, cls: cst.ClassDef | None
    ) -> cst.FunctionDef | None:
        """The one `async def` func names: in its scope (at given), at module
        level, or in the class for `self.name` / `cls.name`."""
        bindings = []
        if isinstance(func, cst.Name):
            scope = (
                self.ctx.binding_scope(func.value, at)
                if at is not None
                else self.ctx.scopes.get(self.ctx.module)
            )
            bindings = scope.bindings.get(func.value, []) if scope is not None else []
        elif (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value in ("self", "cls")
            and cls is not None
        ):
            bindings = self.ctx.scopes.get(cls).bindings.get(func.attr.value, [])
        found = [b.node for b in bindings] if all(b.kind == "def" for b in bindings) else []
        if len(found) != 1 or not isinstance(found[0], cst.FunctionDef):
            return None
        return found[0] if found[0].asynchronous is not None else None

    def _in_coroutine(self) -> bool:
        for ancestor in reversed(self.ctx.ancestors):
            if isinstance(ancestor, cst.FunctionDef):
                return ancestor.asynchronous is not None
            if isinstance(ancestor, (cst.Lambda, cst.ClassDef)):
                return False
        return False


# Coroutines these drive have no asyncio loop to gather on (Twisted's Deferreds,
# trio's and curio's own schedulers).
_OTHER_LOOPS = frozenset({"twisted", "trio", "curio"})


def _other_event_loop(module: cst.Module) -> bool:
    """The module imports Twisted, trio or curio at its top level."""
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Import):
                names = [a.name for a in small.names]
            elif isinstance(small, cst.ImportFrom) and small.module is not None:
                names = [small.module]
            else:
                continue
            for name in names:
                top: cst.BaseExpression = name
                while isinstance(top, cst.Attribute):
                    top = top.value
                if isinstance(top, cst.Name) and top.value in _OTHER_LOOPS:
                    return True
    return False


# How many calls deep a coroutine of this file is read for a call that waits:
# one, since deeper chains were walks over shared state more often than I/O.
_DEPTH = 1
# Calls that wait on a thread, an executor, a process or the network.
_WAITING_CALLS = frozenset(
    {"to_thread", "run_in_executor", "run_sync", "open_connection", "create_subprocess_exec",
     "create_subprocess_shell", "getaddrinfo", "urlopen"}
)  # fmt: skip
# Calls that wrap the coroutine they are given (`asyncio.wait_for(fetch(u), 5)`).
_WRAPPERS = frozenset({"wait_for", "shield", "timeout"})
# Words of a function's name that say it waits on a remote party.
_REMOTE_WORDS = frozenset({"fetch", "download", "upload", "request", "http", "scrape", "crawl"})
# HTTP methods (`put` and `delete` are ordered writes, above) and the words of
# the names of receivers that send them (`client.get(url)`, `self.http.post(...)`).
_HTTP_METHODS = frozenset({"get", "post", "patch", "head", "options", "request", "stream"})
_CLIENT_WORDS = frozenset({"client", "http", "api", "httpx", "aiohttp", "requests"})
# Receivers of `async with session.get(url)`, and clients passed along, may be
# sessions too (awaited directly, `session.get` may be a database session's).
_CLIENT_OR_SESSION = _CLIENT_WORDS | {"session"}


def _remote_name(name: str) -> bool:
    """The name starts with a verb that waits on a remote party (`fetch_page`,
    `_download`, `async_request`); as a noun it says nothing (`add_request`)."""
    words = [w for w in name.lower().split("_") if w]
    if words[:1] == ["async"]:
        words = words[1:]
    return bool(words) and words[0] in _REMOTE_WORDS


def _http_call(func: cst.BaseExpression, receivers: frozenset[str]) -> bool:
    """func is an HTTP method of a receiver whose name says it is a client."""
    if not isinstance(func, cst.Attribute) or func.attr.value not in _HTTP_METHODS:
        return False
    return not receivers.isdisjoint(_last_name(func.value).lower().split("_"))


def _plain_loop(loop: cst.CSTNode) -> bool:
    """A `for` loop or list comprehension that is not `async for`."""
    if isinstance(loop, cst.For):
        return loop.asynchronous is None
    if isinstance(loop, cst.ListComp):
        return loop.for_in.asynchronous is None and loop.for_in.inner_for_in is None
    return False


def _own_nodes(root: cst.CSTNode):  # type: ignore[no-untyped-def]
    return iter_subtree(root, prune=lambda n: isinstance(n, _DEFINITIONS) and n is not root)


def _assigned_in(root: cst.CSTNode) -> set[str]:
    found: set[str] = set()
    for node in _own_nodes(root):
        target = None
        if isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.NamedExpr)):
            target = node.target
        elif isinstance(node, (cst.For, cst.CompFor)):
            target = node.target
        if target is not None:
            found.update(n.value for n in target_names(target))
    return found


def _leaves_early(root: cst.CSTNode) -> bool:
    return any(isinstance(n, (cst.Break, cst.Return, cst.Raise)) for n in _own_nodes(root))


def _paced(root: cst.CSTNode) -> bool:
    for node in _own_nodes(root):
        if isinstance(node, cst.Call):
            spelled = _last_name(node.func).lower()
            if any(word in spelled for word in _PACING_WORDS):
                return True
    return False


def _awaits(root: cst.CSTNode) -> int:
    count = 0
    for node in _own_nodes(root):
        if isinstance(node, cst.Await):
            count += 1
        elif isinstance(node, (cst.With, cst.For)) and node.asynchronous is not None:
            return 2  # `async with` / `async for` in the body: more awaits than it shows
        elif isinstance(node, COMPREHENSIONS) and node.for_in.asynchronous is not None:
            return 2
    return count


def _serial(func: cst.BaseExpression) -> bool:
    """An awaited method that writes in order, or a receiver that serves one
    call at a time."""
    if isinstance(func, cst.Attribute):
        method = func.attr.value
        if method in _ORDERED_METHODS or method in _STEPS or method.startswith("__"):
            return True
        parts = _last_name(func.value).lower().split("_")
        return any(part in _SERIAL_WORDS or part == "connection" for part in parts)
    if isinstance(func, cst.Name):
        return func.value in _ORDERED_METHODS
    return False


# Awaited calls that tear down or step through a protocol, in order.
_STEPS = frozenset({"close", "aclose", "stop", "shutdown", "cancel", "dismiss", "wait_closed"})


def _passes_connection(call: cst.Call) -> bool:
    """A connection, cursor, stream or lock passed along: one call at a time."""
    for arg in call.args:
        if isinstance(arg.value, (cst.Name, cst.Attribute)):
            parts = _last_name(arg.value).lower().split("_")
            if any(part in _SERIAL_WORDS or part == "connection" for part in parts):
                return True
    return False


def _passes_shared(call: cst.Call, item: frozenset[str] | set[str]) -> bool:
    """An argument that is neither of the loop's item, nor a constant, nor a
    client (`fetch(session, url)`): a state object built outside the loop
    (`resolve(dep, state)`), which each call may read and change."""
    for arg in call.args:
        value = arg.value
        if isinstance(value, (cst.BaseString, cst.Integer, cst.Float)):
            continue
        names = {n.value for n in iter_subtree(value) if isinstance(n, cst.Name)}
        if names & item or names <= {"None", "True", "False"}:
            continue
        if isinstance(value, (cst.Name, cst.Attribute)) and not _CLIENT_OR_SESSION.isdisjoint(
            _last_name(value).lower().split("_")
        ):
            continue
        return True
    return False


def _collected(path: list[cst.CSTNode], body: cst.CSTNode) -> bool:
    """The awaited value is kept per item: a list comprehension's element,
    `out.append(await f(x))`, `out[k] = await f(x)`, or a name assigned from
    it that the loop body then appends or stores under a key."""
    await_node, parent = path[-1], path[-2]
    if isinstance(parent, cst.ListComp) and parent.elt is await_node:
        return True
    if isinstance(parent, cst.Arg) and _appending(path[-3]):
        return True
    if isinstance(parent, cst.Assign):
        targets = [t.target for t in parent.targets]
        if any(isinstance(t, cst.Subscript) for t in targets):
            return True
        names = {t.value for t in targets if isinstance(t, cst.Name)}
        return bool(names) and _stored_later(body, names)
    return False


def _appending(call: cst.CSTNode) -> bool:
    return (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value in ("append", "add")
    )


def _stored_later(body: cst.CSTNode, names: set[str]) -> bool:
    for node in _own_nodes(body):
        if _appending(node):
            found = node.args  # type: ignore[attr-defined]
        elif isinstance(node, cst.Assign) and any(
            isinstance(t.target, cst.Subscript) for t in node.targets
        ):
            found = [node.value]
        else:
            continue
        if any(
            isinstance(n, cst.Name) and n.value in names for part in found for n in iter_subtree(part)
        ):
            return True
    return False


def _last_name(func: cst.BaseExpression) -> str:
    if isinstance(func, cst.Attribute):
        return func.attr.value
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Call):
        return _last_name(func.func)
    return ""
