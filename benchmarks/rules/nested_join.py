"""PFL108: joining two collections with nested loops versus a dict index."""

import random

from common import bind, compare


def data(n):
    rng = random.Random(n)
    users = [{"id": i, "name": f"u{i}"} for i in range(n)]
    orders = [{"user_id": rng.randrange(n), "total": i} for i in range(n)]
    return users, orders


def nested(users, orders):
    out = []
    for order in orders:
        for user in users:
            if user["id"] == order["user_id"]:
                out.append((user["name"], order["total"]))
    return out


def indexed(users, orders):
    by_id = {}
    for user in users:
        by_id.setdefault(user["id"], []).append(user)
    out = []
    for order in orders:
        for user in by_id.get(order["user_id"], ()):
            out.append((user["name"], order["total"]))
    return out


if __name__ == "__main__":
    assert nested(*data(200)) == indexed(*data(200))
    compare(
        "PFL108 nested-loop join vs a dict index",
        [1_000, 10_000],
        lambda n: bind(nested, *data(n)),
        lambda n: bind(indexed, *data(n)),
    )
