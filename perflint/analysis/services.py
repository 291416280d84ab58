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
