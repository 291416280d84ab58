"""PFL603: Series.apply/map(lambda s: s.upper()) versus the .str accessor.

The gain depends on how pandas stores the strings: object columns and the
Python-backed `str` dtype run the .str method per item in Python too; the
pyarrow-backed dtype runs it in Arrow's C++ kernels."""

import numpy as np
import pandas as pd
from common import bind, compare


def series(n, dtype):
    rng = np.random.default_rng(0)
    words = np.array(["alpha", "Beta ", " gamma", "delta", "EPSILON"])
    return pd.Series(words[rng.integers(0, 5, n)], dtype=dtype)


def by_map(s):
    return s.map(lambda x: x.upper())


def by_accessor(s):
    return s.str.upper()


if __name__ == "__main__":
    dtypes = ["object", "str"]
    try:
        import pyarrow  # noqa: F401

        dtypes.append("string[pyarrow]")
    except ImportError:
        print("(pyarrow is not installed: the Arrow-backed dtype is not measured)")
    for dtype in dtypes:
        sample = series(100, dtype)
        assert list(by_map(sample)) == list(by_accessor(sample))
        compare(
            f"PFL603 map(lambda x: x.upper()) vs .str.upper(), dtype {dtype}",
            [10_000, 100_000],
            lambda n, d=dtype: bind(by_map, series(n, d)),
            lambda n, d=dtype: bind(by_accessor, series(n, d)),
        )
