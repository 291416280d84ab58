"""The pre-pass: parse with LibCST only the parts of a file where a selected
rule could report.

LibCST's parse is the largest cost of a cold lint, about ten times
`ast.parse`, and most code holds nothing a performance rule looks for: no
loop, no `sum`, no `async def`. Each rule declares in `Rule.needs` what a
part of the file must hold for it to report there. The file is cut, with
`ast`, into *units*: each top-level function, each method of a top-level
class, the rest of each such class (its header and class-level statements),
and the module-level statements (the *context*). A unit whose code (strings
and comments left out) holds what some selected rule needs is a *candidate*.

The context is always kept: it holds the imports, and fixes add theirs
there. Candidates are kept, and so is every unit linked to a kept one
through a *link name* both mention, transitively: a module-level function or
class, a module-level name bound to anything but a plain call or a number,
a name some function declares `global`, an attribute name some unit
assigns. That way a kept function still sees every function that changes a
module-level list it searches, every helper it calls, every method that
assigns an attribute it reads. A kept method keeps its class's header.
Every other unit becomes a stub binding the same name (`def name(): pass`)
on as many rows as it had, so rows and columns of the kept code stay the
same. A file without a candidate is not parsed by LibCST at all.
So code that `ast` accepts but LibCST cannot parse (a bare `except:` before
another handler, thousands of implicitly joined strings) is reported as
PFL001 only when it sits in a part that is linted.

Everything here errs towards keeping: a word in an f-string, a name used as
an attribute elsewhere, an assignment it cannot read exactly all keep more.
tests/test_prepass.py checks that results equal a full parse.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from perflint.prepass_screens import ANYWHERE, File, Unit, screened
from perflint.source import parse_python


@dataclass(frozen=True)
class Needs:
    """What a unit must hold for a rule to report in it. Names match the last
    part of the callee or decorator (`sum`, `functools.reduce`, `nb.njit`,
    and what the file imports them as); `*Client` matches a suffix and
    `from_*` a prefix."""

    loops: bool = False  # a for/while loop or a comprehension
    calls: frozenset[str] = frozenset()
    callees: bool = False  # reads the bodies of module-level functions a unit calls
    decorators: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()  # any of these names, anywhere in the code
    async_functions: bool = False
    everywhere: bool = False  # any unit (the default: a rule that declares nothing)
    # A call spelled `name(...)` or `x.name(...)` inside a loop, for these names.
    loop_calls: frozenset[str] = frozenset()
    # Named ast screens (perflint.prepass_screens.SCREENS), each a shape in a loop.
    screens: frozenset[str] = frozenset()

    def __or__(self, other: Needs) -> Needs:
        return Needs(
            self.loops or other.loops,
            self.calls | other.calls,
            self.callees or other.callees,
            self.decorators | other.decorators,
            self.words | other.words,
            self.async_functions or other.async_functions,
            self.everywhere or other.everywhere,
            self.loop_calls | other.loop_calls,
            self.screens | other.screens,
        )


NOTHING = Needs()
EVERYWHERE = Needs(everywhere=True)


def union(needs: Iterable[Needs]) -> Needs:
    found = NOTHING
    for one in needs:
        found = found | one
    return found


# Python's own line ends (str.splitlines also splits at form feeds).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
# Comments and string literals other than f-strings (whose fields are code).
_NOT_CODE = re.compile(
    r"""\#[^\r\n]*
    | (?:[rRbBuU]|[rR][bB]|[bB][rR])?
      (?: '''(?:\\.|[^\\])*?''' | \"\"\"(?:\\.|[^\\])*?\"\"\"
        | '(?:\\.|[^'\\\r\n])*' | "(?:\\.|[^"\\\r\n])*" )
    | (?P<f>(?:[fFtT]|[rR][fFtT]|[fFtT][rR])
      (?: '''(?:\\.|[^\\])*?''' | \"\"\"(?:\\.|[^\\])*?\"\"\"
        | '(?:\\.|[^'\\\r\n])*' | "(?:\\.|[^"\\\r\n])*" ))""",
    re.VERBOSE | re.DOTALL,
)
_WORD = re.compile(r"(\.\s*)?\b([A-Za-z_]\w*)")
_LOOP = re.compile(r"\b(?:for|while)\b")
_ASYNC = re.compile(r"\basync\b")
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
_DECORATOR = re.compile(r"@\s*((?:\w+\s*\.\s*)*\w+)")
_GLOBAL = re.compile(r"\bglobal\b([^\r\n;]*)")
# Attributes a line assigns: `.x` left of its first `=` outside brackets
# (`self.x = ...`, `self.x: list[int] = []`, `self.x += 1`, unpacking), in a
# `for` target, after `del` or `as`, or grown (`self.x.append(...)`).
_FLAT = r"(?:==|!=|<=|>=|[^=()\[\]{}\r\n])"
_NESTED = r"\([^()\r\n]*\)|\[[^\[\]\r\n]*\]|\{[^{}\r\n]*\}"
_BRACKETED = (
    rf"\((?:[^()\r\n]|{_NESTED})*\)|\[(?:[^\[\]\r\n]|{_NESTED})*\]|\{{(?:[^{{}}\r\n]|{_NESTED})*\}}"
)
# Possessive: a line without an assignment fails at once instead of backtracking.
_ASSIGNMENT = re.compile(rf"^((?:{_BRACKETED}|{_FLAT})*+)(?<![<>!])=(?!=)", re.MULTILINE)
_SHIFTED = re.compile(r"\.\s*([A-Za-z_]\w*)\s*(?:>>|<<)=")
_BINDING_KEYWORD = re.compile(
    r"\bfor\b([^\r\n]*?)\bin\b|\bdel\b([^\r\n;]*)|\bas\s+((?:\w+\s*\.\s*)*\w+)"
)
# Attributes whose proven type a rule may ask for: searched or shifted
# (`.x.pop(`, `.x.index(`, `del .x[`), tested or iterated (`in self.x`).
_QUERIED = re.compile(
    r"\.\s*([A-Za-z_]\w*)\s*\.\s*(?:pop|insert|remove|index|count)\s*\("
    r"|\bdel\s+[\w.\s]*\.\s*([A-Za-z_]\w*)\s*\["
    r"|\bin\s+\(?\s*((?:\w+\s*\.\s*)+\w+)"
)
_GROWN = re.compile(r"\.\s*([A-Za-z_]\w*)\s*\.\s*(?:append|extend|insert)\s*\(")
_ATTRIBUTE = re.compile(r"\.\s*([A-Za-z_]\w*)")
# Module-level values that no rule reasons about through the name: numbers
# and the result of calling something other than a container constructor.
_CONTAINER_CALLS = frozenset(
    {"list", "set", "dict", "tuple", "frozenset", "sorted", "str", "bytes", "bytearray",
     "deque", "defaultdict", "OrderedDict", "Counter", "array", "split", "splitlines",
     "join", "keys", "values", "items", "copy", "fromkeys"}
)  # fmt: skip
_ARRAY_MODULES = frozenset({"np", "numpy", "pd", "pandas"})


@dataclass
class _Unit:
    name: str  # the name it binds at module level ("" for a method)
    first: int  # first row (its first decorator), 1-based
    last: int
    indent: str
    stub: str  # the line that replaces it, without indent
    code: str = ""  # its text without comments and plain strings
    header_of: _Unit | None = None  # a method's class header
    mentions: frozenset[str] = frozenset()  # names, and ".attr" for attributes
    nodes: Sequence[ast.AST] = ()  # its ast, for the screens
    top: ast.AST | None = None  # a module-level function's statement


def reduce_source(text: str, needs: Needs) -> str | None:
    """The text LibCST must parse: text with every unit that no selected rule
    could report in, and no kept unit depends on, stubbed out. None when no
    unit is a candidate. The text itself when Python cannot parse it (the
    full parse reports the error) or when nothing can be cut."""
    if needs.everywhere:
        return text
    try:
        tree = parse_python(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return text
    lines = _LINE.findall(text)
    code_lines = _LINE.findall(_NOT_CODE.sub(_blank, text))
    if len(code_lines) != len(lines):
        return text  # a line break this module's patterns miss: do not cut
    context, units = _units(tree, lines, code_lines)
    wanted = _Wanted(needs, File(tree, text))
    candidates = [u for u in units if wanted.by(u.code, u.nodes, u.top)]
    context_code = "".join(code_lines[r - 1] for r in _context_rows(units, len(lines)))
    context_candidate = wanted.by(context_code, context, None)
    if not candidates and not context_candidate:
        return None
    kept = _kept(
        units,
        candidates,
        (context, context_code, context_candidate),
        needs.callees,
        _known_classes(tree),
    )
    if len(kept) == len(units):
        return text
    return _stubbed(lines, [u for u in units if id(u) not in kept])


def _blank(match: re.Match[str]) -> str:
    """A comment or string replaced by its line breaks; an f-string kept."""
    found = match.group(0)
    if match.group("f"):
        return found
    return "".join(_LINE_BREAKS.findall(found))


_LINE_BREAKS = re.compile(r"\r\n|\r|\n")


class _Wanted:
    def __init__(self, needs: Needs, file: File) -> None:
        self.needs = needs
        self.file = file
        aliases = file.renames
        self.calls = _with_aliases(needs.calls, aliases)
        self.decorators = _with_aliases(needs.decorators, aliases)
        words = "|".join(sorted(needs.words))
        self.words = re.compile(rf"\b(?:{words})\b") if words else None

    def by(self, code: str, nodes: Sequence[ast.AST], top: ast.AST | None) -> bool:
        """Whether code, whose ast is nodes (top: the module-level statement
        it is, if any), holds what the needs name."""
        needs = self.needs
        if needs.loops and _LOOP.search(code):
            return True
        # Screens are about loops, but for a few: without `for` or `while` the
        # rest cannot pass.
        if ((needs.loop_calls or needs.screens) and _LOOP.search(code)) or any(
            ANYWHERE[name].search(code) for name in needs.screens.intersection(ANYWHERE)
        ):
            if screened(Unit(nodes, top, self.file), needs.loop_calls, needs.screens):
                return True
        if needs.async_functions and _ASYNC.search(code):
            return True
        if self.words is not None and self.words.search(code):
            return True
        if self.calls and any(_matches(m.group(1), self.calls) for m in _CALL.finditer(code)):
            return True
        return bool(self.decorators) and any(
            _matches(m.group(1).replace(" ", "").rsplit(".", 1)[-1], self.decorators)
            for m in _DECORATOR.finditer(code)
        )


def _units(
    tree: ast.Module, lines: list[str], code_lines: list[str]
) -> tuple[list[ast.stmt], list[_Unit]]:
    context: list[ast.stmt] = []
    units: list[_Unit] = []
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    for statement in tree.body:
        if isinstance(statement, functions):
            unit = _unit(statement, lines, f"def {statement.name}(): pass", statement.name)
            unit.code = "".join(code_lines[unit.first - 1 : unit.last])
            unit.nodes = [statement]
            unit.top = statement
            units.append(unit)
        elif isinstance(statement, ast.ClassDef):
            header = _unit(statement, lines, f"class {statement.name}(): pass", statement.name)
            units.append(header)
            inside: set[int] = set()
            for method in statement.body:
                if isinstance(method, functions):
                    unit = _unit(method, lines, f"def {method.name}(): pass", "")
                    unit.code = "".join(code_lines[unit.first - 1 : unit.last])
                    unit.nodes = [method]
                    unit.header_of = header
                    units.append(unit)
                    inside.update(range(unit.first, unit.last + 1))
            # The header's own code: the class's rows outside its methods.
            rows = range(header.first, header.last + 1)
            header.code = "".join(code_lines[r - 1] for r in rows if r not in inside)
            header.nodes = [
                *statement.decorator_list, *statement.bases, *statement.keywords,
                *(s for s in statement.body if not isinstance(s, functions)),
            ]  # fmt: skip
        else:
            context.append(statement)
    for unit in units:
        unit.mentions = _mentions(unit.code)
    return context, units


def _unit(node: ast.stmt, lines: list[str], stub: str, name: str) -> _Unit:
    decorators = getattr(node, "decorator_list", [])
    first = min([node.lineno, *(d.lineno for d in decorators)])
    line = lines[first - 1]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return _Unit(name, first, node.end_lineno or node.lineno, indent, stub)


def _context_rows(units: list[_Unit], count: int) -> list[int]:
    inside = {r for u in units if u.header_of is None for r in range(u.first, u.last + 1)}
    return [r for r in range(1, count + 1) if r not in inside]


def _mentions(code: str) -> frozenset[str]:
    return frozenset(("." if dot else "") + word for dot, word in _WORD.findall(code))


def _attributes_stored(code: str) -> set[str]:
    found = {"." + a for a in _GROWN.findall(code)}
    found.update("." + a for a in _SHIFTED.findall(code))
    for assigned in _ASSIGNMENT.findall(code):
        found.update("." + a for a in _ATTRIBUTE.findall(assigned))
    for groups in _BINDING_KEYWORD.findall(code):
        for bound in groups:
            found.update("." + a for a in _ATTRIBUTE.findall(bound))
    return found


def _attributes_queried(code: str) -> frozenset[str]:
    """Attributes a unit uses where a rule asks what every assignment in the
    module gives them (perflint.analysis.attributes)."""
    found: set[str] = set()
    for popped, deleted, chain in _QUERIED.findall(code):
        for name in (popped, deleted):
            if name:
                found.add("." + name)
        found.update("." + a for a in _ATTRIBUTE.findall(chain))
    return frozenset(found)


def _declared_global(code: str) -> set[str]:
    return {w for line in _GLOBAL.findall(code) for w in re.findall(r"[A-Za-z_]\w*", line)}


def _interesting_bindings(statements: list[ast.stmt]) -> set[str]:
    """Names module-level statements bind to a value a rule may reason about
    through the name: not a constant (`N = 8 * 1024`, `MODE = "r"`, `None`),
    not another module's object (`Error = mod.Error`), not the result of a
    plain call (`log = getLogger()`); names bound under `if __name__ ==
    "__main__":` are the script's own, not the module's."""
    found: set[str] = set()
    for statement in statements:
        if isinstance(statement, (ast.Import, ast.ImportFrom)) or _is_main_block(statement):
            continue
        if isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            value = statement.value
            if value is None or not _plain(value) or isinstance(statement, ast.AnnAssign):
                targets = (
                    statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                )
                found.update(_names_in_targets(targets))
            continue
        if isinstance(statement, (ast.If, ast.Try, ast.With)) or _is_try_star(statement):
            blocks = [getattr(statement, a, []) for a in ("body", "orelse", "finalbody")]
            blocks += [h.body for h in getattr(statement, "handlers", [])]
            for block in blocks:
                found |= _interesting_bindings(block)
            if isinstance(statement, ast.With):
                items = [i.optional_vars for i in statement.items if i.optional_vars is not None]
                found |= _names_in_targets(items)
            continue
        for node in ast.walk(statement):  # `for`, `while`, `match`...: whatever they bind
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                found.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                found.add(node.name)
    return found


def _is_try_star(statement: ast.stmt) -> bool:
    return type(statement).__name__ == "TryStar"


def _is_main_block(statement: ast.stmt) -> bool:
    test = statement.test if isinstance(statement, ast.If) else None
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in test.comparators)
    )


def _plain(value: ast.expr) -> bool:
    if isinstance(value, ast.Constant):
        return True  # numbers, strings, bytes, None: immutable, nothing to track
    if isinstance(value, (ast.BinOp, ast.UnaryOp)):
        return all(_plain(v) for v in ast.iter_child_nodes(value) if isinstance(v, ast.expr))
    if isinstance(value, ast.Attribute):
        return True  # `Error = other_module.Error`
    if isinstance(value, ast.Call):
        func = value.func
        last = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if last in _CONTAINER_CALLS:
            return False
        while isinstance(func, ast.Attribute):
            func = func.value
        return not (isinstance(func, ast.Name) and func.id in _ARRAY_MODULES)
    return False


def _names_in_targets(targets: Sequence[ast.expr]) -> set[str]:
    return {
        n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)
    }  # fmt: skip


def _kept(
    units: list[_Unit],
    candidates: list[_Unit],
    module_code: tuple[list[ast.stmt], str, bool],
    callees: bool,
    known_classes: frozenset[str],
) -> set[int]:
    """Ids of the units to keep: candidates and, transitively, what a kept
    unit depends on. A unit mentioning
    - a module-level class needs its header (its bases, class-level names);
    - a module-level function needs the units of the functions it calls,
      when a selected rule reads them (PFL301); elsewhere a stub is as good;
    - a module-level name bound to data, or declared global somewhere, needs
      every unit mentioning that name (its other uses tell what it holds);
    - an attribute (`.x`) it searches, shifts or loops over needs every unit
      assigning or growing `.x`; one it assigns needs the units of its own
      class assigning `.x` (PFL106 reads the class's assignments of
      `self.text` to judge `self.text += part`). Attributes are followed only
      from units that may see an object of a class perflint can know
      (perflint.analysis.attributes answers for no other)."""
    context, context_code, context_candidate = module_code
    classes: dict[str, list[_Unit]] = defaultdict(list)
    functions: dict[str, list[_Unit]] = defaultdict(list)
    storers: dict[str, list[_Unit]] = defaultdict(list)
    users: dict[str, list[_Unit]] = defaultdict(list)
    stored: dict[int, set[str]] = {}  # unit id -> attributes it assigns or grows
    # (class header id, attribute) -> the units of that class assigning it
    class_storers: dict[tuple[int, str], list[_Unit]] = defaultdict(list)
    data = _interesting_bindings(context) | _declared_global(context_code)
    for unit in units:
        if unit.stub.startswith("class "):
            classes[unit.name].append(unit)
        elif unit.name:
            functions[unit.name].append(unit)
        data |= _declared_global(unit.code)
        stored[id(unit)] = _attributes_stored(unit.code)
        owner = _class_of(unit)
        for attribute in stored[id(unit)]:
            storers[attribute].append(unit)
            if owner is not None:
                class_storers[(id(owner), attribute)].append(unit)
    for unit in units:
        for name in unit.mentions & data:
            users[name].append(unit)
    kept: set[int] = set()
    work: list[tuple[frozenset[str], bool]] = []

    def keep(unit: _Unit) -> None:
        if id(unit) not in kept:
            kept.add(id(unit))
            # Callees matter to rules judging module-level functions (PFL301).
            calls = callees and bool(unit.name) and not unit.stub.startswith("class ")
            attributes = _may_know_attributes(unit, known_classes)
            work.append((_followed(unit.mentions, unit.code, attributes), calls))
            if unit.header_of is not None:
                keep(unit.header_of)
            owner = _class_of(unit)
            if owner is not None:
                for attribute in stored[id(unit)]:
                    for other in class_storers[(id(owner), attribute)]:
                        keep(other)

    for unit in candidates:
        keep(unit)
    if context_candidate:
        mentions = _mentions(context_code)
        nested = _NESTED_CLASS.search(context_code) is not None
        attributes = bool(mentions & known_classes) or nested
        work.append((_followed(mentions, context_code, attributes), callees))
    while work:
        names, calls = work.pop()
        groups = (classes, users, storers, functions) if calls else (classes, users, storers)
        for name in names:
            for group in groups:
                for unit in group.get(name, ()):
                    keep(unit)
    return kept


def _followed(mentions: frozenset[str], code: str, attributes: bool) -> frozenset[str]:
    """The names, and the queried attributes if asked for, among what code mentions."""
    names = frozenset(m for m in mentions if not m.startswith("."))
    return (names | _attributes_queried(code)) if attributes else names


# A class statement inside a function, a class or a block (code without strings).
_NESTED_CLASS = re.compile(r"^[ \t]+class\b", re.MULTILINE)


def _known_classes(tree: ast.Module) -> frozenset[str]:
    """Module-level classes whose attributes perflint.analysis.attributes may
    know: every base `object` or a module-level class (a superset of its
    `_known`: a starred name counts as the name)."""
    classes = {s.name for s in tree.body if isinstance(s, ast.ClassDef)}
    allowed = classes | {"object"}
    known = set()
    for statement in tree.body:
        if isinstance(statement, ast.ClassDef):
            bases = [b.value if isinstance(b, ast.Starred) else b for b in statement.bases]
            if all(isinstance(b, ast.Name) and b.id in allowed for b in bases):
                known.add(statement.name)
    return frozenset(known)


def _may_know_attributes(unit: _Unit, known_classes: frozenset[str]) -> bool:
    """Whether a rule may learn in unit what attributes of a known class hold:
    a method of one (through `self`), a unit naming one (`q = Queue()`), or one
    holding a class statement of its own (judged like a module-level one)."""
    owner = _class_of(unit)
    return (
        (owner is not None and owner.name in known_classes)
        or bool(unit.mentions & known_classes)
        or _NESTED_CLASS.search(unit.code) is not None
    )


def _class_of(unit: _Unit) -> _Unit | None:
    """The header of the module-level class a unit belongs to (itself for a header)."""
    if unit.header_of is not None:
        return unit.header_of
    return unit if unit.stub.startswith("class ") else None


def _stubbed(lines: list[str], stubbed: list[_Unit]) -> str:
    """lines with each stubbed unit's rows replaced by its stub. A stub of
    several rows continues its parentheses with a backslash on every row
    (`def name(\\`, `\\`, ..., `): pass`): LibCST reads a run of those as one
    piece of whitespace, where blank lines would each be a node of their own
    (a fifth of the parse time of a heavily stubbed file)."""
    out = list(lines)
    gone = {id(u) for u in stubbed}
    for unit in stubbed:
        if unit.header_of is not None and id(unit.header_of) in gone:
            continue  # inside a class stubbed whole
        first, last = unit.first - 1, unit.last - 1
        ends = [line[len(line.rstrip("\r\n")) :] for line in out[first : last + 1]]
        if first == last:
            out[first] = unit.indent + unit.stub + ends[0]
            continue
        head, tail = unit.stub.split("(", 1)
        out[first] = f"{unit.indent}{head}(\\{ends[0]}"
        for row in range(first + 1, last):
            out[row] = "\\" + ends[row - first]
        out[last] = tail + ends[-1]
    return "".join(out)


def _matches(name: str, wanted: frozenset[str]) -> bool:
    if name in wanted:
        return True
    return any(
        (w.startswith("*") and name.endswith(w[1:]))
        or (w.endswith("*") and name.startswith(w[:-1]))
        for w in wanted
        if "*" in w
    )


def _with_aliases(names: frozenset[str], aliases: list[tuple[str, str]]) -> frozenset[str]:
    """names plus what the file imports them as (`from functools import reduce as fold`)."""
    extra = {alias for original, alias in aliases if names and _matches(original, names)}
    return names | extra if extra else names
