"""PFL403: work that gives the same result on every iteration, done in the
loop versus once before it. Cheap O(1) calls (`len`, `abs`, `math.sqrt` of a
number) are measured too: they are why the rule leaves them alone."""

import math
import os.path

from common import bind, compare


def sorted_inside(items, limits):
    return [x for x in items if x > sorted(limits)[len(limits) // 2]]


def sorted_before(items, limits):
    median = sorted(limits)[len(limits) // 2]
    return [x for x in items if x > median]


def join_inside(items, parts):
    out = []
    for x in items:
        out.append(", ".join(parts) + x)
    return out


def join_before(items, parts):
    joined = ", ".join(parts)
    out = []
    for x in items:
        out.append(joined + x)
    return out


def path_inside(names, root):
    out = []
    for name in names:
        out.append(os.path.join(root, "static") + name)
    return out


def path_before(names, root):
    static = os.path.join(root, "static")
    out = []
    for name in names:
        out.append(static + name)
    return out


def lower_inside(words, prefix):
    count = 0
    for word in words:
        if word.startswith(prefix.lower()):
            count += 1
    return count


def lower_before(words, prefix):
    lowered = prefix.lower()
    count = 0
    for word in words:
        if word.startswith(lowered):
            count += 1
    return count


def len_inside(items, other):
    total = 0
    for x in items:
        total += x * len(other)
    return total


def len_before(items, other):
    size = len(other)
    total = 0
    for x in items:
        total += x * size
    return total


def sqrt_inside(items, n):
    total = 0.0
    for x in items:
        total += x / math.sqrt(n)
    return total


def sqrt_before(items, n):
    root = math.sqrt(n)
    total = 0.0
    for x in items:
        total += x / root
    return total


if __name__ == "__main__":
    sizes = [1_000, 10_000]
    compare(
        "PFL403 sorted(limits)[k] (100 limits) in a loop vs before it",
        sizes,
        lambda n: bind(sorted_inside, list(range(n)), list(range(100, 0, -1))),
        lambda n: bind(sorted_before, list(range(n)), list(range(100, 0, -1))),
    )
    words = [f"w{i}" for i in range(10)]
    compare(
        "PFL403 ', '.join(10 words) in a loop vs before it",
        sizes,
        lambda n: bind(join_inside, [str(i) for i in range(n)], words),
        lambda n: bind(join_before, [str(i) for i in range(n)], words),
    )
    compare(
        "PFL403 os.path.join(root, 'static') in a loop vs before it",
        sizes,
        lambda n: bind(path_inside, [str(i) for i in range(n)], "/srv/app"),
        lambda n: bind(path_before, [str(i) for i in range(n)], "/srv/app"),
    )
    compare(
        "PFL403 prefix.lower() in a loop vs before it",
        sizes,
        lambda n: bind(lower_inside, [f"Word{i}" for i in range(n)], "WORD1"),
        lambda n: bind(lower_before, [f"Word{i}" for i in range(n)], "WORD1"),
    )
    compare(
        "not flagged: len(other) in a loop vs before it",
        sizes,
        lambda n: bind(len_inside, list(range(n)), [1, 2, 3]),
        lambda n: bind(len_before, list(range(n)), [1, 2, 3]),
    )
    compare(
        "not flagged: math.sqrt(n) in a loop vs before it",
        sizes,
        lambda n: bind(sqrt_inside, list(range(n)), 7),
        lambda n: bind(sqrt_before, list(range(n)), 7),
    )
