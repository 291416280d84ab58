"""PFL104: list.index / count / remove inside a loop versus one linear pass."""

import random
from collections import Counter

from common import bind, compare


def data(n):
    rng = random.Random(n)
    return [rng.randrange(n) for _ in range(n)]


def positions_index(items, wanted):
    return [items.index(w) for w in wanted if w in items]


def positions_dict(items, wanted):
    first = {}
    for i, item in enumerate(items):
        first.setdefault(item, i)
    return [first[w] for w in wanted if w in first]


def counts_count(items):
    return {item: items.count(item) for item in items}


def counts_counter(items):
    return dict(Counter(items))


def remove_loop(items, unwanted):
    items = list(items)
    for u in unwanted:
        if u in items:
            items.remove(u)
    return items


def remove_filter(items, unwanted):
    left = Counter(unwanted)
    out = []
    for item in items:
        if left[item]:
            left[item] -= 1
        else:
            out.append(item)
    return out


if __name__ == "__main__":
    a, b = data(300), data(301)
    assert positions_index(a, b) == positions_dict(a, b)
    assert counts_count(a) == counts_counter(a)
    assert remove_loop(a, b) == remove_filter(a, b)
    sizes = [1_000, 10_000]
    compare(
        "PFL104 index(): list.index in a loop vs a dict built once",
        sizes,
        lambda n: bind(positions_index, data(n), data(n + 1)),
        lambda n: bind(positions_dict, data(n), data(n + 1)),
    )
    compare(
        "PFL104 count(): list.count per item vs collections.Counter",
        sizes,
        lambda n: bind(counts_count, data(n)),
        lambda n: bind(counts_counter, data(n)),
    )
    compare(
        "PFL104 remove(): list.remove in a loop vs one filtering pass",
        sizes,
        lambda n: bind(remove_loop, data(n), data(n + 1)),
        lambda n: bind(remove_filter, data(n), data(n + 1)),
    )
