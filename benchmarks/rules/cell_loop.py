"""PFL604: single cells read and written by position in a loop over
range(len(df)) versus one column expression."""

import numpy as np
import pandas as pd
from common import bind, compare


def frame(n):
    rng = np.random.default_rng(0)
    return pd.DataFrame({"price": rng.random(n) * 100, "qty": rng.integers(1, 10, n)})


def by_at(df):
    df = df.copy()
    df["total"] = 0.0
    for i in range(len(df)):
        df.at[i, "total"] = df.at[i, "price"] * df.at[i, "qty"]
    return df


def by_iloc(df):
    total = 0.0
    for i in range(len(df)):
        total += df["price"].iloc[i] * df["qty"].iloc[i]
    return total


def by_loc_rows(df):
    total = 0.0
    for i in range(len(df)):
        total += df.loc[i, "price"] * df.loc[i, "qty"]
    return total


def column(df):
    df = df.copy()
    df["total"] = df["price"] * df["qty"]
    return df


def summed(df):
    return (df["price"] * df["qty"]).sum()


if __name__ == "__main__":
    sample = frame(1_000)
    assert by_at(sample).equals(column(sample))
    assert np.isclose(by_iloc(sample), summed(sample))
    sizes = [10_000, 100_000]
    compare(
        "PFL604 df.at[i, c] reads and writes vs a column expression",
        sizes,
        lambda n: bind(by_at, frame(n)),
        lambda n: bind(column, frame(n)),
    )
    compare(
        "PFL604 df[c].iloc[i] reads summed vs (df[a] * df[b]).sum()",
        sizes,
        lambda n: bind(by_iloc, frame(n)),
        lambda n: bind(summed, frame(n)),
    )
    compare(
        "PFL604 df.loc[i, c] reads summed vs (df[a] * df[b]).sum()",
        sizes,
        lambda n: bind(by_loc_rows, frame(n)),
        lambda n: bind(summed, frame(n)),
    )
