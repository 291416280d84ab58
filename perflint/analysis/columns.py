"""Whether code done once per row (or per array element) is *column work*: the
same code written once over whole columns or arrays does the same.

Column work is built from the row's fields (`row["price"]`, `row.qty`,
`a[i]`: what the caller says a field is), numbers and strings, names the loop
does not change, arithmetic, comparisons, `x if c else y`, and the numeric
functions NumPy has as whole-array functions (`abs`, `min`/`max` of two,
`math.sqrt`, `np.exp`...). A loop body of column work only builds a list of
such values, accumulates them (`total += ...`, `best = max(best, ...)`),
keeps temporaries, writes them back where the caller allows (`df.at[idx, "c"]
= ...`, `out[i] = ...`) and branches on such tests. Any other call (a Python
function of the project, a method, `print`) means it is not: per point 7 of
the arrays rules, a loop calling unknown code per row is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import libcst as cst

from perflint.analysis.names import Scopes, qualified_name
from perflint.analysis.scopes import target_names
from perflint.tree import iter_subtree

# Scalar functions with a whole-array counterpart (np.abs, np.round, np.sqrt...).
_BUILTINS = frozenset({"builtins.abs", "builtins.round", "builtins.float", "builtins.int"})
_BINARY_BUILTINS = frozenset({"builtins.min", "builtins.max"})  # np.minimum / np.maximum
_MATH = frozenset(
    {"sqrt", "exp", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "asin",
     "acos", "atan", "atan2", "sinh", "cosh", "tanh", "floor", "ceil", "trunc", "fabs",
     "hypot", "pow", "isnan", "isinf", "isfinite", "degrees", "radians", "copysign"}
)  # fmt: skip
_NUMPY = frozenset(
    {"sqrt", "cbrt", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos",
     "tan", "arcsin", "arccos", "arctan", "arctan2", "sinh", "cosh", "tanh", "hypot", "abs",
     "absolute", "fabs", "sign", "floor", "ceil", "trunc", "rint", "round", "power", "square",
     "minimum", "maximum", "fmin", "fmax", "isnan", "isinf", "isfinite", "where", "clip",
     "deg2rad", "rad2deg", "float64", "float32", "int64", "int32"}
)  # fmt: skip
_CONSTANTS = frozenset(
    {"math.pi", "math.e", "math.inf", "math.tau", "numpy.pi", "numpy.e", "numpy.inf", "numpy.nan"}
)
_ARITHMETIC = (
    cst.Add, cst.Subtract, cst.Multiply, cst.Divide, cst.FloorDivide, cst.Modulo, cst.Power,
)  # fmt: skip
_COMPARISONS = (
    cst.LessThan, cst.GreaterThan, cst.LessThanEqual, cst.GreaterThanEqual, cst.Equal,
    cst.NotEqual,
)  # fmt: skip
_ACCUMULATING = (cst.AddAssign, cst.SubtractAssign, cst.MultiplyAssign)

# Is this expression a field of the current row or element?
FieldTest = Callable[[cst.BaseExpression], bool]
# Is this assignment target a write the vectorised form can make (`df.at[idx, "c"]`)?
WriteTest = Callable[[cst.BaseExpression], bool]


@dataclass
class ColumnWork:
    """Judges one loop body. fields and writes come from the rule; scope_nodes
    resolve names (`np`, `math`) where the loop runs."""

    is_field: FieldTest
    is_write: WriteTest
    scope_nodes: Sequence[cst.CSTNode]
    scopes: Scopes
    loop_names: frozenset[str]  # names the loop binds each iteration (targets)
    fields_read: int = 0
    writes: int = 0
    temporaries: set[str] = field(default_factory=set)
    accumulators: set[str] = field(default_factory=set)
    lists: set[str] = field(default_factory=set)  # built with .append
    # Names the body assigns: before their assignment in an iteration they hold
    # the previous iteration's value, so they are not loop invariants.
    assigned: frozenset[str] = frozenset()

    def body(self, block: cst.BaseSuite) -> bool:
        """Whether the block is column work (and the rules' fields are read)."""
        self.assigned = assigned_names(block)
        return self._block(block) and (self.fields_read > 0 or self.writes > 0)

    # --- statements ---

    def _block(self, block: cst.BaseSuite) -> bool:
        if isinstance(block, cst.SimpleStatementSuite):
            return all(self._small(s) for s in block.body)
        if not isinstance(block, cst.IndentedBlock):
            return False
        for statement in block.body:
            if isinstance(statement, cst.SimpleStatementLine):
                if not all(self._small(s) for s in statement.body):
                    return False
            elif isinstance(statement, cst.If):
                if not self._if(statement):
                    return False
            else:
                return False  # loops, try, with, nested definitions
        return True

    def _if(self, node: cst.If) -> bool:
        if not self.expression(node.test, test=True) or not self._block(node.body):
            return False
        orelse = node.orelse
        if isinstance(orelse, cst.If):
            return self._if(orelse)
        if isinstance(orelse, cst.Else):
            return self._block(orelse.body)
        return True

    def _small(self, node: cst.BaseSmallStatement) -> bool:
        if isinstance(node, (cst.Pass, cst.Continue)):
            return True
        if isinstance(node, cst.Expr):
            return self._append(node.value)
        if isinstance(node, cst.AugAssign):
            return self._augmented(node)
        if isinstance(node, cst.Assign) and len(node.targets) == 1:
            return self._assign(node.targets[0].target, node.value)
        return False

    def _append(self, value: cst.BaseExpression) -> bool:
        """`out.append(expr)`: a list built from column values."""
        if not (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Attribute)
            and value.func.attr.value == "append"
            and isinstance(value.func.value, cst.Name)
            and len(value.args) == 1
            and value.args[0].keyword is None
            and not value.args[0].star
        ):
            return False
        name = value.func.value.value
        if name in self.loop_names or name in self.temporaries or name in self.accumulators:
            return False
        self.lists.add(name)
        return self.expression(value.args[0].value)

    def _augmented(self, node: cst.AugAssign) -> bool:
        target = node.target
        if isinstance(target, cst.Name):
            if not isinstance(node.operator, _ACCUMULATING):
                return False
            name = target.value
            if name in self.loop_names or name in self.temporaries or name in self.lists:
                return False
            self.accumulators.add(name)
            return self.expression(node.value)
        if self.is_write(target):
            self.writes += 1
            return self.expression(node.value)
        return False

    def _assign(self, target: cst.BaseAssignTargetExpression, value: cst.BaseExpression) -> bool:
        if isinstance(target, cst.Name):
            name = target.value
            if name in self.loop_names or name in self.lists:
                return False
            if _mentions(value, name):  # `best = max(best, x)`: a running reduction
                if name in self.temporaries or not _reduction(value, name, self):
                    return False
                self.accumulators.add(name)
                return True
            if name in self.accumulators:
                return False
            if not self.expression(value):
                return False
            self.temporaries.add(name)
            return True
        if self.is_write(target):
            self.writes += 1
            return self.expression(value)
        return False

    # --- expressions ---

    def expression(self, expr: cst.BaseExpression, test: bool = False) -> bool:
        """Whether expr is column work; counts the fields it reads."""
        if self.is_field(expr):
            self.fields_read += 1
            return True
        if isinstance(expr, (cst.Integer, cst.Float, cst.SimpleString)):
            return True
        if isinstance(expr, cst.Name):
            name = expr.value
            if name in ("True", "False"):
                return True
            if name in self.accumulators or name in self.lists:
                return False  # a running value read per row: not one column expression
            if name in self.temporaries:
                return True
            return name not in self.loop_names and name not in self.assigned
        if isinstance(expr, cst.Attribute):
            return qualified_name(expr, self.scope_nodes, self.scopes) in _CONSTANTS
        if isinstance(expr, cst.BinaryOperation):
            return (
                isinstance(expr.operator, _ARITHMETIC)
                and self.expression(expr.left)
                and self.expression(expr.right)
            )
        if isinstance(expr, cst.UnaryOperation):
            if isinstance(expr.operator, cst.Not) and not test:
                return False
            return self.expression(expr.expression, test)
        if isinstance(expr, cst.Comparison):
            return (
                all(isinstance(c.operator, _COMPARISONS) for c in expr.comparisons)
                and self.expression(expr.left)
                and all(self.expression(c.comparator) for c in expr.comparisons)
            )
        if isinstance(expr, cst.BooleanOperation):
            return test and self.expression(expr.left, test) and self.expression(expr.right, test)
        if isinstance(expr, cst.IfExp):
            return (
                self.expression(expr.test, test=True)
                and self.expression(expr.body)
                and self.expression(expr.orelse)
            )
        if isinstance(expr, cst.Call):
            return self._call(expr)
        return False

    def _call(self, call: cst.Call) -> bool:
        if any(a.star or a.keyword is not None for a in call.args):
            return False
        called = qualified_name(call.func, self.scope_nodes, self.scopes) or ""
        module, _, name = called.rpartition(".")
        known = (
            called in _BUILTINS
            or (called in _BINARY_BUILTINS and len(call.args) == 2)
            or (module == "math" and name in _MATH)
            or (module == "numpy" and name in _NUMPY)
        )
        return known and all(self.expression(a.value) for a in call.args)


def _mentions(expr: cst.BaseExpression, name: str) -> bool:
    return any(isinstance(n, cst.Name) and n.value == name for n in iter_subtree(expr))


def _reduction(value: cst.BaseExpression, name: str, work: ColumnWork) -> bool:
    """`name + expr`, `expr * name`, `max(name, expr)`, `min(expr, name)`: expr
    column work that does not read name."""
    if isinstance(value, cst.BinaryOperation) and isinstance(
        value.operator, (cst.Add, cst.Multiply)
    ):
        sides = (value.left, value.right)
    elif (
        isinstance(value, cst.Call)
        and qualified_name(value.func, work.scope_nodes, work.scopes) in _BINARY_BUILTINS
        and len(value.args) == 2
        and not any(a.star or a.keyword for a in value.args)
    ):
        sides = (value.args[0].value, value.args[1].value)
    else:
        return False
    own = [s for s in sides if isinstance(s, cst.Name) and s.value == name]
    other = [s for s in sides if not (isinstance(s, cst.Name) and s.value == name)]
    return (
        len(own) == 1
        and len(other) == 1
        and not _mentions(other[0], name)
        and (work.expression(other[0]))
    )


def assigned_names(block: cst.CSTNode) -> frozenset[str]:
    """Names assigned anywhere under block."""
    return frozenset(
        n.value
        for node in iter_subtree(block)
        if isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign))
        for n in target_names(node.target)
    )


def bound_names(target: cst.BaseExpression) -> frozenset[str]:
    return frozenset(n.value for n in target_names(target))
