import libcst as cst

from perflint.analysis.services import HTTP_FUNCTIONS, is_test_file, loops_over_data
from perflint.prepass import Needs
from perflint.rule import Bad, Rule

# The last part of every HTTP function name (`get` of `requests.get`).
_HTTP_LAST_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in HTTP_FUNCTIONS)


class RequestInLoop(Rule):
    """
    ## What it does
    Flags a module-level HTTP function (`requests.get/post/...`,
    `httpx.get/post/...`, `urllib.request.urlopen`) called inside a loop over
    data. Calls on a session or client object (`session.get(url)`) are fine,
    and so are loops that are not per item: retries and polling (`while`,
    `range(RETRIES)`), a fixed, written-out length, or a module constant.
    Test files (`test_*.py`, `*_test.py`, `conftest.py`, files under
    `tests/`) are skipped: there it is usually the point of the test.

    ## Why is this slow
    Each of these functions opens a new connection (TCP, and TLS for https)
    and closes it after one request. A `requests.Session` / `httpx.Client`
    created before the loop keeps connections open and reuses them; sending
    the requests concurrently (threads, or an async client) helps further.

    ## Example
    ```python
    for user_id in user_ids:
        profiles.append(requests.get(f"{API}/users/{user_id}").json())
    ```

    ## Use instead
    ```python
    with requests.Session() as session:
        for user_id in user_ids:
            profiles.append(session.get(f"{API}/users/{user_id}").json())
    ```

    ## Fix safety
    No automatic fix: where the session should live (and be closed) is a
    design decision.

    ## Measured
    benchmarks/scaling/http_session.py: 500 requests to a loopback HTTP/1.1
    server took 810 ms with `requests.get` and 481 ms with one Session
    (1.7x); a real network adds a handshake per request to the first.
    """

    code = "PFL503"
    name = "request-in-loop"
    category = "scaling"
    impact = "scaling"
    needs = Needs(screens=frozenset({"http-call"}))
    summary = "An HTTP request per iteration on a new connection; reuse a Session/Client"

    bad = (
        Bad(
            "import requests\n\n\ndef profiles(api, ids):\n    out = []\n    for i in ids:\n"
            "        out.append(requests.get(f'{api}/users/{i}', timeout=5).json())\n    return out\n",
            line=7,
        ),
        Bad(
            "import httpx\n\n\ndef push(url, events):\n"
            "    return [httpx.post(url, json=e).status_code for e in events]\n",
            line=5,
        ),
        Bad(
            "from urllib.request import urlopen\n\n\ndef pages(urls):\n    for url in urls:\n"
            "        yield urlopen(url).read()\n",
            line=6,
        ),
    )
    good = (
        # A session reuses connections.
        "import requests\n\n\ndef profiles(api, ids):\n    with requests.Session() as s:\n"
        "        return [s.get(f'{api}/users/{i}').json() for i in ids]\n",
        # One request, outside the loop.
        "import requests\n\n\ndef f(url, items):\n    data = requests.get(url).json()\n"
        "    for x in items:\n        print(data[x])\n",
        # A fixed, written-out number of requests.
        "import requests\n\n\ndef f():\n    for url in ('https://a', 'https://b'):\n        requests.get(url)\n",
        # A retry loop.
        "import requests\n\n\ndef f(url, tries):\n    n = 0\n    while n < tries:\n"
        "        if requests.get(url).ok:\n            return True\n        n += 1\n",
        "import requests\n\n\ndef f(url):\n    for attempt in range(MAX_RETRIES):\n        requests.get(url)\n",
        "from urllib.request import urlopen\n\n\ndef f(request, max_tries):\n"
        "    for i in range(max_tries):\n        try:\n            handle = urlopen(request)\n"
        "        except OSError:\n            if i >= max_tries - 1:\n                raise\n"
        "        else:\n            break\n    return handle\n",
        "import requests\n\n\ndef get(url, num_retries):\n    for i in range(0, num_retries):\n"
        "        try:\n            return requests.get(url, timeout=5).text\n"
        "        except Exception:\n            pass\n",
        # Not the requests library.
        "def f(cache, keys):\n    for k in keys:\n        cache.get(k)\n",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._in_tests = is_test_file(ctx.path)

    def visit_Call(self, node: cst.Call) -> None:
        if self._in_tests:
            return
        func = node.func
        if not isinstance(func, (cst.Name, cst.Attribute)):
            return
        last = func.attr.value if isinstance(func, cst.Attribute) else func.value
        if last not in _HTTP_LAST_NAMES:
            return  # cheap test first: resolving names costs more
        qualified = self.ctx.qualified_name(func)
        if qualified not in HTTP_FUNCTIONS or not loops_over_data(self.ctx.growing_loops(node)):
            return
        library = qualified.split(".")[0]
        reuse = {"requests": "a `requests.Session()`", "httpx": "an `httpx.Client()`"}.get(
            library,
            "a connection-reusing client (`requests.Session`, `httpx.Client`, `urllib3.PoolManager`)",
        )
        self.report(
            node,
            f"`{qualified}` opens a new connection on every iteration; create {reuse} "
            "before the loop and call its methods (or send the requests concurrently)",
        )
