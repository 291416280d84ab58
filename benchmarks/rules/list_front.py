"""PFL103: list.pop(0) / insert(0, x) in a loop versus collections.deque."""

from collections import deque

from common import bind, compare


def drain_list(n):
    queue = list(range(n))
    total = 0
    while queue:
        total += queue.pop(0)
    return total


def drain_deque(n):
    queue = deque(range(n))
    total = 0
    while queue:
        total += queue.popleft()
    return total


def prepend_list(n):
    out = []
    for i in range(n):
        out.insert(0, i)
    return len(out)


def prepend_deque(n):
    out = deque()
    for i in range(n):
        out.appendleft(i)
    return len(out)


if __name__ == "__main__":
    assert drain_list(100) == drain_deque(100)
    sizes = [10_000, 100_000]
    compare(
        "PFL103 queue: list.pop(0) vs deque.popleft()",
        sizes,
        lambda n: bind(drain_list, n),
        lambda n: bind(drain_deque, n),
    )
    compare(
        "PFL103 prepend: list.insert(0, x) vs deque.appendleft(x)",
        sizes,
        lambda n: bind(prepend_list, n),
        lambda n: bind(prepend_deque, n),
    )
