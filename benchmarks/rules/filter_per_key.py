"""PFL605: filtering the whole frame once per key versus one groupby."""

import numpy as np
import pandas as pd
from common import bind, compare

ROWS = 100_000


def frame(keys):
    rng = np.random.default_rng(0)
    return pd.DataFrame({"k": rng.integers(0, keys, ROWS), "v": rng.random(ROWS)})


def per_key(df):
    out = {}
    for key in df["k"].unique():
        out[key] = df[df["k"] == key]["v"].sum()
    return out


def grouped(df):
    out = {}
    for key, group in df.groupby("k"):
        out[key] = group["v"].sum()
    return out


def aggregated(df):
    return df.groupby("k")["v"].sum().to_dict()


if __name__ == "__main__":
    sample = frame(50)
    a, b, c = per_key(sample), grouped(sample), aggregated(sample)
    assert a.keys() == b.keys() == c.keys()
    assert all(np.isclose(a[k], b[k]) and np.isclose(a[k], c[k]) for k in a)
    keys = [100, 1_000]
    print(f"(n is the number of keys; {ROWS:,} rows)")
    compare(
        "PFL605 df[df.k == key] per key vs iterating df.groupby('k')",
        keys,
        lambda k: bind(per_key, frame(k)),
        lambda k: bind(grouped, frame(k)),
    )
    compare(
        "PFL605 df[df.k == key] per key vs df.groupby('k')['v'].sum()",
        keys,
        lambda k: bind(per_key, frame(k)),
        lambda k: bind(aggregated, frame(k)),
    )
