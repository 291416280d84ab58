"""What PFL301 knows of the project's other modules: which of their
module-level functions numba compiles already, which it would accept as
compilable helpers, and which names are type aliases of arrays or numbers.

A kernel often calls `from .utils import norm`: one file alone cannot tell
whether `norm` compiles. The front ends scan the project before linting (with
`ast`; only functions another module imports are judged, by PFL301's own
judgement on a module cut down to its imports, constants and functions) and
pass the result in `Settings.jit_project`, so lint_source stays pure. Without
it (a file alone, an editor that passes nothing) PFL301 judges one file, as
before.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

# numba's decorators whose function a kernel may call (nopython mode).
_COMPILING = frozenset(
    {"numba.njit", "numba.jit", "numba.core.decorators.njit", "numba.core.decorators.jit",
     "numba.vectorize", "numba.np.ufunc.decorators.vectorize", "numba.extending.intrinsic",
     "numba.core.extending.intrinsic"}
)  # fmt: skip
# `@overload(f)`: numba compiles calls to f with what the decorated function returns.
_OVERLOADS = frozenset({"numba.extending.overload", "numba.core.extending.overload"})
_ARRAY_TYPES = frozenset({"numpy.ndarray", "numpy.typing.NDArray"})
_NUMBER_TYPES = frozenset({"builtins.float", "builtins.int", "builtins.complex", "builtins.bool"})
NUMPY_SCALARS = frozenset(
    {"float64", "float32", "float16", "int64", "int32", "int16", "int8", "uint64", "uint32",
     "uint16", "uint8", "intp", "uintp", "complex128", "complex64", "bool_", "floating",
     "integer", "signedinteger", "unsignedinteger", "number", "complexfloating", "inexact"}
)  # fmt: skip
# Constructs a helper cannot hold, tested before any LibCST parse.
_NEVER = (
    ast.ClassDef, ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef, ast.Try, ast.With,
    ast.Yield, ast.YieldFrom, ast.Await, ast.Dict, ast.Set, ast.DictComp, ast.SetComp,
    ast.JoinedStr, ast.Global, ast.Nonlocal,
)  # fmt: skip
_ROUNDS = 8  # helpers calling helpers in other modules: bounded, deterministic
_DEPTH = 4  # imports followed from the files that mention numba


@dataclass(frozen=True)
class ProjectJit:
    """Qualified names (`pkg.utils.norm`) of what PFL301 may rely on."""

    modules: tuple[tuple[str, str, str], ...] = ()  # (absolute path, module, package)
    compiled: frozenset[str] = frozenset()  # numba compiles them already
    helpers: frozenset[str] = frozenset()  # PFL301 would decorate them too
    # Type aliases: (name, "array" | "number" | "tuple"), `Array2d = np.ndarray`.
    types: tuple[tuple[str, str], ...] = ()
    # `pkg.name` -> `pkg.core.name` for names a module imports from another
    aliases: tuple[tuple[str, str], ...] = ()

    @cached_property
    def _alias_map(self) -> dict[str, str]:
        return dict(self.aliases)

    @cached_property
    def _type_map(self) -> dict[str, str]:
        return dict(self.types)

    @cached_property
    def _module_map(self) -> dict[str, tuple[str, str]]:
        return {path: (module, package) for path, module, package in self.modules}

    def module_of(self, path: str) -> tuple[str, str] | None:
        """(module, package) of the file at path, if the scan saw it."""
        return self._module_map.get(os.path.abspath(path))

    def type_kind(self, qualified: str, path: str) -> str | None:
        return self._type_map.get(self.resolve(qualified, path))

    def function(self, qualified: str, path: str) -> str | None:
        """The absolute name of a project function numba compiles or PFL301
        accepts as a helper, or None."""
        resolved = self.resolve(qualified, path)
        return resolved if resolved in self.compiled or resolved in self.helpers else None

    def is_module(self, qualified: str, path: str) -> bool:
        return any(module == self.resolve(qualified, path) for _, module, _ in self.modules)

    def resolve(self, qualified: str, path: str) -> str:
        """An absolute qualified name, through relative imports and re-exports."""
        if qualified.startswith("."):
            where = self.module_of(path)
            if where is None:
                return qualified
            qualified = absolute(qualified, where[1])
        for _ in range(_ROUNDS):
            target = self._alias_map.get(qualified)
            if target is None:
                break
            qualified = target
        return qualified

    def digest(self) -> str:
        """Changes whenever what PFL301 may conclude from it changes (the cache key)."""
        text = repr((self.modules, sorted(self.compiled), sorted(self.helpers)))
        text += repr((self.types, self.aliases))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def absolute(qualified: str, package: str) -> str:
    """`..utils.norm` in package `pkg.sub` -> `pkg.utils.norm`."""
    dots = len(qualified) - len(qualified.lstrip("."))
    parts = package.split(".") if package else []
    if dots > 1:
        parts = parts[: len(parts) - (dots - 1)]
    rest = qualified[dots:]
    return ".".join([*parts, rest] if rest else parts)


def module_name(path: str, packages: dict[str, bool] | None = None) -> tuple[str, str]:
    """(module, package) from the folders holding `__init__.py` above path
    (packages: what is known of folders already)."""
    folder, name = os.path.split(os.path.abspath(path))
    stem = os.path.splitext(name)[0]
    parts: list[str] = []
    known = {} if packages is None else packages

    def is_package(folder: str) -> bool:
        if folder not in known:
            known[folder] = os.path.exists(os.path.join(folder, "__init__.py"))
        return known[folder]

    while is_package(folder):
        folder, package = os.path.split(folder)
        parts.insert(0, package)
    if stem == "__init__":
        return ".".join(parts), ".".join(parts)
    return ".".join([*parts, stem]), ".".join(parts)


def _read(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


@dataclass
class _Module:
    path: str
    name: str
    package: str
    text: str
    tree: ast.Module
    imports: dict[str, str]  # local name -> absolute qualified name

    def qualified(self, expr: ast.expr) -> str | None:
        attrs: list[str] = []
        while isinstance(expr, ast.Attribute):
            attrs.append(expr.attr)
            expr = expr.value
        if not isinstance(expr, ast.Name):
            return None
        head = self.imports.get(expr.id)
        if head is None:
            head = f"{self.name}.{expr.id}" if expr.id in self.bound else f"builtins.{expr.id}"
        return ".".join([head, *reversed(attrs)])

    @cached_property
    def bound(self) -> frozenset[str]:
        """Names the module's own statements bind: functions and assigned names."""
        found = set()
        for node in self.tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                found.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                found.update(t.id for t in _targets(node) if isinstance(t, ast.Name))
        return frozenset(found)


def scan_project(
    paths: Iterable[str],
    read: Callable[[str], str] = _read,
    target_version: tuple[int, int] = (3, 10),
) -> ProjectJit:
    """What the project's Python files tell PFL301 (read gives a file's text).

    Only the files that mention numba are read closely, with the project
    modules they import (and those these import, a few levels down): a
    project without numba costs a text search per file."""
    names, modules = _parse(paths, read)
    by_name = {m.name: m for m in modules}
    aliases = _reexports(modules, by_name)
    compiled = _compiled(modules)
    wanted = _imported_functions(modules, by_name, aliases)
    knowledge = ProjectJit(
        modules=tuple((path, module, package) for path, (module, package) in names.items()),
        compiled=frozenset(compiled),
        types=tuple(sorted(_type_aliases(modules).items())),
        aliases=tuple(sorted(aliases.items())),
    )
    if not wanted:
        return knowledge  # nothing to judge: LibCST stays unloaded
    return _judge_helpers(knowledge, by_name, wanted, target_version)


def _parse(
    paths: Iterable[str], read: Callable[[str], str]
) -> tuple[dict[str, tuple[str, str]], list[_Module]]:
    """Every file's (module, package), and the files read closely, parsed."""
    packages: dict[str, bool] = {}
    names = {
        path: module_name(path, packages)
        for path in sorted({os.path.abspath(p) for p in paths if p.endswith(".py")})
    }
    by_module = {module: path for path, (module, _) in names.items()}
    texts: dict[str, str] = {}
    for path in names:
        try:
            texts[path] = read(path)
        except (OSError, ValueError):
            continue
    modules: dict[str, _Module | None] = {}

    def parse(path: str) -> _Module | None:
        if path not in modules:
            module, package = names[path]
            try:
                tree = ast.parse(texts[path])
            except (SyntaxError, ValueError):
                modules[path] = None
            else:
                imports = _imports(tree, package)
                modules[path] = _Module(path, module, package, texts[path], tree, imports)
        return modules[path]

    def follow(todo: list[str]) -> None:
        """Parse these and the project modules they import, a few levels down."""
        for _ in range(_DEPTH):
            found = []
            for path in todo:
                if path in modules or path not in texts:
                    continue
                module = parse(path)
                for target in module.imports.values() if module else ():
                    # `from .utils import norm`: utils, or a package utils/__init__ re-exports from
                    for candidate in (target, target.rpartition(".")[0]):
                        if candidate in by_module:
                            found.append(by_module[candidate])
            todo = sorted(set(found))

    follow([path for path, text in texts.items() if "numba" in text])
    # Files importing one of those modules (by its last name: `from .utils
    # import norm`, `from . import utils`, `import pkg.utils as u`) may call
    # their functions from a kernel.
    imported = sorted({m.name.rpartition(".")[2] for m in modules.values() if m is not None})
    if imported:
        alternatives = "|".join(map(re.escape, imported))
        importing = re.compile(rf"^[ \t]*(?:from|import)[ \t][^\n]*\b(?:{alternatives})\b", re.M)
        follow([p for p, text in texts.items() if p not in modules and importing.search(text)])
    return names, [m for m in modules.values() if m is not None]


def _imports(tree: ast.Module, package: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    found[alias.asname] = alias.name
                else:
                    head = alias.name.split(".")[0]
                    found[head] = head
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            if node.level:
                module = absolute(module, package)
            for alias in node.names:
                if alias.name != "*":
                    found[alias.asname or alias.name] = f"{module}.{alias.name}".lstrip(".")
    return found


def _reexports(modules: list[_Module], by_name: dict[str, _Module]) -> dict[str, str]:
    """`from .core import norm` in pkg/__init__.py: `pkg.norm` is `pkg.core.norm`."""
    found = {}
    for module in modules:
        for local, target in module.imports.items():
            owner = target.rpartition(".")[0]
            if owner in by_name and owner != module.name:
                found[f"{module.name}.{local}"] = target
    return found


def _compiled(modules: list[_Module]) -> set[str]:
    """Functions numba compiles: decorated with `@njit`/`@jit`/`@vectorize`
    (or a module-level alias of one, `ngjit = numba.jit(nopython=True)`),
    handed over (`fast = numba.njit(slow)`), or overloaded (`@overload(f)`)."""
    decorators = set(_COMPILING)
    for module in modules:
        for node in module.tree.body:
            bound = _assigned_name(node)
            if bound is None:
                continue
            alias, value = bound
            if (
                isinstance(value, ast.Call)
                and module.qualified(value.func) in _COMPILING
                and not value.args
            ):
                decorators.add(f"{module.name}.{alias}")
    found = set()
    for module in modules:
        for node in module.tree.body:
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    target = decorator.func if isinstance(decorator, ast.Call) else decorator
                    called = module.qualified(target)
                    if called in decorators and not _object_mode(decorator):
                        found.add(f"{module.name}.{node.name}")
                    elif called in _OVERLOADS and isinstance(decorator, ast.Call):
                        overloaded = decorator.args[0] if decorator.args else None
                        name = module.qualified(overloaded) if overloaded is not None else None
                        if name is not None:
                            found.add(name)
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                call = node.value
                target = call.func.func if isinstance(call.func, ast.Call) else call.func
                if module.qualified(target) in decorators and len(call.args) == 1:
                    found.update(
                        f"{module.name}.{t.id}" for t in node.targets if isinstance(t, ast.Name)
                    )
    return found


def _assigned_name(node: ast.stmt) -> tuple[str, ast.expr] | None:
    """`name = value`: the one name bound and its value (None for any other statement)."""
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        if isinstance(target, ast.Name):
            return target.id, node.value
    return None


def _object_mode(decorator: ast.expr) -> bool:
    if not isinstance(decorator, ast.Call):
        return False
    return any(
        (k.arg, getattr(k.value, "value", None)) in (("forceobj", True), ("nopython", False))
        for k in decorator.keywords
    )


def _type_aliases(modules: list[_Module]) -> dict[str, str]:
    """`Array2d = np.ndarray`, `Float = Union[float, np.floating]`,
    `ColMap = Tuple[Array1d, Array1d]` at module level (aliases of aliases too)."""
    found: dict[str, str] = {}
    for _ in range(2):
        for module in modules:
            for node in module.tree.body:
                bound = _assigned_name(node)
                if bound is not None:
                    name, value = bound
                    kind = type_kind(value, module.qualified, found)
                    if kind is not None:
                        found[f"{module.name}.{name}"] = kind
    return found


def type_kind(
    expr: ast.expr, qualified: Callable[[ast.expr], str | None], known: dict[str, str]
) -> str | None:
    """ "array" for np.ndarray (NDArray[...] too), "number" for numbers and
    unions of them, "tuple" for tuples of those, else None."""
    if isinstance(expr, ast.Subscript):
        head = qualified(expr.value) or ""
        if head in _ARRAY_TYPES:
            return "array"
        items = expr.slice.elts if isinstance(expr.slice, ast.Tuple) else [expr.slice]
        kinds = {type_kind(item, qualified, known) for item in items}
        if head in ("typing.Union", "typing_extensions.Union"):
            return "number" if kinds == {"number"} else None
        if head in ("typing.Tuple", "builtins.tuple"):
            return "tuple" if kinds and None not in kinds else None
        return None
    name = qualified(expr) or ""
    if name in known:
        return known[name]
    if name in _ARRAY_TYPES:
        return "array"
    if name in _NUMBER_TYPES or (
        name.startswith("numpy.") and name.rpartition(".")[2] in NUMPY_SCALARS
    ):
        return "number"
    return None


def _imported_functions(
    modules: list[_Module], by_name: dict[str, _Module], aliases: dict[str, str]
) -> dict[str, set[str]]:
    """module -> its undecorated module-level functions that a function of
    another module with a loop (a kernel, maybe) calls, directly or through
    the functions it calls: `norm(x)` after `from .utils import norm`, or
    `utils.norm(x)`."""
    defined = {
        module.name: {n.name: n for n in module.tree.body if isinstance(n, ast.FunctionDef)}
        for module in modules
    }
    wanted: dict[str, set[str]] = {}
    seen: set[tuple[str, str]] = set()
    todo = [
        (module.name, name)
        for module in modules
        for name, function in defined[module.name].items()
        if any(isinstance(n, (ast.For, ast.While)) for n in ast.walk(function))
    ]
    while todo:
        owner, name = todo.pop()
        if (owner, name) in seen:
            continue
        seen.add((owner, name))
        module = by_name[owner]
        for node in ast.walk(defined[owner][name]):
            if isinstance(node, ast.Name) and node.id in defined[owner]:
                todo.append((owner, node.id))  # a function of its own module
                continue
            if not isinstance(node, (ast.Name, ast.Attribute)):
                continue
            if isinstance(node, ast.Attribute) and not isinstance(node.value, ast.Name):
                continue
            qualified = module.qualified(node) if node is not None else None
            for _ in range(_ROUNDS):
                qualified = aliases.get(qualified or "", qualified)
            other, _, called = (qualified or "").rpartition(".")
            function = defined.get(other, {}).get(called)
            if other != owner and function is not None:
                if not function.decorator_list and _may_help(function):
                    wanted.setdefault(other, set()).add(called)
                    todo.append((other, called))
    return wanted


def _may_help(function: ast.FunctionDef) -> bool:
    """Cheap rejections before PFL301's judgement."""
    arguments = function.args
    if arguments.vararg or arguments.kwarg:
        return False
    return not any(isinstance(n, _NEVER) for body in function.body for n in ast.walk(body))


def _judge_helpers(
    knowledge: ProjectJit,
    by_name: dict[str, _Module],
    wanted: dict[str, set[str]],
    target_version: tuple[int, int],
) -> ProjectJit:
    """PFL301's own judgement of each wanted function, in a module cut down to
    what it may need; again while helpers of other modules join (they call
    each other)."""
    import dataclasses

    import libcst as cst

    from perflint.config import Settings
    from perflint.context import FileContext
    from perflint.jit.candidates import Candidates

    parsed: dict[str, tuple[cst.Module, str]] = {}
    for name in sorted(wanted):
        text = _cut_down(by_name[name], wanted[name])
        try:
            parsed[name] = (cst.parse_module(text), text)
        except cst.ParserSyntaxError:
            continue
    helpers: set[str] = set()
    for _ in range(_ROUNDS):
        knowledge = dataclasses.replace(knowledge, helpers=frozenset(helpers))
        settings = Settings(select=("PFL301",), jit_project=knowledge)
        before = len(helpers)
        for name, (tree, text) in parsed.items():
            module = by_name[name]
            ctx = FileContext(tree, text, module.path, target_version, settings)
            judge = Candidates(ctx)
            for statement in tree.body:
                if not isinstance(statement, cst.FunctionDef):
                    continue
                qualified = f"{name}.{statement.name.value}"
                if (
                    statement.name.value in wanted[name]
                    and qualified not in helpers
                    and judge.verdict(statement).helps
                ):
                    helpers.add(qualified)
        if len(helpers) == before:
            break
    return dataclasses.replace(knowledge, helpers=frozenset(helpers))


def _cut_down(module: _Module, names: set[str]) -> str:
    """The module's imports and simple module-level assignments, and its
    functions (those asked for and all they may call), in their order."""
    lines = module.text.splitlines(keepends=True)
    functions = {n.name: n for n in module.tree.body if isinstance(n, ast.FunctionDef)}
    needed = set(names)
    todo = list(names)
    while todo:
        for node in ast.walk(functions[todo.pop()]):
            if isinstance(node, ast.Name) and node.id in functions and node.id not in needed:
                needed.add(node.id)
                todo.append(node.id)
    parts = []
    for node in module.tree.body:
        keep = isinstance(node, (ast.Import, ast.ImportFrom)) or (
            isinstance(node, (ast.Assign, ast.AnnAssign))
            and all(isinstance(t, ast.Name) for t in _targets(node))
        )
        if isinstance(node, ast.FunctionDef) and node.name in needed:
            keep = True
        if keep:
            first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
            parts.append("".join(lines[first - 1 : node.end_lineno]).rstrip() + "\n")
    return "\n\n".join(parts)


def _targets(node: ast.Assign | ast.AnnAssign) -> list[ast.expr]:
    return node.targets if isinstance(node, ast.Assign) else [node.target]
