"""What the scaling rules know about services: SDK clients and connections,
blocking calls, HTTP and database calls, and serverless or web handlers."""

from __future__ import annotations

import libcst as cst

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
    not a retry count (`range(RETRIES)`) and not over batches (`range(0, n,
    step)`, `chunked(ids, 500)`). `while` loops (polling, retries, paging) are
    left alone."""
    if not loops:
        return False
    loop = loops[0]
    if loop.kind == "while" or loop.bounded:
        return False
    node = loop.node
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
