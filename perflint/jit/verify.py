"""`perflint check --verify-jit`: compile each PFL301 candidate with numba in
a separate long-lived worker process, with signatures inferred from the code
(perflint.jit.signatures), time it interpreted and compiled on inputs made
from them (perflint.jit.measure), and keep the candidates worth it.

Only the function, the module functions it calls and the module's numeric
imports and constants (numpy, math, cmath, numba) are sent to the worker, and
only those functions run there: the user's module is never imported.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import select
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from perflint.jit.signatures import candidate_plans
from perflint.source import parse_python

NUMERIC_ROOTS = frozenset({"numpy", "math", "cmath", "numba"})
# Seconds for one function: compiles (the first in a process is slowest), then
# the measurement's own budget (perflint.jit.measure.BUDGET) and its compiled runs.
TIMEOUT = 90.0
MIN_SPEEDUP = 2.0
# An interpreted call shorter than this, at the largest inputs made, has too
# little work for numba's compile (0.1-0.5 s) to pay back.
MIN_INTERPRETED = 1e-3


@dataclass(frozen=True)
class Outcome:
    kept: bool
    detail: str  # what was measured (kept), or why it was dropped
    signature: str = ""  # the parameter types that compiled
    speedup: float | None = None
    sizes: dict[str, Any] | None = None  # per parameter: shape (a list) or value


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
        plans = [[dataclasses.asdict(p) for p in plan] for plan in candidate_plans(defs[function])]
        names = _called_functions(defs, function)
        answer = self._ask(
            {
                "source": _snippet(tree, source, defs, names, jit_helpers=True),
                "plain": _snippet(tree, source, defs, names, jit_helpers=False),
                "function": function,
                "plans": plans,
                "random": _draws_random(defs, names),
                # Where lists are guessed, numpy work says arrays are as likely.
                "arrays_too": _uses_numpy(tree, defs, names),
            }
        )
        if answer is None:
            return Outcome(False, f"no answer from the worker within {TIMEOUT:.0f} s")
        if not answer.get("ok"):
            return Outcome(False, f"numba could not compile it: {answer.get('error', 'failed')}")
        return judge(answer)

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


def judge(answer: dict[str, Any]) -> Outcome:
    """Keep a compiled candidate when it measured at least MIN_SPEEDUP faster
    on enough work, with the same result; say what was measured either way.
    Where lists were guessed and arrays would be worth it, keep it for arrays
    and say what lists cost."""
    tried = answer.get("tried") or []
    outcome = _judge_one(answer, f" (not for {', '.join(tried)})" if tried else "")
    arrays = answer.get("as_arrays")
    if outcome.kept or arrays is None:
        return outcome
    with_arrays = _judge_one(arrays, "")
    if not with_arrays.kept:
        return outcome
    lists = f"; {_times(outcome.speedup)} with Python lists" if outcome.speedup else ""
    return dataclasses.replace(with_arrays, detail=with_arrays.detail + lists)


def _judge_one(answer: dict[str, Any], tried: str) -> Outcome:
    signature = str(answer["signature"])
    measured = answer.get("measured")
    if measured is None:
        why = answer.get("unmeasured")
        return Outcome(True, f"compiles for {signature}{tried}; not measured: {why}", signature)
    speedup, slow, fast = measured["speedup"], measured["interpreted"], measured["compiled"]
    where = f"for {measured['sizes_text']}{tried}"
    times = f"{_seconds(slow)} vs {_seconds(fast)}"
    evidence = {"signature": signature, "speedup": speedup, "sizes": measured["sizes"]}
    if measured.get("same_result") is False:
        return Outcome(False, f"compiled, gives a different result {where}", **evidence)
    if speedup < MIN_SPEEDUP:
        return Outcome(
            False,
            f"measured {_times(speedup)} {where}: {times}, under {MIN_SPEEDUP:.0f}x",
            **evidence,
        )
    if slow < MIN_INTERPRETED:
        return Outcome(
            False,
            f"has too little work: {_times(speedup)} {where}, but saves only "
            f"{_seconds(slow - fast)} a call for a {measured['compile_seconds']:.2f} s compile",
            **evidence,
        )
    return Outcome(True, f"measured {_times(speedup)} {where}: {times}", **evidence)


def _times(speedup: float) -> str:
    if speedup < 1:
        return f"{1 / speedup:.1f}x slower"
    return f"{speedup:.{0 if speedup >= 10 else 1}f}x faster"


def _seconds(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.{0 if seconds >= 100 * scale else 1}f} {unit}"
    return f"{seconds * 1e9:.0f} ns"


def _draws_random(defs: dict[str, ast.FunctionDef], names: list[str]) -> bool:
    """Calls `np.random.*` or `random`: its results differ from run to run."""
    return any(
        (isinstance(n, ast.Attribute) and n.attr == "random")
        or (isinstance(n, ast.Name) and n.id == "random")
        for name in names
        for n in ast.walk(defs[name])
    )


def _uses_numpy(tree: ast.Module, defs: dict[str, ast.FunctionDef], names: list[str]) -> bool:
    bound = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            for alias in node.names:
                if (module or alias.name).split(".")[0] == "numpy":
                    bound.add((alias.asname or alias.name).split(".")[0])
    return any(
        isinstance(n, ast.Name) and n.id in bound for name in names for n in ast.walk(defs[name])
    )


def _snippet(
    tree: ast.Module,
    source: str,
    defs: dict[str, ast.FunctionDef],
    names: list[str],
    jit_helpers: bool,
) -> str:
    """Numeric imports and constants, then the function and the module
    functions it calls (decorated with numba.njit, if jit_helpers, so the
    compiled function can call them)."""
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
    for name in names:
        text = ast.get_source_segment(source, defs[name]) or ""
        lines.append(f"@numba.njit\n{text}" if jit_helpers and name != names[-1] else text)
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
