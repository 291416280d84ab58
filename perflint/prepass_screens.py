"""Screens: exact, cheap `ast` tests of a unit that a rule needs to hold
before it can report there (perflint.prepass).

A rule whose findings all sit in loops would otherwise keep every unit with a
loop (about half of the standard library's code) for LibCST. A screen is a
*necessary* condition for the rule to report, read off its visitor: PFL102
reports `x in name` inside a loop, so a loop without an `in` test of a name
cannot hold a finding. A screen that drops a unit where the rule would report
is a silent miss, so each errs towards keeping: it treats anything inside a
loop node (its iterable, its target, nested functions) as inside the loop,
and a name as bound by an import wherever in the file that import is.
tests/test_prepass.py compares the results with a full parse.

Every screen needs a loop: `for`, `while` or a comprehension. Rules name their
screens in `Needs.screens`; `Needs.loop_calls` asks for a call spelled with one
of some names (`x.pop(...)`, `re.compile(...)`) inside a loop.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property

LOOPS = (
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)
STATEMENT_LOOPS = (ast.For, ast.AsyncFor, ast.While)
# Nodes that start a scope of their own: what they bind is not the loop's.
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, *LOOPS[3:])

# Calls PFL403 may judge pure, by how they are spelled: a builtin called by its
# bare name, a str method, or anything reached through an import (`File.imported`:
# os.path.join, math.*). Supersets of perflint.analysis.invariance's
# CONTENT_BUILTINS | SCALAR_BUILTINS and STR_METHODS (tests/test_prepass.py).
PURE_CALL_NAMES = frozenset(
    {"sorted", "min", "max", "sum", "any", "all", "tuple", "frozenset", "set", "list", "str",
     "len", "abs", "int", "float", "bool", "round", "ord", "chr", "range"}
)  # fmt: skip
# Builtins too cheap for PFL403 to report alone: a subset of its CHEAP_CALLS.
CHEAP_CALL_NAMES = frozenset({"len", "abs", "int", "float", "bool", "round", "ord", "chr", "range"})
STR_METHOD_NAMES = frozenset(
    {"lower", "upper", "casefold", "strip", "lstrip", "rstrip", "title", "capitalize",
     "swapcase", "replace", "format", "join", "startswith", "endswith", "find", "rfind",
     "count", "encode", "removeprefix", "removesuffix", "zfill", "center", "ljust", "rjust",
     "expandtabs", "partition", "rpartition", "isdigit", "isalpha", "isalnum", "isspace",
     "islower", "isupper", "split", "rsplit", "splitlines"}
)  # fmt: skip
# PFL301's evidence of float or array work (perflint.jit.numeric): attributes of
# arrays, and the modules whose functions count.
ARRAY_ATTRIBUTES = frozenset({"shape", "ndim", "dtype", "T", "flat", "strides"})
NUMERIC_MODULES = frozenset({"numpy", "math", "cmath"})
# What proves a NumPy array or a pandas object (perflint.analysis.arrays): an
# import of either, or methods only pandas objects have. Searched in the raw
# text (comments and strings too: more is kept, never less).
_ARRAY_WORDS = re.compile(r"\b(?:numpy|pandas|iterrows|itertuples|iloc|iat)\b")
# What proves a name holds bytes (perflint.analysis.types): a bytes literal, the
# `bytes` constructor or annotation, or an import from builtins that may rename it.
_BYTES_WORDS = re.compile(r"\bbytes\b|\bbuiltins\b|(?<![\w.])(?:[bB][rR]?|[rR][bB])['\"]")
_GLOBAL = re.compile(r"\bglobal\b")
# Functions PFL503 and PFL404 report, by their last name (supersets of
# perflint.analysis.services.HTTP_FUNCTIONS' and perflint.analysis.regex's).
HTTP_CALL_NAMES = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "urlopen"}
)
REGEX_CALL_NAMES = frozenset(
    {"compile", "search", "match", "fullmatch", "findall", "finditer", "split", "sub", "subn"}
)
_SQLALCHEMY = re.compile(r"\b(?:sqlalchemy|flask_sqlalchemy|sqlmodel)\b")


class File:
    """Facts about the whole file that screens ask for, each computed once."""

    def __init__(self, tree: ast.Module, text: str) -> None:
        self.tree = tree
        self.text = text
        self.numeric_work: dict[int, bool] = {}  # id of a function -> PFL301's evidence

    @cached_property
    def _imports(self) -> tuple[frozenset[str], frozenset[str], bool]:
        names: set[str] = set()
        numeric: set[str] = set()
        star = False
        for node in import_statements(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    names.add(bound)
                    if alias.name.split(".")[0] in NUMERIC_MODULES:
                        numeric.add(bound)
            elif isinstance(node, ast.ImportFrom):
                top = (node.module or "").split(".")[0]
                for alias in node.names:
                    star = star or alias.name == "*"
                    names.add(alias.asname or alias.name)
                    if top in NUMERIC_MODULES or not node.module:
                        numeric.add(alias.asname or alias.name)
        return frozenset(names), frozenset(numeric), star

    @cached_property
    def renames(self) -> list[tuple[str, str]]:
        """(name, alias) of each import that renames what it binds
        (`from functools import reduce as fold`; `njit` for `numba.njit`)."""
        return [
            (alias.name.rsplit(".", 1)[-1], alias.asname)
            for node in import_statements(self.tree)
            for alias in node.names
            if alias.asname
        ]

    @property
    def imported(self) -> frozenset[str]:
        """Names some import in the file binds."""
        return self._imports[0]

    @property
    def numeric(self) -> frozenset[str]:
        """Names bound by importing numpy, math or cmath (or from a relative module)."""
        return self._imports[1]

    @property
    def star_import(self) -> bool:
        return self._imports[2]

    @cached_property
    def arrays(self) -> bool:
        """Whether anything in the file may be proven a NumPy array or a pandas object."""
        return _ARRAY_WORDS.search(self.text) is not None

    @cached_property
    def bytes_or_global(self) -> bool:
        """Whether a name in the file may be proven bytes, or declared global."""
        return bool(_BYTES_WORDS.search(self.text) or _GLOBAL.search(self.text))


# The fields of statements (and of except and case clauses) that hold statements.
_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def import_statements(tree: ast.Module) -> Iterable[ast.Import | ast.ImportFrom]:
    """Every import statement of tree, at any depth. Only statements are
    walked: an expression holds none (a tenth of the nodes of `ast.walk`)."""
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        for field in _BLOCKS:
            block = getattr(node, field, None)
            if block:
                stack.extend(block)


class Unit:
    """The part of a file a screen looks at, and what screens learnt of it."""

    def __init__(self, nodes: Sequence[ast.AST], top: ast.AST | None, file: File) -> None:
        self.nodes = nodes
        self.top = top  # the statement, for a module-level function
        self.file = file
        self.numeric_work: bool | None = None  # PFL301's evidence, once asked
        self.bound: dict[int, set[str]] = {}  # id of a loop -> what it binds

    @cached_property
    def lists(self) -> frozenset[str]:
        """Names the unit assigns a list display to (`names = ["a", "b"]`,
        `names: list = [...]`, `(names := [...])`)."""
        found: set[str] = set()
        for node in self.nodes:
            for n in ast.walk(node):
                if isinstance(n, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and isinstance(
                    n.value, ast.List
                ):
                    targets = n.targets if isinstance(n, ast.Assign) else [n.target]
                    found.update(t.id for t in targets if isinstance(t, ast.Name))
        return frozenset(found)


# A screen: (node, the loops around it, innermost last, its unit).
Test = Callable[[ast.AST, Sequence[ast.AST], Unit], bool]


def screened(unit: Unit, calls: frozenset[str], names: frozenset[str]) -> bool:
    """Whether a node of unit passes a screen named in names, or is a call
    spelled with one of calls inside a loop."""
    in_loops: dict[type, list[Test]] = {}
    anywhere: dict[type, list[Test]] = {}
    for name in names:
        types, test = SCREENS[name]
        for node_type in types:
            in_loops.setdefault(node_type, []).append(test)
            if name in ANYWHERE:
                anywhere.setdefault(node_type, []).append(test)
    stack: list[tuple[ast.AST, tuple[ast.AST, ...]]] = [(n, ()) for n in unit.nodes]
    while stack:
        node, loops = stack.pop()
        if loops and calls and isinstance(node, ast.Call) and _spelled(node.func) in calls:
            return True
        tests = in_loops if loops or isinstance(node, LOOPS) else anywhere
        for test in tests.get(type(node), ()):
            if test(node, loops, unit):
                return True
        inner = (*loops, node) if isinstance(node, LOOPS) else loops
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))
    return False


def _spelled(func: ast.expr) -> str | None:
    """The last name a callee is spelled with: `f` in `f(...)`, `pop` in `x.y.pop(...)`."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _dotted(expr: ast.expr) -> str | None:
    parts = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name):
        return None
    return ".".join([expr.id, *reversed(parts)])


def _own_nodes(node: ast.AST) -> Iterable[ast.AST]:
    """node and what it holds, without what nested scopes (lambdas,
    comprehensions, functions, classes) hold."""
    stack = [node]
    while stack:
        found = stack.pop()
        yield found
        if found is node or not isinstance(found, _SCOPES):
            stack.extend(ast.iter_child_nodes(found))


# --- the screens, by rule ---


def _membership_of_name(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL102: `x in name` / `x not in name`."""
    assert isinstance(node, ast.Compare)
    return any(
        isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, ast.Name)
        for op, right in zip(node.ops, node.comparators, strict=True)
    )


def _membership(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL205: `in` a list or tuple display, or a name the unit binds to a
    list display (the rule judges function locals only)."""
    assert isinstance(node, ast.Compare)
    return any(
        isinstance(op, (ast.In, ast.NotIn))
        and (
            isinstance(right, (ast.List, ast.Tuple))
            or (isinstance(right, ast.Name) and right.id in unit.lists)
        )
        for op, right in zip(node.ops, node.comparators, strict=True)
    )


def _delete_item(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL103: `del name[...]`."""
    assert isinstance(node, ast.Delete)
    return any(isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) for t in node.targets)


# Values `+=` that PFL105 rules out before proving types (its _NOT_TUPLES).
_NOT_TUPLES = (ast.JoinedStr, ast.List, ast.ListComp, ast.Dict, ast.Set)


def _copy_accumulate(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL105: `acc = acc + ...`, `acc = [*acc, ...]`, `acc += <not a number,
    string or display>`."""
    if isinstance(node, ast.AugAssign):
        value = node.value
        constant = isinstance(value, ast.Constant) and type(value.value) in (
            int, float, complex, str, bytes,
        )  # fmt: skip
        return (
            isinstance(node.op, ast.Add)
            and isinstance(node.target, ast.Name)
            and not constant
            and not isinstance(value, _NOT_TUPLES)
        )
    assert isinstance(node, ast.Assign)
    if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
        return False
    name, value = node.targets[0].id, node.value
    if isinstance(value, ast.BinOp):
        return isinstance(value.op, ast.Add) and _dotted(value.left) == name
    if isinstance(value, ast.List) and value.elts:
        first = value.elts[0]
        return isinstance(first, ast.Starred) and _dotted(first.value) == name
    return False


def _concat_in_place(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL106: `s += <not a number>`, `s = s + ...`, where s is `name.attr`
    (a str or bytes attribute), or a name in a file where a name may be bytes
    or global (a local str is left alone: CPython appends to it in place)."""
    target: ast.expr
    if isinstance(node, ast.AugAssign):
        value, target = node.value, node.target
        number = isinstance(value, ast.Constant) and type(value.value) in (int, float, complex)
        if not isinstance(node.op, ast.Add) or number:
            return False
    else:
        assert isinstance(node, ast.Assign)
        if len(node.targets) != 1 or not isinstance(node.value, ast.BinOp):
            return False
        target, left = node.targets[0], node.value.left
        # The rule compares the two sides' code: the same code is the same tree.
        if not (
            isinstance(node.value.op, ast.Add)
            and type(left) is type(target)
            and ast.unparse(left) == ast.unparse(target)
        ):
            return False
    if isinstance(target, ast.Attribute):
        return isinstance(target.value, ast.Name)
    return isinstance(target, ast.Name) and unit.file.bytes_or_global


def _array_growth(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL107: `a = f(..., a, ...)`: a call that mentions the name it rebinds,
    in a file with arrays."""
    assert isinstance(node, ast.Assign)
    if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
        return False
    call, name = node.value, node.targets[0].id
    return (
        unit.file.arrays  # numpy.append, numpy.concatenate, pandas' append and concat
        and isinstance(call, ast.Call)
        and bool(call.args or call.keywords)
        and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(call))
    )


def _equality_in_nested_loops(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL108: `a == b` inside two loops."""
    assert isinstance(node, ast.Compare)
    # `[a for a in xs for b in ys if a.k == b.k]` is two loops in one node.
    count = sum(len(getattr(loop, "generators", (loop,))) for loop in loops)
    return count >= 2 and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq)


def _pair_loop(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL204: `for k, v in x.items()`, in a statement or a comprehension."""
    if isinstance(node, (ast.For, ast.AsyncFor)):
        pairs = [(node.target, node.iter)]
    elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        pairs = [(g.target, g.iter) for g in node.generators]
    else:
        return False
    return any(
        isinstance(target, ast.Tuple)
        and len(target.elts) == 2
        and all(isinstance(e, ast.Name) for e in target.elts)
        and isinstance(iterable, ast.Call)
        and not (iterable.args or iterable.keywords)
        and isinstance(iterable.func, ast.Attribute)
        and iterable.func.attr == "items"
        for target, iterable in pairs
    )


def _counting_loop(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL206: `for x in xs:` whose one statement is `if x in d: ... else: ...`
    or `d[x] = d.get(...) + 1`."""
    assert isinstance(node, (ast.For, ast.AsyncFor))
    if not isinstance(node.target, ast.Name) or node.orelse or len(node.body) != 1:
        return False
    item, only = node.target.id, node.body[0]
    if isinstance(only, ast.If):
        test = only.test
        return (
            bool(only.orelse)
            and isinstance(test, ast.Compare)
            and len(test.ops) == 1
            and isinstance(test.ops[0], ast.In)
            and _dotted(test.left) == item
            and isinstance(test.comparators[0], ast.Name)
        )
    if not isinstance(only, ast.Assign) or len(only.targets) != 1:
        return False
    target, value = only.targets[0], only.value
    return (
        isinstance(target, ast.Subscript)
        and isinstance(target.value, ast.Name)
        and _dotted(target.slice) == item
        and isinstance(value, ast.BinOp)
        and isinstance(value.op, ast.Add)
        and isinstance(value.left, ast.Call)
        and isinstance(value.right, ast.Constant)
        and value.right.value == 1
    )


def _grouping_by_copy(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL207: `d[k] = d.get(k, []) + [v]`."""
    assert isinstance(node, ast.Assign)
    if len(node.targets) != 1:
        return False
    target, value = node.targets[0], node.value
    return (
        isinstance(target, ast.Subscript)
        and isinstance(target.value, ast.Name)
        and isinstance(value, ast.BinOp)
        and isinstance(value.op, ast.Add)
        and isinstance(value.left, ast.Call)
        and isinstance(value.right, ast.List)
        and len(value.right.elts) == 1
    )


def _import_in_loop(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL401: an import statement directly in a loop's body."""
    assert isinstance(node, STATEMENT_LOOPS)
    return any(isinstance(s, (ast.Import, ast.ImportFrom)) for s in node.body)


def _append_loop(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL402: `for` whose body is `name.append(one)`, maybe under one `if` without `else`."""
    assert isinstance(node, (ast.For, ast.AsyncFor))
    if isinstance(node, ast.AsyncFor) or node.orelse or len(node.body) != 1:
        return False
    only = node.body[0]
    if isinstance(only, ast.If) and not only.orelse and len(only.body) == 1:
        only = only.body[0]
    call = only.value if isinstance(only, ast.Expr) else None
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "append"
        and isinstance(call.func.value, ast.Name)
        and len(call.args) + len(call.keywords) == 1
    )


def _try_in_loop(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL405: a loop whose body is one `try` with handlers, no `else` or `finally`."""
    assert isinstance(node, STATEMENT_LOOPS)
    if len(node.body) != 1 or not isinstance(node.body[0], ast.Try):
        return False
    only = node.body[0]
    return bool(only.handlers) and not only.orelse and not only.finalbody


def _invariant_call(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL403: a call PFL403 may judge pure (a known name, a str method, or
    anything reached through an import) that reads no name some enclosing
    `for`/`while` binds."""
    assert isinstance(node, ast.Call)
    if any(isinstance(a, ast.Starred) for a in node.args):
        return False
    func = node.func
    root: ast.expr = func
    while isinstance(root, ast.Attribute):
        root = root.value
    if isinstance(func, ast.Name) and func.id in CHEAP_CALL_NAMES:
        # Reported only with a costlier invariant call around or inside it,
        # which passes on its own; an import may rename another function so.
        return func.id in unit.file.imported or unit.file.star_import
    if isinstance(root, ast.Name):
        known = (
            (isinstance(func, ast.Name) and func.id in PURE_CALL_NAMES)
            or (isinstance(func, ast.Attribute) and func.attr in STR_METHOD_NAMES)
            or root.id in unit.file.imported
            or unit.file.star_import
        )
    else:  # `", ".join(...)`: a method of a string literal
        known = (
            isinstance(root, ast.Constant)
            and isinstance(root.value, (str, bytes))
            and isinstance(func, ast.Attribute)
            and func.attr in STR_METHOD_NAMES
        )
    if not known:
        return False
    read = {n.id for n in _own_nodes(node) if isinstance(n, ast.Name)}
    return any(
        read.isdisjoint(_bound_in(loop, unit))
        for loop in loops
        if isinstance(loop, STATEMENT_LOOPS)
    )


def _bound_in(loop: ast.AST, unit: Unit) -> set[str]:
    """Names a loop binds in its own scope: its target and what its body
    assigns (`x: int` alone binds nothing); kept in unit per loop."""
    found = unit.bound.get(id(loop))
    if found is None:
        found = unit.bound[id(loop)] = _bound_by(loop)
    return found


def _bound_by(loop: ast.AST) -> set[str]:
    nodes = list(_own_nodes(loop))
    declared = {
        id(n.target) for n in nodes if isinstance(n, ast.AnnAssign) and n.value is None
    }  # fmt: skip
    return {
        n.id
        for n in nodes
        if isinstance(n, ast.Name)
        and isinstance(n.ctx, (ast.Store, ast.Del))
        and id(n) not in declared
    }


def _filter_in_loop(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL605: `df[mask]` or `df.loc[mask, ...]` with a comparison in the mask,
    in a file with arrays."""
    assert isinstance(node, ast.Subscript)
    mask = node.slice
    if isinstance(mask, ast.Tuple) and mask.elts:
        mask = mask.elts[0]
    return isinstance(mask, (ast.Compare, ast.BinOp)) and unit.file.arrays


def _row_append(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL606: `df.loc[...] = ...` in a file with pandas."""
    assert isinstance(node, ast.Assign)
    return (
        len(node.targets) == 1
        and isinstance(node.targets[0], ast.Subscript)
        and isinstance(node.targets[0].value, ast.Attribute)
        and node.targets[0].value.attr == "loc"
        and unit.file.arrays
    )


def _element_loop(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL607: a plain `for` (no `else`) in a file with arrays."""
    assert isinstance(node, ast.For)
    return not node.orelse and unit.file.arrays


def _jit_kernel(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL301: a loop in an undecorated module-level function that shows float
    or array work somewhere (perflint.jit.numeric.reason_to_leave): a float
    literal, a true division, `x.shape`, `float(...)`, a name imported from
    numpy, math or cmath, or `a[i, j]` in a file naming numpy."""
    top = unit.top
    if not isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef)) or top.decorator_list:
        return False
    if unit.numeric_work is None:
        unit.numeric_work = unit.file.star_import or _numeric_work(top, unit.file)
    return unit.numeric_work


def _numeric_work(function: ast.AST, file: File) -> bool:
    numeric = file.numeric
    for n in ast.walk(function):
        if isinstance(n, ast.Constant) and type(n.value) in (float, complex):
            return True
        if isinstance(n, (ast.BinOp, ast.AugAssign)) and isinstance(n.op, ast.Div):
            return True
        if isinstance(n, ast.Attribute) and n.attr in ARRAY_ATTRIBUTES:
            return True
        if isinstance(n, ast.Name) and (n.id in numeric or n.id == "float"):
            return True
        if isinstance(n, ast.Subscript) and isinstance(n.slice, ast.Tuple) and file.arrays:
            return True  # `a[i, j]` in a module using numpy
    return False


def _needless_list(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL202 (anywhere): `f(list(x))` with one argument (`len`), `list(x)[...]`,
    `for ... in list(x)`."""
    inner: ast.expr | None
    if isinstance(node, ast.Call):
        sole = [*node.args, *(k.value for k in node.keywords)]
        inner = sole[0] if len(sole) == 1 else None
        if isinstance(inner, ast.Starred):
            inner = inner.value
    elif isinstance(node, ast.Subscript):
        inner = node.value
    else:
        assert isinstance(node, (ast.For, ast.AsyncFor))
        inner = node.iter
    return (
        isinstance(inner, ast.Call)
        and isinstance(inner.func, ast.Name)
        and inner.func.id == "list"
        and len(inner.args) == 1
        and not isinstance(inner.args[0], ast.Starred)
        and not inner.keywords
    )


def _sorted_extreme(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL201 (anywhere): `sorted(...)[...]`."""
    assert isinstance(node, ast.Subscript)
    call = node.value
    return isinstance(call, ast.Call) and _dotted(call.func) == "sorted"


def _imported_call(func: ast.expr, names: frozenset[str], file: File) -> bool:
    """A call spelled with one of names and reached through an import
    (`requests.get`, `re.compile`, `from re import compile`)."""
    root = func
    while isinstance(root, ast.Attribute):
        root = root.value
    return (
        _spelled(func) in names
        and isinstance(root, ast.Name)
        and (root.id in file.imported or file.star_import)
    )


def _http_call(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL503: `requests.get(...)`, `httpx.post(...)`, `urlopen(...)`."""
    assert isinstance(node, ast.Call)
    return _imported_call(node.func, HTTP_CALL_NAMES, unit.file)


def _regex_call(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL404: `re.search(...)` and the other functions of `re` taking a pattern."""
    assert isinstance(node, ast.Call)
    return _imported_call(node.func, REGEX_CALL_NAMES, unit.file)


def _query_call(node: ast.AST, loops: Sequence[ast.AST], unit: Unit) -> bool:
    """PFL504: a method of `X.objects` (Django), of `session` or `x.session` in
    a file naming SQLAlchemy, or `name.execute(...)` (a DB-API cursor)."""
    assert isinstance(node, ast.Call)
    func = node.func
    if not isinstance(func, ast.Attribute):
        return False
    receiver = func.value
    if isinstance(receiver, ast.Attribute) and receiver.attr == "objects":
        return True
    if func.attr == "execute" and isinstance(receiver, ast.Name):
        return True
    session = (isinstance(receiver, ast.Name) and receiver.id == "session") or (
        isinstance(receiver, ast.Attribute) and receiver.attr == "session"
    )
    return session and _SQLALCHEMY.search(unit.file.text) is not None


# Screens that do not need a loop, each with a pattern its unit's code must match.
ANYWHERE = {
    "needless-list": re.compile(r"\blist\s*\("),
    "sorted-extreme": re.compile(r"\bsorted\s*\("),
}

SCREENS: dict[str, tuple[tuple[type, ...], Test]] = {
    "needless-list": ((ast.Call, ast.Subscript, ast.For, ast.AsyncFor), _needless_list),
    "sorted-extreme": ((ast.Subscript,), _sorted_extreme),
    "http-call": ((ast.Call,), _http_call),
    "regex-call": ((ast.Call,), _regex_call),
    "query-call": ((ast.Call,), _query_call),
    "membership-of-name": ((ast.Compare,), _membership_of_name),
    "membership": ((ast.Compare,), _membership),
    "delete-item": ((ast.Delete,), _delete_item),
    "copy-accumulate": ((ast.Assign, ast.AugAssign), _copy_accumulate),
    "concat-in-place": ((ast.Assign, ast.AugAssign), _concat_in_place),
    "array-growth": ((ast.Assign,), _array_growth),
    "equality-in-nested-loops": ((ast.Compare,), _equality_in_nested_loops),
    "pair-loop": (LOOPS, _pair_loop),
    "counting-loop": ((ast.For, ast.AsyncFor), _counting_loop),
    "grouping-by-copy": ((ast.Assign,), _grouping_by_copy),
    "import-in-loop": (STATEMENT_LOOPS, _import_in_loop),
    "append-loop": ((ast.For,), _append_loop),
    "try-in-loop": (STATEMENT_LOOPS, _try_in_loop),
    "invariant-call": ((ast.Call,), _invariant_call),
    "filter-in-loop": ((ast.Subscript,), _filter_in_loop),
    "row-append": ((ast.Assign,), _row_append),
    "element-loop": ((ast.For,), _element_loop),
    "jit-kernel": (STATEMENT_LOOPS, _jit_kernel),
}
