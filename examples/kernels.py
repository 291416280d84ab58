"""Numeric kernels written as plain Python loops (an example for `make demo`).

perflint suggests `@numba.njit` for each float or array kernel;
benchmarks/jit/kernels.py times them with and without it.
"""

import math

import numpy as np


def pairwise_distances(points):
    """Euclidean distance between every pair of rows."""
    n = points.shape[0]
    out = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            d = 0.0
            for k in range(points.shape[1]):
                d += (points[i, k] - points[j, k]) ** 2
            out[i, j] = math.sqrt(d)
    return out


def running_std(x, window):
    """Standard deviation over a sliding window."""
    out = np.empty(x.shape[0] - window + 1)
    for i in range(out.shape[0]):
        total = 0.0
        squares = 0.0
        for j in range(i, i + window):
            total += x[j]
            squares += x[j] * x[j]
        mean = total / window
        out[i] = math.sqrt(max(squares / window - mean * mean, 0.0))
    return out


def monte_carlo_pi(samples):
    """Estimate pi from random points in the unit square."""
    inside = 0
    for _ in range(samples):
        x = np.random.random()
        y = np.random.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / samples


def histogram(values, bins, low, high):
    """Counts of values in equal-width bins."""
    counts = np.zeros(bins, dtype=np.int64)
    width = (high - low) / bins
    for v in values:
        if low <= v < high:
            counts[int((v - low) / width)] += 1
    return counts


def logistic_map(r, x0, steps):
    """Iterate x -> r x (1 - x)."""
    x = x0
    for _ in range(steps):
        x = r * x * (1.0 - x)
    return x


def count_primes(limit):
    """Primes below limit, by trial division. Integers only: perflint stays
    silent, since nothing shows they stay within numba's 64 bits."""
    count = 0
    for n in range(2, limit):
        is_prime = True
        d = 2
        while d * d <= n:
            if n % d == 0:
                is_prime = False
                break
            d += 1
        if is_prime:
            count += 1
    return count


def normalise(a):
    """Vectorised already: numba would gain little, so perflint stays silent."""
    return (a - a.mean()) / a.std()
