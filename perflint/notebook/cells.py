"""A notebook's code cells as one Python module, and positions between the two.

The cells are linted as one module, so that a name imported or assigned in one
cell is known in the next; findings and fixes come back in the cells' own
terms. This module knows nothing of files or JSON (perflint.notebook.reader
does): the CLI and the language server both give it cell sources.

Conventions, as in every perflint finding (DESIGN.md section 3):

- a cell is named by its *number*, the 1-based index into the notebook's
  `cells` array, markdown and raw cells counted (cell 3 is `cells[2]`);
- a Location is (row, column), both 1-based, columns counting characters;
  rows and columns in a cell are relative to that cell's source;
- an Edit of a cell (`edit.cell` set) has `start`/`end` offsets into that
  cell's source and `location`/`end_location` relative to it.

Typical use:

    module = build_module([(1, "import pandas as pd\\n"), (3, "%time f(df)\\n")])
    module.text                      # the Python text: `#time f(df)` on row 2
    module.to_cell((2, 1))           # (3, (1, 1)): cell 3, row 1, column 1
    module.to_module(3, (1, 1))      # (2, 1)
    module.cell_range((1, 1), (2, 1))  # (1, (1, 1), (2, 1)): inside cell 1
    module.is_magic(3, 1)            # True: row 1 of cell 3 is IPython syntax
    module.cell_edit(edit)           # an Edit of module.text as one of a cell, or None
    module.to_cells(diagnostic)      # a finding in module.text in cell terms, or None
    result = lint_cells([(1, src1), (2, src2)], "analysis.ipynb", settings)
    new_sources = apply_cell_edits({1: src1, 2: src2}, fix.edits)
    fixed = fix_cells([(1, src1), (2, src2)], "analysis.ipynb", settings)
    fixed.text                       # {1: new src1, 2: src2}: every cell, by number
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from perflint.config import Settings
from perflint.diagnostics import Diagnostic, Edit, LineIndex, LintResult, Location, split_lines
from perflint.notebook.magics import neutralise

if TYPE_CHECKING:
    from perflint.fix import FixOutcome
    from perflint.parse import PieceCache

Cell = tuple[int, str]  # (cell number, source): one code cell
_IMPORT_STARTS = ("import ", "from ")


@dataclass(frozen=True)
class CellSpan:
    """Where one code cell sits in the module."""

    cell: int  # its number
    source: str  # as the notebook holds it
    first_row: int  # the module row of the cell's row 1
    rows: int  # how many rows the cell has
    start: int  # module offset of its first character
    text_end: int  # module offset after its (neutralised) text
    end: int  # text_end plus the newline added when the source had none
    magic_rows: frozenset[int]  # the cell's rows that IPython syntax took

    @property
    def added_newline(self) -> bool:
        return self.end > self.text_end


class CellModule:
    """The Python module made of code cells: their sources, IPython syntax
    neutralised (perflint.notebook.magics), each ending with a newline, in
    order. Rows and columns of every row that is not IPython syntax are the
    cell's own, shifted down by the rows of the cells above."""

    def __init__(self, cells: Sequence[Cell]) -> None:
        pieces: list[str] = []
        spans: list[CellSpan] = []
        offset, row = 0, 1
        for number, source in cells:
            text, magic_rows = neutralise(source)
            rows = len(split_lines(source))
            added = "\n" if text and not text.endswith(("\n", "\r")) else ""
            end = offset + len(text) + len(added)
            spans.append(
                CellSpan(number, source, row, rows, offset, offset + len(text), end, magic_rows)
            )
            pieces += [text, added]
            offset, row = end, row + rows
        self.text = "".join(pieces)
        self.spans = tuple(spans)
        self._lines = LineIndex(self.text)
        self._cell_lines = {s.cell: LineIndex(s.source) for s in spans}
        self._by_number = {s.cell: s for s in spans}
        # Empty cells hold no row or offset: the lookups skip them.
        self._filled = [s for s in spans if s.end > s.start]
        self._starts = [s.start for s in self._filled]
        self._first_rows = [s.first_row for s in self._filled]

    # --- positions ------------------------------------------------------------

    def span(self, cell: int) -> CellSpan:
        """The span of a code cell given to build_module (KeyError otherwise)."""
        return self._by_number[cell]

    def to_cell(self, location: Location) -> tuple[int, Location]:
        """(cell, location in it) of a module location. A location past the
        module's end is the last cell's end. ValueError when no cell has text."""
        if not self._filled:
            raise ValueError("the module has no cells with text")
        row, column = location
        span = self._filled[max(0, bisect.bisect_right(self._first_rows, row) - 1)]
        return span.cell, self._clamped(span, (row - span.first_row + 1, column))

    def to_module(self, cell: int, location: Location) -> Location:
        """The module location of a location in a code cell."""
        span = self._by_number[cell]
        return span.first_row + location[0] - 1, location[1]

    def cell_range(self, start: Location, end: Location) -> tuple[int, Location, Location] | None:
        """(cell, start, end) in cell terms when the module range start..end
        lies in one cell (it may end at the cell's end); None when it spans
        cells. An empty range where two cells meet is at the start of the lower
        cell."""
        a, b = self._lines.offset(start), self._lines.offset(end)
        found = self._offsets_in_cell(a, b, attach_to_previous=False)
        if found is None:
            return None
        span, x, y = found
        lines = self._cell_lines[span.cell]
        return span.cell, lines.location(x), lines.location(y)

    def is_magic(self, cell: int, row: int) -> bool:
        """Whether the cell's row is IPython syntax (a magic, shell escape, help)."""
        return row in self._by_number[cell].magic_rows

    def _clamped(self, span: CellSpan, location: Location) -> Location:
        """A location in the cell, moved onto its text when past a row's or the
        cell's end (the neutralised or added text is not the cell's)."""
        lines = self._cell_lines[span.cell]
        row, column = location
        if row > span.rows or (row == span.rows + 1 and column > 1):
            return lines.location(len(span.source))
        if row <= span.rows:
            column = min(column, len(lines.line(row)) + 1)
        return row, column

    def _span_at(self, offset: int) -> CellSpan:
        return self._filled[max(0, bisect.bisect_right(self._starts, offset) - 1)]

    def _cell_offset(self, span: CellSpan, offset: int) -> int:
        if offset >= span.text_end:
            return len(span.source)
        row, column = self._lines.location(offset)
        lines = self._cell_lines[span.cell]
        return lines.offset(self._clamped(span, (row - span.first_row + 1, column)))

    def _offsets_in_cell(
        self, a: int, b: int, attach_to_previous: bool
    ) -> tuple[CellSpan, int, int] | None:
        if not self._filled:
            return None
        span = self._span_at(a)
        if attach_to_previous and a == b and a == span.start and span is not self._filled[0]:
            span = self._filled[self._filled.index(span) - 1]
        if not span.start <= a <= b <= span.end:
            return None
        return span, self._cell_offset(span, a), self._cell_offset(span, b)

    # --- findings ---------------------------------------------------------------

    def cell_edit(self, edit: Edit) -> Edit | None:
        """edit of the module as an edit of one cell, or None when it would
        span cells or change IPython syntax. An added import that lands where
        two cells meet goes to the end of the upper cell, where the imports
        before it are."""
        is_import = edit.content.lstrip().startswith(_IMPORT_STARTS)
        found = self._offsets_in_cell(edit.start, edit.end, attach_to_previous=is_import)
        if found is None:
            return None
        span, x, y = found
        content = edit.content
        if span.added_newline and edit.end > span.text_end:
            # The edit reaches past the cell's last character, into the newline
            # the module added: the cell gets no newline it did not have.
            if x == y:
                content = "\n" + content.removesuffix("\n")
            else:
                content = content.removesuffix("\n")
        lines = self._cell_lines[span.cell]
        first, last = lines.location(x), lines.location(y)
        if self._touches_magic(span, first, last):
            return None
        return Edit(x, y, content, first, last, cell=span.cell)

    def _touches_magic(self, span: CellSpan, first: Location, last: Location) -> bool:
        if span.source.startswith("%%"):
            if len(span.magic_rows) == span.rows:
                return True  # the cell is in another language (%%bash): it takes no Python
            if first == (1, 1):
                return True  # a cell magic must stay the cell's first line
        lines = self._cell_lines[span.cell]
        for row in span.magic_rows:
            begin, finish = (row, 1), (row, len(lines.line(row)) + 1)
            if first == last and begin < first <= finish:
                return True  # an insertion into the magic's line
            if first != last and first <= finish and last > begin:
                return True  # it replaces part of the line or joins it to the next
        return False

    def to_cells(self, d: Diagnostic) -> Diagnostic | None:
        """d, found in the module, in its cell's terms; its fix dropped when an
        edit would span cells or change IPython syntax. None for a finding on a
        row of IPython syntax (about the stand-in text, not the user's code),
        except PFL0xx ones (the file could not be checked)."""
        if not self._filled:
            return None
        cell, location = self.to_cell(d.location)
        span = self._by_number[cell]
        if location[0] in span.magic_rows and not d.code.startswith("PFL0"):
            return None
        end_cell, end = self.to_cell(max(d.end_location, d.location))
        if end_cell != cell:  # a finding's range is shown within its cell
            end = self._cell_lines[cell].location(len(span.source))
        fix = d.fix
        if fix is not None:
            edits = [self.cell_edit(e) for e in fix.edits]
            fix = (
                None
                if any(e is None for e in edits)
                else dataclasses.replace(fix, edits=tuple(e for e in edits if e is not None))
            )
        return dataclasses.replace(d, location=location, end_location=end, fix=fix, cell=cell)


def build_module(cells: Sequence[Cell]) -> CellModule:
    """The module of the code cells (cell number, source), in notebook order.
    Give code cells only; their numbers count every cell of the notebook."""
    return CellModule(cells)


def lint_cells(
    cells: Sequence[Cell],
    path: str = "<notebook>",
    settings: Settings | None = None,
    pieces: PieceCache | None = None,
) -> LintResult:
    """Lint code cells as one module through perflint.api.lint_source.

    Every diagnostic returned has `cell` set and positions relative to that
    cell; its fix (when it has one) is per-cell edits (`edit.cell`, offsets
    into that cell's source), at most touching two cells (an added import goes
    to the cell holding the notebook's first imports, or its first code cell).
    `# noqa` comments work on a cell's rows as in a file. path selects
    per-file settings, as for lint_source; pieces, as there, lets a caller
    that lints after every edit (the language server) reuse the parse of the
    unchanged parts. To keep the module at hand, do what this does:
    `module = build_module(cells)`, lint `module.text`, `module.to_cells(d)`
    each diagnostic (None: dropped)."""
    from perflint.api import lint_source

    module = build_module(cells)
    linted = lint_source(module.text, path, settings, pieces)
    mapped = (module.to_cells(d) for d in linted.diagnostics)
    return LintResult([d for d in mapped if d is not None], list(linted.errors))


def apply_cell_edits(sources: Mapping[int, str], edits: Iterable[Edit]) -> dict[int, str]:
    """The new sources of the cells edits change, by cell number. The edits
    (from lint_cells' fixes) must not overlap within a cell."""
    from perflint.fix import apply_edits

    by_cell: dict[int, list[Edit]] = {}
    for edit in edits:
        if edit.cell is None:
            raise ValueError("an edit of a notebook must name its cell")
        by_cell.setdefault(edit.cell, []).append(edit)
    return {cell: apply_edits(sources[cell], group) for cell, group in by_cell.items()}


def fix_cells(
    cells: Sequence[Cell],
    path: str = "<notebook>",
    settings: Settings | None = None,
    unsafe: bool = False,
) -> FixOutcome[dict[int, str]]:
    """Apply every applicable fix (unsafe ones too when unsafe), as --fix does:
    the outcome's `text` is every given cell's source by number (changed or
    not), `result` the lint of the fixed cells, `fixed` how many fixes applied.
    A fix whose result does not parse is dropped (outcome.rejected)."""
    from perflint.fix import fix_document

    def lint(sources: dict[int, str]) -> LintResult:
        return lint_cells(list(sources.items()), path, settings)

    def apply(sources: dict[int, str], edits: list[Edit]) -> dict[int, str]:
        return {**sources, **apply_cell_edits(sources, edits)}

    return fix_document(dict(cells), lint, apply, unsafe)
