"""What is a pandas DataFrame, a pandas Series or a NumPy ndarray, proven
from the source: annotations, constructors (`pd.DataFrame(...)`,
`pd.read_csv(...)`, `np.zeros(...)`), methods that return one (`df.copy()`,
`df["a"]`, `s.to_numpy()`), and, for a name nothing else tells about, the
methods only pandas objects have (`df.iterrows()`, `df.iloc`).

Names are resolved through the file's imports, so `from pandas import
DataFrame as F` counts. Like perflint.analysis.types, a name's kind is proven
only when every binding of it in its scope gives the same kind; anything else
is unknown, and unknown means no finding. Linting never imports pandas or
NumPy: everything here reads the source.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

import libcst as cst

from perflint.analysis.names import Scopes, binding_scope, local_scope, qualified_name
from perflint.analysis.scopes import Binding
from perflint.tree import iter_subtree

FRAME = "DataFrame"
SERIES = "Series"
NDARRAY = "ndarray"
PANDAS = "pandas object"  # a DataFrame or a Series: `.iloc` says no more

_CONSTRUCTORS = {
    "pandas.DataFrame": FRAME,
    "pandas.Series": SERIES,
}
# Readers that return one frame, unless streaming (`chunksize=`, `iterator=True`)
# or asked for several (`sheet_name=` may be a list or None: a dict of frames).
_READERS = frozenset(
    {"read_csv", "read_table", "read_fwf", "read_parquet", "read_feather", "read_orc",
     "read_sql", "read_sql_query", "read_sql_table", "read_xml", "read_stata", "read_sas",
     "read_spss", "read_excel", "read_json"}
)  # fmt: skip
_STREAMING = frozenset({"chunksize", "iterator", "sheet_name", "typ", "lines"})
_NUMPY_MAKERS = frozenset(
    {"array", "asarray", "ascontiguousarray", "asfortranarray", "zeros", "ones", "empty",
     "full", "zeros_like", "ones_like", "empty_like", "full_like", "arange", "linspace",
     "logspace", "geomspace", "eye", "identity", "fromiter", "frombuffer", "fromfunction",
     "loadtxt", "genfromtxt", "concatenate", "stack", "vstack", "hstack", "column_stack",
     "tile", "repeat", "cumsum", "cumprod", "diff", "sort", "copy", "meshgrid"}
)  # fmt: skip
_NUMPY_RANDOM = frozenset({"rand", "randn", "random_sample"})
_ANNOTATIONS = {
    "pandas.DataFrame": FRAME,
    "pandas.Series": SERIES,
    "numpy.ndarray": NDARRAY,
    "numpy.typing.NDArray": NDARRAY,
}
# Methods returning a new object of the receiver's kind (None with inplace=True).
_SAME_KIND = {
    FRAME: frozenset(
        {"copy", "head", "tail", "dropna", "fillna", "sort_values", "sort_index", "merge",
         "join", "query", "assign", "drop", "rename", "astype", "set_index", "drop_duplicates",
         "sample", "reindex", "round", "abs", "where", "mask", "clip", "replace",
         "select_dtypes", "reset_index", "ffill", "bfill", "interpolate", "convert_dtypes"}
    ),
    SERIES: frozenset(
        {"copy", "head", "tail", "dropna", "fillna", "sort_values", "sort_index", "astype",
         "abs", "round", "replace", "clip", "where", "mask", "shift", "diff", "cumsum",
         "cumprod", "rank", "reindex", "drop_duplicates", "isna", "notna", "ffill", "bfill",
         "interpolate", "pct_change", "rename"}
    ),
    NDARRAY: frozenset(
        {"copy", "reshape", "astype", "ravel", "flatten", "transpose", "clip", "round",
         "cumsum", "cumprod", "squeeze", "swapaxes"}
    ),
}  # fmt: skip
_TO_NUMPY = frozenset({"to_numpy"})
# Methods and attributes only pandas objects have: evidence of what a name holds.
_FRAME_ONLY = frozenset({"iterrows", "itertuples"})
_PANDAS_ONLY = frozenset({"iloc", "iat"})
# With NumPy imported and pandas not: a name with a shape is an array (or a
# tensor, which loops element by element just as slowly).
_ARRAY_ONLY = frozenset({"shape", "ndim"})
# Libraries whose frames share pandas' method names but not its costs.
_OTHER_FRAMES = frozenset({"polars", "pyspark"})
_MAX_DEPTH = 8


class ArrayFacts:
    """Kinds of expressions in one file, each name judged once."""

    def __init__(self, module: cst.Module, scopes: Scopes) -> None:
        self.module = module
        self.scopes = scopes
        self._names: dict[tuple[int, str], str | None] = {}
        self._imports: set[str] | None = None
        # scope id -> name -> attributes read off it (`df.iloc` -> {"df": {"iloc"}})
        self._attributes: dict[int, dict[str, set[str]]] = {}

    def imports(self, package: str) -> bool:
        """Whether the module imports package (or something in it)."""
        if self._imports is None:
            module_scope = self.scopes.get(self.module)
            self._imports = {
                (b.imported or "").lstrip(".").split(".")[0]
                for bindings in module_scope.bindings.values()
                for b in bindings
                if b.kind == "import"
            }
        return package in self._imports

    def pandas_file(self) -> bool:
        """The file imports pandas, and no other frame library whose methods
        share pandas' names."""
        return self.imports("pandas") and not any(self.imports(p) for p in _OTHER_FRAMES)

    def kind(
        self, expr: cst.BaseExpression, scope_nodes: Sequence[cst.CSTNode], depth: int = 0
    ) -> str | None:
        """FRAME, SERIES, NDARRAY, PANDAS, or None when not proven."""
        if depth > _MAX_DEPTH:
            return None
        if isinstance(expr, cst.Name):
            return self._of_name(expr.value, scope_nodes, depth + 1)
        if isinstance(expr, cst.Call):
            return self._of_call(expr, scope_nodes, depth)
        if isinstance(expr, cst.Subscript):
            return self._of_subscript(expr, scope_nodes, depth)
        if isinstance(expr, cst.Attribute):
            inner = self.kind(expr.value, scope_nodes, depth + 1)
            if expr.attr.value == "values" and inner in (FRAME, SERIES):
                return NDARRAY
            if expr.attr.value == "T" and inner in (FRAME, NDARRAY):
                return inner
            return None
        if isinstance(expr, cst.BinaryOperation) and not isinstance(
            expr.operator, cst.MatrixMultiply
        ):
            left = self.kind(expr.left, scope_nodes, depth + 1)
            right = self.kind(expr.right, scope_nodes, depth + 1)
            if left == NDARRAY and (right == NDARRAY or _number(expr.right)):
                return NDARRAY
            if right == NDARRAY and _number(expr.left):
                return NDARRAY
            return None
        return None

    def kind_of_name(self, name: str, scope_nodes: Sequence[cst.CSTNode]) -> str | None:
        return self._of_name(name, scope_nodes, 1)

    # --- parts ---

    def _of_call(
        self, call: cst.Call, scope_nodes: Sequence[cst.CSTNode], depth: int
    ) -> str | None:
        func = call.func
        qualified = qualified_name(func, scope_nodes, self.scopes) or ""
        if qualified in _CONSTRUCTORS:
            return _CONSTRUCTORS[qualified]
        module, _, called = qualified.rpartition(".")
        if module == "pandas" and called in _READERS:
            if any(a.keyword is not None and a.keyword.value in _STREAMING for a in call.args):
                return None  # a reader of chunks, or several frames
            return FRAME
        if module == "numpy" and called in _NUMPY_MAKERS:
            return NDARRAY
        if module == "numpy.random" and called in _NUMPY_RANDOM and call.args:
            return NDARRAY
        if qualified or not isinstance(func, cst.Attribute):
            return None
        if any(
            a.keyword is not None
            and a.keyword.value == "inplace"
            and not (isinstance(a.value, cst.Name) and a.value.value == "False")
            for a in call.args
        ):
            return None  # returns None
        inner = self.kind(func.value, scope_nodes, depth + 1)
        method = func.attr.value
        if inner in (FRAME, SERIES) and method in _TO_NUMPY:
            return NDARRAY
        if inner == SERIES and method == "reset_index":
            return None  # a frame, or a Series with drop=True
        if inner is not None and method in _SAME_KIND.get(inner, ()):
            return inner
        return None

    def _of_subscript(
        self, node: cst.Subscript, scope_nodes: Sequence[cst.CSTNode], depth: int
    ) -> str | None:
        inner = self.kind(node.value, scope_nodes, depth + 1)
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            if inner == NDARRAY and all(isinstance(s.slice, cst.Slice) for s in node.slice):
                return NDARRAY  # a[1:], a[:, :3]: a view
            return None
        key = node.slice[0].slice.value
        if inner == FRAME:
            if isinstance(key, (cst.SimpleString, cst.ConcatenatedString)):
                return SERIES  # one column
            if isinstance(key, cst.List) and all(
                isinstance(e.value, cst.SimpleString) for e in key.elements
            ):
                return FRAME  # several columns
        return None

    def _of_name(self, name: str, scope_nodes: Sequence[cst.CSTNode], depth: int) -> str | None:
        if depth > _MAX_DEPTH:
            return None
        scope = local_scope(name, scope_nodes, self.scopes)
        if scope is None:
            return None
        key = (id(scope.node), name)
        if key in self._names:
            return self._names[key]
        self._names[key] = None  # a binding reading the name itself proves nothing
        index = next((i for i, n in enumerate(scope_nodes) if n is scope.node), None)
        home = scope_nodes[index:] if index is not None else scope_nodes[-1:]
        bindings = scope.bindings[name]
        if _converted_param(bindings, scope.node):
            bindings = [b for b in bindings if b.kind != "param"]  # `a = np.asarray(a)`
        kinds = {self._of_binding(b, home, depth) for b in bindings}
        found = kinds.pop() if len(kinds) == 1 else None
        if found is None and all(_unknown_param(b) for b in scope.bindings[name]):
            found = self._evidence(name, scope.node)
        self._names[key] = found
        return found

    def _of_binding(
        self, binding: Binding, scope_nodes: Sequence[cst.CSTNode], depth: int
    ) -> str | None:
        if binding.annotation is not None and binding.kind in ("param", "annassign", "declare"):
            annotation = binding.annotation
            if isinstance(annotation, cst.Subscript):
                annotation = annotation.value  # NDArray[np.float64]
            if isinstance(annotation, (cst.SimpleString, cst.ConcatenatedString)):
                return None
            return _ANNOTATIONS.get(qualified_name(annotation, scope_nodes, self.scopes) or "")
        if binding.kind in ("assign", "annassign") and binding.value is not None:
            return self.kind(binding.value, scope_nodes, depth)
        if binding.kind == "augassign" and isinstance(
            binding.node, cst.AugAssign
        ):  # `a *= 2` keeps an array an array; the other bindings decide
            return self._augmented(binding.node, scope_nodes, depth)
        return None

    def _augmented(
        self, node: cst.AugAssign, scope_nodes: Sequence[cst.CSTNode], depth: int
    ) -> str | None:
        if not isinstance(node.target, cst.Name):
            return None
        others = binding_scope(node.target.value, scope_nodes, self.scopes)
        if others is None:
            return None
        plain = [b for b in others.bindings[node.target.value] if b.kind != "augassign"]
        kinds = {self._of_binding(b, scope_nodes, depth) for b in plain}
        kind = kinds.pop() if len(kinds) == 1 else None
        if kind == NDARRAY and (
            _number(node.value) or self.kind(node.value, scope_nodes, depth + 1) == NDARRAY
        ):
            return NDARRAY
        return None

    def _evidence(self, name: str, scope_node: cst.CSTNode) -> str | None:
        """A parameter nothing declares, used with methods only pandas has, or
        with an array's `.shape` / `.ndim` in a file that imports NumPy."""
        read = self._attributes_read(scope_node).get(name, set())
        if self.pandas_file():
            if read & _FRAME_ONLY:
                return FRAME
            if read & _PANDAS_ONLY:
                return PANDAS
        if self.imports("numpy") and read & _ARRAY_ONLY and not self.imports("pandas"):
            return NDARRAY
        return None

    def _attributes_read(self, scope_node: cst.CSTNode) -> dict[str, set[str]]:
        found = self._attributes.get(id(scope_node))
        if found is None:
            found = self._attributes[id(scope_node)] = {}
            for node in iter_subtree(scope_node):
                if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
                    found.setdefault(node.value.value, set()).add(node.attr.value)
        return found


def _converted_param(bindings: list[Binding], function: cst.CSTNode) -> bool:
    """An unannotated parameter replaced first thing: an assignment that is a
    statement of the function's own body (`a = np.asarray(a)`), not one inside
    an `if` or a loop."""
    params = [b for b in bindings if b.kind == "param"]
    if len(params) != 1 or params[0].annotation is not None:
        return False
    body = getattr(function, "body", None)
    if not isinstance(body, cst.IndentedBlock):
        return False
    top = {
        id(small)
        for statement in body.body
        if isinstance(statement, cst.SimpleStatementLine)
        for small in statement.body
    }
    return any(b.kind == "assign" and id(b.node) in top for b in bindings)


def _unknown_param(binding: Binding) -> bool:
    return binding.kind == "param" and binding.annotation is None


def _number(expr: cst.BaseExpression) -> bool:
    if isinstance(expr, cst.UnaryOperation):
        expr = expr.expression
    return isinstance(expr, (cst.Integer, cst.Float))


_FACTS: weakref.WeakKeyDictionary[object, ArrayFacts] = weakref.WeakKeyDictionary()


def array_facts(ctx) -> ArrayFacts:  # type: ignore[no-untyped-def]
    """The file's ArrayFacts, shared by the rules that lint it."""
    facts = _FACTS.get(ctx)
    if facts is None:
        facts = _FACTS[ctx] = ArrayFacts(ctx.module, ctx.scopes)
    return facts
