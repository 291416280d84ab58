"""`--watch`: lint again whenever a Python file, a notebook or a config file changes
(watchfiles: the operating system's file events, no polling loop of ours)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from perflint.files import NOTEBOOK_SUFFIX, PYTHON_SUFFIXES

_CLEAR = "\x1b[2J\x1b[H"
_CONFIG_FILES = ("pyproject.toml", "perflint.toml")


def _relevant(_change: object, path: str) -> bool:
    return path.endswith((*PYTHON_SUFFIXES, NOTEBOOK_SUFFIX, *_CONFIG_FILES))


def watch(paths: list[str], run: Callable[[], int], debounce_ms: int = 300) -> int:
    """run() now and after each batch of changes under paths, until Ctrl-C.
    Each run starts with a clear-screen line and ends with its summary."""
    import watchfiles

    started = False
    # The watcher exists only once the generator runs: the first run waits for
    # its first (empty, timed-out) batch, so no change made after it is missed.
    for changes in watchfiles.watch(
        *paths,
        watch_filter=_relevant,
        debounce=debounce_ms,
        raise_interrupt=False,
        yield_on_timeout=True,
        rust_timeout=200,
    ):
        if not started:
            started = True
            _once(run, "Starting perflint in watch mode")
        elif changes:
            _once(run, f"{len(changes)} file change{'s' if len(changes) != 1 else ''} detected")
    return 0


def _once(run: Callable[[], int], why: str) -> None:
    out = sys.stdout
    # A terminal is cleared; in a log each run starts with the same marker line.
    out.write(_CLEAR if out.isatty() else "")
    out.write(f"[{time.strftime('%H:%M:%S')}] {why}: linting...\n")
    out.flush()
    try:
        code = run()
    except SystemExit as stop:  # a usage or config error: say it, keep watching
        code = stop.code if isinstance(stop.code, int) else 2
    status = {0: "clean", 1: "findings remain"}.get(code, "error")
    out.write(f"[{time.strftime('%H:%M:%S')}] {status} (exit {code}); watching for changes...\n")
    out.flush()
