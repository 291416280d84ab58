"""PFL501 and PFL503: N requests to a loopback server, each on a new
connection (`requests.get`, or a Session made per call) versus one Session
reused. A real network adds a TCP (and TLS) handshake per new connection, so
the gap there is larger than on loopback."""

import requests
from loopback import serve
from timing import best_of


def per_call(url, n):
    for _ in range(n):
        requests.get(url).json()


def session_per_invocation(url, n):
    for _ in range(n):  # a handler invoked n times, making its own Session
        with requests.Session() as session:
            session.get(url).json()


def one_session(url, n):
    with requests.Session() as session:
        for _ in range(n):
            session.get(url).json()


if __name__ == "__main__":
    server, url = serve()
    n = 500
    one_session(url, 10)  # warm up
    reused = best_of(one_session, url, n)
    for title, function in (
        ("requests.get per request (PFL503)", per_call),
        ("a Session per invocation (PFL501)", session_per_invocation),
    ):
        slow = best_of(function, url, n)
        print(
            f"{title}: {n} requests {slow * 1e3:.0f} ms vs one Session {reused * 1e3:.0f} ms "
            f"({slow / reused:.1f}x); {slow / n * 1e3:.2f} vs {reused / n * 1e3:.2f} ms per request"
        )
    server.shutdown()
