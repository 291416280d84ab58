"""What `perflint check` does once its options are parsed."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import click

from perflint.cli import fail
from perflint.config import Settings
from perflint.diagnostics import applicable
from perflint.report import ReportOptions, display_path, renderer
from perflint.runner import CHECK, DIFF, FIX, FileResult, Job, process_source, run, unreadable

if TYPE_CHECKING:
    from perflint.files import Discovery
    from perflint.shard import Shard

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _job(settings: Settings, options: dict[str, Any]) -> Job:
    mode = DIFF if options["diff"] else FIX if options["fix"] else CHECK
    return Job(mode, settings.unsafe_fixes)


def _stdin_result(settings: Settings, options: dict[str, Any], job: Job) -> FileResult:
    path = options["stdin_filename"] or "-"
    data = sys.stdin.buffer.read()
    try:
        result, fixed = process_source(path, data, settings, job, display_path(path))
    except Exception as exc:  # a bug in perflint: reported like one in a file on disk
        result = FileResult(path, internal_errors=[("engine", f"{type(exc).__name__}: {exc}")])
        fixed = None
    if job.mode == FIX:
        # With --fix, stdout carries the fixed source and nothing else.
        sys.stdout.flush()
        sys.stdout.buffer.write(fixed if fixed is not None else data)
        sys.stdout.buffer.flush()
    return result


def _progress(total: int) -> Any:
    """A one-line counter on stderr, only on a terminal and for long runs."""
    if total < 100 or not sys.stderr.isatty():
        return None
    done = [0]

    def tick(_: FileResult) -> None:
        done[0] += 1
        if done[0] % 10 == 0 or done[0] == total:
            end = "\n" if done[0] == total else ""
            sys.stderr.write(f"\rperflint: {done[0]}/{total} files{end}")
            sys.stderr.flush()

    return tick


def run_check(paths: list[str], settings: Settings, options: dict[str, Any]) -> int:
    from perflint.cache import Cache
    from perflint.files import discover

    job = _job(settings, options)
    results: list[FileResult] = []
    if options.get("show_settings"):
        from perflint.show import show_settings

        target = options.get("stdin_filename") if paths == ["-"] else paths[0]
        click.echo(show_settings(settings, target or "-"), nl=False)
        return EXIT_CLEAN
    if paths == ["-"]:
        settings = _with_project_facts(settings, [])  # the rule reads the text's own imports
        results.append(_stdin_result(settings, options, job))
    else:
        found = discover(paths, settings, options.get("force_exclude", False))
        if options.get("changed_since"):
            found = replace(
                found, files=_changed_only(found.files, options["changed_since"], paths)
            )
        # The facts of the whole file set, so that every shard lints with the
        # settings of the full run.
        settings = _with_project_facts(settings, found.files)
        if options.get("shard"):
            found = _shard(found, options["shard"], settings.root)
        if options.get("show_files"):
            from perflint.show import show_files

            click.echo(show_files(found.files), nl=False)
            return EXIT_CLEAN
        results.extend(
            FileResult(p, diagnostics=[unreadable("no such file or directory")])
            for p in found.missing
        )
        cache = None
        if not options["no_cache"]:
            folder = os.path.join(settings.root, settings.cache_dir)
            cache = Cache(folder, settings.fingerprint())
        jobs = options["jobs"] or os.cpu_count() or 1
        results.extend(run(found.files, settings, job, jobs, cache, _progress(len(found.files))))
    for result in results:
        for note in result.notes:
            click.echo(f"perflint: note: {display_path(result.path)}: {note}", err=True)
    if options.get("verify_jit"):
        verify_jit(results, options.get("verbose", False))
    if options.get("profiles") or settings.profiles:
        _add_profile_shares(results, settings, options)
    # With --fix on stdin, stdout carries the fixed source: report on stderr.
    out = sys.stderr if paths == ["-"] and job.mode == FIX else sys.stdout
    if options.get("write_baseline"):
        return _write_baseline(results, settings, options["write_baseline"])
    if options.get("add_noqa"):
        return _add_noqa(results)
    hidden = _apply_baseline(results, settings) if settings.baseline else 0
    return report(results, settings, options, job, out, hidden)


def _add_profile_shares(
    results: list[FileResult], settings: Settings, options: dict[str, Any]
) -> None:
    from perflint.profile import ProfileError
    from perflint.profile.evidence import attach_shares, load_profiles, parse_min_share

    min_share = 0.0
    given = options.get("min_share") or settings.min_share
    if given:
        try:
            min_share = parse_min_share(given)
        except ValueError:
            fail(f"--min-share {given!r}: expected a share like 5% or 0.05")
    # The command line's profiles replace the configured ones (relative to the root).
    paths = list(options.get("profiles") or ())
    paths = paths or [os.path.join(settings.root, p) for p in settings.profiles]
    try:
        profiles = load_profiles(paths)
    except ProfileError as exc:
        fail(str(exc))
    attached = attach_shares(results, profiles, settings.root, min_share)
    for path, source in attached.edited:
        click.echo(
            f"perflint: note: {display_path(path)} changed since {source} was recorded; "
            "its functions were matched by name",
            err=True,
        )
    if not attached.files_matched and any(r.diagnostics for r in results):
        click.echo(
            "perflint: warning: no profile covers the linted files with findings "
            "(see docs/profiles.md on how paths are matched)",
            err=True,
        )


def _with_project_facts(settings: Settings, paths: list[str]) -> Settings:
    """What the rules cannot see from one file: does the project use numba
    (PFL301 offers its fix only then)? Which functions of the files being
    checked compile, for PFL301's kernels that call them across modules
    (scanned only when PFL301 runs)? Part of the settings, so of the cache key."""
    from perflint.jit.project import numba_in_project

    settings = replace(settings, numba_in_project=numba_in_project(settings.root, paths))
    if paths and "PFL301" in settings.selected_codes():
        from perflint.jit.helpers import scan_project

        project = scan_project(paths, target_version=settings.target_version)
        settings = replace(settings, jit_project=project, _resolved={})
    return settings


def _shard(found: Discovery, shard: Shard, root: str) -> Discovery:
    from perflint.shard import select

    return replace(
        found, files=select(found.files, shard, root), missing=select(found.missing, shard, root)
    )


def _changed_only(files: list[str], ref: str, paths: list[str]) -> list[str]:
    from perflint.git import GitError, changed_files

    start = paths[0] if paths and os.path.isdir(paths[0]) else os.path.dirname(paths[0]) or "."
    try:
        changed = {os.path.realpath(p) for p in changed_files(ref, start)}
    except GitError as exc:
        fail(str(exc))
    return [f for f in files if os.path.realpath(f) in changed]


def _write_baseline(results: list[FileResult], settings: Settings, path: str) -> int:
    from perflint.baseline import write_baseline

    if _internal_errors(results):
        return EXIT_ERROR
    try:
        count = write_baseline(path, results, settings.root)
    except OSError as exc:
        fail(f"cannot write baseline {path}: {exc}")
    click.echo(f"Recorded {_plural(count, 'finding')} in {display_path(path)}.")
    return EXIT_CLEAN


def _add_noqa(results: list[FileResult]) -> int:
    from perflint.add_noqa import add_noqa
    from perflint.files import write_atomic
    from perflint.notebook.process import add_noqa_to_notebook
    from perflint.notebook.reader import NotebookError, is_notebook
    from perflint.source import SourceError, decode

    if _internal_errors(results):
        return EXIT_ERROR
    total = skipped = 0
    for result in results:
        if not result.diagnostics or result.path == "-":
            continue
        try:
            with open(result.path, "rb") as handle:
                data = handle.read()
            if is_notebook(result.path):
                fixed, added, not_added = add_noqa_to_notebook(data, result.diagnostics)
            else:
                source = decode(data)
                text, added, not_added = add_noqa(source.text, result.diagnostics)
                fixed = source.encode(text) if added else None
            skipped += not_added
            if fixed is not None:
                write_atomic(result.path, fixed)
        except (SourceError, NotebookError):
            continue  # reported as PFL002, which no comment suppresses
        except OSError as exc:
            fail(f"cannot write {display_path(result.path)}: {exc.strerror or exc}")
        total += added
    click.echo(f"Added {_plural(total, 'noqa directive')}.")
    if skipped:
        click.echo(
            f"{_plural(skipped, 'line')} with findings cannot end with a comment "
            "(inside a string, or continued with a backslash): not suppressed."
        )
    return EXIT_CLEAN


def _apply_baseline(results: list[FileResult], settings: Settings) -> int:
    from perflint.baseline import BaselineError, hide_known, read_baseline

    assert settings.baseline is not None
    path = os.path.join(settings.root, settings.baseline)
    try:
        known = read_baseline(path)
    except BaselineError as exc:
        fail(str(exc))
    return hide_known(results, known, settings.root)


def verify_jit(results: list[FileResult], verbose: bool) -> None:
    """Keep a PFL301 finding only when numba compiles the function and it
    measured worth it (perflint.jit.evidence); --verbose lists the dropped."""
    from perflint.jit.evidence import verify_findings

    def say(line: str) -> None:
        click.echo(line, err=True)

    verify_findings(results, display_path, say if verbose else None, read=_python_text)


def _python_text(path: str) -> str:
    """The Python a file holds: for a notebook, its code cells as one module."""
    from perflint.notebook.reader import NotebookError, is_notebook, read_notebook

    if is_notebook(path):
        from perflint.notebook.cells import build_module

        with open(path, "rb") as handle:
            data = handle.read()
        try:
            return build_module(read_notebook(data).code_cells()).text
        except NotebookError:
            return ""  # changed since it was linted: nothing to verify
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


def report(
    results: list[FileResult],
    settings: Settings,
    options: dict[str, Any],
    job: Job,
    out: Any,
    hidden: int = 0,
) -> int:
    output_file = options.get("output_file")
    color = out.isatty() and "NO_COLOR" not in os.environ and not output_file
    report_options = ReportOptions(
        color=color,
        unsafe_fixes=settings.unsafe_fixes,
        root=settings.root,
        profiled=bool(options.get("profiles") or settings.profiles),
    )
    fmt = options["output_format"]
    if job.mode == DIFF:
        text = "".join(result.diff for result in results)
    elif options["statistics"] and fmt in ("text", "concise", "json"):
        from perflint.report import statistics

        rows = statistics.statistics(results, settings.unsafe_fixes)
        text = statistics.render_json(rows) if fmt == "json" else statistics.render_text(rows)
    else:
        text = renderer(fmt)(results, report_options)
    if output_file:
        _write_report(output_file, text)
    else:
        out.write(text)
    failed = _internal_errors(results)
    if (fmt in ("text", "concise") or output_file) and not options["quiet"]:
        out.write(_summary(results, job, settings))
        out.write(_not_checked(results))
        if hidden:
            out.write(f"({_plural(hidden, 'finding')} in the baseline not shown.)\n")
    out.flush()
    remaining = sum(len(r.diagnostics) for r in results)
    if failed:
        # Even with --exit-zero: that option is about findings, and here perflint
        # could not do its job, so no exit status may read as "checked".
        return EXIT_ERROR
    if job.mode == FIX and options.get("exit_non_zero_on_fix") and any(r.fixed for r in results):
        return EXIT_FINDINGS
    if job.mode == DIFF:
        return (
            EXIT_FINDINGS
            if any(r.diff for r in results) and not options["exit_zero"]
            else EXIT_CLEAN
        )
    if remaining and not options["exit_zero"]:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _write_report(path: str, text: str) -> None:
    from perflint.files import write_new_atomic

    try:
        write_new_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        fail(f"cannot write {path}: {exc}")


def _internal_errors(results: list[FileResult]) -> bool:
    failed = False
    for result in results:
        for code, message in result.internal_errors:
            from perflint.registry import by_code

            rules = by_code()
            failed = True
            rule = f"rule {code} ({rules[code].name})" if code in rules else "perflint"
            click.echo(
                f"perflint: internal error in {rule} on {display_path(result.path)}: {message} "
                "(please report this; other files and rules were checked)",
                err=True,
            )
        for code, _ in result.rejected:
            click.echo(
                f"perflint: a {code} fix in {display_path(result.path)} produced code that "
                "does not parse and was not applied (please report this)",
                err=True,
            )
        if result.error:
            failed = True
            click.echo(f"perflint: error: {display_path(result.path)}: {result.error}", err=True)
    return failed


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _not_checked(results: list[FileResult]) -> str:
    """The summary's last line when some file was not fully checked or not
    written: how many, and by which rules (the messages are on stderr)."""
    lines = []
    broken = [r for r in results if r.internal_errors]
    if broken:
        rules = sorted({code for r in broken for code, _ in r.internal_errors})
        by = ", ".join("perflint itself" if code == "engine" else code for code in rules)
        files = _plural(len(broken), "file")
        verb = "was" if len(broken) == 1 else "were"
        lines.append(f"{files} {verb} not fully checked: internal error in {by} (see above).")
    unwritten = sum(1 for r in results if r.error)
    if unwritten:
        lines.append(f"{_plural(unwritten, 'file')} could not be written (see above).")
    return "".join(line + "\n" for line in lines)


def _summary(results: list[FileResult], job: Job, settings: Settings) -> str:
    remaining = [d for r in results for d in r.diagnostics]
    fixed = sum(r.fixed for r in results)
    if job.mode == DIFF:
        would = fixed
        lines = [f"Would fix {_plural(would, 'finding')}." if would else "No fixes available."]
        return "\n".join(lines) + "\n"
    if not remaining and not fixed:
        if any(r.internal_errors or r.error for r in results):
            return "No findings in what was checked.\n"  # not "All checks passed!"
        return "All checks passed!\n"
    found = len(remaining) + fixed
    if fixed:
        lines = [f"Found {_plural(found, 'finding')} ({fixed} fixed, {len(remaining)} remaining)."]
    else:
        lines = [f"Found {_plural(found, 'finding')}."]
    safe = sum(1 for d in remaining if applicable(d.fix, settings.unsafe_fixes))
    hidden = sum(
        1 for d in remaining if d.fix is not None and not applicable(d.fix, settings.unsafe_fixes)
    )
    if safe and job.mode != FIX:
        option = "--fix --unsafe-fixes" if settings.unsafe_fixes else "--fix"
        lines.append(f"[*] {safe} fixable with `{option}`.")
    if hidden:
        lines.append(f"({hidden} more fixable with `--unsafe-fixes`.)")
    return "\n".join(lines) + "\n"
