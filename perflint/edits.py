"""Turn what rules reported (nodes and fix plans) into diagnostics with text edits."""

from __future__ import annotations

from functools import lru_cache

import libcst as cst

from perflint.context import FileContext, Report
from perflint.diagnostics import Diagnostic, Edit, Fix, LineIndex
from perflint.positions import Range, node_ranges
from perflint.rule import FixPlan


def _import_header(module: cst.Module) -> cst.Module:
    """The module cut after its first block of import lines (after a docstring).

    AddImportsVisitor adds imports at the end of that block and only needs to
    see it; visiting a whole large module costs far more than parsing it (a
    file with an import near its end made every fix cost a second). The cut
    module's code is a prefix of the whole module's code, so edit offsets
    carry over. Modules imported further down are found by _imported_later.
    """
    start = 1 if module.body and _is_docstring(module.body[0]) else 0
    end = start
    for statement in module.body[start:]:
        if not _is_import_line(statement):
            break
        end += 1
    if end == 0 and len(module.body) > start:
        # No imports: the new one goes before the first statement (after a
        # docstring). A `pass` with that statement's leading lines stands in for
        # it: the text before it stays a prefix of the module's, and the
        # visitor need not walk a statement that may be huge (a data table).
        first = module.body[start]
        stand_in = cst.SimpleStatementLine([cst.Pass()], leading_lines=first.leading_lines)
        return module.with_changes(body=[*module.body[:start], stand_in], footer=())
    return module.with_changes(body=module.body[:end], footer=())


def _is_import_line(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
    )


def _imported_later(module: cst.Module, name: str) -> bool:
    """`import name` as a top-level statement anywhere in the module."""
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Import) and any(
                    alias.asname is None and cst.Module([]).code_for_node(alias.name) == name
                    for alias in small.names
                ):
                    return True
    return False


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _import_edit(module: cst.Module, modules: tuple[str, ...], lines: LineIndex) -> Edit | None:
    """The edit adding `import m` for each module, as LibCST's AddImportsVisitor
    places it; None when nothing needs adding."""
    modules = tuple(m for m in modules if not _imported_later(module, m))
    if not modules:
        return None
    found = _import_insertion(_import_header(module).code, modules)
    if found is None:
        return None
    start, end, content = found
    return Edit(start, end, content, lines.location(start), lines.location(end))


@lru_cache(maxsize=256)
def _import_insertion(header: str, modules: tuple[str, ...]) -> tuple[int, int, str] | None:
    """(start, end, new text) adding the imports to a file that begins with
    header. Cached: the language server lints a file after every edit, and the
    imports at its top rarely change (the visitor costs ~25 ms a call)."""
    # Imported here: libcst.codemod costs half a second to import.
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import AddImportsVisitor, ImportItem

    visitor = AddImportsVisitor(CodemodContext(), [ImportItem(m) for m in modules])
    updated = cst.parse_module(header).visit(visitor).code
    if updated == header:
        return None
    # The change is one insertion: trim the common prefix and suffix.
    start = 0
    limit = min(len(header), len(updated))
    while start < limit and header[start] == updated[start]:
        start += 1
    end_old, end_new = len(header), len(updated)
    while end_old > start and end_new > start and header[end_old - 1] == updated[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return start, end_old, updated[start:end_new]


class _Builder:
    def __init__(self, ctx: FileContext, ranges: dict[int, Range], lines: LineIndex) -> None:
        self.ctx = ctx
        self.ranges = ranges
        self.lines = lines
        self._imports: dict[tuple[str, ...], Edit | None] = {}

    def edit(self, start: int, end: int, content: str) -> Edit:
        return Edit(start, end, content, self.lines.location(start), self.lines.location(end))

    def fix(self, report: Report, plan: FixPlan) -> Fix | None:
        edits = []
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
        if plan.imports:
            key = tuple(sorted(set(plan.imports)))
            if key not in self._imports:
                self._imports[key] = _import_edit(self.ctx.module, key, self.lines)
            import_edit = self._imports[key]
            if import_edit is not None:
                # First among edits at the same offset: the import goes above a
                # decorator inserted before the file's first statement.
                edits.insert(0, import_edit)
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
