"""PFL204-PFL207: dict idioms and literal membership, measured (including the
rewrites that turned out no faster and were not shipped)."""

import random
from collections import Counter, defaultdict

from common import bind, compare


def words(n):
    rng = random.Random(n)
    return [f"w{rng.randrange(n // 10 + 1)}" for _ in range(n)]


def pairs(n):
    return list(zip(words(n), range(n), strict=True))


def items_values(d):
    total = 0
    for _, v in d.items():
        total += v
    return total


def values_only(d):
    total = 0
    for v in d.values():
        total += v
    return total


def items_keys(d):
    return [k for k, _ in d.items()]


def keys_only(d):
    return [k for k in d]


def count_if(ws):
    counts = {}
    for w in ws:
        if w in counts:
            counts[w] += 1
        else:
            counts[w] = 1
    return counts


def count_get(ws):
    counts = {}
    for w in ws:
        counts[w] = counts.get(w, 0) + 1
    return counts


def count_counter(ws):
    return Counter(ws)


def count_counter_loop(ws):
    counts = Counter()
    for w in ws:
        counts[w] += 1
    return counts


def group_if(pairs):
    groups = {}
    for k, v in pairs:
        if k not in groups:
            groups[k] = []
        groups[k].append(v)
    return groups


def group_get_concat(pairs):
    groups = {}
    for k, v in pairs:
        groups[k] = groups.get(k, []) + [v]
    return groups


def group_setdefault(pairs):
    groups = {}
    for k, v in pairs:
        groups.setdefault(k, []).append(v)
    return groups


def group_defaultdict(pairs):
    groups = defaultdict(list)
    for k, v in pairs:
        groups[k].append(v)
    return groups


def member_list(ws):
    return sum(1 for w in ws if w in ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"])


def member_set(ws):
    return sum(1 for w in ws if w in {"w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"})


def member_list3(ws):
    return sum(1 for w in ws if w in ["w1", "w2", "w3"])


def member_set3(ws):
    return sum(1 for w in ws if w in {"w1", "w2", "w3"})


if __name__ == "__main__":
    sizes = [10_000, 100_000]
    assert count_if(words(500)) == count_get(words(500)) == dict(count_counter(words(500)))
    compare(
        "PFL204 for _, v in d.items() vs for v in d.values()",
        sizes,
        lambda n: bind(items_values, Counter(words(n))),
        lambda n: bind(values_only, Counter(words(n))),
    )
    compare(
        "PFL204 [k for k, _ in d.items()] vs [k for k in d]",
        sizes,
        lambda n: bind(items_keys, Counter(words(n))),
        lambda n: bind(keys_only, Counter(words(n))),
    )
    compare(
        "PFL206 counting with if/else vs Counter",
        sizes,
        lambda n: bind(count_if, words(n)),
        lambda n: bind(count_counter, words(n)),
    )
    compare(
        "PFL206 (not suggested: slower) counting with if/else vs Counter() and += 1",
        sizes,
        lambda n: bind(count_if, words(n)),
        lambda n: bind(count_counter_loop, words(n)),
    )
    compare(
        "PFL206 counting with d.get(k, 0) + 1 vs Counter",
        sizes,
        lambda n: bind(count_get, words(n)),
        lambda n: bind(count_counter, words(n)),
    )
    compare(
        "PFL207 (not shipped) grouping with if-not-in vs defaultdict(list)",
        sizes,
        lambda n: bind(group_if, pairs(n)),
        lambda n: bind(group_defaultdict, pairs(n)),
    )
    compare(
        "PFL207 (not shipped) grouping with if-not-in vs setdefault",
        sizes,
        lambda n: bind(group_if, pairs(n)),
        lambda n: bind(group_setdefault, pairs(n)),
    )
    compare(
        "PFL207 grouping with get(k, []) + [v] (copies) vs setdefault",
        [1_000, 10_000],
        lambda n: bind(group_get_concat, pairs(n)),
        lambda n: bind(group_setdefault, pairs(n)),
    )
    compare(
        "PFL205 `in` an 8-string list literal vs a set literal",
        sizes,
        lambda n: bind(member_list, words(n)),
        lambda n: bind(member_set, words(n)),
    )
    compare(
        "PFL205 `in` a 3-string list literal vs a set literal",
        sizes,
        lambda n: bind(member_list3, words(n)),
        lambda n: bind(member_set3, words(n)),
    )
