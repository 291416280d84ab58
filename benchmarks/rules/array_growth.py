"""PFL107: growing a NumPy array or pandas DataFrame in a loop versus one join."""

import numpy as np
import pandas as pd
from common import bind, compare


def np_append(n):
    arr = np.empty(0)
    for i in range(n):
        arr = np.append(arr, i * 0.5)
    return arr.sum()


def np_once(n):
    parts = []
    for i in range(n):
        parts.append(i * 0.5)
    return np.array(parts).sum()


def pd_concat(n):
    df = pd.DataFrame({"a": [], "b": []})
    for i in range(n):
        df = pd.concat([df, pd.DataFrame({"a": [i], "b": [i * 2]})], ignore_index=True)
    return len(df)


def pd_once(n):
    rows = []
    for i in range(n):
        rows.append(pd.DataFrame({"a": [i], "b": [i * 2]}))
    return len(pd.concat(rows, ignore_index=True))


def pd_records(n):
    rows = []
    for i in range(n):
        rows.append({"a": i, "b": i * 2})
    return len(pd.DataFrame(rows))


if __name__ == "__main__":
    assert np_append(100) == np_once(100)
    compare(
        "PFL107 np.append in a loop vs a list and one np.array",
        [1_000, 10_000],
        lambda n: bind(np_append, n),
        lambda n: bind(np_once, n),
    )
    compare(
        "PFL107 pd.concat in a loop vs a list and one pd.concat",
        [1_000, 10_000],
        lambda n: bind(pd_concat, n),
        lambda n: bind(pd_once, n),
    )
    compare(
        "PFL107 pd.concat of one-row frames in a loop vs one DataFrame of records",
        [1_000, 10_000],
        lambda n: bind(pd_concat, n),
        lambda n: bind(pd_records, n),
    )
