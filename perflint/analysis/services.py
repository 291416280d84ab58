"""What the scaling rules know about services: SDK clients and connections,
blocking calls, HTTP and database calls, and serverless or web handlers."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import libcst as cst

from perflint.analysis.hoisting import always_leaves, runs_once
from perflint.analysis.invariance import loop_bindings
from perflint.analysis.paths import Loop
from perflint.analysis.repeats import retry_for_loop
from perflint.analysis.scopes import COMPREHENSIONS, Scope
from perflint.tree import iter_subtree

# Calls that create an SDK client, HTTP session or database connection.
CLIENT_FACTORIES = frozenset(
    {
        "boto3.client", "boto3.resource", "boto3.Session", "boto3.session.Session",
        "requests.Session", "requests.session", "httpx.Client", "httpx.AsyncClient",
        "aiohttp.ClientSession", "urllib3.PoolManager",
        "psycopg.connect", "psycopg2.connect", "pymysql.connect", "mysql.connector.connect",
        "sqlalchemy.create_engine", "pymongo.MongoClient", "motor.motor_asyncio.AsyncIOMotorClient",
        "redis.Redis", "redis.StrictRedis", "redis.from_url", "redis.Redis.from_url",
        "elasticsearch.Elasticsearch", "openai.OpenAI", "openai.AsyncOpenAI",
        "anthropic.Anthropic", "google.cloud.firestore.Client",
    }
)  # fmt: skip


# What the `ast` pre-pass looks for: the last part of every name above.
CLIENT_CALLS = frozenset(
    {name.rsplit(".", 1)[-1] for name in CLIENT_FACTORIES} | {"*Client", "from_*"}
)


def is_client_factory(qualified: str | None) -> bool:
    """A known client constructor, a `google.cloud.*.Client`, or an Azure SDK
    `...Client` (or its `from_connection_string`-style constructors)."""
    if qualified is None:
        return False
    if qualified in CLIENT_FACTORIES:
        return True
    parts = qualified.split(".")
    if qualified.startswith("google.cloud.") and parts[-1] == "Client":
        return True
    if qualified.startswith("azure.") and not qualified.startswith("azure.functions."):
        if parts[-1].endswith("Client"):
            return True
        return len(parts) > 2 and parts[-2].endswith("Client") and parts[-1].startswith("from_")
    return False


# Blocking calls inside `async def`, with what to use instead.
BLOCKING_CALLS = {
    "time.sleep": "`await asyncio.sleep(...)`",
    "urllib.request.urlopen": "an async HTTP client (httpx.AsyncClient, aiohttp)",
    "http.client.HTTPConnection": "an async HTTP client (httpx.AsyncClient, aiohttp)",
    "http.client.HTTPSConnection": "an async HTTP client (httpx.AsyncClient, aiohttp)",
    "socket.create_connection": "`asyncio.open_connection(...)`",
    "socket.getaddrinfo": "`loop.getaddrinfo(...)`",
    "socket.gethostbyname": "`loop.getaddrinfo(...)`",
    "subprocess.run": "`asyncio.create_subprocess_exec(...)`",
    "subprocess.call": "`asyncio.create_subprocess_exec(...)`",
    "subprocess.check_call": "`asyncio.create_subprocess_exec(...)`",
    "subprocess.check_output": "`asyncio.create_subprocess_exec(...)`",
    "os.system": "`asyncio.create_subprocess_shell(...)`",
    "psycopg2.connect": "an async driver (asyncpg, psycopg's AsyncConnection)",
    "psycopg.connect": "`psycopg.AsyncConnection.connect(...)`",
    "pymysql.connect": "an async driver (aiomysql, asyncmy)",
    "mysql.connector.connect": "an async driver (aiomysql, asyncmy)",
    "sqlite3.connect": "aiosqlite, or `await asyncio.to_thread(...)`",
}
HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "request")
for _method in HTTP_METHODS:
    BLOCKING_CALLS[f"requests.{_method}"] = "httpx.AsyncClient or aiohttp"
    BLOCKING_CALLS[f"httpx.{_method}"] = "`httpx.AsyncClient`"

# Module-level HTTP functions: each call opens (and closes) its own connection.
HTTP_FUNCTIONS = frozenset(
    {f"requests.{m}" for m in HTTP_METHODS}
    | {f"httpx.{m}" for m in (*HTTP_METHODS, "stream")}
    | {"urllib.request.urlopen"}
)


def positional_names(function: cst.FunctionDef) -> list[str]:
    params = function.params
    return [p.name.value for p in (*params.posonly_params, *params.params)]


def decorator_call_target(decorator: cst.Decorator) -> cst.BaseExpression:
    """`app.route` for `@app.route("/")`, `functions_framework.http` for the bare form."""
    expr = decorator.decorator
    return expr.func if isinstance(expr, cst.Call) else expr


# Iterables that hand out groups of items (`chunked`, `batched`, the
# `zip_longest(*[iter(ids)] * 100)` grouper recipe).
_BATCHING_WORDS = ("chunk", "batch", "partition", "page", "group", "zip_longest")


def loops_over_data(loops: list) -> bool:  # type: ignore[type-arg]
    """Whether the innermost loop (a perflint.analysis.paths.Loop) repeats per
    item of data, as an N+1 needs: a `for` loop or comprehension that is not
    of a fixed length, not over a module constant (`for table in TABLES`),
    not a retry count (`range(RETRIES)`, or a `try` that leaves on success)
    and not over batches (`range(0, n, step)`, `chunked(ids, 500)`). `while`
    loops (polling, retries, paging) are left alone."""
    if not loops:
        return False
    loop = loops[0]
    if loop.kind == "while" or loop.bounded:
        return False
    node = loop.node
    if retry_for_loop(node):
        return False  # `for attempt in range(tries): try: ... break`: once, unless it fails
    iterable = node.iter if isinstance(node, cst.For) else node.for_in.iter
    if isinstance(iterable, cst.Name):
        return not _constant_name(iterable.value)
    if isinstance(iterable, cst.Call):
        func = iterable.func
        called = (
            func.value if isinstance(func, cst.Name) else getattr(func, "attr", cst.Name("x")).value
        )
        if any(word in called.lower() for word in _BATCHING_WORDS):
            return False
        if called == "range":
            if len(iterable.args) == 3:
                return False  # steps through batches
            names = [a.value.value for a in iterable.args if isinstance(a.value, cst.Name)]
            return not any(_constant_name(n) for n in names)
    return True


def _constant_name(name: str) -> bool:
    """`TABLES`, `MAX_RETRIES`: a constant by naming convention."""
    return name.isupper() and any(c.isalpha() for c in name)


def is_test_file(path: str) -> bool:
    """Tests, where a query per item or a blocking sleep is usually the point
    of the test, not a service's hot path."""
    parts = path.replace("\\", "/").split("/")
    name = parts[-1]
    return (
        name.startswith("test_")
        or name.endswith("_test.py")
        or name == "conftest.py"
        or any(p in ("tests", "test", "testing") for p in parts[:-1])
    )


# --- work that does not repeat per item, though it sits in a loop over items ---

# String methods that keep a value's identity (`name.lower() == "users"` still
# picks one name).
_NORMALISING = frozenset({"lower", "upper", "casefold", "strip", "lstrip", "rstrip"})
_FEW = 10  # `name in ("a", "b", ...)`: a literal of at most this many values
_SPECIAL_NAMES = frozenset({"None", "True", "False"})


def runs_for_few_items(path: Sequence[cst.CSTNode], loop: Loop) -> bool:
    """Whether the last node of path runs for at most a few items of loop
    rather than once per item: it is guarded by an equality of the item with
    a fixed value (`if name == "sqlite_sequence":`, an `elif` of such a chain,
    `name in ("a", "b")`, a `match` case, `if name != wanted: continue`
    before it, a comprehension's `if`), or the loop always ends after it
    (`break`, `return`, `raise`). Items are assumed distinct, as the names,
    keys or rows a loop over data walks usually are."""
    if runs_once(path, loop.node):
        return True
    bound = loop_bindings(loop.node)
    facts = _Guards(loop.targets, bound)
    if isinstance(loop.node, COMPREHENSIONS):
        comp_for: cst.CompFor | None = loop.node.for_in
        while comp_for is not None:
            if any(facts.selects_few(c.test) for c in comp_for.ifs):
                return True
            comp_for = comp_for.inner_for_in
        return False
    start = next((i for i, n in enumerate(path) if n is loop.node), None)
    if start is None:
        return False
    for node, child in zip(path[start + 1 :], path[start + 2 :], strict=False):
        if isinstance(node, (cst.If, cst.IfExp)) and child is node.body:
            if facts.selects_few(node.test):
                return True
        elif isinstance(node, cst.Match) and isinstance(child, cst.MatchCase):
            if child.guard is None and facts.of_item(node.subject):
                if _value_pattern(child.pattern):
                    return True
        elif isinstance(node, cst.IndentedBlock) and facts.skipped_before(node, child):
            return True
    return False


class _Guards:
    """Tests of the item of one loop: which hold for few items only."""

    def __init__(self, targets: frozenset[str], bound: Scope) -> None:
        self.targets = targets
        self.bound = bound  # every name the loop (re)binds

    def selects_few(self, test: cst.BaseExpression) -> bool:
        """True for at most a few items: `item == FIXED`, `item is FIXED`,
        `item in (literal, ...)`, and `and`/`or` combinations of them."""
        if isinstance(test, cst.BooleanOperation):
            if isinstance(test.operator, cst.And):
                return self.selects_few(test.left) or self.selects_few(test.right)
            return self.selects_few(test.left) and self.selects_few(test.right)
        return self._compares(test, (cst.Equal, cst.Is), cst.In)

    def excludes_most(self, test: cst.BaseExpression) -> bool:
        """False for all but a few items: the negation of selects_few."""
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            return self.selects_few(test.expression)
        if isinstance(test, cst.BooleanOperation):
            if isinstance(test.operator, cst.Or):
                return self.excludes_most(test.left) or self.excludes_most(test.right)
            return self.excludes_most(test.left) and self.excludes_most(test.right)
        return self._compares(test, (cst.NotEqual, cst.IsNot), cst.NotIn)

    def skipped_before(self, block: cst.IndentedBlock, statement: cst.CSTNode) -> bool:
        """An earlier statement of block skips all but a few items:
        `if name != wanted: continue`."""
        for earlier in block.body:
            if earlier is statement:
                return False
            if (
                isinstance(earlier, cst.If)
                and earlier.orelse is None
                and _skips_item(earlier.body)
                and self.excludes_most(earlier.test)
            ):
                return True
        return False

    def _compares(
        self,
        test: cst.BaseExpression,
        equalities: tuple[type[cst.BaseCompOp], ...],
        membership: type[cst.BaseCompOp],
    ) -> bool:
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            return False
        left, (target,) = test.left, test.comparisons
        right = target.comparator
        if isinstance(target.operator, equalities):
            return (self.of_item(left) and self.fixed(right)) or (
                self.of_item(right) and self.fixed(left)
            )
        if isinstance(target.operator, membership):
            return self.of_item(left) and _small_literal(right, self.fixed)
        return False

    def of_item(self, expr: cst.BaseExpression) -> bool:
        """The loop's item itself (or one of the names it unpacks into), maybe
        normalised (`name.lower()`, `str(name)`)."""
        if isinstance(expr, cst.Name):
            return expr.value in self.targets
        if not isinstance(expr, cst.Call):
            return False
        func, args = expr.func, expr.args
        if isinstance(func, cst.Attribute) and func.attr.value in _NORMALISING and not args:
            return self.of_item(func.value)
        return (
            isinstance(func, cst.Name)
            and func.value == "str"
            and len(args) == 1
            and self.of_item(args[0].value)
        )

    def fixed(self, expr: cst.BaseExpression) -> bool:
        """The same value for every item: a constant, or a name (or attribute
        of one) that the loop never rebinds."""
        if isinstance(expr, (cst.Integer, cst.Float, cst.SimpleString)):
            return True
        if isinstance(expr, cst.ConcatenatedString):
            return self.fixed(expr.left) and self.fixed(expr.right)
        if isinstance(expr, cst.UnaryOperation):
            return self.fixed(expr.expression)
        if isinstance(expr, cst.Attribute):
            return self.fixed(expr.value)
        if isinstance(expr, cst.Name):
            name = expr.value
            return name in _SPECIAL_NAMES or not (
                name in self.bound.bindings or name in self.bound.globals
            )
        return False


def _skips_item(block: cst.BaseSuite) -> bool:
    """The block ends the iteration: `continue`, or it leaves the loop."""
    last: cst.CSTNode | None = None
    if isinstance(block, cst.SimpleStatementSuite):
        last = block.body[-1] if block.body else None
    elif isinstance(block, cst.IndentedBlock) and block.body:
        line = block.body[-1]
        if isinstance(line, cst.SimpleStatementLine) and line.body:
            last = line.body[-1]
    return isinstance(last, cst.Continue) or always_leaves(block)


def _small_literal(expr: cst.BaseExpression, fixed: Callable[[cst.BaseExpression], bool]) -> bool:
    """`("a", "b")`, `["a"]`, `{"a", "b"}`: a few written-out fixed values."""
    if not isinstance(expr, (cst.Tuple, cst.List, cst.Set)) or len(expr.elements) > _FEW:
        return False
    return all(isinstance(e, cst.Element) and fixed(e.value) for e in expr.elements)


def _value_pattern(pattern: cst.MatchPattern) -> bool:
    """`case "users":`, `case None:`, `case "a" | "b":`: a few fixed values."""
    if isinstance(pattern, (cst.MatchValue, cst.MatchSingleton)):
        return True
    if isinstance(pattern, cst.MatchOr):
        return len(pattern.patterns) <= _FEW and all(
            _value_pattern(p.pattern) for p in pattern.patterns
        )
    return False


def varies_per_item(expr: cst.BaseExpression, loop: Loop) -> bool:
    """Whether expr can give another value on each iteration of loop: it
    reads a name the loop binds (its target, or a local assigned in the
    loop from such a value). A local the loop assigns a constant to
    (`sql = "SELECT ..."`) does not vary."""
    return _reads_varying(expr, loop_bindings(loop.node), 0, frozenset())


def _reads_varying(
    expr: cst.BaseExpression, bound: Scope, depth: int, seen: frozenset[str]
) -> bool:
    for name in _names_read(expr):
        if name not in bound.bindings:
            continue
        if name in seen or depth > _MAX_DEPTH:
            return True  # assigned from itself (`sql = sql + ...`): it may grow
        for binding in bound.bindings[name]:
            if binding.kind != "assign" or binding.value is None:
                return True  # the target, an unpacking, `+=`, a walrus...
            if _reads_varying(binding.value, bound, depth + 1, seen | {name}):
                return True
    return False


def _names_read(expr: cst.BaseExpression) -> Iterator[str]:
    """The names expr reads (not attribute names, not keyword names)."""
    skip: set[int] = set()
    for node in iter_subtree(expr):
        if isinstance(node, cst.Attribute):
            skip.add(id(node.attr))
        elif isinstance(node, cst.Arg) and node.keyword is not None:
            skip.add(id(node.keyword))
        elif isinstance(node, cst.Name) and id(node) not in skip:
            yield node.value


_MAX_DEPTH = 8


def is_built_string(expr: cst.BaseExpression) -> bool:
    """A string computed by formatting or joining: an f-string, `"..." % x`,
    `"...".format(x)`, `a + b` with a string literal, `sep.join(parts)`."""
    if isinstance(expr, cst.FormattedString):
        return True
    if isinstance(expr, cst.ConcatenatedString):
        return is_built_string(expr.left) or is_built_string(expr.right)
    if isinstance(expr, cst.BinaryOperation):
        if isinstance(expr.operator, (cst.Modulo, cst.Add)):
            return any(
                isinstance(side, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString))
                or is_built_string(side)
                for side in (expr.left, expr.right)
            )
        return False
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
        return expr.func.attr.value in ("format", "join", "format_map")
    return False
