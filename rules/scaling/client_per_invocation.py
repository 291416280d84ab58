import re

import libcst as cst

from perflint.analysis.fresh import fresh_name
from perflint.analysis.services import (
    CLIENT_CALLS,
    decorator_call_target,
    is_client_factory,
    positional_names,
)
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule
from perflint.tree import children, iter_subtree

_NESTED = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
# Reading configuration is fine in a client's arguments: it does not change per event.
_ENVIRONMENT = frozenset({"os.environ", "os.environ.get", "os.getenv"})


class ClientPerInvocation(Rule):
    """
    ## What it does
    Flags a serverless handler that creates an SDK client, HTTP session or
    database connection on every invocation: `boto3.client/resource/Session`,
    `requests.Session`, `httpx.Client`, `psycopg2.connect`, `pymysql.connect`,
    `sqlalchemy.create_engine`, `pymongo.MongoClient`, `redis.Redis`,
    `google.cloud.*.Client`, Azure SDK `...Client`s and similar.

    Handlers are module-level functions recognised as: AWS Lambda
    (`lambda_handler`, `handler(event, context)`, any `(event, context)`
    function), Azure Functions (a parameter typed with `azure.functions`, or a
    decorator of a `func.FunctionApp`), Google Cloud Functions
    (`functions_framework` decorators), and the names listed in the
    `serverless-handlers` setting. A client cached in a `global` is fine.

    ## Why is this slow
    A function instance serves many invocations; the module runs once per
    cold start. A client made in the handler pays its set-up (boto3: 13 ms
    for `boto3.client("s3")`, 217 ms with a new `Session`), a new TCP and TLS
    connection and, for databases, a login on every request, and can exhaust
    the database's connection limit when the function scales out.

    ## Example
    ```python
    def lambda_handler(event, context):
        s3 = boto3.client("s3")
        return s3.get_object(Bucket=BUCKET, Key=event["key"])
    ```

    ## Use instead
    ```python
    s3 = boto3.client("s3")


    def lambda_handler(event, context):
        return s3.get_object(Bucket=BUCKET, Key=event["key"])
    ```

    ## Fix safety
    Unsafe: the client is then shared by every invocation of the instance
    (and created at import time). Offered only for `name = factory(...)`
    directly in the handler body when the arguments are constants,
    module-level names or environment reads, the factory is imported at module
    level, the name appears nowhere else in the module, and the handler never
    closes it, rebinds it or uses it in a `with` statement. The module-level
    name is private and new (`_s3 = boto3.client("s3")`, and the handler keeps
    `s3 = _s3`), so the module's interface does not change.

    ## Measured
    benchmarks/scaling (README there): on loopback HTTP, 500 invocations each
    making a `requests.Session` took 889 ms vs 481 ms with one module-level
    Session (1.8x); `boto3.client("s3")` costs 13.5 ms per call and
    `boto3.session.Session().client("s3")` 226 ms (boto3 1.44, no network).
    """

    code = "PFL501"
    name = "client-per-invocation"
    category = "scaling"
    impact = "scaling"
    needs = Needs(calls=CLIENT_CALLS)
    summary = "A serverless handler creates a client or connection on every invocation; create it once at module level"
    fix_applicability = "unsafe"

    bad = (
        Bad(
            "import os\n\nimport boto3\n\n\ndef lambda_handler(event, context):\n"
            "    s3 = boto3.client('s3', region_name=os.environ.get('REGION', 'eu-west-1'))\n"
            "    return s3.get_object(Bucket='b', Key=event['key'])\n",
            line=7,
            fixed="import os\n\nimport boto3\n\n"
            "_s3 = boto3.client('s3', region_name=os.environ.get('REGION', 'eu-west-1'))\n\n\n"
            "def lambda_handler(event, context):\n    s3 = _s3\n"
            "    return s3.get_object(Bucket='b', Key=event['key'])\n",
            calls=(("lambda_handler", ({"key": "k"}, None)),),
        ),
        # Depends on the event: reported, not moved.
        Bad(
            "import psycopg2\n\n\ndef handler(event, context):\n"
            "    conn = psycopg2.connect(event['dsn'])\n    return conn.cursor().fetchall()\n",
            line=5,
        ),
        # Closed at the end: moving it would close the shared connection.
        Bad(
            "import pymysql\n\n\ndef handler(event, context):\n    conn = pymysql.connect(host='db')\n"
            "    rows = conn.cursor().fetchall()\n    conn.close()\n    return rows\n",
            line=5,
        ),
        Bad(
            "import functions_framework\nfrom google.cloud import storage\n\n\n"
            "@functions_framework.http\ndef upload(request):\n"
            "    client = storage.Client()\n    return client.bucket('b').name\n",
            line=7,
            fixed="import functions_framework\nfrom google.cloud import storage\n\n"
            "_client = storage.Client()\n\n\n"
            "@functions_framework.http\ndef upload(request):\n    client = _client\n"
            "    return client.bucket('b').name\n",
        ),
        Bad(
            "import azure.functions as func\nfrom azure.storage.blob import BlobServiceClient\n\n\n"
            "def main(req: func.HttpRequest) -> func.HttpResponse:\n"
            "    with BlobServiceClient.from_connection_string('x') as blobs:\n"
            "        return func.HttpResponse(blobs.url)\n",
            line=6,
        ),
        Bad(
            "import azure.functions as func\nimport requests\n\napp = func.FunctionApp()\n\n\n"
            "@app.route(route='hello')\ndef hello(req):\n"
            "    return requests.Session().get('https://example.com').text\n",
            line=9,
        ),
    )
    good = (
        # The client at module level, used inside the handler.
        "import boto3\n\ns3 = boto3.client('s3')\n\n\ndef lambda_handler(event, context):\n"
        "    return s3.get_object(Bucket='b', Key=event['key'])\n",
        # Created once and cached in a global.
        "import boto3\n\n_s3 = None\n\n\ndef lambda_handler(event, context):\n    global _s3\n"
        "    if _s3 is None:\n        _s3 = boto3.client('s3')\n    return _s3.list_buckets()\n",
        # Not a handler: an ordinary function.
        "import boto3\n\n\ndef make_client(region):\n    return boto3.client('s3', region_name=region)\n",
        # A method named handler is not a Lambda entry point.
        "import boto3\n\n\nclass Job:\n    def handler(self, event, context):\n"
        "        return boto3.client('s3')\n",
        # Not a client.
        "import json\n\n\ndef lambda_handler(event, context):\n    return json.dumps(event)\n",
    )

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        path = self.ctx.path_to(node)
        if len(path) != 2 or not self._is_handler(node):
            return
        scopes_path = [path[0], node, node.body]
        handler_scope = self.ctx.scopes.get(node)
        for call, statement in _calls_in(node):
            qualified = self.ctx.qualified_name(call.func, scopes_path)
            if not is_client_factory(qualified):
                continue
            if _cached_in_global(statement, call, handler_scope.globals):
                continue
            self.report(
                call,
                f"`{qualified}(...)` runs on every invocation; create it once at module level "
                "so warm invocations reuse it",
                self._fix(node, call, statement, scopes_path),
            )

    def _is_handler(self, node: cst.FunctionDef) -> bool:
        name = node.name.value
        params = positional_names(node)
        if name in self.ctx.settings.serverless_handlers or name == "lambda_handler":
            return True
        if params[-2:] == ["event", "context"] or (name == "handler" and len(params) == 2):
            return True
        for decorator in node.decorators:
            qualified = self.ctx.qualified_name(decorator_call_target(decorator)) or ""
            if qualified.startswith("functions_framework."):
                return True
            if self._function_app_decorator(decorator):
                return True
        all_params = (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params)
        annotations = [p.annotation.annotation for p in all_params if p.annotation is not None]
        return any(
            (self.ctx.qualified_name(a) or "").startswith("azure.functions.") for a in annotations
        )

    def _function_app_decorator(self, decorator: cst.Decorator) -> bool:
        """`@app.route(...)` where `app = func.FunctionApp()` at module level."""
        target = decorator_call_target(decorator)
        if not isinstance(target, cst.Attribute) or not isinstance(target.value, cst.Name):
            return False
        module_scope = self.ctx.scopes.get(self.ctx.module)
        for binding in module_scope.bindings.get(target.value.value, []):
            value = binding.value
            if isinstance(value, cst.Call):
                made = self.ctx.qualified_name(value.func, [self.ctx.module])
                if made in ("azure.functions.FunctionApp", "azure.functions.Blueprint"):
                    return True
        return False

    def _fix(  # type: ignore[no-untyped-def]
        self, handler: cst.FunctionDef, call: cst.Call, statement, scopes_path
    ) -> FixPlan | None:
        if not (
            isinstance(statement, cst.SimpleStatementLine)
            and len(statement.body) == 1
            and isinstance(statement.body[0], cst.Assign)
            and statement.body[0].value is call
            and len(statement.body[0].targets) == 1
            and isinstance(statement.body[0].targets[0].target, cst.Name)
            and any(s is statement for s in handler.body.body)
        ):
            return None
        name = statement.body[0].targets[0].target.value
        if not self._independent(call, scopes_path) or not self._movable(handler, name):
            return None
        code = self.ctx.module.code_for_node(call)
        if "\n" in code or "#" in code:
            return None
        newline = self.ctx.module.default_newline
        first_line = handler.decorators[0] if handler.decorators else handler
        shared = fresh_name(self.ctx, self.ctx.module, name, private=True)
        return FixPlan(
            f"Create it once at module level, as `{shared}`",
            lines_before=[(first_line, f"{shared} = {code}{newline}{newline}")],
            replacements=[(call, shared)],
        )

    def _independent(self, call: cst.Call, scopes_path) -> bool:  # type: ignore[no-untyped-def]
        """Arguments made of constants, module-level names and environment reads."""
        module_scope = self.ctx.scopes.get(self.ctx.module)
        head = call.func
        while isinstance(head, cst.Attribute):
            head = head.value
        if not isinstance(head, cst.Name) or head.value not in module_scope.bindings:
            return False
        skip: set[int] = set()
        for node in iter_subtree(call):
            if id(node) in skip:
                continue
            if isinstance(node, (cst.Attribute, cst.Subscript, cst.Call)):
                inner = node.value if not isinstance(node, cst.Call) else node.func
                if self.ctx.qualified_name(inner, scopes_path) in _ENVIRONMENT:
                    skip.update(id(n) for n in iter_subtree(inner))
                    continue
            if isinstance(node, cst.Attribute):
                skip.add(id(node.attr))
            elif isinstance(node, cst.Arg) and node.keyword is not None:
                skip.add(id(node.keyword))
            elif isinstance(node, cst.Name) and node.value not in module_scope.bindings:
                if node.value not in ("True", "False", "None"):
                    return False
            elif isinstance(node, _NESTED):
                return False
        handler_scope_names = self.ctx.scopes.get(scopes_path[1]).bindings
        return not any(
            isinstance(n, cst.Name) and id(n) not in skip and n.value in handler_scope_names
            for n in iter_subtree(call)
        )

    def _movable(self, handler: cst.FunctionDef, name: str) -> bool:
        """The name is bound once, in this handler only, and never closed."""
        handler_code = self.ctx.module.code_for_node(handler)
        word = re.compile(rf"\b{re.escape(name)}\b")
        if len(word.findall(self.ctx.original_source)) != len(word.findall(handler_code)):
            return False  # used elsewhere in the module
        scope = self.ctx.scopes.get(handler)
        if len(scope.bindings.get(name, [])) != 1:
            return False
        for use in self.ctx.uses(name, handler):
            method = use.method()
            if method in ("close", "disconnect", "shutdown", "__exit__"):
                return False
            if any(isinstance(a, cst.WithItem) for a in use.ancestors):
                return False
        return True


def _calls_in(function: cst.FunctionDef) -> list[tuple[cst.Call, cst.CSTNode]]:
    """Calls in the function's own body, each with the statement holding it."""
    found: list[tuple[cst.Call, cst.CSTNode]] = []
    stack: list[tuple[cst.CSTNode, cst.CSTNode | None]] = [(function.body, None)]
    while stack:
        node, statement = stack.pop()
        if isinstance(node, cst.BaseStatement):
            statement = node
        if isinstance(node, cst.Call) and statement is not None:
            found.append((node, statement))
        if isinstance(node, _NESTED):
            continue
        stack.extend((child, statement) for child in reversed(children(node)))
    return found


def _cached_in_global(statement: cst.CSTNode, call: cst.Call, global_names: set[str]) -> bool:
    """`_client = boto3.client(...)` where `_client` is declared global."""
    for node in iter_subtree(statement):
        if isinstance(node, cst.Assign) and any(
            isinstance(t.target, cst.Name) and t.target.value in global_names for t in node.targets
        ):
            return True
    return False
