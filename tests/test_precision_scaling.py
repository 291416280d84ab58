"""Issue 15, point 1: wrong PFL504 and PFL202 findings seen in reviews of real
code, each as the shape it came in and nearby variants; and the true
positives next to them, which must stay."""

import textwrap

import libcst as cst
import pytest

from perflint.analysis.reach import loop_may_reach
from perflint.config import Settings
from perflint.context import FileContext
from perflint.runner import CHECK, Job, process_source
from perflint.tree import children


def _codes(source: str, code: str) -> list[int]:
    result, _ = process_source(
        "app/store.py", textwrap.dedent(source).encode(), Settings(select=(code,)), Job(CHECK)
    )
    assert not result.internal_errors
    return [d.location[0] for d in result.diagnostics if d.code == code]


# --- PFL504: a query that runs for one item only, or whose text is per item ---

ONE_ITEM = [
    # The reviewed shape: one table of sqlite_master gets special treatment.
    """
    import sqlite3

    def vacuum(path):
        db = sqlite3.connect(path)
        cur = db.cursor()
        for (name,) in cur.execute("SELECT name FROM sqlite_master").fetchall():
            if name == "sqlite_sequence":
                cur.execute("DELETE FROM sqlite_sequence WHERE name = ?", (name,))
    """,
    # Equality with a value the loop does not change, the other way round.
    """
    def touch(cur, ids, current):
        for i in ids:
            if current == i and i is not None:
                cur.execute("UPDATE t SET hits = hits + 1 WHERE id = ?", (i,))
    """,
    # The last branch of an elif chain, each testing the item.
    """
    def apply(cur, names):
        for name in names:
            if name == "a":
                pass
            elif name in {"b", "c"}:
                cur.execute("DELETE FROM t WHERE k = ?", (name,))
    """,
    # Everything else skipped first.
    """
    def only(cur, names, wanted):
        for name in names:
            if not (name == wanted):
                continue
            cur.execute("DELETE FROM t WHERE k = ?", (name,))
    """,
    # The loop ends after the query.
    """
    def claim(cur, slots):
        for slot in slots:
            if slot.free:
                return cur.execute("UPDATE s SET free = 0 WHERE id = ?", (slot.id,))
    """,
    # A comprehension's filter picks one item.
    """
    def one(cur, keys):
        return [cur.execute("SELECT v FROM kv WHERE k = ?", (k,)) for k in keys if k == "root"]
    """,
]

TEXT_PER_ITEM = [
    # The reviewed shape: a table name quoted into the text.
    """
    def dump(cur, tables):
        for table in tables:
            cur.execute(f'SELECT * FROM "{table}"')
    """,
    # Through a local built in the loop, with `%` and `.format`.
    """
    def pragmas(cur, settings):
        for key, value in settings.items():
            statement = "PRAGMA %s = %s" % (key, value)
            cur.execute(statement)
    """,
    """
    TEMPLATE = "SELECT * FROM {table} LIMIT 1"

    def samples(cur, tables):
        out = {}
        for (table,) in tables:
            query = TEMPLATE.format(table=table)
            out[table] = cur.execute(query).fetchone()
        return out
    """,
    # A column list that changes per item.
    """
    def project(cur, wanted):
        for columns in wanted:
            cur.execute("SELECT " + ", ".join(columns) + " FROM t")
    """,
    # Statements of a script, each its own text.
    """
    def run_script(cursor, script):
        for statement in script.split(";"):
            statement = statement.strip()
            cursor.execute(statement)
    """,
]

STILL_N_PLUS_ONE = [
    # Constant text, the item as a parameter.
    """
    def load(cur, ids):
        for i in ids:
            cur.execute("SELECT * FROM t WHERE id = ?", (i,))
    """,
    # Text built from loop-invariant values only.
    """
    def copy(cur, table, rows):
        sql = f"INSERT INTO {table} VALUES (?, ?)"
        for row in rows:
            cur.execute(sql, row)
    """,
    # A local given the same constant text on every iteration.
    """
    def copy(cur, table, rows):
        for row in rows:
            sql = "INSERT INTO " + table + " VALUES (?, ?)"
            cur.execute(sql, row)
    """,
    # A test that holds for many items (an inequality, an attribute).
    """
    def load(cur, ids):
        for i in ids:
            if i > 10:
                cur.execute("SELECT * FROM t WHERE id = ?", (i,))
    """,
    # The item is not skipped: `continue` only for one of them.
    """
    def load(cur, ids):
        for i in ids:
            if i == 0:
                continue
            cur.execute("SELECT * FROM t WHERE id = ?", (i,))
    """,
]


@pytest.mark.parametrize("source", ONE_ITEM + TEXT_PER_ITEM)
def test_query_not_per_item_is_silent(source):
    assert _codes(source, "PFL504") == []


@pytest.mark.parametrize("source", STILL_N_PLUS_ONE)
def test_query_per_item_is_reported(source):
    assert len(_codes(source, "PFL504")) == 1


# --- PFL202: a call in the loop may change the collection being copied ---

CLOSURE_DELETES = """
def close_idle(conns):
    open_conns = dict(conns)

    def close(name):
        del open_conns[name]

    for name in list(open_conns):
        close(name)
    return open_conns
"""


def test_closure_that_deletes_keeps_the_copy():
    assert _codes(CLOSURE_DELETES, "PFL202") == []
    # The advice it used to give breaks the code.
    namespace: dict = {}
    exec(CLOSURE_DELETES.replace("list(open_conns)", "open_conns"), namespace)
    with pytest.raises(RuntimeError, match="changed size"):
        namespace["close_idle"]({"a": 1, "b": 2})


REACHED = [
    # A module-level dict, a module function that changes it.
    """
    REGISTRY = {}

    def unregister(key):
        REGISTRY.pop(key)

    def reset():
        for key in list(REGISTRY.keys()):
            unregister(key)
    """,
    # A class of this module may change it (its __init__ runs).
    """
    JOBS = {}

    class Job:
        def __init__(self, key):
            JOBS.pop(key)

    def restart():
        for key in list(JOBS):
            Job(key)
    """,
    # A parameter: the caller's object may be what `self` holds.
    """
    class Cache:
        def evict(self, keys: dict):
            for key in list(keys):
                self.drop(key)
    """,
    # Stored into an object, whose method then runs.
    """
    def serve(server, handlers):
        table = {h.name: h for h in handlers}
        server.table = table
        for name in list(table):
            server.reload(name)
    """,
    # Handed to the call in the loop, packed in a tuple.
    """
    from tools import prune

    def clean(d: dict):
        for key in list(d):
            prune((d, key))
    """,
    # A callable found at run time (a dict of handlers).
    """
    def dispatch(events: dict, handlers):
        for name in list(events):
            handlers[name]()
    """,
]

NOT_REACHED = [
    # Built here, never handed out: calls in the loop cannot see it.
    """
    from tools import emit

    def totals(rows):
        sums = {}
        for key, value in rows:
            sums[key] = sums.get(key, 0) + value
        for key in list(sums):
            emit(key)
        return sums
    """,
    # A module-level dict; the loop only reads its items (lib2to3's shape).
    """
    MAPPING = {"a": {"x": 1}}
    LOOKUP = {}

    def build():
        for module, replace in list(MAPPING.items()):
            for old, new in replace.items():
                LOOKUP[(module, old)] = new
    """,
    # A parameter, and the loop calls another module's function only.
    """
    import logging

    def show(d: dict):
        for key in list(d):
            logging.info(key)
    """,
]


@pytest.mark.parametrize("source", REACHED)
def test_copy_reached_by_a_call_is_silent(source):
    assert _codes(source, "PFL202") == []


@pytest.mark.parametrize("source", NOT_REACHED)
def test_copy_no_call_can_reach_is_reported(source):
    assert len(_codes(source, "PFL202")) == 1


def _loop_context(source: str) -> tuple[FileContext, cst.For]:
    """A FileContext positioned at the first `for` loop of source."""
    module = cst.parse_module(textwrap.dedent(source))
    ctx = FileContext(module, module.code, "app/m.py", (3, 11))
    stack: list[list[cst.CSTNode]] = [[module]]
    while stack:
        path = stack.pop()
        if isinstance(path[-1], cst.For):
            ctx.ancestors, ctx.current = path[:-1], path[-1]
            return ctx, path[-1]
        stack.extend([*path, child] for child in reversed(children(path[-1])))
    raise AssertionError("no loop")


@pytest.mark.parametrize(
    "source, reached",
    [
        # `self.items`: another method of self may change it.
        (
            """
            class Queue:
                def flush(self):
                    for key in list(self.items):
                        self.send(key)
            """,
            True,
        ),
        # Handed `self`, the object that holds it.
        (
            """
            from tools import send

            class Queue:
                def flush(self):
                    for key in list(self.items):
                        send(self, key)
            """,
            True,
        ),
        (
            """
            import logging

            class Queue:
                def flush(self):
                    for key in list(self.items):
                        logging.info(key)
            """,
            False,
        ),
    ],
)
def test_attribute_container_reach(source, reached):
    ctx, loop = _loop_context(source)
    container = loop.iter.args[0].value  # type: ignore[attr-defined]
    assert loop_may_reach(ctx, loop, container) is reached
