"""Run every selected rule over one parsed module in a single traversal."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

import libcst as cst

from perflint.context import FileContext
from perflint.diagnostics import LintResult
from perflint.rule import Rule
from perflint.tree import child_getter

Handler = Callable[[cst.CSTNode], object]
Tables = dict[type, list[tuple[Rule, Handler]]]


def _node_type(name: str) -> type:
    node_type = getattr(cst, name, None)
    if not (isinstance(node_type, type) and issubclass(node_type, cst.CSTNode)):
        raise TypeError(f"no LibCST node type named {name!r}")
    return node_type


def _tables(rules: Sequence[Rule]) -> tuple[Tables, Tables]:
    enter: Tables = defaultdict(list)
    leave: Tables = defaultdict(list)
    for rule in rules:
        for type_name, method in rule.visits.items():
            enter[_node_type(type_name)].append((rule, getattr(rule, method)))
        for type_name, method in rule.leaves.items():
            leave[_node_type(type_name)].append((rule, getattr(rule, method)))
    # Subclass instances must dispatch too (e.g. visit_BaseSmallStatement is not
    # supported: rules name concrete types), so only exact types are used.
    return dict(enter), dict(leave)


def _drop(tables: Tables, rule: Rule) -> None:
    for node_type in list(tables):
        kept = [(r, h) for r, h in tables[node_type] if r is not rule]
        if kept:
            tables[node_type] = kept
        else:
            del tables[node_type]


def run_rules(ctx: FileContext, rule_types: Sequence[type[Rule]], result: LintResult) -> None:
    """Walk ctx.module once, calling each rule's handlers; a rule that raises is
    reported in result.errors and switched off for the rest of the file."""
    rules = [rule_type(ctx) for rule_type in rule_types]
    enter, leave = _tables(rules)
    if not enter and not leave:
        return
    failed: set[int] = set()

    def fail(rule: Rule, exc: BaseException) -> None:
        failed.add(id(rule))
        result.errors.append((rule.code, f"{type(exc).__name__}: {exc}"))
        _drop(enter, rule)
        _drop(leave, rule)

    ancestors = ctx.ancestors
    # Stack entries: (node, depth); a negative depth marks a pending leave call.
    stack: list[tuple[cst.CSTNode, int]] = [(ctx.module, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        node, depth = pop()
        node_type = node.__class__
        if depth < 0:
            depth = -depth - 1
            del ancestors[depth:]
            ctx.current = node
            for rule, handler in leave.get(node_type, ()):
                try:
                    handler(node)
                except Exception as exc:  # a rule bug must not stop the run
                    fail(rule, exc)
            continue
        del ancestors[depth:]
        handlers = enter.get(node_type)
        if handlers:
            ctx.current = node
            for rule, handler in handlers:
                try:
                    handler(node)
                except Exception as exc:
                    fail(rule, exc)
        if node_type in leave:
            push((node, -depth - 1))
        getter = child_getter(node_type)
        if getter is None:
            continue
        ancestors.append(node)
        depth += 1
        for child in reversed(getter(node)):
            push((child, depth))
    ctx.current = None
    ancestors.clear()
    if failed:
        ctx.reports = [r for r in ctx.reports if id(r.rule) not in failed]
