"""Whether a loop really repeats a node: code in a block that leaves the loop
runs at most once per run of it, and some loops normally run once (a retry
that leaves on success, `while do_once: do_once = False`)."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from perflint.tree import children, iter_subtree

# Calls that never return: the process ends or an exception is raised
# (unittest's `self.fail`, pytest's `fail`/`skip`/`exit`, helpers named `_fail`).
_ENDING_CALLS = frozenset({"sys.exit", "os._exit", "os.abort", "exit", "quit"})
_ENDING_NAMES = frozenset({"fail", "_fail", "pytest.fail", "pytest.skip", "pytest.exit"})


def _dotted(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr.value}"
    return None


def ends_run(small: cst.BaseSmallStatement) -> bool:
    """`sys.exit(1)`, `self.fail(msg)`, `pytest.skip(...)`: a call that never returns."""
    if not isinstance(small, cst.Expr) or not isinstance(small.value, cst.Call):
        return False
    func = small.value.func
    spelled = _dotted(func)
    if spelled in _ENDING_CALLS or spelled in _ENDING_NAMES:
        return True
    return isinstance(func, cst.Attribute) and func.attr.value in _ENDING_NAMES


def _leaving(small: cst.CSTNode) -> str | None:
    """"function" for what leaves every loop of the function, "loop" for
    `break`, None for a statement that goes on."""
    if isinstance(small, (cst.Return, cst.Raise)):
        return "function"
    if isinstance(small, cst.Break):
        return "loop"
    if isinstance(small, cst.BaseSmallStatement) and ends_run(small):
        return "function"
    return None


def _block_leaves(block: cst.CSTNode) -> str | None:
    """How the block's last statement always leaves (see _leaving)."""
    body: Sequence[cst.CSTNode] = getattr(block, "body", ())
    if not body:
        return None
    last = body[-1]
    if isinstance(block, cst.SimpleStatementSuite):
        return _leaving(last)
    if isinstance(last, cst.SimpleStatementLine):
        return _leaving(last.body[-1])
    if isinstance(last, cst.If) and last.orelse is not None:
        ways = [_block_leaves(last.body)]
        branch: cst.If | cst.Else | None = last.orelse
        while isinstance(branch, cst.If):
            ways.append(_block_leaves(branch.body))
            branch = branch.orelse
        if branch is None:
            return None
        ways.append(_block_leaves(branch.body))
        if None in ways:
            return None
        return "loop" if "loop" in ways else "function"
    return None


def leaves_loop(
    path: Sequence[cst.CSTNode],
    loop: cst.CSTNode,
    guards: dict[tuple[int, int], bool] | None = None,
) -> bool:
    """The last node of path sits in a block that always leaves loop after
    it: a `return`, `raise` or never-returning call at the block's end, or a
    `break` that belongs to loop itself, or in a block guarded by what it sets
    (`if pos is None: pos = ...`). It runs at most once per run of loop.
    guards: the guards' verdicts by (guard, loop) ids, kept by the caller for
    one tree (each verdict walks the whole loop)."""
    start = next((i for i, n in enumerate(path) if n is loop), None)
    if start is None:
        return False
    nearest: cst.CSTNode = loop  # the loop a `break` at this depth would leave
    for node, child in zip(path[start:], path[start + 1 :], strict=False):
        if isinstance(node, (cst.For, cst.While)) and child is node.body and node is not loop:
            nearest = node
        if isinstance(child, (cst.Return, cst.Raise)):
            return True
        if isinstance(node, cst.If) and child is node.body:
            key = (id(node), id(loop))
            once = guards.get(key) if guards is not None else None
            if once is None:
                once = _once_guard(node, loop)
                if guards is not None:
                    guards[key] = once
            if once:
                return True
        if isinstance(node, (cst.Try, cst.TryStar)) and child is node.body and node.handlers:
            return False  # an exception goes round again: `try: return parse(x)` per item
        if isinstance(child, cst.BaseSuite) and not _continues(child):
            way = _block_leaves(child)
            if way == "function" or (way == "loop" and nearest is loop):
                return True
    return False


def _once_guard(guard: cst.If, loop: cst.CSTNode) -> bool:
    """`if pos is None: pos = items.index(x)` in loop: the block sets what its
    test asks for and nothing else in the loop sets it, so it runs at most once
    per run of the loop (`if not pos:` is not such a guard: 0 is falsy)."""
    test = guard.test
    if not (
        isinstance(test, cst.Comparison)
        and isinstance(test.left, cst.Name)
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.Is)
        and isinstance(test.comparisons[0].comparator, cst.Name)
        and test.comparisons[0].comparator.value == "None"
    ):
        return False
    name = test.left.value
    body = guard.body
    smalls = (
        body.body
        if isinstance(body, cst.SimpleStatementSuite)
        else [
            small
            for line in body.body
            if isinstance(line, cst.SimpleStatementLine)
            for small in line.body
        ]
    )
    sets_it = False
    for small in smalls:
        if isinstance(small, cst.Assign) and any(
            isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets
        ):
            if isinstance(small.value, cst.Name) and small.value.value == "None":
                return False
            sets_it = True
    if not sets_it:
        return False
    inside = set(map(id, iter_subtree(guard.body)))
    for node in iter_subtree(loop):
        if id(node) in inside:
            continue
        if isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.NamedExpr)):
            target = node.target
        elif isinstance(node, (cst.For, cst.CompFor)):
            target = node.target
        else:
            continue
        if any(isinstance(n, cst.Name) and n.value == name for n in iter_subtree(target)):
            return False  # set again elsewhere in the loop: the guard may open again
    return True


_OWN_SCOPE = (cst.For, cst.While, cst.FunctionDef, cst.ClassDef, cst.Lambda)
# Nodes a `continue` may sit in: statements, suites and clauses, never an
# expression; by exact type (isinstance against LibCST's abstract bases is slow).
_HOLDS_STATEMENTS = (
    cst.BaseStatement, cst.BaseSmallStatement, cst.BaseSuite, cst.ExceptHandler,
    cst.ExceptStarHandler, cst.Else, cst.Finally, cst.MatchCase,
)  # fmt: skip
_searched: dict[type, bool] = {}


def _searched_for_continue(kind: type) -> bool:
    found = _searched.get(kind)
    if found is None:
        found = _searched[kind] = issubclass(kind, _HOLDS_STATEMENTS) and not issubclass(
            kind, _OWN_SCOPE
        )
    return found


def _continues(block: cst.CSTNode) -> bool:
    """A `continue` in the block (not in a loop or definition inside it) can
    go round again before the block's end is reached."""
    pending = list(getattr(block, "body", ()))
    while pending:
        node = pending.pop()
        kind = node.__class__
        if kind is cst.Continue:
            return True
        if _searched_for_continue(kind):
            pending.extend(children(node))
    return False


def once_flag_loop(loop: cst.CSTNode) -> bool:
    """`while do_once: do_once = False; ...`: the body clears its own test
    first and never sets it again, so it runs once (a block to `break` from)."""
    if not isinstance(loop, cst.While) or not isinstance(loop.test, cst.Name):
        return False
    flag = loop.test.value
    body = getattr(loop.body, "body", ())
    first = body[0] if body else None
    if not isinstance(first, cst.SimpleStatementLine):
        return False
    small = first.body[0]
    if not (
        isinstance(small, cst.Assign)
        and len(small.targets) == 1
        and isinstance(small.targets[0].target, cst.Name)
        and small.targets[0].target.value == flag
        and isinstance(small.value, cst.Name)
        and small.value.value == "False"
    ):
        return False
    stores = 0
    for node in iter_subtree(loop.body):
        if isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.NamedExpr)):
            target = node.target
            if isinstance(target, cst.Name) and target.value == flag:
                stores += 1
    return stores == 1


def retry_for_loop(loop: cst.CSTNode) -> bool:
    """`for attempt in range(tries):` around a `try` that leaves the loop when
    it succeeds and does not read the attempt number: it normally runs once,
    and repeats only after an error."""
    if not isinstance(loop, cst.For) or not isinstance(loop.iter, cst.Call):
        return False
    func = loop.iter.func
    args = loop.iter.args
    if not (isinstance(func, cst.Name) and func.value == "range" and 1 <= len(args) <= 2):
        return False
    if len(args) == 2 and not (
        isinstance(args[0].value, cst.Integer) and args[0].value.value in ("0", "1")
    ):
        return False  # `range(start, stop)` from a variable: positions, not attempts
    targets = {n.value for n in iter_subtree(loop.target) if isinstance(n, cst.Name)}
    for statement in getattr(loop.body, "body", ()):
        if not isinstance(statement, (cst.Try, cst.TryStar)):
            continue
        succeeds = _block_leaves(statement.body) is not None or (
            statement.orelse is not None and _block_leaves(statement.orelse.body) is not None
        )
        reads_attempt = any(
            isinstance(n, cst.Name) and n.value in targets for n in iter_subtree(statement.body)
        )
        if succeeds and not reads_attempt:
            return True
    return False
