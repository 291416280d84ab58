"""PFL105: accumulating by copying (acc = acc + [x], tuple +=) versus in place."""

from common import bind, compare


def concat_copy(n):
    acc = []
    for i in range(n):
        acc = acc + [i]
    return len(acc)


def concat_in_place(n):
    acc = []
    for i in range(n):
        acc += [i]
    return len(acc)


def tuple_copy(n):
    acc = ()
    for i in range(n):
        acc += (i,)
    return len(acc)


def tuple_from_list(n):
    acc = []
    for i in range(n):
        acc.append(i)
    return len(tuple(acc))


if __name__ == "__main__":
    sizes = [1_000, 10_000]
    compare(
        "PFL105 acc = acc + [x] vs acc += [x]",
        sizes,
        lambda n: bind(concat_copy, n),
        lambda n: bind(concat_in_place, n),
    )
    compare(
        "PFL105 tuple acc += (x,) vs list.append then tuple()",
        sizes,
        lambda n: bind(tuple_copy, n),
        lambda n: bind(tuple_from_list, n),
    )
