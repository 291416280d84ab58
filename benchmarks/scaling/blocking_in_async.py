"""PFL502: an asyncio server handling 100 concurrent requests whose handler
waits 10 ms, with `time.sleep` (blocks the event loop) versus
`await asyncio.sleep` (lets other requests run)."""

import asyncio
import time


async def blocking_handler():
    time.sleep(0.01)


async def async_handler():
    await asyncio.sleep(0.01)


async def serve(handler, n):
    start = time.perf_counter()
    await asyncio.gather(*(handler() for _ in range(n)))
    return time.perf_counter() - start


if __name__ == "__main__":
    n = 100
    slow = asyncio.run(serve(blocking_handler, n))
    fast = asyncio.run(serve(async_handler, n))
    print(
        f"{n} concurrent requests, 10 ms wait each: time.sleep {slow * 1e3:.0f} ms vs "
        f"await asyncio.sleep {fast * 1e3:.0f} ms ({slow / fast:.0f}x); the event loop "
        f"served one request at a time while blocked"
    )
