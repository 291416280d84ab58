import libcst as cst

from perflint.analysis.services import decorator_call_target, positional_names
from perflint.prepass import Needs
from perflint.rule import Bad, Rule
from perflint.tree import iter_subtree

_ROUTE_DECORATORS = frozenset(
    {"route", "get", "post", "put", "patch", "delete", "api_route", "websocket"}
)
_WEB_FRAMEWORKS = ("flask", "fastapi", "starlette", "quart", "sanic", "django", "aiohttp")
_WRITING_METHODS = frozenset(
    {"append", "extend", "insert", "add", "update", "setdefault", "__setitem__"}
)
_CONTAINER_CALLS = frozenset(
    {"builtins.dict", "builtins.list", "builtins.set", "collections.defaultdict",
     "collections.OrderedDict", "collections.Counter", "collections.deque"}
)  # fmt: skip
_NESTED = (cst.FunctionDef, cst.Lambda, cst.ClassDef)


class ProcessLocalState(Rule):
    """
    ## What it does
    Flags a web request handler (a Flask/FastAPI/Starlette/Quart/Sanic route,
    or a Django view: a function taking `request` in a module that imports
    Django) that stores request data in a module-level dict, list or set:
    `SESSIONS[token] = user`, `CARTS.setdefault(user, []).append(item)`.

    Off by default (select PFL505): a process-wide cache written by handlers
    is sometimes intended.

    ## Why is this slow
    It is a scaling bug rather than a slow line: the data lives in one worker
    process. As soon as the service runs several workers (gunicorn, uvicorn
    workers), instances behind a load balancer, or serverless copies, the next
    request of the same user lands elsewhere and finds nothing, so the service
    cannot scale out. It also grows without bound in a long-lived process.

    ## Example
    ```python
    CARTS = {}

    @app.post("/cart")
    def add_to_cart(request):
        CARTS[request.user] = request.json["items"]
    ```

    ## Use instead
    ```python
    @app.post("/cart")
    def add_to_cart(request):
        redis_client.hset("carts", request.user, json.dumps(request.json["items"]))
    ```

    ## Fix safety
    No automatic fix: the state has to move to a shared store (a database,
    Redis, the framework's session backend).

    ## Measured
    Not a speed rule: it is about correctness across workers, so there is
    nothing to time. With two workers behind a round-robin balancer, half of
    the reads of such state miss.
    """

    code = "PFL505"
    name = "process-local-state"
    category = "scaling"
    impact = "scaling"
    needs = Needs(decorators=_ROUTE_DECORATORS, words=frozenset({"request"}))
    summary = "A request handler stores request data in a module-level container; it breaks with several workers"
    tier = "opt-in"

    bad = (
        Bad(
            "from flask import Flask, request\n\napp = Flask(__name__)\nSESSIONS = {}\n\n\n"
            "@app.route('/login', methods=['POST'])\ndef login():\n"
            "    SESSIONS[request.form['token']] = request.form['user']\n    return 'ok'\n",
            line=9,
        ),
        Bad(
            "from fastapi import FastAPI\n\napp = FastAPI()\nSEEN = []\n\n\n@app.post('/events')\n"
            "async def record(event: dict):\n    SEEN.append(event)\n    return {'n': len(SEEN)}\n",
            line=9,
        ),
        Bad(
            "from django.http import HttpResponse\n\nVISITS = {}\n\n\ndef home(request):\n"
            "    VISITS.setdefault(request.user.id, []).append(request.path)\n    return HttpResponse('hi')\n",
            line=7,
        ),
    )
    good = (
        # Reading module-level configuration is fine.
        "from flask import Flask, request\n\napp = Flask(__name__)\nLIMITS = {'free': 10}\n\n\n"
        "@app.route('/limit')\ndef limit():\n    return str(LIMITS[request.args['plan']])\n",
        # Local state only.
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.post('/sum')\ndef total(items: list):\n"
        "    seen = []\n    seen.append(items)\n    return len(seen)\n",
        # Not a request handler.
        "CACHE = {}\n\n\ndef remember(key, value):\n    CACHE[key] = value\n",
        # Not request data: a constant counter key.
        "from flask import Flask\n\napp = Flask(__name__)\nSTATS = {}\n\n\n@app.route('/')\ndef home():\n"
        "    STATS['hits'] = 1\n    return 'hi'\n",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._handler_scope = ctx.scopes.get(ctx.module)
        self._counted: set[int] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        path = self.ctx.path_to(node)
        if len(path) != 2 or not self._is_request_handler(node):
            return
        inputs = (
            set(positional_names(node))
            | {p.name.value for p in node.params.kwonly_params}
            | {"request"}
        )
        self._handler_scope = self.ctx.scopes.get(node)
        self._counted = set()
        for statement in _own_nodes(node.body):
            if id(statement) in self._counted:
                continue
            written = self._module_container_write(statement)
            if written is None:
                continue
            target, data = written
            if any(
                isinstance(n, cst.Name) and n.value in inputs for d in data for n in iter_subtree(d)
            ):
                self.report(
                    statement,
                    f"request data is stored in the module-level `{target}`, which only this worker "
                    "process sees; keep it in a shared store (database, cache, session backend)",
                )

    def _is_request_handler(self, node: cst.FunctionDef) -> bool:
        frameworks = self._frameworks()
        if not frameworks:
            return False
        for decorator in node.decorators:
            target = decorator_call_target(decorator)
            if isinstance(target, cst.Attribute) and target.attr.value in _ROUTE_DECORATORS:
                return True
        params = positional_names(node)
        return "django" in frameworks and bool(params) and params[0] == "request"

    def _frameworks(self) -> set[str]:
        module_scope = self.ctx.scopes.get(self.ctx.module)
        imported = {
            (b.imported or "").split(".")[0]
            for bindings in module_scope.bindings.values()
            for b in bindings
            if b.kind == "import"
        }
        return imported & set(_WEB_FRAMEWORKS)

    def _module_container_write(self, node: cst.CSTNode) -> tuple[str, list[cst.CSTNode]] | None:
        """(container name, the data written) for `C[k] = v`, `C.append(v)`,
        `C.setdefault(k, []).append(v)` on a module-level container C."""
        if isinstance(node, cst.Assign):
            for target in node.targets:
                sub = target.target
                if isinstance(sub, cst.Subscript) and self._module_container(sub.value):
                    return sub.value.value, [sub.slice[0], node.value]  # type: ignore[attr-defined]
            return None
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            if node.func.attr.value not in _WRITING_METHODS:
                return None
            receiver = node.func.value
            args: list[cst.CSTNode] = list(node.args)
            while isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Attribute):
                args.extend(receiver.args)  # C.setdefault(k, []).append(v)
                self._counted.add(id(receiver))
                receiver = receiver.func.value
            if self._module_container(receiver):
                return receiver.value, args  # type: ignore[attr-defined]
        return None

    def _module_container(self, expr: cst.BaseExpression) -> bool:
        if not isinstance(expr, cst.Name):
            return False
        local = self._handler_scope
        if expr.value in local.bindings and expr.value not in local.globals:
            return False  # a local of the handler
        scope = self.ctx.binding_scope(expr.value, self.ctx.module)
        if scope is None or scope.node is not self.ctx.module:
            return False
        bindings = scope.bindings.get(expr.value, [])
        if len(bindings) != 1:
            return False
        value = bindings[0].value
        if isinstance(value, (cst.Dict, cst.List, cst.Set)):
            return True
        return isinstance(value, cst.Call) and (
            self.ctx.qualified_name(value.func, [self.ctx.module]) in _CONTAINER_CALLS
        )


def _own_nodes(root: cst.CSTNode):  # type: ignore[no-untyped-def]
    """Nodes of a function body, not entering nested functions or classes."""
    return iter_subtree(root, prune=lambda n: isinstance(n, _NESTED))
