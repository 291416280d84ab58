"""The process that compiles candidates for `perflint check --verify-jit`.

Reads one JSON request per line on stdin: {"source", "function",
"signatures"}; `source` holds only the module's numeric imports and the
functions involved (never the user's module itself). Answers one JSON line:
{"ok": true, "signature": ...} for the first signature that compiles, else
{"ok": false, "error": ...}. Runs until stdin closes; kept alive between
requests because the first compile in a process is the slow one.
"""

from __future__ import annotations

import json
import sys
import warnings
from typing import Any


def compile_one(source: str, function: str, signatures: list[str]) -> dict[str, object]:
    import numba

    error = "no signature to try"
    for signature in signatures:
        namespace: dict[str, Any] = {}
        try:
            exec(compile(source, "<perflint-verify>", "exec"), namespace)  # noqa: S102
            numba.njit(signature)(namespace[function])
        except Exception as exc:  # noqa: BLE001 (numba raises many types)
            lines = str(exc).strip().splitlines()
            error = f"{type(exc).__name__}: {lines[0] if lines else ''}"
            continue
        return {"ok": True, "signature": signature}
    return {"ok": False, "error": error}


def _no_network() -> None:
    """Compiling needs no network: any attempt fails (defence in depth; the
    snippets sent here hold only numeric imports, constants and functions)."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("perflint --verify-jit: no network in the compile worker")

    for method in ("connect", "connect_ex", "bind", "sendto", "sendmsg"):
        setattr(socket.socket, method, refuse)
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]


def main() -> None:
    _no_network()
    warnings.simplefilter("ignore")  # numba's deprecation warnings would reach the user
    for line in sys.stdin:
        request = json.loads(line)
        answer = compile_one(request["source"], request["function"], request["signatures"])
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
