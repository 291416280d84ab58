"""PFL201: sorted(x)[0] / sorted(x)[-1] versus min(x) / max(x)."""

import random

from common import bind, compare


def data(n):
    rng = random.Random(n)
    return [rng.random() for _ in range(n)]


def smallest_sorted(xs):
    return sorted(xs)[0]


def smallest_min(xs):
    return min(xs)


if __name__ == "__main__":
    assert smallest_sorted(data(100)) == smallest_min(data(100))
    compare(
        "PFL201 sorted(x)[0] vs min(x) (random floats)",
        [1_000, 10_000, 100_000],
        lambda n: bind(smallest_sorted, data(n)),
        lambda n: bind(smallest_min, data(n)),
    )
