"""Linting a document again after an edit, re-linting only what the edit can affect.

The language server lints after every pause in typing, and a full lint of a
1,000-line file takes about 150 ms. An edit usually touches one top-level
`def` or `class` (a *block*). A block's findings depend on its own text, on the
module-level code around the blocks (the *context*: imports, constants,
`if __name__ == ...`), and on other blocks through module-level names they
share (a call graph, a module-level list mutated in one function and searched
in another). So after an edit:

- the context must be unchanged and must share no module-level name with the
  changed blocks, otherwise the whole file is linted;
- the blocks to lint again are the changed ones plus every block linked to
  them through shared module-level names (transitively);
- those are linted in a copy of the text where every other block is replaced
  by a one-line stub that binds the same name (so scopes resolve the same) and
  blank lines (so rows and columns stay the same);
- the other blocks keep their previous findings, moved to their new rows.

Names bound only by imports do not link blocks (every function uses `np`);
a block declaring `global x` links through x; blocks mentioning an attribute
name that some block assigns (`self.queue = []`) link through it. tests/test_incremental.py checks
that the result always equals a full lint, over random edit sequences.
"""

from __future__ import annotations

import ast
import bisect
import dataclasses
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass

from perflint.api import gc_paused, lint_source
from perflint.config import Settings
from perflint.diagnostics import Diagnostic, Edit, LineIndex, LintResult, Location
from perflint.module_names import DEFINITIONS, NameCache
from perflint.parse import PieceCache
from perflint.source import parse_python

# Re-linting more than this share of the lines costs as much as a full lint.
_MOST = 0.5


@dataclass(frozen=True)
class Block:
    start: int  # first row (its first decorator), 1-based
    end: int  # last row
    text: str
    stub: str  # a line binding the same name, without its newline
    links: frozenset[str]  # module-level names it mentions (its own name included)


@dataclass
class Layout:
    """A text cut into blocks and context."""

    blocks: list[Block]
    context_rows: list[int]  # rows outside every block, in order
    context_text: tuple[str, ...]
    context_links: frozenset[str]
    lines: list[str]  # with their newlines

    def __post_init__(self) -> None:
        self.starts = [b.start for b in self.blocks]  # for bisect: blocks are in order
        self.by_text = {b.text: b for b in self.blocks}


# Python's own line ends (str.splitlines also splits at form feeds).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _stub(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> str:
    if isinstance(node, ast.ClassDef):
        return f"class {node.name}: pass"
    prefix = "async def" if isinstance(node, ast.AsyncFunctionDef) else "def"
    return f"{prefix} {node.name}(): pass"


def layout(text: str, cache: NameCache | None = None) -> Layout | None:
    """The blocks and context of text; None when Python cannot parse it."""
    try:
        tree = parse_python(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    cache = cache or NameCache()
    lines = _LINE.findall(text)
    definitions = [s for s in tree.body if isinstance(s, DEFINITIONS)]
    spans = [
        (min([d.lineno, *(x.lineno for x in d.decorator_list)]), d.end_lineno or d.lineno)
        for d in definitions
    ]
    texts = ["".join(lines[start - 1 : end]) for start, end in spans]
    names = [cache.get(t, [d]) for t, d in zip(texts, definitions, strict=True)]
    context_rows: list[int] = []
    row = 1
    for start, end in [*spans, (len(lines) + 1, len(lines))]:
        context_rows.extend(range(row, start))
        row = end + 1
    context_text = tuple(lines[r - 1] for r in context_rows)
    others = [s for s in tree.body if not isinstance(s, DEFINITIONS)]
    context = cache.get("".join(context_text), others)
    module_names = context.bound.union(
        (d.name for d in definitions),
        context.attributes_stored,
        *(n.declared_global for n in names),
        *(n.attributes_stored for n in names),
    )
    blocks = [
        Block(start, end, block_text, _stub(d), n.mentioned & module_names)
        for (start, end), block_text, d, n in zip(spans, texts, definitions, names, strict=True)
    ]
    return Layout(blocks, context_rows, context_text, context.mentioned & module_names, lines)


@dataclass
class _Linted:
    """The last lint of a document: its layout and findings."""

    path: str
    settings: Settings
    layout: Layout
    by_block: dict[str, list[Diagnostic]]  # block text -> its findings
    pinned: set[str]  # texts of blocks to lint every time
    context: list[Diagnostic] | None  # the context's findings; None: lint it every time


@dataclass
class _Plan:
    relint: set[int]  # ids of the blocks to lint again
    context: bool  # whether the context's findings must be computed again


class IncrementalLinter:
    """Lints successive versions of one document; same results as lint_source.
    Thread-safe: a server may start a lint while the previous one still runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.pieces = PieceCache()
        self._names = NameCache()
        self._last: _Linted | None = None
        self.relinted_rows = 0  # rows the last call linted (for benchmarks)

    def lint(self, text: str, path: str, settings: Settings) -> LintResult:
        with self._lock:
            return self._lint(text, path, settings)

    def _lint(self, text: str, path: str, settings: Settings) -> LintResult:
        with gc_paused():
            current = layout(text, self._names)
        last, self._last = self._last, None
        plan = None
        if (
            current is not None
            and last is not None
            and (last.path, last.settings) == (path, settings)
        ):
            plan = _plan(last, current)
        if current is None or last is None or plan is None:
            return self._lint_fully(text, path, settings, current)
        partial = lint_source(_reduced_text(current, plan.relint), path, settings, self.pieces)
        if _has_syntax_error(partial):  # stubs never cause one; be safe anyway
            return self._lint_fully(text, path, settings, current)
        mover = _Mover(last.layout, current, text)
        # Rows and columns are the same in the reduced text; offsets are not.
        partial.diagnostics = [mover.with_offsets(d) for d in partial.diagnostics]
        fresh = [b for b in current.blocks if id(b) in plan.relint]
        self.relinted_rows = len(current.context_rows) + sum(b.end - b.start + 1 for b in fresh)
        by_block, pinned = _by_block(current, partial, fresh)
        for block in current.blocks:
            if id(block) not in plan.relint:
                old = last.layout.by_text[block.text]
                by_block[block.text] = [
                    mover.diagnostic(d, old, block) for d in last.by_block[block.text]
                ]
        if plan.context or last.context is None:
            context = _in_context(current, partial)
            movable = context if _movable(current, context) else None
        else:
            context = movable = [mover.diagnostic(d, None, None) for d in last.context]
        self._last = _Linted(path, settings, current, by_block, pinned, movable)
        return LintResult(_merged(context, by_block), partial.errors)

    def _lint_fully(
        self, text: str, path: str, settings: Settings, current: Layout | None
    ) -> LintResult:
        result = lint_source(text, path, settings, self.pieces)
        self.relinted_rows = text.count("\n") + 1
        if current is not None and not _has_syntax_error(result):
            by_block, pinned = _by_block(current, result, current.blocks)
            context = _in_context(current, result)
            movable = context if _movable(current, context) else None
            self._last = _Linted(path, settings, current, by_block, pinned, movable)
        return result


def _merged(context: list[Diagnostic], by_block: dict[str, list[Diagnostic]]) -> list[Diagnostic]:
    found = list(context)
    for diagnostics in by_block.values():
        found.extend(diagnostics)
    found.sort(key=lambda d: (d.location, d.code))
    return found


def _in_context(current: Layout, result: LintResult) -> list[Diagnostic]:
    """The findings reported outside every block."""
    return [d for d in result.diagnostics if _block_at(current, d.location[0]) is None]


def _movable(current: Layout, context: list[Diagnostic]) -> bool:
    """Whether the context's findings touch only context rows (and the end of
    the file), so that they can follow the context when blocks change."""
    rows = set(current.context_rows)
    return all(r in rows or r > len(current.lines) for d in context for r in _rows(d))


def _rows(d: Diagnostic) -> list[int]:
    rows = [d.location[0], d.end_location[0]]
    for edit in d.fix.edits if d.fix else ():
        rows += [edit.location[0], edit.end_location[0]]
    return rows


def _has_syntax_error(result: LintResult) -> bool:
    return any(d.code == "PFL001" for d in result.diagnostics)


def _plan(last: _Linted, current: Layout) -> _Plan | None:
    """What to lint again, or None for the whole file."""
    if current.context_text != last.layout.context_text:
        return None
    old_texts = Counter(b.text for b in last.layout.blocks)
    new_texts = Counter(b.text for b in current.blocks)
    # A text seen twice is ambiguous (which copy's findings?): lint it again.
    changed = [
        b
        for b in current.blocks
        if old_texts[b.text] != 1 or new_texts[b.text] != 1 or b.text in last.pinned
    ]
    removed = [b for b in last.layout.blocks if new_texts[b.text] == 0]
    names: set[str] = set()
    for block in (*changed, *removed):
        names |= block.links
    context = last.context is None
    if context:
        names |= current.context_links
    by_name = defaultdict(list)
    for block in current.blocks:
        for name in block.links:
            by_name[name].append(block)
    # Everything linked to a change through shared names, the context included.
    relint = {id(b) for b in changed}
    pending = list(names)
    seen = set(names)
    while pending:
        name = pending.pop()
        linked: set[str] = set()
        if name in current.context_links and not context:
            context = True
            linked |= current.context_links
        for block in by_name.get(name, ()):
            if id(block) not in relint:
                relint.add(id(block))
                linked |= block.links
        for other in linked - seen:
            seen.add(other)
            pending.append(other)
    rows = sum(b.end - b.start + 1 for b in current.blocks if id(b) in relint)
    if rows > _MOST * len(current.lines):
        return None
    return _Plan(relint, context)


def _reduced_text(current: Layout, relint: set[int]) -> str:
    lines = list(current.lines)
    for block in current.blocks:
        if id(block) in relint:
            continue
        for row in range(block.start, block.end + 1):
            line = lines[row - 1]
            lines[row - 1] = line[len(line.rstrip("\r\n")) :]
        first = lines[block.start - 1]
        lines[block.start - 1] = block.stub + (first or "\n")
    return "".join(lines)


def _block_at(current: Layout, row: int) -> Block | None:
    index = bisect.bisect_right(current.starts, row) - 1
    if index >= 0 and current.blocks[index].end >= row:
        return current.blocks[index]
    return None


def _by_block(
    current: Layout, result: LintResult, blocks: list[Block]
) -> tuple[dict[str, list[Diagnostic]], set[str]]:
    """The findings reported inside each of the given blocks, and the blocks
    whose findings cannot be moved (a fix that edits another block)."""
    found: dict[str, list[Diagnostic]] = {b.text: [] for b in blocks}
    context = set(current.context_rows)
    pinned = set()
    for diagnostic in result.diagnostics:
        block = _block_at(current, diagnostic.location[0])
        if block is None or block.text not in found:
            continue
        found[block.text].append(diagnostic)
        if any(
            not (block.start <= r <= block.end + 1 or r in context or r > len(current.lines))
            for r in _rows(diagnostic)
        ):
            pinned.add(block.text)
    return found, pinned


class _Mover:
    """Moves a finding from a block's old rows to its new ones. Its fix may
    edit the context too (an import): context rows keep their order."""

    def __init__(self, old: Layout, new: Layout, text: str) -> None:
        self.context_index = {row: i for i, row in enumerate(old.context_rows)}
        self.new_context_rows = new.context_rows
        self.new_line_count = len(new.lines)
        self.old_line_count = len(old.lines)
        self.index = LineIndex(text)

    def location(self, location: Location, old: Block | None, new: Block | None) -> Location:
        row, column = location
        if old is not None and new is not None and old.start <= row <= old.end:
            return row - old.start + new.start, column
        if row in self.context_index:
            return self.new_context_rows[self.context_index[row]], column
        if row > self.old_line_count:  # the end of the file
            return row - self.old_line_count + self.new_line_count, column
        assert old is not None and new is not None  # _in_context keeps the context in place
        return row - old.start + new.start, column  # just after the block (_by_block pins others)

    def with_offsets(self, d: Diagnostic) -> Diagnostic:
        if d.fix is None:
            return d
        edits = tuple(
            dataclasses.replace(
                e, start=self.index.offset(e.location), end=self.index.offset(e.end_location)
            )
            for e in d.fix.edits
        )
        return dataclasses.replace(d, fix=dataclasses.replace(d.fix, edits=edits))

    def edit(self, edit: Edit, old: Block | None, new: Block | None) -> Edit:
        start = self.location(edit.location, old, new)
        end = self.location(edit.end_location, old, new)
        return dataclasses.replace(
            edit,
            start=self.index.offset(start),
            end=self.index.offset(end),
            location=start,
            end_location=end,
        )

    def diagnostic(self, d: Diagnostic, old: Block | None, new: Block | None) -> Diagnostic:
        fix = d.fix
        if fix is not None:
            fix = dataclasses.replace(fix, edits=tuple(self.edit(e, old, new) for e in fix.edits))
        return dataclasses.replace(
            d,
            location=self.location(d.location, old, new),
            end_location=self.location(d.end_location, old, new),
            fix=fix,
        )
