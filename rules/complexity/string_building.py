import libcst as cst

from perflint.prepass import Needs
from perflint.rule import Bad, Rule
from perflint.tree import iter_subtree


class StringBuildingInLoop(Rule):
    """
    ## What it does
    Flags building a `bytes` object with `+=` (or `b = b + part`) inside a
    loop, and building a `str` that way when the target is an attribute
    (`self.text += part`) or a global. A plain local `str` is not reported,
    nor a buffer filled by reading its shortfall (`buf += f.read(n - len(buf))`),
    which a file answers in one or a few reads.

    ## Why is this slow
    `bytes` and `str` are immutable: `+` makes a new object and copies both
    parts, so n appends copy O(n²) bytes. CPython avoids the copy for a `str`
    held only by a local variable (it resizes the string in place), which is
    why a local `s += part` stays linear; it cannot do that for bytes, for an
    attribute or for a global.

    ## Example
    ```python
    class Report:
        def render(self, rows):
            for row in rows:
                self.text += format_row(row)
    ```

    ## Use instead
    ```python
            self.text += "".join(format_row(row) for row in rows)
    ```
    or collect the parts in a list; for bytes, use a `bytearray` (`buf += part`
    is in place) or `b"".join(parts)`.

    ## Fix safety
    No fix: the attribute or bytes object may be read inside the loop.

    ## Measured
    `make bench-rules` (benchmarks/rules/string_building.py), CPython 3.11,
    n = 100,000 pieces: `self.text += piece` 2,808 ms vs 2.2 ms for a list
    and `"".join` (1,260x; 10x more pieces cost it 259x); `bytes +=` 2,509 ms
    vs 5.8 ms for a `bytearray` (433x; 10x more pieces cost it 232x). A local
    `str +=` took 5.5 ms, growing 10.1x for 10x more pieces: linear, so not
    reported.
    """

    code = "PFL106"
    name = "string-concat-in-loop"
    category = "complexity"
    impact = "super-linear"
    needs = Needs(screens=frozenset({"concat-in-place"}))
    summary = "`bytes +=` or `self.text +=` in a loop copies the whole value each time"

    bad = (
        Bad(
            '''def encode_rows(rows):
    """One CSV payload."""
    payload = b""
    for row in rows:
        # one line per row
        payload += ",".join(row).encode() + b"\\n"
    return payload
''',
            line=6,
        ),
        Bad(
            """class Page:
    def __init__(self):
        self.html = ""

    def render(self, items):
        for item in items:
            self.html += f"<li>{item}</li>"
        return self.html
""",
            line=7,
        ),
        Bad(
            "log = ''\n\ndef record(events):\n    global log\n    for e in events:\n        log = log + str(e)\n",
            line=6,
        ),
    )
    good = (
        # Reads the whole shortfall each pass: a file returns it at once, so
        # the loop runs once or a few times.
        "def f(stream, want):\n    buf = b''\n    while True:\n"
        "        new = stream.read(want - len(buf))\n        buf += new\n"
        "        if not new or len(buf) >= want:\n            return buf\n",
        "def f(stream, want):\n    buf = b''\n    while len(buf) < want:\n"
        "        buf += stream.read(want - len(buf))\n    return buf\n",
        # A loop over an attribute dict of a few fixed keys.
        "class Conn:\n    def __init__(self, name):\n"
        "        self.attrs = {'client': 'x', 'pid': '1', 'version': '2'}\n"
        "        if name:\n            self.attrs['program'] = name\n    def send(self):\n"
        "        out = b''\n        for k, v in self.attrs.items():\n"
        "            out += k.encode() + v.encode()\n        return out\n",
        # A short buffer emptied again inside the loop (a command sequence).
        "class T:\n    def __init__(self):\n        self.seq = b''\n    def feed(self, data):\n"
        "        for c in data:\n            self.seq += c\n            if len(self.seq) > 1:\n"
        "                self.handle(self.seq)\n                self.seq = b''\n",
        "def f(chunks):\n    line = b''\n    for c in chunks:\n        line += c\n"
        "        if c == b'\\n':\n            yield line\n            line = b''\n",
        # A local str: CPython appends in place (linear).
        "def f(rows):\n    out = ''\n    for r in rows:\n        out += r\n    return out\n",
        # bytearray appends in place.
        "def f(parts):\n    buf = bytearray()\n    for p in parts:\n        buf += p\n",
        # Numbers.
        "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n",
        # An attribute that is not provably a str (a list extends in place).
        "class C:\n    def f(self, xs):\n        for x in xs:\n            self.items += [x]\n",
        "class C:\n    def __init__(self):\n        self.text = ''\n        self.text = None\n"
        "    def f(self, xs):\n        for x in xs:\n            self.text += x\n",
        # Not in a loop.
        "def f(a):\n    b = b'x'\n    b += a\n    return b\n",
        # A loop of fixed length.
        "def f():\n    b = b''\n    for part in (b'a', b'b'):\n        b += part\n",
    )

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        # Numbers are the common case (`i += 1`): rule them out before proving types.
        if isinstance(node.operator, cst.AddAssign) and not isinstance(
            node.value, (cst.Integer, cst.Float, cst.Imaginary)
        ):
            self._check(node, node.target)

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        target, value = node.targets[0].target, node.value
        if (
            isinstance(value, cst.BinaryOperation)
            and isinstance(value.operator, cst.Add)
            and isinstance(target, (cst.Name, cst.Attribute))
            and self.ctx.module.code_for_node(value.left) == self.ctx.module.code_for_node(target)
        ):
            self._check(node, target)

    def _check(self, node: cst.CSTNode, target: cst.BaseExpression) -> None:
        loops = self.ctx.growing_loops(node)
        if not loops:
            return
        code = self.ctx.module.code_for_node(target)
        if self._reset_in(loops[0].node, code):
            return  # emptied again inside the loop: a short buffer, not an ever-growing value
        if self._reads_shortfall(node, loops[0].node, code):
            return
        if isinstance(target, cst.Name):
            kind = self._name_kind(target)
            if kind == "bytes":
                self.report(
                    node,
                    f"`{code} += ...` copies the whole bytes object on every iteration "
                    "(quadratic in the number of iterations); "
                    "use a `bytearray` or collect parts and `b''.join` them",
                )
            elif kind == "global str":
                self.report(
                    node,
                    f"`{code} += ...` on a global copies the whole string on every "
                    "iteration (quadratic in the number of iterations); "
                    "collect parts in a list and `''.join` them",
                )
        elif isinstance(target, cst.Attribute):
            kind = self._attribute_kind(target)
            if kind in ("str", "bytes"):
                what = "string" if kind == "str" else "bytes object"
                self.report(
                    node,
                    f"`{code} += ...` copies the whole {what} on every iteration "
                    "(quadratic in the number of iterations: CPython appends in place only to "
                    "plain local strings); "
                    "collect parts in a list and join them once",
                )

    def _reads_shortfall(self, node: cst.CSTNode, loop: cst.CSTNode, code: str) -> bool:
        """Whether the added part is `stream.read(n - len(buf))`, directly or
        through a name the loop assigns it to: a file's read returns the whole
        shortfall, so such a loop runs once or a few times, not once per byte."""
        module = self.ctx.module
        added = node.value if isinstance(node, cst.AugAssign) else getattr(node, "value", None)
        if isinstance(added, cst.BinaryOperation):
            added = added.right
        candidates: list[cst.BaseExpression] = []
        if isinstance(added, cst.Name):
            for inner in iter_subtree(getattr(loop, "body", loop)):
                if isinstance(inner, cst.Assign) and any(
                    isinstance(t.target, cst.Name) and t.target.value == added.value
                    for t in inner.targets
                ):
                    candidates.append(inner.value)
        elif added is not None:
            candidates.append(added)
        shortfall = f"len({code})"
        return bool(candidates) and all(
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Attribute)
            and value.func.attr.value == "read"
            and any(shortfall in module.code_for_node(arg.value) for arg in value.args)
            for value in candidates
        )

    def _reset_in(self, loop: cst.CSTNode, code: str) -> bool:
        """Whether the loop assigns the target anew (`buf = b''`), not from itself."""
        module = self.ctx.module
        for node in iter_subtree(getattr(loop, "body", loop)):
            if not isinstance(node, cst.Assign):
                continue
            if any(module.code_for_node(t.target) == code for t in node.targets):
                if code not in module.code_for_node(node.value):
                    return True
        return False

    def _name_kind(self, target: cst.Name) -> str | None:
        scope_nodes = self.ctx.scope_nodes(target)
        scope = self.ctx.scopes.get(scope_nodes[0])
        if target.value in scope.globals:
            module = scope_nodes[-1]
            kind = self.ctx.types.of_name(target.value, [module])
            return "global str" if kind == "str" else kind
        return self.ctx.proven_type(target)

    def _attribute_kind(self, target: cst.Attribute) -> str | None:
        """'str' when every assignment to this `self.attr` in the class is a str."""
        if not isinstance(target.value, cst.Name):
            return None
        path = self.ctx.path_to(target)
        classes = [n for n in path if isinstance(n, cst.ClassDef)]
        if not classes:
            return None
        owner, attr = target.value.value, target.attr.value
        kinds = set()
        for node in iter_subtree(classes[-1]):
            pairs: list[tuple[cst.BaseExpression, cst.BaseExpression | None]]
            if isinstance(node, cst.Assign):
                pairs = [(t.target, node.value) for t in node.targets]
            elif isinstance(node, cst.AnnAssign):
                pairs = [(node.target, node.value)]
            else:
                continue
            for assigned, value in pairs:
                if (
                    isinstance(assigned, cst.Attribute)
                    and isinstance(assigned.value, cst.Name)
                    and assigned.value.value == owner
                    and assigned.attr.value == attr
                ):
                    kinds.add(_literal_kind(value))
        return kinds.pop() if len(kinds) == 1 else None


def _literal_kind(value: cst.BaseExpression | None) -> str | None:
    if isinstance(value, cst.FormattedString):
        return "str"
    if isinstance(value, cst.SimpleString):
        return "bytes" if "b" in value.prefix.lower() else "str"
    return None
