"""PFL504: one query per item (N+1) versus one `IN` query or executemany, on
an in-memory SQLite database. SQLite runs in-process; a database server adds
a network round trip per query, so the gap there is far larger."""

import sqlite3

from timing import best_of


def setup(rows):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    db.executemany("INSERT INTO users VALUES (?, ?)", ((i, f"user{i}") for i in range(rows)))
    return db


def query_per_item(db, ids):
    cursor = db.cursor()
    names = []
    for user_id in ids:
        cursor.execute("SELECT name FROM users WHERE id = ?", (user_id,))
        names.append(cursor.fetchone()[0])
    return names


def one_in_query(db, ids):
    marks = ",".join("?" * len(ids))
    rows = db.execute(f"SELECT id, name FROM users WHERE id IN ({marks})", ids).fetchall()
    by_id = dict(rows)
    return [by_id[i] for i in ids]


def insert_per_row(db, rows):
    cursor = db.cursor()
    for row in rows:
        cursor.execute("INSERT INTO log VALUES (?, ?)", row)


def insert_many(db, rows):
    db.cursor().executemany("INSERT INTO log VALUES (?, ?)", rows)


if __name__ == "__main__":
    db = setup(100_000)
    for n in (100, 1_000):
        ids = list(range(0, 100_000, 100_000 // n))
        assert query_per_item(db, ids) == one_in_query(db, ids)
        slow, fast = (
            best_of(query_per_item, db, ids, repeat=5),
            best_of(one_in_query, db, ids, repeat=5),
        )
        print(
            f"SELECT per id vs one IN query, {n} ids: "
            f"{slow * 1e3:.2f} ms vs {fast * 1e3:.2f} ms ({slow / fast:.1f}x)"
        )
    db.execute("CREATE TABLE log (id INTEGER, text TEXT)")
    rows = [(i, "x") for i in range(10_000)]
    slow, fast = (
        best_of(insert_per_row, db, rows, repeat=5),
        best_of(insert_many, db, rows, repeat=5),
    )
    print(
        "INSERT per row vs executemany, 10,000 rows: "
        f"{slow * 1e3:.1f} ms vs {fast * 1e3:.1f} ms ({slow / fast:.1f}x)"
    )
