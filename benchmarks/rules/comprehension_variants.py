"""PFL402: set.add and d[k] = v loops versus set and dict comprehensions."""

from common import bind, compare


def add_loop(items):
    seen = set()
    for x in items:
        if x % 3:
            seen.add(x * 2)
    return seen


def set_comprehension(items):
    return {x * 2 for x in items if x % 3}


def store_loop(pairs):
    index = {}
    for key, value in pairs:
        index[key] = value + 1
    return index


def dict_comprehension(pairs):
    return {key: value + 1 for key, value in pairs}


if __name__ == "__main__":
    sizes = [10_000, 100_000]
    compare(
        "PFL402 set.add loop vs set comprehension",
        sizes,
        lambda n: bind(add_loop, range(n)),
        lambda n: bind(set_comprehension, range(n)),
    )
    compare(
        "PFL402 d[k] = v loop vs dict comprehension",
        sizes,
        lambda n: bind(store_loop, [(str(i), i) for i in range(n)]),
        lambda n: bind(dict_comprehension, [(str(i), i) for i in range(n)]),
    )
