"""Time a candidate interpreted and compiled, on inputs made from its
guessed parameters (runs in the --verify-jit worker only).

Inputs grow from 100 to 100,000 elements: arrays of that many elements (2-D
ones as rows of 10), integers that bound a loop (`range(n)`) that large, other
integers small (8), floats distinct and in (0, 2). Growth stops once an
interpreted call takes long enough to time well, or the next one would take
too long or not fit the time budget (quadratic kernels stop sooner). Each
call gets fresh copies (kernels write into their arguments); the interpreted
call comes first on each input, so the compiled one (which does not check
bounds) never sees inputs CPython rejected.
Times are CPU time of this process: the machine may be busy with others.
"""

from __future__ import annotations

import math
import signal
import statistics
import time
from collections.abc import Callable
from typing import Any

from perflint.jit.signatures import Param, describe

SIZES = (100, 1_000, 10_000, 100_000)
BUDGET = 10.0  # seconds of interpreted running per candidate
LONG_ENOUGH = 0.3  # an interpreted call this long is timed well enough
LONGEST = 2.0  # seconds one interpreted call may be expected to take
SHORT = 0.02  # seconds: calls shorter than this are timed many at a time
COLUMNS = 10  # the last dimensions of 2-D and wider arrays
SMALL_INTEGER = 8


class _OverBudget(Exception):
    pass


def make_inputs(plan: list[Param], size: int) -> tuple[Any, ...]:
    import numpy as np

    rng = np.random.default_rng(0)  # the same inputs for both runs
    floats = iter(0.25 + 0.5 * k for k in range(len(plan)))
    values: list[Any] = []
    for param in plan:
        if param.kind in ("array", "list"):
            shape = _shape(param, size)
            if param.dtype.startswith("int"):
                data = rng.integers(0, SMALL_INTEGER, shape, dtype=np.dtype(param.dtype))
            else:
                data = rng.random(shape).astype(param.dtype)
            values.append(data.tolist() if param.kind == "list" else data)
        elif param.dtype.startswith("int"):
            values.append(size if param.count else SMALL_INTEGER)
        elif param.dtype == "boolean":
            values.append(True)
        elif param.dtype.startswith("complex"):
            values.append(complex(next(floats), 0.5))
        else:
            values.append(next(floats))
    return tuple(values)


def _shape(param: Param, size: int) -> tuple[int, ...]:
    dims = param.dims if param.kind == "array" else 1
    if dims <= 1:
        return (size,)
    return (max(size // COLUMNS ** (dims - 1), 2), *([COLUMNS] * (dims - 1)))


def sizes(plan: list[Param], size: int) -> dict[str, object]:
    """Per parameter: an array's or list's shape, an integer's value."""
    found: dict[str, object] = {}
    for param, value in zip(plan, make_inputs(plan, size), strict=True):
        if param.kind in ("array", "list"):
            found[param.name] = list(_shape(param, size))
        elif param.dtype.startswith("int"):
            found[param.name] = value
    return found


def sizes_text(plan: list[Param], size: int) -> str:
    """What it was measured for: `float64[:] of 100,000 elements, window=8`."""
    parts = []
    for param in plan:
        if param.kind in ("array", "list"):
            shape = " x ".join(f"{n:,}" for n in _shape(param, size))
            unit = "items" if param.kind == "list" else "elements"
            parts.append(f"{param.describe()} of {shape} {unit}")
    for name, value in sizes(plan, size).items():
        if isinstance(value, int):
            parts.append(f"{name}={value:,}")
    return ", ".join(parts) or describe(plan)


def measure(
    plain: Callable[..., Any], compiled: Callable[..., Any], plan: list[Param], random: bool
) -> tuple[dict[str, Any] | None, str | None]:
    """(the measurement at the largest inputs timed, None) or (None, why not)."""
    best: dict[str, Any] | None = None
    spent, growth = 0.0, 10.0  # how much longer the next inputs take: at first, as many times more
    for size in SIZES:
        try:
            slow, result = _timed(plain, plan, size, BUDGET - spent)
            spent += slow
            if best is None:
                _timed(compiled, plan, size, BUDGET)  # warm-up: the first call sets things up
            fast, got = _timed(compiled, plan, size, BUDGET)
        except _OverBudget:
            break
        except MemoryError:
            if best is None:
                return None, f"ran out of memory on {sizes_text(plan, size)}"
            break
        except Exception as exc:  # noqa: BLE001 (the user's code raises what it raises)
            if best is None:
                return None, f"raised {type(exc).__name__} on {sizes_text(plan, size)}"
            break
        slow, fast = _repeat(plain, plan, size, slow), _repeat(compiled, plan, size, fast)
        if best is not None and best["interpreted"] > 1e-3:
            growth = max(growth, slow / best["interpreted"])  # quadratic kernels grow 100x
        best = {
            "size": size,
            "sizes": sizes(plan, size),
            "sizes_text": sizes_text(plan, size),
            "interpreted": slow,
            "compiled": fast,
            "speedup": slow / fast if fast > 0 else math.inf,
            "same_result": None if random else _same(result, got),
        }
        following = growth * slow  # the next inputs' interpreted call
        if best["same_result"] is False or slow >= LONG_ENOUGH:
            break
        if following > LONGEST or spent + following > BUDGET:
            break
    return best, None if best is not None else "did not finish within the time budget"


def _timed(
    function: Callable[..., Any], plan: list[Param], size: int, budget: float
) -> tuple[float, Any]:
    """CPU seconds of one call on fresh inputs, and its result; _OverBudget past budget."""
    arguments = make_inputs(plan, size)

    def over(signum: int, frame: object) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, max(budget, 0.01))
    try:
        start = time.process_time()
        result = function(*arguments)
        return time.process_time() - start, result
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _repeat(function: Callable[..., Any], plan: list[Param], size: int, once: float) -> float:
    """The median of a few more calls, as many as fit in about 0.3 s. Calls
    under SHORT are timed in batches: reading the CPU clock itself takes
    microseconds here."""
    if once < SHORT:
        arguments = make_inputs(plan, size)  # shared by the batch: too short to matter
        batch = max(int(SHORT / max(once, 1e-7)), 10)
        per_call = []
        for _ in range(3):
            start = time.process_time()
            for _ in range(batch):
                function(*arguments)
            per_call.append((time.process_time() - start) / batch)
        return statistics.median(per_call)
    times = [once]
    while len(times) < 7 and sum(times) < 0.3:
        times.append(_timed(function, plan, size, 60.0)[0])
    return statistics.median(times)


def _same(expected: Any, got: Any) -> bool | None:
    """Whether two results agree (floats to 1e-6); None when they cannot be compared."""
    import numpy as np

    try:
        left = np.asarray(expected, dtype=np.complex128)
        right = np.asarray(got, dtype=np.complex128)
    except (TypeError, ValueError):
        return None
    if left.shape != right.shape:
        return False
    return bool(np.allclose(left, right, rtol=1e-6, atol=1e-9, equal_nan=True))
