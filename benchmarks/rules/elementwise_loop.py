"""PFL607: NumPy arrays element by element in a Python loop versus one array
expression or reduction."""

import numpy as np
from common import bind, compare


def arrays(n):
    rng = np.random.default_rng(0)
    return rng.random(n), rng.random(n)


def loop_product(a, b):
    out = np.empty(len(a))
    for i in range(len(a)):
        out[i] = a[i] * b[i] + 1.0
    return out


def array_product(a, b):
    return a * b + 1.0


def loop_sum(a, b):
    total = 0.0
    for v in a:
        total += v * v
    return total


def array_sum(a, b):
    return (a * a).sum()


def loop_dot(a, b):
    total = 0.0
    for x, y in zip(a, b, strict=True):
        total += x * y
    return total


def array_dot(a, b):
    return np.dot(a, b)


if __name__ == "__main__":
    a, b = arrays(1_000)
    assert np.allclose(loop_product(a, b), array_product(a, b))
    assert np.isclose(loop_sum(a, b), array_sum(a, b))
    assert np.isclose(loop_dot(a, b), array_dot(a, b))
    sizes = [10_000, 100_000, 1_000_000]
    compare(
        "PFL607 out[i] = a[i] * b[i] + 1.0 vs a * b + 1.0",
        sizes,
        lambda n: bind(loop_product, *arrays(n)),
        lambda n: bind(array_product, *arrays(n)),
    )
    compare(
        "PFL607 total += v * v over an array vs (a * a).sum()",
        sizes,
        lambda n: bind(loop_sum, *arrays(n)),
        lambda n: bind(array_sum, *arrays(n)),
    )
    compare(
        "PFL607 total += x * y over zip(a, b) vs np.dot(a, b)",
        sizes,
        lambda n: bind(loop_dot, *arrays(n)),
        lambda n: bind(array_dot, *arrays(n)),
    )
