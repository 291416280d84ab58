"""PFL202/PFL203: needless lists and views: for x in list(...), len(list(...)),
list(x)[0], `in d.keys()`; and the candidates not shipped because the
replacement is not faster: any([...]) to a generator, list(sorted(...))."""

import random

from common import bind, compare


def data(n):
    rng = random.Random(n)
    return [rng.randrange(n) for _ in range(n)]


def loop_list(d):
    total = 0
    for k in list(d.keys()):
        total += k
    return total


def loop_direct(d):
    total = 0
    for k in d:
        total += k
    return total


def first_list(d):
    return list(d)[0]


def first_next(d):
    return next(iter(d))


def any_list(xs, limit):
    return any([x > limit for x in xs])


def any_gen(xs, limit):
    return any(x > limit for x in xs)


def sorted_list(xs):
    return list(sorted(xs))


def sorted_only(xs):
    return sorted(xs)


def keys_in(d, probes):
    return sum(1 for p in probes if p in d.keys())


def plain_in(d, probes):
    return sum(1 for p in probes if p in d)


def len_list(d):
    return len(list(d))


def len_direct(d):
    return len(d)


if __name__ == "__main__":
    sizes = [1_000, 10_000]
    compare(
        "PFL202 for k in list(d.keys()) vs for k in d",
        sizes,
        lambda n: bind(loop_list, dict.fromkeys(data(n))),
        lambda n: bind(loop_direct, dict.fromkeys(data(n))),
    )
    compare(
        "PFL202 list(d)[0] vs next(iter(d))",
        sizes,
        lambda n: bind(first_list, dict.fromkeys(data(n))),
        lambda n: bind(first_next, dict.fromkeys(data(n))),
    )
    compare(
        "PFL202 (not shipped) any([...]) vs any(genexp), match near the start",
        sizes,
        lambda n: bind(any_list, data(n), -1),
        lambda n: bind(any_gen, data(n), -1),
    )
    compare(
        "PFL202 (not shipped: slower) any([...]) vs any(genexp), no match",
        sizes,
        lambda n: bind(any_list, data(n), n),
        lambda n: bind(any_gen, data(n), n),
    )
    compare(
        "PFL202 (not shipped: no gain) list(sorted(x)) vs sorted(x)",
        sizes,
        lambda n: bind(sorted_list, data(n)),
        lambda n: bind(sorted_only, data(n)),
    )
    compare(
        "PFL203 p in d.keys() vs p in d",
        sizes,
        lambda n: bind(keys_in, dict.fromkeys(data(n)), data(n + 1)),
        lambda n: bind(plain_in, dict.fromkeys(data(n)), data(n + 1)),
    )
    compare(
        "PFL202 len(list(d)) vs len(d)",
        [1_000, 10_000],
        lambda n: bind(len_list, dict.fromkeys(data(n))),
        lambda n: bind(len_direct, dict.fromkeys(data(n))),
    )
