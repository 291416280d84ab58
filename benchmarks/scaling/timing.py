"""Wall-clock timing for the scaling experiments."""

import time


def best_of(function, *args, repeat=3):
    """The fastest of `repeat` calls, in seconds (the least disturbed by noise)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - start)
    return best
