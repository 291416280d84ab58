"""Linting (and fixing) many files: cache, process pool, progress."""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from perflint import files
from perflint.cache import Cache, content_hash
from perflint.config import Settings
from perflint.diagnostics import Diagnostic, applicable, split_lines

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

CHECK, FIX, DIFF = "check", "fix", "diff"
CRASHED = "perflint's parser crashed on this file (is it nested extremely deeply?)"


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)  # what remains
    fixed: int = 0
    diff: str = ""
    error: str | None = None  # the fixed file could not be written
    internal_errors: list[tuple[str, str]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # fixes that broke parsing
    digest: str | None = None
    # Why the file was not checked, when that is no error (a notebook of
    # another language); shown on stderr.
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    mode: str = CHECK
    unsafe_fixes: bool = False


def unreadable(message: str) -> Diagnostic:
    """A PFL002 finding for a file that could not be read or decoded."""
    from perflint.rules.errors.unreadable_file import UnreadableFile as rule

    return Diagnostic(rule.code, rule.name, rule.category, message, (1, 1), (1, 1))


def read_source(path: str) -> tuple[bytes, str]:
    with open(path, "rb") as handle:
        data = handle.read()
    return data, content_hash(data)


def process_source(
    path: str, data: bytes, settings: Settings, job: Job, display_path: str | None = None
) -> tuple[FileResult, bytes | None]:
    """Lint or fix one file's bytes. Returns the result and, in fix mode, the
    fixed file in the original's encoding, byte-order mark and newlines (None
    when unchanged)."""
    from perflint.fix import fix_text
    from perflint.source import SourceError, decode

    if path.endswith(files.NOTEBOOK_SUFFIX):
        from perflint.notebook.process import process_notebook

        name = display_path or files.display_path(path)
        result, fixed = process_notebook(path, data, settings, job, name)
        result.digest = content_hash(data)
        return result, fixed
    result = FileResult(path, digest=content_hash(data))
    if b"\0" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        result.diagnostics = [unreadable("looks like a binary file (NUL bytes in its first 8 KiB)")]
        return result, None
    try:
        source = decode(data)
    except SourceError as exc:
        result.diagnostics = [unreadable(str(exc))]
        return result, None
    if job.mode == CHECK:
        from perflint.api import lint_source

        lint = lint_source(source.text, path, settings)
        result.diagnostics = lint.diagnostics
        result.internal_errors = lint.errors
        return result, None
    outcome = fix_text(source.text, path, settings, unsafe=job.unsafe_fixes)
    result.diagnostics = outcome.result.diagnostics
    result.internal_errors = outcome.errors
    result.rejected = outcome.rejected
    result.fixed = outcome.fixed
    if outcome.text == source.text:
        return result, None
    if job.mode == DIFF:
        name = (display_path or files.display_path(path)).replace(os.sep, "/")
        result.diff = "".join(
            difflib.unified_diff(
                split_lines(source.text, keepends=True),
                split_lines(outcome.text, keepends=True),
                fromfile=f"a/{name.lstrip('/')}",
                tofile=f"b/{name.lstrip('/')}",
            )
        )
        return result, None
    return result, source.encode(outcome.text)


def process_file(path: str, settings: Settings, job: Job) -> FileResult:
    """Everything for one file on disk; never raises."""
    try:
        data, _ = read_source(path)
    except OSError as exc:
        return FileResult(path, diagnostics=[unreadable(f"cannot read: {exc.strerror or exc}")])
    try:
        result, fixed = process_source(path, data, settings, job)
        if fixed is not None:
            files.write_atomic(path, fixed)
    except OSError as exc:
        return FileResult(path, error=f"cannot write: {exc.strerror or exc}")
    except Exception as exc:  # a bug in perflint: say so and go on
        return FileResult(path, internal_errors=[("engine", f"{type(exc).__name__}: {exc}")])
    return result


# --- worker processes ---------------------------------------------------------

_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    settings.validate()  # resolves rule selection once per worker


def _work(path: str, job: Job) -> FileResult:
    assert _worker_settings is not None
    return process_file(path, _worker_settings, job)


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing  # only for many files: a one-file run starts faster

    # fork starts workers faster (they inherit what the parent imported); elsewhere spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context(
        "fork" if "fork" in methods and sys.platform != "darwin" else "spawn"
    )


def _in_pool(paths: list[str], settings: Settings, job: Job, jobs: int) -> Iterator[FileResult]:
    """Results in completion order. A worker that dies (the native parser can
    crash on pathological input) costs only the files it was working on."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pending = list(paths)
    while pending:
        retry: list[str] = []
        with ProcessPoolExecutor(jobs, _context(), _init_worker, (settings,)) as pool:
            futures: dict[Future[FileResult], str] = {
                pool.submit(_work, p, job): p for p in pending
            }
            for future, path in futures.items():
                try:
                    yield future.result()
                except BrokenProcessPool:
                    retry.append(path)
        if retry and jobs == 1:
            # One worker runs files in order: the first unfinished one crashed it.
            yield FileResult(retry[0], internal_errors=[("engine", CRASHED)])
            retry = retry[1:]
        pending = retry
        jobs = 1


def run(
    paths: list[str],
    settings: Settings,
    job: Job,
    jobs: int,
    cache: Cache | None,
    on_result: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Results for every path, in the order of paths."""
    results: dict[str, FileResult] = {}
    todo: list[str] = []
    for path in paths:
        if cache is not None:
            try:
                _, digest = read_source(path)
            except OSError:
                todo.append(path)
                continue
            cached = cache.get(path, digest)
            if cached is not None and (job.mode == CHECK or not _has_applicable_fix(cached, job)):
                results[path] = FileResult(path, diagnostics=cached, digest=digest)
                if on_result:
                    on_result(results[path])
                continue
        todo.append(path)
    if todo:
        settings.validate()
        # Biggest first, so that no worker is left with a big file at the end.
        todo.sort(key=_size, reverse=True)
        stream = (
            _in_pool(todo, settings, job, jobs)
            if jobs > 1 and len(todo) > 1
            else (process_file(p, settings, job) for p in todo)
        )
        for result in stream:
            results[result.path] = result
            if cache is not None and _cacheable(result, job):
                cache.put(result.path, result.digest or "", result.diagnostics)
            if on_result:
                on_result(result)
    if cache is not None:
        try:
            cache.save()
        except OSError:
            pass  # a read-only cache folder must not fail the run
    return [results[p] for p in paths]


def _cacheable(result: FileResult, job: Job) -> bool:
    # After --fix the file changed on disk; its new digest is unknown here.
    return (
        job.mode == CHECK
        and result.error is None
        and not result.internal_errors
        and not result.notes  # a cached result has no notes to show
        and result.digest is not None
    )


def _has_applicable_fix(diagnostics: list[Diagnostic], job: Job) -> bool:
    return any(applicable(d.fix, job.unsafe_fixes) for d in diagnostics)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
