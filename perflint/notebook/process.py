"""What the CLI does with one `.ipynb` file's bytes: lint, fix or diff it, as
perflint.runner.process_source does for a Python file (its one entry point),
and add noqa comments to it (`--add-noqa`)."""

from __future__ import annotations

import difflib
import os
from typing import TYPE_CHECKING

from perflint.config import Settings
from perflint.diagnostics import Diagnostic, split_lines
from perflint.notebook.cells import fix_cells, lint_cells
from perflint.notebook.magics import neutralise
from perflint.notebook.reader import NotebookError, read_notebook

if TYPE_CHECKING:
    from perflint.runner import FileResult, Job


def process_notebook(
    path: str, data: bytes, settings: Settings, job: Job, name: str
) -> tuple[FileResult, bytes | None]:
    """The result for the notebook in data and, with --fix, the file's new
    bytes (None when unchanged). name is the path as diffs show it."""
    from perflint.runner import CHECK, DIFF, FileResult, unreadable

    result = FileResult(path)
    try:
        notebook = read_notebook(data)
    except NotebookError as exc:
        result.diagnostics = [unreadable(str(exc))]
        return result, None
    if not notebook.is_python:
        result.notes.append(f"kernel language is {notebook.language}, not Python: not checked")
        return result, None
    cells = notebook.code_cells()
    if job.mode == CHECK:
        lint = lint_cells(cells, path, settings)
        result.diagnostics, result.internal_errors = lint.diagnostics, lint.errors
        return result, None
    outcome = fix_cells(cells, path, settings, unsafe=job.unsafe_fixes)
    result.diagnostics = outcome.result.diagnostics
    result.internal_errors = outcome.errors
    result.rejected = outcome.rejected
    result.fixed = outcome.fixed
    old = dict(cells)
    changed = {n: s for n, s in outcome.text.items() if s != old[n]}
    if not changed:
        return result, None
    if job.mode == DIFF:
        result.diff = cell_diff(name.replace(os.sep, "/").lstrip("/"), old, changed)
        return result, None
    from perflint.notebook.writer import with_sources

    return result, with_sources(notebook, changed)


def cell_diff(name: str, old: dict[int, str], changed: dict[int, str]) -> str:
    """A unified diff per changed cell, headed `a/name:cell N`."""
    pieces: list[str] = []
    for number in sorted(changed):
        before, after = old[number], changed[number]
        pieces.extend(
            difflib.unified_diff(
                _lines(before),
                _lines(after),
                fromfile=f"a/{name}:cell {number}",
                tofile=f"b/{name}:cell {number}",
            )
        )
    return "".join(pieces)


def _lines(source: str) -> list[str]:
    # A cell's last line has no newline as Jupyter saves it; the diff needs one.
    lines = split_lines(source, keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    return lines


def add_noqa_to_notebook(
    data: bytes, diagnostics: list[Diagnostic]
) -> tuple[bytes | None, int, int]:
    """The notebook's new bytes (None when unchanged), with `# noqa` comments
    on the cell rows that have findings; how many rows got one, and how many
    could not (see perflint.add_noqa)."""
    from perflint.add_noqa import add_noqa
    from perflint.notebook.writer import with_sources

    notebook = read_notebook(data)
    sources = notebook.sources()
    changed: dict[int, str] = {}
    added = skipped = 0
    for number in sorted({d.cell for d in diagnostics if d.cell is not None}):
        # Tokenized with its IPython rows neutralised; they get no comment.
        text, _ = neutralise(sources[number])
        own = [d for d in diagnostics if d.cell == number]
        commented, added_here, skipped_here = add_noqa(text, own)
        added, skipped = added + added_here, skipped + skipped_here
        if added_here:
            rows = zip(
                split_lines(sources[number], keepends=True),
                split_lines(text, keepends=True),
                split_lines(commented, keepends=True),
                strict=True,
            )
            changed[number] = "".join(new if new != plain else old for old, plain, new in rows)
    return (with_sources(notebook, changed) if changed else None), added, skipped
