"""Whether a loop really repeats a node: code in a block that leaves the loop
runs at most once per run of it, and some loops normally run once (a retry
that leaves on success, `while do_once: do_once = False`)."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from perflint.tree import iter_subtree

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


def leaves_loop(path: Sequence[cst.CSTNode], loop: cst.CSTNode) -> bool:
    """The last node of path sits in a block that always leaves loop after
    it: a `return`, `raise` or never-returning call at the block's end, or a
    `break` that belongs to loop itself. It runs at most once per run of loop."""
    start = next((i for i, n in enumerate(path) if n is loop), None)
    if start is None:
        return False
    nearest: cst.CSTNode = loop  # the loop a `break` at this depth would leave
    for node, child in zip(path[start:], path[start + 1 :], strict=False):
        if isinstance(node, (cst.For, cst.While)) and child is node.body and node is not loop:
            nearest = node
        if isinstance(child, (cst.Return, cst.Raise)):
            return True
        if isinstance(node, (cst.Try, cst.TryStar)) and child is node.body and node.handlers:
            return False  # an exception goes round again: `try: return parse(x)` per item
        if isinstance(child, cst.BaseSuite) and not _continues(child):
            way = _block_leaves(child)
            if way == "function" or (way == "loop" and nearest is loop):
                return True
    return False


_OWN_SCOPE = (cst.For, cst.While, cst.FunctionDef, cst.ClassDef, cst.Lambda)


def _continues(block: cst.CSTNode) -> bool:
    """A `continue` in the block (not in a loop or definition inside it) can
    go round again before the block's end is reached."""
    pending = list(getattr(block, "body", ()))
    while pending:
        node = pending.pop()
        if isinstance(node, cst.Continue):
            return True
        if not isinstance(node, _OWN_SCOPE):
            pending.extend(node.children)
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
