"""Turn what rules reported (nodes and fix plans) into diagnostics with text edits."""

from __future__ import annotations

import libcst as cst

from perflint.context import FileContext, Report
from perflint.diagnostics import Diagnostic, Edit, Fix, LineIndex
from perflint.imports import import_edits
from perflint.positions import Range, node_ranges
from perflint.rule import FixPlan
from perflint.unused_imports import UnusedImports


class _Builder:
    def __init__(self, ctx: FileContext, ranges: dict[int, Range], lines: LineIndex) -> None:
        self.ctx = ctx
        self.ranges = ranges
        self.lines = lines
        self._imports: dict[tuple[str, ...], list[Edit]] = {}
        self._unused = UnusedImports(ctx.module, ctx.original_source, ctx.path, lines)

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
            edits.append(self.edit(span[0], span[0], f"{line}{newline}{indent}"))
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
            for start, end in self._unused.left_unused(dropped, removed, new_texts):
                edits.append(self.edit(start, end, ""))
        edits.sort(key=lambda e: (e.start, e.end))  # stable: ties keep that order
        applicability = plan.applicability or report.rule.fix_applicability
        return Fix(applicability, plan.message, tuple(edits))


def build_diagnostics(ctx: FileContext, lines: LineIndex) -> list[Diagnostic]:
    wanted: list[cst.CSTNode] = []
    for report in ctx.reports:
        wanted.append(report.node)
        if report.fix is not None:
            wanted.extend(old for old, _ in report.fix.replacements)
            wanted.extend(statement for statement, _ in report.fix.lines_before)
            wanted.extend(report.fix.deletions)
    ranges = node_ranges(ctx.module, wanted)
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
