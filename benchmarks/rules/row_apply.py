"""PFL602: DataFrame.apply(f, axis=1) of column arithmetic versus the column expression."""

import numpy as np
import pandas as pd
from common import bind, compare


def frame(n):
    rng = np.random.default_rng(0)
    return pd.DataFrame({"price": rng.random(n) * 100, "qty": rng.integers(1, 10, n)})


def by_apply(df):
    return df.apply(lambda r: r["price"] * r["qty"] if r["qty"] > 2 else 0.0, axis=1)


def vectorised(df):
    return (df["price"] * df["qty"]).where(df["qty"] > 2, 0.0)


if __name__ == "__main__":
    sample = frame(1_000)
    assert np.allclose(by_apply(sample), vectorised(sample))
    compare(
        "PFL602 apply(axis=1) vs column expression",
        [10_000, 100_000],
        lambda n: bind(by_apply, frame(n)),
        lambda n: bind(vectorised, frame(n)),
    )
