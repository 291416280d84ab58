"""PFL506 and PFL507: 100 items whose I/O waits 10 ms each (a remote call),
awaited one after another in a loop, gathered at once, gathered under a
semaphore of 10, and (PFL507) one `asyncio.run` per item."""

import asyncio
import time

LATENCY = 0.01


async def fetch(item):
    await asyncio.sleep(LATENCY)
    return item * 2


async def one_at_a_time(items):
    out = []
    for item in items:
        out.append(await fetch(item))
    return out


async def gathered(items):
    return await asyncio.gather(*(fetch(item) for item in items))


async def bounded(items, limit):
    semaphore = asyncio.Semaphore(limit)

    async def one(item):
        async with semaphore:
            return await fetch(item)

    return await asyncio.gather(*(one(item) for item in items))


def run_per_item(items):
    return [asyncio.run(fetch(item)) for item in items]


def run_once(items):
    return asyncio.run(gathered(items))


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


if __name__ == "__main__":
    items = list(range(100))
    seq, a = timed(lambda: asyncio.run(one_at_a_time(items)))
    gat, b = timed(lambda: asyncio.run(gathered(items)))
    sem, c = timed(lambda: asyncio.run(bounded(items, 10)))
    per, d = timed(run_per_item, items)
    once, e = timed(run_once, items)
    assert a == list(b) == list(c) == d == list(e)
    print(
        f"PFL506 {len(items)} awaits of 10 ms: one at a time {seq * 1e3:.0f} ms, "
        f"gathered {gat * 1e3:.0f} ms ({seq / gat:.0f}x), gathered under Semaphore(10) "
        f"{sem * 1e3:.0f} ms ({seq / sem:.0f}x)"
    )
    print(
        f"PFL507 {len(items)} items: asyncio.run per item {per * 1e3:.0f} ms, one asyncio.run "
        f"over a gather {once * 1e3:.0f} ms ({per / once:.0f}x)"
    )
