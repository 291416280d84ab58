import libcst as cst

from perflint.analysis.invariance import loop_bindings
from perflint.analysis.paths import Loop
from perflint.analysis.services import (
    is_built_string,
    is_test_file,
    loops_over_data,
    runs_for_few_items,
    varies_per_item,
)
from perflint.prepass import Needs
from perflint.rule import Bad, Rule

# Manager and QuerySet methods that send a query when called.
DJANGO_EAGER = frozenset(
    {
        "get", "count", "exists", "first", "last", "get_or_create", "update_or_create", "create",
        "aggregate", "in_bulk", "delete", "update", "latest", "earliest", "contains",
    }
)  # fmt: skip
# Methods that only build a lazy QuerySet: a query is sent when it is used.
DJANGO_LAZY = frozenset(
    {
        "filter", "exclude", "all", "values", "values_list", "order_by", "select_related",
        "prefetch_related", "annotate", "only", "defer", "distinct", "using",
    }
)  # fmt: skip
# Where a lazy QuerySet is evaluated on the spot.
_EVALUATING = frozenset(
    {"builtins.list", "builtins.len", "builtins.bool", "builtins.tuple", "builtins.set"}
)
SQLALCHEMY_QUERIES = frozenset({"query", "get", "execute", "scalars", "scalar"})
_QUERY_METHODS = DJANGO_EAGER | DJANGO_LAZY | SQLALCHEMY_QUERIES | {"execute"}
_SQLALCHEMY_MODULES = ("sqlalchemy", "flask_sqlalchemy", "sqlmodel")
_CONNECT = frozenset(
    {"sqlite3.connect", "psycopg2.connect", "psycopg.connect", "pymysql.connect",
     "mysql.connector.connect"}
)  # fmt: skip

_ADVICE = {
    "django": "fetch them in one query (`filter(pk__in=...)`, `in_bulk()`, "
    "`select_related`/`prefetch_related`, or `bulk_create` for inserts)",
    "sqlalchemy": "load them in one query (`select(...).where(column.in_(...))`, "
    "`selectinload`), or add them all before one flush",
    "dbapi": "use `executemany` for writes, or one query with `IN (...)` for reads",
}


class QueryInLoop(Rule):
    """
    ## What it does
    Flags a database query made on every iteration of a loop over data (the
    N+1 pattern): Django ORM calls (`Model.objects.get/filter/count/create/...`),
    SQLAlchemy session calls (`session.query/get/execute/scalars/scalar`) and
    DB-API `cursor.execute` (or `connection.execute` on a `sqlite3`/`psycopg`
    connection).

    To stay precise it only trusts what it can see: `X.objects.<query>` when
    the module imports Django or `X` comes from a `models` module; a receiver
    named `session` (or `db.session`) in a module that imports SQLAlchemy,
    Flask-SQLAlchemy or SQLModel; a cursor made by `.cursor()` or named
    `cursor`/`cur`. Django's lazy QuerySets count only where they are
    evaluated in the loop (an eager method such as `get`/`count`/`first`/
    `delete` ends the chain, or it is iterated or passed to `list()`), and only
    for model classes, not a variable looping over models. Loops that are not
    per item of data are left alone: `while` loops (polling, retries, paging),
    loops over a constant (`for table in TABLES`, `range(RETRIES)`) and over
    batches (`range(0, n, 500)`, `chunked(ids, 500)`); so is `executemany`.
    Test files (`test_*.py`, `*_test.py`, `conftest.py`, files under
    `tests/`) are skipped: there it is usually the point of the test.

    Two more shapes are not an N+1 and are not reported:
    - a query that runs for at most a few items: in a branch that compares
      the loop's item for equality with a fixed value (`if name ==
      "sqlite_sequence":`, an `elif` of such a chain, `name in ("a", "b")`,
      a `match` case, or after `if name != wanted: continue`), or one after
      which the loop always ends (`break`, `return`, `raise`). An attribute
      of the item (`if order.status == "paid":`) is shared by many items and
      stays reported;
    - a query whose SQL text changes with the item, such as a table or
      column name put in with an f-string, `%`, `.format()`, `+` or `join`
      (`cur.execute(f'SELECT * FROM "{table}"')`): only parameters can be
      batched into one query. A text built once, or from values the loop
      does not change, with the item passed as a parameter is still reported.

    ## Why is this slow
    Every query is a round trip to the database server (typically 0.2-2 ms on
    a LAN, more across zones) plus parsing and planning: a page of 100 rows
    becomes 101 queries, and the database becomes the bottleneck when the
    service scales out.

    ## Example
    ```python
    for order in orders:
        customer = Customer.objects.get(pk=order.customer_id)
    ```

    ## Use instead
    ```python
    customers = Customer.objects.in_bulk([o.customer_id for o in orders])
    for order in orders:
        customer = customers[order.customer_id]
    ```

    ## Fix safety
    No automatic fix: batching changes how results are matched to items.

    ## Measured
    benchmarks/scaling/n_plus_one.py, in-memory SQLite (no network, the best
    case for N+1): 1,000 `SELECT ... WHERE id = ?` took 2.0 ms vs 0.92 ms for
    one `IN` query (2.2x); 10,000 single-row INSERTs 13.6 ms vs 9.1 ms with
    `executemany` (1.5x). A database server adds a round trip per query.
    """

    code = "PFL504"
    name = "query-in-loop"
    category = "scaling"
    impact = "scaling"
    needs = Needs(screens=frozenset({"query-call"}))
    summary = "A database query on every iteration (N+1); batch it into one query"

    bad = (
        Bad(
            "from shop.models import Customer\n\n\ndef names(orders):\n    out = []\n"
            "    for order in orders:\n        out.append(Customer.objects.get(pk=order.customer_id).name)\n"
            "    return out\n",
            line=7,
        ),
        Bad(
            "from django.db import models\n\n\nclass Tag(models.Model):\n    pass\n\n\n"
            "def counts(names):\n    return {n: Tag.objects.filter(name=n).count() for n in names}\n",
            line=9,
        ),
        # A migration's model from apps.get_model; the chain ends in delete().
        Bad(
            "from django.db import migrations\n\n\ndef dedupe(apps, schema_editor):\n"
            "    Embed = apps.get_model('embeds', 'Embed')\n    for dup in find_duplicates():\n"
            "        Embed.objects.filter(hash=dup['hash']).exclude(id=dup['min_id']).delete()\n",
            line=7,
        ),
        # A lazy QuerySet iterated on the spot.
        Bad(
            "from shop.models import Item\n\n\ndef f(orders):\n    for order in orders:\n"
            "        for item in Item.objects.filter(order=order):\n            print(item)\n",
            line=6,
        ),
        Bad(
            "from sqlalchemy.orm import Session\n\n\ndef users(session, ids):\n"
            "    return [session.get(User, i) for i in ids]\n",
            line=5,
        ),
        Bad(
            "import sqlite3\n\n\ndef save(rows):\n    db = sqlite3.connect('app.db')\n"
            "    cur = db.cursor()\n    for row in rows:\n        cur.execute('INSERT INTO t VALUES (?)', row)\n",
            line=8,
        ),
        Bad(
            "def load(conn, ids):\n    with conn.cursor() as c:\n        for i in ids:\n"
            "            c.execute('SELECT * FROM t WHERE id = %s', (i,))\n",
            line=4,
        ),
        # The text is built from a value the loop does not change; the item
        # is a parameter, which batches.
        Bad(
            "def copy_rows(cur, table, rows):\n    for row in rows:\n"
            "        cur.execute(f'INSERT INTO \"{table}\" VALUES (?, ?)', row)\n",
            line=3,
        ),
        Bad(
            "def load(cur, ids):\n    for i in ids:\n        sql = 'SELECT * FROM t WHERE id = ?'\n"
            "        cur.execute(sql, (i,))\n",
            line=4,
        ),
        # The other branch of a one-item test runs for every other item.
        Bad(
            "def sizes(cur, tables):\n    for name in tables:\n        if name == 'meta':\n"
            "            continue\n        else:\n"
            "            cur.execute('SELECT n FROM sizes WHERE t = ?', (name,))\n",
            line=6,
        ),
        # Many orders share one status: a filter, not one item.
        Bad(
            "from shop.models import Customer\n\n\ndef paid(orders):\n    for order in orders:\n"
            "        if order.status == 'paid':\n"
            "            Customer.objects.get(pk=order.customer_id)\n",
            line=7,
        ),
        # A SQLAlchemy statement's values are parameters.
        Bad(
            "from sqlalchemy import select\n\n\ndef users(session, ids):\n    for uid in ids:\n"
            "        session.execute(select(User).where(User.id == uid))\n",
            line=6,
        ),
    )
    good = (
        # A fixed list of three tables, written out in the function.
        "def archive(cursor):\n    tables = ['jobs', 'returns', 'events']\n    for table in tables:\n"
        "        cursor.execute(create_statement(table))\n        cursor.execute('COMMIT')\n",
        # A lazy QuerySet per model class, not per row.
        "from django.apps import apps\n\n\ndef expired(models, now):\n"
        "    return [model.objects.filter(expire_at__lt=now) for model in models]\n",
        # Built in the loop, evaluated later in one go.
        "from shop.models import Tag\n\n\ndef f(names):\n    q = Tag.objects.none()\n"
        "    for n in names:\n        q |= Tag.objects.filter(name=n)\n    return list(q)\n",
        # One query before the loop.
        "from shop.models import Customer\n\n\ndef names(orders):\n"
        "    customers = Customer.objects.in_bulk([o.customer_id for o in orders])\n"
        "    return [customers[o.customer_id].name for o in orders]\n",
        # executemany batches the writes.
        "import sqlite3\n\n\ndef save(db, rows):\n    db.cursor().executemany('INSERT INTO t VALUES (?)', rows)\n",
        # Not Django: some other `objects` attribute.
        "def f(scene, names):\n    for n in names:\n        scene.objects.get(n)\n",
        # A paging loop.
        "def pages(cursor):\n    while True:\n        cursor.execute('FETCH 100 FROM c')\n"
        "        if not cursor.rowcount:\n            break\n",
        # A `session` that is not SQLAlchemy's (no SQLAlchemy import).
        "def f(session, urls):\n    for url in urls:\n        session.get(url)\n",
        # Batches of ids, and a retry count: not one query per item.
        "def purge(session, ids):\n    for i in range(0, len(ids), 500):\n"
        "        session.execute(delete_rows(ids[i : i + 500]))\n",
        "def check(cursor):\n    for attempt in range(RETRIES):\n        cursor.execute('SELECT 1')\n",
        "def check(cursor):\n    for table in TABLES_TO_CHECK:\n        cursor.execute('SELECT * FROM ' + table)\n",
        "def purge(cur, ids):\n    for chunk in chunked(ids, 999):\n        cur.execute(q, chunk)\n",
        "from itertools import zip_longest\n\n\ndef seen(cur, ids):\n"
        "    for group in zip_longest(*[iter(ids)] * 100):\n        cur.execute(q, group)\n",
        # A fixed, written-out loop.
        "def setup(cursor):\n    for table in ('a', 'b'):\n        cursor.execute('DROP TABLE ' + table)\n",
        # Branches that hold for one item (or a few) of the loop.
        "def reset(cur, db):\n    for name, kind in db.tables():\n"
        "        if name == 'sqlite_sequence':\n            cur.execute('DELETE FROM sqlite_sequence')\n",
        "def find(cur, rows, wanted):\n    for row_id, label in rows:\n        if label == 'root':\n"
        "            pass\n        elif row_id == wanted:\n"
        "            cur.execute('SELECT * FROM t WHERE id = ?', (row_id,))\n",
        "def audit(cur, tables):\n    for t in tables:\n        if t.lower() in ('users', 'groups'):\n"
        "            cur.execute('SELECT count(*) FROM audit WHERE t = ?', (t,))\n",
        "def one(cur, keys, target):\n    for key in keys:\n        if key != target:\n"
        "            continue\n        cur.execute('DELETE FROM kv WHERE k = ?', (key,))\n",
        "def kinds(cur, names):\n    for name in names:\n        match name:\n"
        "            case 'config':\n                cur.execute('SELECT * FROM config WHERE k = ?', (name,))\n"
        "            case _:\n                pass\n",
        "def first(cur, ids):\n    for i in ids:\n        if i > 0:\n"
        "            cur.execute('UPDATE t SET seen = 1 WHERE id = ?', (i,))\n            break\n",
        # The SQL text itself changes with the item: only parameters batch.
        "def counts(cur, tables):\n    for table in tables:\n"
        "        cur.execute(f'SELECT count(*) FROM \"{table}\"')\n",
        "def columns(cur, tables):\n    out = {}\n    for name in tables:\n"
        "        sql = 'PRAGMA table_info(%s)' % name\n        out[name] = cur.execute(sql).fetchall()\n"
        "    return out\n",
        "def drop(cur, tables):\n    for t in tables:\n        cur.execute('DROP TABLE {t}'.format(t=t))\n",
        "def script(cur, text):\n    for statement in text.split(';'):\n        cur.execute(statement)\n",
        "def pick(cur, column_sets):\n    for cols in column_sets:\n"
        "        cur.execute('SELECT ' + ', '.join(cols) + ' FROM t')\n",
        "from sqlalchemy import text\n\n\ndef counts(session, tables):\n    for table in tables:\n"
        "        query = text(f'SELECT count(*) FROM {table}')\n        session.execute(query)\n",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._in_tests = is_test_file(ctx.path)
        self._imports: frozenset[str] | None = None

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if self._in_tests:
            return
        if not isinstance(func, cst.Attribute):
            return
        method = func.attr.value
        if method not in _QUERY_METHODS:
            return
        loops = self.ctx.growing_loops(node)
        if not loops_over_data(loops):
            return
        kind = self._kind(node, func, method)
        if kind is None:
            return
        if runs_for_few_items(self.ctx.path_to(node), loops[0]):
            return
        if _text_varies(node, kind, loops[0]):
            return
        self.report(
            node,
            f"`.{method}(...)` sends a query on every iteration (N+1); {_ADVICE[kind]}",
        )

    def _kind(self, call: cst.Call, func: cst.Attribute, method: str) -> str | None:
        receiver = func.value
        if method in DJANGO_EAGER | DJANGO_LAZY and isinstance(receiver, cst.Attribute):
            if _is_manager(receiver) and self._django_model(receiver) and self._sends_query(call):
                return "django"
        if method in SQLALCHEMY_QUERIES and _named_session(receiver):
            if any(m.split(".")[0] in _SQLALCHEMY_MODULES for m in self._imported()):
                return "sqlalchemy"
        if method == "execute" and isinstance(receiver, cst.Name) and self._cursor(receiver):
            return "dbapi"
        return None

    def _django_model(self, manager: cst.Attribute) -> bool:
        """`X.objects` where X is a model class (imported, defined at module
        level, or `apps.get_model(...)` in a migration; not a variable that
        takes several models), and the module imports Django or X comes from
        a models module."""
        model = manager.value
        if not isinstance(model, cst.Name) or not self._model_class(model):
            return False
        if any(m.split(".")[0] == "django" for m in self._imported()):
            return True
        qualified = self.ctx.qualified_name(model) or ""
        return ".models." in f".{qualified}" or qualified.startswith("models.")

    def _model_class(self, name: cst.Name) -> bool:
        scope = self.ctx.binding_scope(name.value, name)
        bindings = scope.bindings.get(name.value, []) if scope is not None else []
        if not bindings:
            return False
        if isinstance(scope.node, cst.Module):  # type: ignore[union-attr]
            return all(b.kind in ("import", "class") for b in bindings)
        return all(
            isinstance(b.value, cst.Call)
            and isinstance(b.value.func, cst.Attribute)
            and b.value.func.attr.value == "get_model"
            for b in bindings
        )

    def _sends_query(self, call: cst.Call) -> bool:
        """The chain starting at this manager call sends a query here: it
        ends in an eager method, or is iterated or evaluated on the spot."""
        path = self.ctx.path_to(call)
        index = len(path) - 1
        chain_end: cst.CSTNode = call
        while index >= 2:
            attribute, outer = path[index - 1], path[index - 2]
            if not (
                isinstance(attribute, cst.Attribute)
                and isinstance(outer, cst.Call)
                and outer.func is attribute
            ):
                break
            if attribute.attr.value in DJANGO_EAGER:
                return True
            chain_end, index = outer, index - 2
        method = call.func.attr.value  # type: ignore[attr-defined]
        if chain_end is call and method in DJANGO_EAGER:
            return True
        parent = path[index - 1] if index >= 1 else None
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is chain_end:
            return True
        evaluator = path[index - 2] if index >= 2 else None
        if isinstance(parent, cst.Arg) and isinstance(evaluator, cst.Call):
            return self.ctx.qualified_name(evaluator.func, path[: index - 1]) in _EVALUATING
        return False

    def _cursor(self, name: cst.Name) -> bool:
        """A name bound to `x.cursor()` (also in `with`), to a DB-API connection,
        or simply called `cursor`/`cur`."""
        if name.value in ("cursor", "cur"):
            return True
        scope = self.ctx.binding_scope(name.value, name)
        if scope is None:
            return False
        for binding in scope.bindings.get(name.value, []):
            value = binding.value
            if isinstance(binding.node, cst.WithItem):
                value = binding.node.item
            if not isinstance(value, cst.Call):
                continue
            if isinstance(value.func, cst.Attribute) and value.func.attr.value == "cursor":
                return True
            if self.ctx.qualified_name(value.func, self.ctx.path_to(name)) in _CONNECT:
                return True
        return False

    def _imported(self) -> frozenset[str]:
        """Every module the file imports (computed once)."""
        if self._imports is None:
            module_scope = self.ctx.scopes.get(self.ctx.module)
            self._imports = frozenset(
                b.imported
                for bindings in module_scope.bindings.values()
                for b in bindings
                if b.kind == "import" and b.imported
            )
        return self._imports


def _is_manager(receiver: cst.BaseExpression) -> bool:
    return (
        isinstance(receiver, cst.Attribute)
        and receiver.attr.value == "objects"
        and isinstance(receiver.value, (cst.Name, cst.Attribute))
    )


def _named_session(receiver: cst.BaseExpression) -> bool:
    """`session`, `db.session`, `self.session`."""
    if isinstance(receiver, cst.Name):
        return receiver.value == "session"
    return isinstance(receiver, cst.Attribute) and receiver.attr.value == "session"


_SQL_KEYWORDS = ("sql", "operation", "query", "statement")


def _text_varies(call: cst.Call, kind: str, loop: Loop) -> bool:
    """The SQL text itself changes with the item (a table or column name put
    into it): no `IN (...)` or `executemany` can batch that, only parameters."""
    sql = next(
        (
            arg.value
            for arg in call.args
            if arg.keyword is None or arg.keyword.value in _SQL_KEYWORDS
        ),
        None,
    )
    if sql is None or isinstance(sql, cst.StarredElement) or kind == "django":
        return False
    if kind == "dbapi":
        return varies_per_item(sql, loop)  # DB-API takes the text itself
    return _text_built_per_item(sql, loop, 0)


def _text_built_per_item(sql: cst.BaseExpression, loop: Loop, depth: int) -> bool:
    """A SQLAlchemy statement that is text formatted per item (`text(f"...")`,
    or a local the loop assigns one to); `select(...).where(col == x)` is not:
    x is a parameter."""
    if depth > 4:
        return True
    if isinstance(sql, cst.Call) and sql.args:
        func = sql.func
        name = func.attr if isinstance(func, cst.Attribute) else func
        if isinstance(name, cst.Name) and name.value == "text":
            return _text_built_per_item(sql.args[0].value, loop, depth + 1)
    if isinstance(sql, cst.Name):
        bindings = loop_bindings(loop.node).bindings.get(sql.value, [])
        return any(
            b.value is not None and _text_built_per_item(b.value, loop, depth + 1) for b in bindings
        )
    return is_built_string(sql) and varies_per_item(sql, loop)
