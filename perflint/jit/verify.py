"""`perflint check --verify-jit`: compile each PFL301 candidate with numba in
a separate long-lived worker process, with signatures inferred from the code.

Only the function, the module functions it calls and the module's numeric
imports (numpy, math, cmath, numba) are sent to the worker: the user's
module is never imported, so linting runs none of its code.
"""

from __future__ import annotations

import ast
import json
import select
import subprocess
import sys
from dataclasses import dataclass

from perflint.source import parse_python

NUMERIC_ROOTS = frozenset({"numpy", "math", "cmath", "numba"})
TIMEOUT = 60.0  # seconds for one function (the first compile in a process is slowest)
_SCALARS = {"int": "int64", "float": "float64", "bool": "boolean", "complex": "complex128"}


@dataclass(frozen=True)
class Outcome:
    ok: bool
    detail: str  # the signature that compiled, or why it failed


def numba_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("numba") is not None


class Verifier:
    def __init__(self) -> None:
        self._worker: subprocess.Popen[str] | None = None

    def verify(self, source: str, function: str) -> Outcome:
        try:
            tree = parse_python(source)
        except SyntaxError as exc:
            return Outcome(False, f"does not parse: {exc.msg}")
        defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        if function not in defs:
            return Outcome(False, "function not found")
        snippet = _snippet(tree, source, defs, function)
        signatures = candidate_signatures(defs[function])
        answer = self._ask({"source": snippet, "function": function, "signatures": signatures})
        if answer is None:
            return Outcome(False, f"no answer from numba within {TIMEOUT:.0f} s")
        if answer.get("ok"):
            return Outcome(True, str(answer["signature"]))
        return Outcome(False, str(answer.get("error", "failed")))

    def close(self) -> None:
        if self._worker is not None:
            self._worker.kill()
            self._worker.wait()
            self._worker = None

    def _ask(self, request: dict[str, object]) -> dict[str, object] | None:
        worker = self._start()
        assert worker.stdin is not None and worker.stdout is not None
        try:
            worker.stdin.write(json.dumps(request) + "\n")
            worker.stdin.flush()
            ready, _, _ = select.select([worker.stdout], [], [], TIMEOUT)
            line = worker.stdout.readline() if ready else ""
        except OSError:
            line = ""
        if not line:
            self.close()  # hung or dead: the next request gets a fresh worker
            return None
        return json.loads(line)  # type: ignore[no-any-return]

    def _start(self) -> subprocess.Popen[str]:
        if self._worker is None or self._worker.poll() is not None:
            self._worker = subprocess.Popen(
                [sys.executable, "-m", "perflint.jit.verify_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        return self._worker


def _snippet(tree: ast.Module, source: str, defs: dict[str, ast.FunctionDef], function: str) -> str:
    """Numeric imports, then the function and the module functions it calls
    (helpers decorated with numba.njit so the function can call them)."""
    lines = ["import numba"]
    numeric_names = {"numba"}
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and _numeric_import(node):
            lines.append(ast.get_source_segment(source, node) or "")
            numeric_names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Assign) and _numeric_constant(node.value, numeric_names):
            # Module constants (numbers, numpy arrays of literals): numba freezes them.
            lines.append(ast.get_source_segment(source, node) or "")
            numeric_names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    for name in _called_functions(defs, function):
        text = ast.get_source_segment(source, defs[name]) or ""
        lines.append(text if name == function else f"@numba.njit\n{text}")
    return "\n".join(lines) + "\n"


def _numeric_constant(value: ast.expr, numeric_names: set[str]) -> bool:
    return all(
        isinstance(
            n,
            (
                ast.Constant,
                ast.Tuple,
                ast.List,
                ast.Call,
                ast.Attribute,
                ast.UnaryOp,
                ast.BinOp,
                ast.Load,
                ast.keyword,
                ast.operator,
                ast.unaryop,
            ),
        )
        or (isinstance(n, ast.Name) and n.id in numeric_names)
        for n in ast.walk(value)
    ) and not any(isinstance(n, ast.Constant) and isinstance(n.value, str) for n in ast.walk(value))


def _numeric_import(node: ast.Import | ast.ImportFrom) -> bool:
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").split(".")[0] in NUMERIC_ROOTS and node.level == 0
    return all(alias.name.split(".")[0] in NUMERIC_ROOTS for alias in node.names)


def _called_functions(defs: dict[str, ast.FunctionDef], start: str) -> list[str]:
    """start and every module function it calls, directly or not (callees first)."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        for node in ast.walk(defs[name]):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in defs
            ):
                visit(node.func.id)
        order.append(name)

    visit(start)
    return order


def candidate_signatures(function: ast.FunctionDef, limit: int = 6) -> list[str]:
    """Argument-type signatures to try, most likely first: from annotations,
    else from use (`range(n)`: int64; `a[i, j]`: a 2-D float64 array;
    otherwise float64), then with one argument's type changed at a time."""
    params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    guesses = {p: _guess(function, p) for p in params}
    base = [guesses[p][0] for p in params]
    tries = [base]
    for index, param in enumerate(params):
        for alternative in guesses[param][1:]:
            changed = list(base)
            changed[index] = alternative
            tries.append(changed)
    return [f"({', '.join(types)}{',' if len(types) == 1 else ''})" for types in tries[:limit]]


_SIZED = frozenset({"range", "zeros", "empty", "ones", "full", "prange"})


def _used_as_size(function: ast.FunctionDef, param: str) -> bool:
    """The parameter feeds a count or a shape (`range(n + 1)`, `np.zeros((m, 4))`)
    or an index (`a[k]`): an integer."""
    for node in ast.walk(function):
        sized = isinstance(node, ast.Call) and (
            (isinstance(node.func, ast.Name) and node.func.id in _SIZED)
            or (isinstance(node.func, ast.Attribute) and node.func.attr in _SIZED)
        )
        parts = node.args if sized else [node.slice] if isinstance(node, ast.Subscript) else []  # type: ignore[attr-defined]
        for part in parts:
            if any(isinstance(n, ast.Name) and n.id == param for n in ast.walk(part)):
                return True
    return False


def _guess(function: ast.FunctionDef, param: str) -> list[str]:
    annotation = next(
        (a.annotation for a in (*function.args.posonlyargs, *function.args.args) if a.arg == param),
        None,
    )
    if isinstance(annotation, ast.Name) and annotation.id in _SCALARS:
        return [_SCALARS[annotation.id]]
    dims = 0
    used_as_count = _used_as_size(function, param)
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id == param
        ):
            index = node.slice
            dims = max(dims, len(index.elts) if isinstance(index, ast.Tuple) else 1)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == param
        ):
            if node.attr in ("shape", "size", "ndim", "T", "sum", "mean", "std"):
                dims = max(dims, 1)
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "shape"
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id == param
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, int)
        ):
            dims = max(dims, node.slice.value + 1)  # `a.shape[1]`: at least 2-D
        elif (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Tuple)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "shape"
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id == param
        ):
            dims = max(dims, len(node.targets[0].elts))  # `rows, cols = a.shape`
        elif (
            isinstance(node, ast.For) and isinstance(node.iter, ast.Name) and node.iter.id == param
        ):
            dims = max(dims, 1)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            names = [a.id for a in node.args if isinstance(a, ast.Name)]
            if param in names and node.func.id == "range":
                used_as_count = True
            if param in names and node.func.id == "len":
                dims = max(dims, 1)
    if dims:
        shape = ", ".join([":"] * dims)
        return [f"float64[{shape}]", f"int64[{shape}]"]
    if used_as_count:
        return ["int64"]
    return ["float64", "int64"]
