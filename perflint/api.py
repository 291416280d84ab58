"""lint_source: the one entry point every front end (CLI, server, hooks) uses.

Pure: it reads and writes nothing. It never raises for bad input: syntax errors
become PFL001 findings and rule failures become entries in LintResult.errors.
"""

from __future__ import annotations

import dataclasses
import gc
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from perflint.catalogue import by_code
from perflint.config import Settings
from perflint.diagnostics import Diagnostic, Edit, LineIndex, LintResult
from perflint.noqa import is_suppressed
from perflint.offsets import offset_map
from perflint.prepass import reduce_source, union
from perflint.source import too_deeply_nested

if TYPE_CHECKING:
    import libcst as cst

    from perflint.parse import PieceCache

# LibCST and the rules are imported only for a file that has something to
# lint: a file the pre-pass finds nothing in starts and ends without them.

T = TypeVar("T")
UNUSED_NOQA = "PFL003"

# LibCST's parser and code generator recurse once per nesting level; give them a
# deep stack of their own instead of crashing on generated or minified code.
_STACK_BYTES = 256 * 1024 * 1024
_RECURSION_LIMIT = 30_000


@contextmanager
def gc_paused() -> Iterator[None]:
    """LibCST and ast trees hold no reference cycles; while they are built the
    cyclic collector only rescans millions of live nodes (20% of the time on
    large files, half of an `ast.parse` in the language server)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _with_deep_stack(work: Callable[[], T]) -> T:
    outcome: dict[str, object] = {}

    def run() -> None:
        sys.setrecursionlimit(max(sys.getrecursionlimit(), _RECURSION_LIMIT))
        with gc_paused():
            try:
                outcome["value"] = work()
            except BaseException as exc:  # re-raised in the caller's thread
                outcome["error"] = exc

    previous = threading.stack_size(_STACK_BYTES)
    try:
        thread = threading.Thread(target=run, name="perflint-lint")
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def _syntax_error(message: str, location: tuple[int, int]) -> Diagnostic:
    from perflint.rules.errors.syntax_error import SyntaxErrorRule

    rule = SyntaxErrorRule
    return Diagnostic(rule.code, rule.name, rule.category, message, location, location)


def parse_module(text: str, pieces: PieceCache | None = None) -> cst.Module:
    from perflint.parse import parse_module as parse

    return parse(text, pieces)


def _parse(text: str, pieces: PieceCache | None = None) -> cst.Module | Diagnostic:
    import libcst as cst

    if "\0" in text:
        row = text.count("\n", 0, text.index("\0")) + 1
        return _syntax_error("source contains a NUL byte", (row, 1))
    deep = too_deeply_nested(text)
    if deep is not None:
        return _syntax_error("too many nested parentheses (CPython allows 200)", deep)
    try:
        return parse_module(text, pieces)
    except cst.ParserSyntaxError as exc:
        return _describe_syntax_error(text, exc)
    except RecursionError:
        return _syntax_error("nested too deeply to parse", (1, 1))
    except MemoryError:
        return _syntax_error("cannot be parsed: out of memory", (1, 1))
    except Exception as exc:  # whatever LibCST raises, the file cannot be linted
        return _describe_libcst_failure(text, exc)


def _python_rejects(text: str) -> SyntaxError | None:
    """CPython's own verdict: its compiler, since it rejects more than its
    parser does (`except:` before another handler). Compiled, never run."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<perflint>", "exec", dont_inherit=True)
    except SyntaxError as error:
        return error
    except (ValueError, RecursionError, MemoryError):
        pass
    return None


def _python() -> str:
    return f"Python {sys.version_info[0]}.{sys.version_info[1]}"


def _describe_syntax_error(text: str, exc: cst.ParserSyntaxError) -> Diagnostic:
    """CPython's message and position when it agrees the code is invalid: they
    are more precise than LibCST's."""
    error = _python_rejects(text)
    if error is not None:
        row, column = error.lineno or 1, error.offset or 1
        return _syntax_error(f"syntax error: {error.msg}", (row, max(1, column)))
    detail = str(exc.message).strip().splitlines()[0] if exc.message else "invalid syntax"
    return _syntax_error(
        f"cannot be parsed by LibCST, perflint's parser, though {_python()} accepts it: {detail}",
        (exc.raw_line, 1),
    )


def _describe_libcst_failure(text: str, exc: Exception) -> Diagnostic:
    """LibCST's grammar took the text but building its tree failed
    (CSTValidationError: `except:` before another handler; CSTLogicError: a
    LibCST bug, as on `t"" t""`). Often the code is newer than the running
    Python, so CPython's verdict is given as well, not instead."""
    first = str(exc).strip().splitlines()
    detail = f"{type(exc).__name__}: {first[0]}" if first else type(exc).__name__
    message = f"cannot be parsed by LibCST, perflint's parser ({detail})"
    error = _python_rejects(text)
    if error is None:
        return _syntax_error(f"{message}, though {_python()} accepts it", (1, 1))
    row, column = error.lineno or 1, error.offset or 1
    return _syntax_error(
        f"{message}; {_python()} rejects it too: {error.msg}", (row, max(1, column))
    )


def lint_source(
    text: str,
    path: str = "<stdin>",
    settings: Settings | None = None,
    pieces: PieceCache | None = None,
    *,
    prepass: bool = True,
) -> LintResult:
    """Lint one file's text as if it lived at path (which selects per-file settings).

    pieces: parsed pieces of earlier versions of this text, for callers that
    lint the same file after every edit (the language server). prepass=False
    parses the whole file with LibCST (perflint.prepass gives the same results;
    tests compare the two)."""
    settings = settings or Settings()
    return _with_deep_stack(lambda: _lint(text, path, settings, pieces, prepass))


def _lint(
    text: str,
    path: str,
    settings: Settings,
    pieces: PieceCache | None = None,
    prepass: bool = True,
) -> LintResult:
    result = LintResult()
    codes = settings.codes_for(path)
    source = text
    if prepass and "\0" not in text and too_deeply_nested(text) is None:
        table = by_code()
        reduced = reduce_source(text, union(table[code].needs for code in codes))
        if reduced is None:  # nothing any selected rule could report
            result.diagnostics = _unused_noqa(text, [], codes)
            return result
        source = reduced
    from perflint.context import FileContext
    from perflint.edits import build_diagnostics
    from perflint.engine import run_rules
    from perflint.positions import TextDiffers

    rules = settings.rules_for(path)
    parsed = _parse(source, pieces)
    lines = LineIndex(text)
    if isinstance(parsed, Diagnostic):
        result.diagnostics.append(parsed)
        return result
    ctx = FileContext(parsed, source, path, settings.target_version, settings, original=text)
    run_rules(ctx, rules, result)
    try:
        try:
            diagnostics = build_diagnostics(ctx, lines if source is text else LineIndex(source))
        except TextDiffers:  # positions in LibCST's own text, moved to the source's
            generated = ctx.source = parsed.code
            diagnostics = _in_source(
                build_diagnostics(ctx, LineIndex(generated)), source, generated
            )
    except RecursionError:
        result.errors.append(("engine", "nested too deeply to compute positions"))
        return result
    if source is not text:
        diagnostics = [_with_offsets_in(d, lines) for d in diagnostics]
    diagnostics += _unused_noqa(text, diagnostics, codes)
    kept = [d for d in diagnostics if not is_suppressed(d, lines)]
    kept.sort(key=lambda d: (d.location, d.code))
    result.diagnostics = kept
    return result


def _unused_noqa(text: str, diagnostics: list[Diagnostic], codes: list[str]) -> list[Diagnostic]:
    """PFL003 (opt-in): `noqa` codes that suppress nothing. It needs every other
    finding, before suppression, so it runs here rather than in a traversal."""
    if UNUSED_NOQA not in codes or "noqa" not in text.lower():
        return []
    from perflint.rules.errors.unused_noqa import unused_noqa

    lines = LineIndex(text)
    return [d for d in unused_noqa(text, diagnostics, codes) if not is_suppressed(d, lines)]


def _with_offsets_in(d: Diagnostic, lines: LineIndex) -> Diagnostic:
    """d found in the pre-pass's text, whose kept rows and columns are the
    file's own: its fix's offsets recomputed for the file's text."""
    if d.fix is None:
        return d
    edits = tuple(
        dataclasses.replace(e, start=lines.offset(e.location), end=lines.offset(e.end_location))
        for e in d.fix.edits
    )
    return dataclasses.replace(d, fix=dataclasses.replace(d.fix, edits=edits))


def _in_source(diagnostics: list[Diagnostic], text: str, generated: str) -> list[Diagnostic]:
    """Diagnostics computed on LibCST's text of the module, moved to the source
    text; without their fixes when the two differ in more than dropped form feeds."""
    mapping = offset_map(text, generated)
    old, new = LineIndex(generated), LineIndex(text)
    moved = []
    for d in diagnostics:
        if mapping is None:
            moved.append(dataclasses.replace(d, fix=None))
            continue
        start = mapping.start(old.offset(d.location))
        end = max(start, mapping.end(old.offset(d.end_location)))
        fix = d.fix
        if fix is not None:
            edits = []
            for edit in fix.edits:
                a = mapping.start(edit.start)
                b = a if edit.end == edit.start else max(a, mapping.end(edit.end))
                edits.append(Edit(a, b, edit.content, new.location(a), new.location(b)))
            fix = dataclasses.replace(fix, edits=tuple(edits))
        moved.append(
            dataclasses.replace(
                d, location=new.location(start), end_location=new.location(end), fix=fix
            )
        )
    return moved
