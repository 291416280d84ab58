"""PFL606: growing a frame one row at a time with df.loc[len(df)] = row
versus collecting the rows and building the frame once."""

import pandas as pd
from common import bind, compare


def by_loc(n):
    df = pd.DataFrame(columns=["a", "b"])
    for i in range(n):
        df.loc[len(df)] = [i, i * 2]
    return df


def once(n):
    rows = []
    for i in range(n):
        rows.append([i, i * 2])
    return pd.DataFrame(rows, columns=["a", "b"])


if __name__ == "__main__":
    assert by_loc(50).astype("int64").equals(once(50))
    compare(
        "PFL606 df.loc[len(df)] = row in a loop vs one DataFrame of rows",
        [1_000, 10_000],
        lambda n: bind(by_loc, n),
        lambda n: bind(once, n),
    )
