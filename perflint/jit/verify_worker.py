"""The process that compiles and times candidates for `perflint check --verify-jit`.

Reads one JSON request per line on stdin: {"source", "plain", "function",
"plans"}. `source` holds only the module's numeric imports and constants and
the functions involved, helpers decorated with numba.njit; `plain` is the
same without those decorators (the user's module itself is never imported or
run). `plans` are parameter guesses (perflint.jit.signatures.Param fields),
most likely first.

Compiles the first plan numba accepts, then times the plain and the compiled
function on inputs made from the plan (perflint.jit.measure), and answers one
JSON line: {"ok": true, "signature", "tried", "measured": {...} or null,
"unmeasured": why or null, "as_arrays": the same for arrays where lists were
guessed and the request says `arrays_too`}, else {"ok": false, "error"}. Runs until stdin
closes; kept alive between requests because the first compile in a process
is the slow one. No network, and its address space is limited.
"""

from __future__ import annotations

import json
import resource
import sys
import time
import warnings
from dataclasses import replace
from typing import Any

from perflint.jit.measure import measure
from perflint.jit.signatures import Param, describe, signature

# Address space for the worker (numba and LLVM take about 1 GiB of it).
MEMORY_LIMIT = 3 * 1024**3


def handle(request: dict[str, Any]) -> dict[str, object]:
    error = "no signature to try"
    tried: list[str] = []
    for fields in request["plans"]:
        plan = [Param(**f) for f in fields]
        try:
            answer = _compile_and_measure(request, plan)
        except Exception as exc:  # noqa: BLE001 (numba raises many types)
            lines = str(exc).strip().splitlines()
            error = f"{type(exc).__name__}: {lines[0] if lines else ''}"
            tried.append(describe(plan))
            continue
        answer["tried"] = tried
        if request.get("arrays_too") and any(p.kind == "list" for p in plan):
            # Guessed a list (reflected: slow); the caller may pass an array.
            arrays = [replace(p, kind="array", dims=1) if p.kind == "list" else p for p in plan]
            try:
                answer["as_arrays"] = _compile_and_measure(request, arrays)
            except Exception:  # noqa: BLE001, S110 (then only the list was measured)
                pass
        return answer
    return {"ok": False, "error": error}


def _compile_and_measure(request: dict[str, Any], plan: list[Param]) -> dict[str, Any]:
    """Compile for plan (numba's exception if it cannot), then measure."""
    import numba

    namespace: dict[str, Any] = {}
    exec(compile(request["source"], "<perflint-verify>", "exec"), namespace)  # noqa: S102
    start = time.perf_counter()
    compiled = numba.njit(signature(plan))(namespace[request["function"]])
    compile_seconds = time.perf_counter() - start
    plain: dict[str, Any] = {}
    exec(compile(request["plain"], "<perflint-verify>", "exec"), plain)  # noqa: S102
    measured, unmeasured = measure(
        plain[request["function"]], compiled, plan, request.get("random", False)
    )
    if measured is not None:
        measured["compile_seconds"] = round(compile_seconds, 3)
    return {
        "ok": True,
        "signature": describe(plan),
        "measured": measured,
        "unmeasured": unmeasured,
    }


def _no_network() -> None:
    """Compiling and timing need no network: any attempt fails (defence in
    depth; the snippets sent here hold only numeric imports, constants and functions)."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("perflint --verify-jit: no network in the compile worker")

    for method in ("connect", "connect_ex", "bind", "sendto", "sendmsg"):
        setattr(socket.socket, method, refuse)
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]


def _limit_memory() -> None:
    """A candidate that allocates without bound gets a MemoryError, not the machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def main() -> None:
    _no_network()
    _limit_memory()
    warnings.simplefilter("ignore")  # numba's deprecation warnings would reach the user
    import numba  # noqa: F401 (loaded once, before any candidate's budget starts)

    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = handle(request)
        except MemoryError:
            answer = {"ok": False, "error": f"ran out of memory ({MEMORY_LIMIT >> 30} GiB)"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
