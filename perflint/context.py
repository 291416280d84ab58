"""What a rule can ask about the file being linted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from perflint.analysis.attributes import AttributeFacts
from perflint.analysis.hoisting import retry_loop
from perflint.analysis.names import (
    Scopes,
    binding_scope,
    local_name_for,
    qualified_name,
    resolve_name,
)
from perflint.analysis.paths import Loop, enclosing_loops, enclosing_scopes
from perflint.analysis.repeats import leaves_loop, once_flag_loop, retry_for_loop
from perflint.analysis.scopes import COMPREHENSIONS, Scope
from perflint.analysis.types import TypeFacts
from perflint.analysis.usage import Use, grows_with_data, uses_of
from perflint.config import Settings
from perflint.tree import children, iter_subtree

if TYPE_CHECKING:
    from perflint.rule import FixPlan, Rule


@dataclass
class Report:
    rule: Rule
    node: cst.CSTNode
    message: str
    fix: FixPlan | None


class FileContext:
    def __init__(
        self,
        module: cst.Module,
        source: str,
        path: str,
        target_version: tuple[int, int],
        settings: Settings | None = None,
        original: str | None = None,
    ) -> None:
        self.module = module
        self.source = source  # the text module was parsed from
        # The file's whole text: source may have parts stubbed out (perflint.prepass).
        # Read it to tell whether a name is used anywhere in the file.
        self.original_source = source if original is None else original
        self.path = path
        self.target_version = target_version
        # Rule options (serverless handler names, the JIT decorator...).
        self.settings = settings if settings is not None else Settings()
        # The traversal keeps this list as the ancestors of the node being
        # visited, module first. Copy it to keep it beyond the visit.
        self.ancestors: list[cst.CSTNode] = []
        self.current: cst.CSTNode | None = None
        self._uses: dict[tuple[str, int], list[Use]] = {}
        self.reports: list[Report] = []
        self.scopes = Scopes()
        self.types = TypeFacts(self.scopes)
        self._attribute_facts: AttributeFacts | None = None
        self._scopes_for: cst.CSTNode | None = None
        self._scopes_cache: dict[int, list[cst.CSTNode]] = {}
        self._fixed_loops: dict[int, bool] = {}
        self._once_guards: dict[tuple[int, int], bool] = {}  # see leaves_loop

    def add_report(self, rule: Rule, node: cst.CSTNode, message: str, fix: FixPlan | None) -> None:
        self.reports.append(Report(rule, node, message, fix))

    # --- facts about the visited node, its ancestors or its descendants ---

    def path_to(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        """The nodes from the module down to node, which must be the node being
        visited, one of its ancestors or one of its descendants."""
        current = self.current
        if node is current:
            return [*self.ancestors, node]
        for i in range(len(self.ancestors) - 1, -1, -1):
            if self.ancestors[i] is node:
                return self.ancestors[: i + 1]
        below = _path_below(current, node)
        if below is None:
            raise ValueError("path_to() needs the visited node, an ancestor or a descendant")
        return [*self.ancestors, *below]

    def loops(self, node: cst.CSTNode) -> list[Loop]:
        """Loops that run node again on every iteration, innermost first, up to
        the enclosing function (a loop around a `def` does not repeat its body)."""
        return enclosing_loops(self.path_to(node))

    def growing_loops(self, node: cst.CSTNode) -> list[Loop]:
        """Like loops(), without loops of a fixed, written-out length (`range(4)`)
        or over a collection of fixed size (`for p in parsers` where `parsers =
        ["a", "b", "c"]` never grows).
        Loops that normally run once (a retry that leaves on success, `while
        do_once:`) are left out too, and so are the loops node's block always
        leaves after it (a `return`, `raise` or `break` at its end): there it
        runs at most once per run of the loop."""
        loops = [loop for loop in self.loops(node) if not loop.bounded and not self._short(loop)]
        if not loops:
            return loops
        path = self.path_to(node)
        return [loop for loop in loops if not leaves_loop(path, loop.node, self._once_guards)]

    def _short(self, loop: Loop) -> bool:
        """Over a fixed-size collection, once per digit, or normally once (cached per loop)."""
        found = self._fixed_loops.get(id(loop.node))
        if found is None:
            node = loop.node
            found = (
                self._over_fixed(loop)
                or _over_digits(node)
                or retry_loop(node)
                or retry_for_loop(node)
                or once_flag_loop(node)
            )
            self._fixed_loops[id(node)] = found
        return found

    def _over_fixed(self, loop: Loop) -> bool:
        node = loop.node
        if isinstance(node, cst.For):
            iterable = node.iter
        elif isinstance(node, COMPREHENSIONS) and node.for_in.inner_for_in is None:
            iterable = node.for_in.iter
        else:
            return False
        if (
            isinstance(iterable, cst.Call)
            and not iterable.args
            and isinstance(iterable.func, cst.Attribute)
            and iterable.func.attr.value in ("items", "keys", "values")
        ):
            iterable = iterable.func.value
        below = _path_below(node, iterable)
        if below is None:
            return False
        path = [*self.path_to(node)[:-1], *below]
        if isinstance(iterable, cst.Name):
            name = iterable.value
            scope = binding_scope(name, enclosing_scopes(path), self.scopes)
            return scope is not None and not grows_with_data(
                scope.node, scope.bindings[name], self.uses(name, scope.node)
            )
        if isinstance(iterable, cst.Attribute) and isinstance(iterable.value, cst.Name):
            return self.attribute_type(iterable, path) is not None and not self.attribute_grows(
                iterable
            )
        return False

    def scope_nodes(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        """Scopes node runs in, innermost first, module last."""
        # Several rules resolve the same names of the visited node (`call.func`):
        # remember the answers until the traversal moves on.
        if self._scopes_for is not self.current:
            self._scopes_for = self.current
            self._scopes_cache.clear()
        found = self._scopes_cache.get(id(node))
        if found is None:
            found = self._scopes_cache[id(node)] = enclosing_scopes(self.path_to(node))
        return found

    def qualified_name(
        self, expr: cst.BaseExpression, path: Sequence[cst.CSTNode] | None = None
    ) -> str | None:
        """What a name or dotted name refers to, e.g. "numpy.append", or None.

        expr must be the visited node, an ancestor or a descendant, unless the
        path from the module down to it is given."""
        scopes = enclosing_scopes(path) if path is not None else self.scope_nodes(expr)
        return qualified_name(expr, scopes, self.scopes)

    def local_name_for(self, qualified: str, at: cst.CSTNode) -> str | None:
        """How the file already spells `qualified` at node `at`, if it does."""
        return local_name_for(qualified, self.scope_nodes(at), self.scopes)

    def refers_to(self, name: str, qualified: str, at: cst.CSTNode) -> bool:
        """True when the bare name, written at node `at`, means `qualified`
        (e.g. that `list` there is still the builtin)."""
        return resolve_name(name, self.scope_nodes(at), self.scopes) == qualified

    def binding_scope(self, name: str, at: cst.CSTNode) -> Scope | None:
        """The scope whose binding of name is seen at node `at` (None: builtin or free)."""
        return binding_scope(name, self.scope_nodes(at), self.scopes)

    def statement_of(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The statement holding node that sits directly in a block or the
        module body: where a line can be inserted before it."""
        path = self.path_to(node)
        for i in range(len(path) - 1, 0, -1):
            if isinstance(path[i - 1], (cst.IndentedBlock, cst.Module)):
                return path[i]
        return None

    def uses(self, name: str, root: cst.CSTNode) -> list[Use]:
        """uses_of(name, root), computed once per file: rules ask it for every
        test of the same name, and a long function must not be walked again each time."""
        key = (name, id(root))
        found = self._uses.get(key)
        if found is None:
            found = self._uses[key] = list(uses_of(name, root))
        return found

    def read_outside(self, name: str, scope_node: cst.CSTNode, inside: cst.CSTNode) -> bool:
        """Whether scope_node reads name anywhere outside the subtree `inside`
        (a loop whose variable a rewrite would stop binding, say)."""
        return any(
            not use.is_store() and not any(a is inside for a in use.ancestors)
            for use in self.uses(name, scope_node)
        )

    def grows_with_data(self, name: cst.Name) -> bool:
        """Whether the collection a local name holds can grow with the data
        (see perflint.analysis.usage.grows_with_data); False when unknown."""
        scope = self.binding_scope(name.value, name)
        if scope is None:
            return False
        uses = self.uses(name.value, scope.node)
        return grows_with_data(scope.node, scope.bindings[name.value], uses)

    def rebound_each_iteration(self, name: cst.Name, loop: Loop) -> bool:
        """Whether the loop's own body assigns the name afresh (`parts =
        line.split()`, not `acc = acc + [x]`) on every iteration: each value then
        lives for one iteration, and work on it repeats a bounded number of
        times, however long the loop runs."""
        body = getattr(loop.node, "body", None)
        return isinstance(body, cst.IndentedBlock) and any(
            block is body for _, block in self._fresh_stores(name)
        )

    def reset_in(self, name: cst.Name, loop: Loop) -> bool:
        """Whether the loop assigns the name afresh anywhere in its body, even
        conditionally (`sofar = ()` at each separator): the value is emptied
        again as the loop goes, so it does not grow with the whole loop."""
        return any(
            any(a is loop.node for a in use.ancestors) for use, _ in self._fresh_stores(name)
        )

    def _fresh_stores(self, name: cst.Name) -> list[tuple[Use, cst.CSTNode | None]]:
        """Assignments `name = value` (or annotated) whose value does not read
        name, each with the block holding its statement."""
        scope = self.binding_scope(name.value, name)
        if scope is None:
            return []
        found: list[tuple[Use, cst.CSTNode | None]] = []
        for use in self.uses(name.value, scope.node):
            ancestors = use.ancestors
            value: cst.BaseExpression | None = None
            block: cst.CSTNode | None = None
            if (
                len(ancestors) >= 2
                and isinstance(ancestors[-1], cst.AssignTarget)
                and isinstance(ancestors[-2], cst.Assign)
            ):
                value = ancestors[-2].value
                block = ancestors[-4] if len(ancestors) >= 4 else None
            elif isinstance(use.parent, cst.AnnAssign) and use.parent.target is use.name:
                value = use.parent.value
                block = ancestors[-3] if len(ancestors) >= 3 else None
            if value is not None and not _reads(value, name.value):
                found.append((use, block))
        return found

    def small_statement_before(self, statement: cst.CSTNode) -> cst.BaseSmallStatement | None:
        """The statement just before `statement` in its block, when that is a
        line holding one simple statement (`out = []` before a loop)."""
        path = self.path_to(statement)
        statements = list(getattr(path[-2], "body", ())) if len(path) > 1 else []
        index = next((i for i, s in enumerate(statements) if s is statement), 0)
        if not index:
            return None
        previous = statements[index - 1]
        if isinstance(previous, cst.SimpleStatementLine) and len(previous.body) == 1:
            return previous.body[0]
        return None

    def is_unbound(self, name: str, at: cst.CSTNode) -> bool:
        """True when no scope visible at `at` binds name (so importing it is safe)."""
        return all(name not in self.scopes.get(s).bindings for s in self.scope_nodes(at))

    def proven_type(self, expr: cst.BaseExpression) -> str | None:
        """'list', 'set', 'dict', 'str', 'bytes', 'tuple', 'deque', ... or None."""
        return self.types.of_expression(expr, self.scope_nodes(expr))

    def attribute_type(
        self, expr: cst.Attribute, path: Sequence[cst.CSTNode] | None = None
    ) -> str | None:
        """Like proven_type() for `self.queue` or `state.queue`: what every
        assignment of the attribute in the module gives, when the receiver's
        class is defined in the module (perflint.analysis.attributes). expr must
        be the visited node, an ancestor or a descendant, unless the path from
        the module down to it is given."""
        return self._attributes().of_attribute(expr, path or self.path_to(expr))

    def attribute_grows(self, expr: cst.Attribute) -> bool:
        """Whether the module appends to the attribute, or assigns it anything
        but a display of constants."""
        return self._attributes().grows(expr)

    def _attributes(self) -> AttributeFacts:
        if self._attribute_facts is None:
            self._attribute_facts = AttributeFacts(self.module, self.scopes, self.types)
        return self._attribute_facts


def _over_digits(loop: cst.CSTNode) -> bool:
    """`while n: n, digit = divmod(n, 10)` (or `n //= 2`, `n >>= 8`): the loop
    runs once per digit, a logarithmic number of times."""
    if not isinstance(loop, cst.While):
        return False
    tested = {n.value for n in iter_subtree(loop.test) if isinstance(n, cst.Name)}
    for node in iter_subtree(loop.body):
        if isinstance(node, cst.AugAssign) and isinstance(
            node.operator, (cst.FloorDivideAssign, cst.RightShiftAssign)
        ):
            if isinstance(node.target, cst.Name) and node.target.value in tested:
                return True
        if isinstance(node, cst.Assign) and len(node.targets) == 1:
            target = node.targets[0].target
            first = target.elements[0].value if isinstance(target, cst.Tuple) else target
            if (
                isinstance(first, cst.Name)
                and first.value in tested
                and _divides(node.value, first.value)
            ):
                return True
    return False


def _divides(value: cst.BaseExpression, name: str) -> bool:
    """`divmod(name, k)`, `name // k`, `name >> k`."""
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
        return (
            value.func.value == "divmod"
            and bool(value.args)
            and isinstance(value.args[0].value, cst.Name)
            and value.args[0].value.value == name
        )
    return (
        isinstance(value, cst.BinaryOperation)
        and isinstance(value.operator, (cst.FloorDivide, cst.RightShift))
        and isinstance(value.left, cst.Name)
        and value.left.value == name
    )


def _path_below(root: cst.CSTNode | None, target: cst.CSTNode) -> list[cst.CSTNode] | None:
    """The path from root down to target, root first; None if target is not below."""
    if root is None:
        return None
    stack: list[tuple[cst.CSTNode, int]] = [(root, 0)]
    path: list[cst.CSTNode] = []
    while stack:
        node, depth = stack.pop()
        del path[depth:]
        path.append(node)
        if node is target:
            return path
        stack.extend((child, depth + 1) for child in reversed(children(node)))
    return None


def _reads(expr: cst.CSTNode, name: str) -> bool:
    """Whether expr reads the name (`sf.surv_times` reads `sf`, not `surv_times`)."""
    attributes = {id(n.attr) for n in iter_subtree(expr) if isinstance(n, cst.Attribute)}
    return any(
        isinstance(n, cst.Name) and n.value == name and id(n) not in attributes
        for n in iter_subtree(expr)
    )
