"""PFL601: column arithmetic row by row with iterrows() or itertuples() versus
one expression on whole columns."""

import numpy as np
import pandas as pd
from common import bind, compare


def frame(n):
    rng = np.random.default_rng(0)
    return pd.DataFrame({"price": rng.random(n) * 100, "qty": rng.integers(1, 10, n)})


def by_iterrows(df):
    total = 0.0
    for _, row in df.iterrows():
        if row["qty"] > 2:
            total += row["price"] * row["qty"]
    return total


def by_itertuples(df):
    total = 0.0
    for row in df.itertuples():
        if row.qty > 2:
            total += row.price * row.qty
    return total


def vectorised(df):
    big = df["qty"] > 2
    return (df["price"][big] * df["qty"][big]).sum()


def new_column_iterrows(df):
    out = []
    for _, row in df.iterrows():
        out.append(row["price"] * row["qty"])
    return out


def new_column_vectorised(df):
    return (df["price"] * df["qty"]).tolist()


if __name__ == "__main__":
    sample = frame(1_000)
    assert np.isclose(by_iterrows(sample), vectorised(sample))
    assert np.isclose(by_itertuples(sample), vectorised(sample))
    assert np.allclose(new_column_iterrows(sample), new_column_vectorised(sample))
    sizes = [10_000, 100_000]
    compare(
        "PFL601 filtered sum: iterrows vs column expression",
        sizes,
        lambda n: bind(by_iterrows, frame(n)),
        lambda n: bind(vectorised, frame(n)),
    )
    compare(
        "PFL601 filtered sum: itertuples vs column expression",
        sizes,
        lambda n: bind(by_itertuples, frame(n)),
        lambda n: bind(vectorised, frame(n)),
    )
    compare(
        "PFL601 filtered sum: iterrows vs itertuples",
        sizes,
        lambda n: bind(by_iterrows, frame(n)),
        lambda n: bind(by_itertuples, frame(n)),
    )
    compare(
        "PFL601 a list of products: iterrows vs column expression",
        sizes,
        lambda n: bind(new_column_iterrows, frame(n)),
        lambda n: bind(new_column_vectorised, frame(n)),
    )
