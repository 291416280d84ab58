"""PFL301: each kernel of examples/kernels.py in plain CPython versus
compiled with numba.njit (timed after a warm-up call, so compile time is not
counted; it is printed separately). Needs numba (`pip install 'perflint-cst[jit]'`)."""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
import kernels  # noqa: E402


def best(function, *args, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


CASES = [
    ("pairwise_distances", lambda: (np.random.rand(200, 3),), "200 points x 3"),
    ("running_std", lambda: (np.random.rand(100_000), 50), "100,000 values, window 50"),
    ("monte_carlo_pi", lambda: (1_000_000,), "1,000,000 samples"),
    ("histogram", lambda: (np.random.rand(1_000_000), 50, 0.0, 1.0), "1,000,000 values, 50 bins"),
    ("logistic_map", lambda: (3.7, 0.5, 1_000_000), "1,000,000 steps"),
    ("count_primes", lambda: (50_000,), "primes below 50,000"),
]

if __name__ == "__main__":
    try:
        import numba
    except ImportError:
        raise SystemExit("numba is not installed: pip install 'perflint-cst[jit]'") from None
    print(f"PFL301: CPython {sys.version.split()[0]} vs numba {numba.__version__} njit")
    for name, make_args, size in CASES:
        plain = getattr(kernels, name)
        jitted = numba.njit(plain)
        args = make_args()
        start = time.perf_counter()
        jitted(*args)  # compile
        compile_time = time.perf_counter() - start
        slow, fast = best(plain, *args, repeat=1), best(jitted, *args)
        print(
            f"  {name:18} ({size}): {slow * 1e3:9.1f} ms vs {fast * 1e3:7.2f} ms "
            f"= {slow / fast:6.0f}x (first call compiles in {compile_time:.2f} s)"
        )
