"""Turn what rules reported (nodes and fix plans) into diagnostics with text edits."""

from __future__ import annotations

import libcst as cst

from perflint.context import FileContext, Report
from perflint.diagnostics import SAFE, Diagnostic, Edit, Fix, LineIndex
from perflint.imports import block_end, import_edits
from perflint.positions import Range, node_ranges
from perflint.rule import FixPlan
from perflint.unused_imports import UnusedImports
from perflint.wrap import wrap


class _Builder:
    def __init__(self, ctx: FileContext, ranges: dict[int, Range], lines: LineIndex) -> None:
        self.ctx = ctx
        self.ranges = ranges
        self.lines = lines
        self._imports: dict[tuple[str, ...], list[Edit]] = {}
        self._unused = UnusedImports(ctx.module, ctx.original_source, ctx.path, lines, ctx.source)
        self._block_end: int | None | bool = False  # False: not computed yet

    def edit(self, start: int, end: int, content: str) -> Edit:
        return Edit(start, end, content, self.lines.location(start), self.lines.location(end))

    def fix(self, report: Report, plan: FixPlan) -> Fix | None:
        edits = []
        removed: list[tuple[int, int]] = []
        for old, new in plan.replacements:
            span = self.ranges.get(id(old))
            if span is None:
                return None
            if isinstance(new, str):
                content = new
            elif callable(new):
                content = new(self.ctx.source[span[0] : span[1]])
            else:
                content = self.ctx.module.code_for_node(new)
            edits.append(self.edit(span[0], span[1], content))
            removed.append(span)
        for statement, line in plan.lines_before:
            span = self.ranges.get(id(statement))
            if span is None:
                return None
            line_start = self.lines.offset((self.lines.location(span[0])[0], 1))
            indent = self.ctx.source[line_start : span[0]]
            if indent.strip():
                return None  # the statement does not start its line
            newline = self.ctx.module.default_newline
            start = span[0] - len(newline) if self._right_after_imports(span[0], line) else span[0]
            edits.append(self.edit(start, span[0], f"{line}{newline}{indent}"))
        for statement in plan.deletions:
            span = self.ranges.get(id(statement))
            if span is None:
                return None
            line_start = self.lines.offset((self.lines.location(span[0])[0], 1))
            if self.ctx.source[line_start : span[0]].strip():
                return None  # the statement does not start its line
            end = span[1]
            for newline in ("\r\n", "\n", "\r"):
                if self.ctx.source.startswith(newline, end):
                    end += len(newline)
                    break
            edits.append(self.edit(line_start, end, ""))
            removed.append(span)
        if plan.imports:
            key = tuple(sorted(set(plan.imports)))
            if key not in self._imports:
                style = self.ctx.settings.import_style
                self._imports[key] = [
                    self.edit(*found) for found in import_edits(self.ctx.module, key, style)
                ]
            # First among edits at the same offset: the import goes above a
            # decorator inserted before the file's first statement.
            edits[:0] = self._imports[key]
        if removed:
            dropped = [old for old, _ in plan.replacements] + list(plan.deletions)
            new_texts = [e.content for e in edits]
            safe = (plan.applicability or report.rule.fix_applicability) == SAFE
            for gone in self._unused.left_unused(dropped, removed, new_texts, safe):
                start = gone.start
                if not any(gone.wider_start <= e.start <= gone.end for e in edits):
                    start = gone.wider_start
                edits.append(self.edit(start, gone.end, ""))
        edits.sort(key=lambda e: (e.start, e.end))  # stable: ties keep that order
        fitted = self._fit(edits)
        if fitted is None:
            return None
        applicability = plan.applicability or report.rule.fix_applicability
        return Fix(applicability, plan.message, tuple(fitted))

    def _right_after_imports(self, offset: int, line: str) -> bool:
        """A statement other than a def or class put right below the import
        block, two blank lines down: a sorter wants one blank line there."""
        if self._block_end is False:
            self._block_end = block_end(self.ctx.module)
        end = self._block_end
        if not isinstance(end, int) or self.ctx.settings.import_style.lines_after_imports >= 0:
            return False
        newline = self.ctx.module.default_newline
        if self.ctx.source[end:offset] != newline * 2:
            return False
        return not line.lstrip().startswith(("def ", "class ", "async def ", "@"))

    def _fit(self, edits: list[Edit]) -> list[Edit] | None:
        """The edits, with each line they write that is longer than the line
        length allows (and than the longest line they replace) split as a
        formatter would; None when some line cannot be split to fit."""
        limit = self.ctx.settings.max_line_length
        source = self.ctx.source
        windows: list[tuple[int, int, list[Edit]]] = []  # whole lines the edits touch
        for edit in edits:  # sorted by start
            start = source.rfind("\n", 0, edit.start) + 1
            end = source.find("\n", edit.end)
            end = len(source) if end < 0 else end
            if windows and start <= windows[-1][1]:
                first, last, group = windows[-1]
                windows[-1] = (first, max(last, end), [*group, edit])
            else:
                windows.append((start, end, [edit]))
        fitted: list[Edit] = []
        for start, end, group in windows:
            pieces, position = [], start
            for edit in group:
                pieces.append(source[position : edit.start])
                pieces.append(edit.content)
                position = max(position, edit.end)
            pieces.append(source[position:end])
            longest = max((len(line) for line in source[start:end].splitlines()), default=0)
            allowed = max(limit, longest)
            written = "".join(pieces).split("\n")
            if all(len(line.rstrip("\r")) <= allowed for line in written):
                fitted.extend(group)
                continue
            lines: list[str] = []
            for line in written:
                ending = "\r" if line.endswith("\r") else ""
                if len(line.rstrip("\r")) <= allowed:
                    lines.append(line)
                    continue
                split = wrap(line.rstrip("\r"), allowed)
                if split is None:
                    return None
                lines.extend(part + ending for part in split)
            fitted.append(self.edit(start, end, "\n".join(lines)))
        return fitted


def build_diagnostics(ctx: FileContext, lines: LineIndex) -> list[Diagnostic]:
    """Diagnostics of ctx's reports, positioned in ctx.source (lines indexes it).
    Raises TextDiffers when LibCST's text of the module departs from ctx.source
    before the last reported node."""
    wanted: list[cst.CSTNode] = []
    for report in ctx.reports:
        wanted.append(report.node)
        if report.fix is not None:
            wanted.extend(old for old, _ in report.fix.replacements)
            wanted.extend(statement for statement, _ in report.fix.lines_before)
            wanted.extend(report.fix.deletions)
    ranges = node_ranges(ctx.module, wanted, ctx.source)
    builder = _Builder(ctx, ranges, lines)
    diagnostics = []
    for report in ctx.reports:
        start, end = ranges.get(id(report.node), (0, 0))
        fix = builder.fix(report, report.fix) if report.fix is not None else None
        rule = report.rule
        diagnostics.append(
            Diagnostic(
                code=rule.code,
                name=rule.name,
                category=rule.category,
                message=report.message,
                location=lines.location(start),
                end_location=lines.location(end),
                fix=fix,
            )
        )
    return diagnostics
