"""Moving an expression that repeats the same work out of the loops around
it: which loops it is invariant in, where its value can be computed, whether
every iteration would compute it (perflint.analysis.fresh names the value)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst

from perflint.analysis.invariance import Invariance
from perflint.analysis.paths import Loop
from perflint.analysis.repeats import ends_run
from perflint.analysis.scopes import COMPREHENSIONS
from perflint.tree import iter_subtree


@dataclass(frozen=True)
class Setting:
    """The loops around a node and the scopes it runs in."""

    loops: list[Loop]  # innermost first
    function: cst.CSTNode  # the FunctionDef or Module the loops run in
    scope_nodes: Sequence[cst.CSTNode]

    def invariance(self, ctx, loop: Loop) -> Invariance:  # type: ignore[no-untyped-def]
        return Invariance(ctx, loop.node, self.function, self.scope_nodes)


@dataclass(frozen=True)
class Site:
    loop: Loop  # the outermost loop the expressions are invariant in
    statement: cst.CSTNode  # compute the value on a line before this statement
    module_level: bool = False  # that statement is in the module body


def setting_of(ctx, node: cst.CSTNode) -> Setting | None:  # type: ignore[no-untyped-def]
    """The loops repeating node, when node runs in a function or module body
    (possibly inside comprehensions that are among those loops)."""
    loops = ctx.loops(node)
    if not loops:
        return None
    scope_nodes = ctx.scope_nodes(node)
    index = 0
    while index < len(scope_nodes) and isinstance(scope_nodes[index], COMPREHENSIONS):
        index += 1
    function = scope_nodes[index]
    if not isinstance(function, (cst.FunctionDef, cst.Module)):
        return None  # a lambda or class body: no statement to put the value in
    return Setting(loops, function, scope_nodes)


def outermost_site(ctx, setting: Setting, exprs: Sequence[cst.BaseExpression]) -> Site | None:  # type: ignore[no-untyped-def]
    """The outermost loop whose every iteration gives exprs the same value,
    and the statement before which to compute them; None when the innermost
    loop already changes them."""
    site: Site | None = None
    for loop in setting.loops:
        checker = setting.invariance(ctx, loop)
        if not all(checker.pure(expr) for expr in exprs):
            break
        statement = loop.node if loop.kind != "comprehension" else ctx.statement_of(loop.node)
        if statement is None:
            break
        site = Site(loop, statement, isinstance(setting.function, cst.Module))
    return site


_LEAVING = (cst.Return, cst.Raise, cst.Break)


def runs_once(path: Sequence[cst.CSTNode], loop: cst.CSTNode) -> bool:
    """Whether the last node of path runs at most once per run of the loop:
    it is in a block that always leaves the loop (`return`, `raise`, `break`
    at its end, or an `if`/`else` whose branches all do), or under a
    first-time guard (`if not started: started = True`)."""
    start = next((i for i, n in enumerate(path) if n is loop), None)
    if start is None:
        return False
    below = path[start + 1 :]
    for index, node in enumerate(below):
        if isinstance(node, (cst.Return, cst.Raise)):
            return True
        if isinstance(node, cst.IndentedBlock) and node.body and _always_leaves(node.body[-1]):
            return True
        following = below[index + 1] if index + 1 < len(below) else None
        if isinstance(node, cst.If) and following is node.body and _flips_guard(node):
            return True
    return False


def retry_loop(loop: cst.CSTNode) -> bool:
    """`while True:` around a `try` that leaves the loop when it succeeds: it
    normally runs once, and repeats only after an error (a retry or a
    collision of random names)."""
    if not isinstance(loop, cst.While):
        return False
    test = loop.test
    forever = (isinstance(test, cst.Name) and test.value == "True") or (
        isinstance(test, cst.Integer) and test.value == "1"
    )
    if not forever:
        return False
    for statement in getattr(loop.body, "body", ()):
        if isinstance(statement, (cst.Try, cst.TryStar)):
            if always_leaves(statement.body) or (
                statement.orelse is not None and always_leaves(statement.orelse.body)
            ):
                return True
    return False


_AT_LEAST = (cst.GreaterThan, cst.GreaterThanEqual, cst.Equal)


def stops_at_length(loop: cst.CSTNode, name: str) -> bool:
    """The loop leaves once another collection reaches a length (`if
    len(shown) >= height: break`): it runs that many times at most, however
    long `name` is. A test of `name`'s own length bounds nothing."""
    for statement in getattr(getattr(loop, "body", None), "body", ()):
        if not isinstance(statement, cst.If) or not always_leaves(statement.body):
            continue
        test = statement.test
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            continue
        left = test.left
        if (
            isinstance(test.comparisons[0].operator, _AT_LEAST)
            and isinstance(left, cst.Call)
            and isinstance(left.func, cst.Name)
            and left.func.value == "len"
            and len(left.args) == 1
            and not (isinstance(left.args[0].value, cst.Name) and left.args[0].value.value == name)
        ):
            return True
    return False


def _always_leaves(statement: cst.CSTNode) -> bool:
    if isinstance(statement, cst.SimpleStatementLine):
        return isinstance(statement.body[-1], _LEAVING) or ends_run(statement.body[-1])
    if isinstance(statement, cst.If):
        branch = statement.orelse
        if branch is None:
            return False
        return always_leaves(statement.body) and (
            _always_leaves(branch) if isinstance(branch, cst.If) else always_leaves(branch.body)
        )
    return False


def always_leaves(block: cst.BaseSuite) -> bool:
    """The block ends with a statement that leaves the loop around it."""
    if isinstance(block, cst.SimpleStatementSuite):  # `if x: break` on one line
        return isinstance(block.body[-1], _LEAVING) or ends_run(block.body[-1])
    body: Sequence[cst.CSTNode] = getattr(block, "body", ())
    return bool(body) and _always_leaves(body[-1])


def _flips_guard(statement: cst.If) -> bool:
    """`if not started:` whose block sets `started = True`: runs once."""
    tested = {n.value for n in iter_subtree(statement.test) if isinstance(n, cst.Name)}
    for line in getattr(statement.body, "body", ()):
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            if (
                isinstance(small, cst.Assign)
                and isinstance(small.value, cst.Name)
                and small.value.value in ("True", "False")
                and any(
                    isinstance(t.target, cst.Name) and t.target.value in tested
                    for t in small.targets
                )
            ):
                return True
    return False


# Nodes that evaluate their parts only sometimes.
_CONDITIONAL = (
    cst.If, cst.IfExp, cst.BooleanOperation, cst.Try, cst.TryStar, cst.ExceptHandler,
    cst.With, cst.Match, *COMPREHENSIONS, cst.Lambda, cst.FunctionDef,
)  # fmt: skip
_JUMPS = (cst.Continue, cst.Break, cst.Return, cst.Raise)


def every_iteration(path: Sequence[cst.CSTNode], loop: cst.CSTNode) -> bool:
    """Whether each iteration of loop reaches the last node of path: nothing
    between them branches, and no jump comes before it in a loop body (inner
    loops may run zero times, like the loop itself: the fix is unsafe anyway)."""
    start = next((i for i, n in enumerate(path) if n is loop), None)
    if start is None:
        return False
    below = path[start:]
    for index, node in enumerate(below):
        following = below[index + 1] if index + 1 < len(below) else None
        if isinstance(node, (cst.For, cst.While)):
            if isinstance(node, cst.While) and following is node.test:
                continue
            if isinstance(node, cst.For) and following is node.iter and node is not loop:
                continue
            if following is not node.body or index + 2 >= len(below):
                return False
            if not _reached(node.body, below[index + 2]):
                return False
        elif isinstance(node, (cst.If, cst.IfExp)) and following is node.test:
            continue  # the test itself is always evaluated
        elif isinstance(node, _CONDITIONAL):
            return False
    return True


def _reached(body: cst.BaseSuite, statement: cst.CSTNode) -> bool:
    """No statement before `statement` in the block may jump away."""
    for candidate in getattr(body, "body", ()):
        if candidate is statement:
            return True
        if _has_jump(candidate):
            return False
    return False


def _has_jump(statement: cst.CSTNode) -> bool:
    return any(
        isinstance(n, _JUMPS)
        for n in iter_subtree(
            statement, prune=lambda n: isinstance(n, (cst.FunctionDef, cst.Lambda))
        )
    )
