"""PFL102: membership tests against a list inside a loop, versus a set."""

import random

from common import bind, compare


def data(n):
    rng = random.Random(n)
    return [rng.randrange(2 * n) for _ in range(n)]


def dedupe_list(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return len(seen)


def dedupe_set(items):
    seen = set()
    for item in items:
        if item not in seen:
            seen.add(item)
    return len(seen)


def filter_list(items, allowed):
    return [x for x in items if x in allowed]


def filter_hoisted(items, allowed):
    allowed_set = set(allowed)
    return [x for x in items if x in allowed_set]


if __name__ == "__main__":
    assert dedupe_list(data(500)) == dedupe_set(data(500))
    compare(
        "PFL102 seen-list dedupe: list + append vs set + add",
        [1_000, 10_000],
        lambda n: bind(dedupe_list, data(n)),
        lambda n: bind(dedupe_set, data(n)),
    )
    compare(
        "PFL102 comprehension filter: `x in list` vs a set built before the loop",
        [1_000, 10_000],
        lambda n: bind(filter_list, data(n), data(n + 1)),
        lambda n: bind(filter_hoisted, data(n), data(n + 1)),
    )
    small = [3, 1, 4, 1, 5]
    compare(
        "PFL102 skips fixed 5-item lists: linear cost (constants belong to the containers rules)",
        [1_000],
        lambda n: bind(filter_list, data(n), small),
        lambda n: bind(filter_hoisted, data(n), small),
    )
