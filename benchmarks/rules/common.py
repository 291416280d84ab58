"""Timing helpers shared by the per-rule benchmarks."""

from __future__ import annotations

import timeit
from collections.abc import Callable


def bind(function: Callable[..., object], *args: object) -> Callable[[], object]:
    """A zero-argument call of function on args, made before timing starts."""
    return lambda: function(*args)


def best_of(function: Callable[[], object], repeat: int = 5) -> float:
    """Best wall time of one call, in seconds (the minimum is the least noisy)."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat, number)) / number


def compare(
    title: str,
    sizes: list[int],
    bad: Callable[[int], Callable[[], object]],
    fixed: Callable[[int], Callable[[], object]],
) -> list[tuple[int, float, float]]:
    """Print and return (n, bad seconds, fixed seconds) for each size."""
    rows = []
    print(title)
    for n in sizes:
        slow, fast = best_of(bad(n)), best_of(fixed(n))
        rows.append((n, slow, fast))
        print(
            f"  n = {n:>7,}: bad {slow * 1e3:9.3f} ms, fixed {fast * 1e3:8.3f} ms, "
            f"speedup {slow / fast:7.1f}x"
        )
    for (n1, s1, f1), (n2, s2, f2) in zip(rows, rows[1:], strict=False):
        print(f"  growth for {n2 // n1}x more: bad {s2 / s1:.1f}x, fixed {f2 / f1:.1f}x")
    return rows
