"""PFL405: try/except inside a loop versus around it, when nothing raises.
Run it with the Python the code targets: since 3.11 entering a `try` costs
nothing, before 3.11 it is a SETUP_FINALLY instruction per iteration."""

import sys

from common import bind, compare


def try_inside(items):
    total = 0
    for x in items:
        try:
            total += x
        except TypeError:
            pass
    return total


def try_outside(items):
    total = 0
    try:
        for x in items:
            total += x
    except TypeError:
        pass
    return total


if __name__ == "__main__":
    compare(
        f"PFL405 try/except inside a loop vs around it (Python {sys.version.split()[0]})",
        [10_000, 100_000],
        lambda n: bind(try_inside, list(range(n))),
        lambda n: bind(try_outside, list(range(n))),
    )
