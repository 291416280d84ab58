"""PFL101: sum(lists, []) versus list(itertools.chain.from_iterable(lists))."""

import itertools

from common import compare


def make(n):
    return [list(range(10)) for _ in range(n)]


def bad(n):
    lists = make(n)
    return lambda: sum(lists, [])


def fixed(n):
    lists = make(n)
    return lambda: list(itertools.chain.from_iterable(lists))


if __name__ == "__main__":
    assert sum(make(50), []) == list(itertools.chain.from_iterable(make(50)))
    compare("PFL101 quadratic-sum (lists of 10 items)", [1_000, 10_000], bad, fixed)
