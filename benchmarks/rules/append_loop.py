"""PFL402: building a list with append in a loop versus a comprehension."""

from common import bind, compare


def append_loop(items):
    out = []
    for x in items:
        if x % 3:
            out.append(x * 2)
    return out


def comprehension(items):
    out = [x * 2 for x in items if x % 3]
    return out


def copy_loop(items):
    out = []
    for x in items:
        out.append(x)
    return out


def copy_list(items):
    out = list(items)
    return out


if __name__ == "__main__":
    assert append_loop(range(100)) == comprehension(range(100))
    sizes = [10_000, 100_000]
    compare(
        "PFL402 append loop vs list comprehension",
        sizes,
        lambda n: bind(append_loop, list(range(n))),
        lambda n: bind(comprehension, list(range(n))),
    )
    compare(
        "PFL402 copying append loop vs list(...)",
        sizes,
        lambda n: bind(copy_loop, list(range(n))),
        lambda n: bind(copy_list, list(range(n))),
    )
