import libcst as cst

from perflint.analysis.scopes import Scope, dotted_name
from perflint.analysis.usage import uses_of
from perflint.diagnostics import UNSAFE
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule


class ImportInLoop(Rule):
    """
    ## What it does
    Flags an `import` or `from ... import` statement that runs on every
    iteration of a loop: directly in the loop body, not under an `if`, `try`
    or `except` inside it (those are usually deliberate lazy imports on a rare
    path).

    ## Why is this slow
    After the first time, an import finds the module in `sys.modules`, but it
    still takes the import lock, looks the module up and rebinds the names on
    every iteration; `from m import name` also fetches the attribute each time.

    ## Example
    ```python
    for row in rows:
        import json
        out.append(json.dumps(row))
    ```

    ## Use instead
    ```python
    import json

    for row in rows:
        out.append(json.dumps(row))
    ```

    ## Fix safety
    The fix moves the statement to just before the outermost loop of the
    function. It is safe when the module is already imported at the top of
    the file (the moved import cannot fail or run new code), and unsafe
    otherwise: when the loop runs zero times the import used not to happen,
    and importing a module can raise or have side effects. No fix when the
    import sits under an `if`/`try` in the loop, when its names are used or
    bound elsewhere in the loop before it, or when a comment would be lost.

    ## Measured
    `make bench-rules` (benchmarks/rules/import_in_loop.py and tiers.py),
    CPython 3.11, CPU time with bad and fixed interleaved, 10,000 and 100,000
    iterations: in a loop that only calls `math.floor`, `import math` 3.4-4.1x
    and `from math import floor` 29-44x; in a loop that does some work, `import
    textwrap` to dedent a stdlib line 1.0-1.1x and `from os.path import
    splitext` on one 2.5-2.9x. An import statement costs about 0.2 us (`import`)
    to 1.3-1.8 us (`from ... import`) per iteration. Tier micro: most imports
    found in loops are plain `import` statements (4 of 5 in the stdlib), which
    gain nothing measurable in a loop that does any work.
    """

    code = "PFL401"
    name = "import-in-loop"
    category = "loops"
    impact = "constant-factor"
    needs = Needs(screens=frozenset({"import-in-loop"}))
    tier = "micro"
    summary = "An import statement inside a loop runs on every iteration; import before the loop"
    fix_applicability = UNSAFE

    bad = (
        Bad(
            '''import json


def encode_all(rows):
    """Each row as JSON text."""
    out = []
    for row in rows:
        import json
        out.append(json.dumps(row))
    return out
''',
            line=8,
            fixed='''import json


def encode_all(rows):
    """Each row as JSON text."""
    out = []
    import json
    for row in rows:
        out.append(json.dumps(row))
    return out
''',
            calls=(("encode_all", ([{"a": 1}, [2]],)), ("encode_all", ([],))),
        ),
        Bad(
            "def floors(values):\n    result = []\n    for v in values:\n"
            "        from math import floor\n        result.append(floor(v))\n    return result\n",
            line=4,
            fixed="def floors(values):\n    result = []\n    from math import floor\n    for v in values:\n"
            "        result.append(floor(v))\n    return result\n",
            calls=(("floors", ([1.5, -0.5],)),),
        ),
        # A comment on the line would be lost: reported, not moved.
        Bad(
            "def f(xs):\n    for x in xs:\n        import json  # lazily\n        json.dumps(x)\n",
            line=3,
            fixed=None,
        ),
    )
    good = (
        # Imported only on a rare path (an error handler, a branch): deliberate
        # lazy imports, as in the stdlib's multiprocessing/util.py and re/_parser.py.
        "def f(paths):\n    for p in paths:\n        if p.endswith('.gz'):\n"
        "            import gzip\n            gzip.open(p)\n",
        "def f(jobs):\n    for job in jobs:\n        try:\n            job()\n        except Exception:\n"
        "            import traceback\n            traceback.print_exc()\n",
        "import json\ndef f(rows):\n    return [json.dumps(r) for r in rows]\n",
        # An import inside a function defined in a loop runs when it is called.
        "def f(names):\n    for n in names:\n        def g():\n            import json\n"
        "            return json\n",
        # A loop of fixed length.
        "def f():\n    for _ in range(2):\n        import json\n",
        # Not in a loop.
        "def f():\n    import json\n    return json.dumps(1)\n",
    )

    def visit_Import(self, node: cst.Import) -> None:
        self._check(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            return  # only legal at module level, and not worth guessing
        self._check(node)

    def _check(self, node: cst.Import | cst.ImportFrom) -> None:
        loops = self.ctx.growing_loops(node)
        if not loops:
            return
        path = self.ctx.path_to(node)
        if len(path) < 4 or path[-4] is not loops[0].node:
            return  # under an if/try/except in the loop: a deliberate lazy import
        code = self.ctx.module.code_for_node(node)
        self.report(
            node,
            f"`{code}` runs on every iteration of the loop; import once before the loop",
            self._fix(node, loops[-1].node),
        )

    def _fix(self, node: cst.Import | cst.ImportFrom, loop: cst.CSTNode) -> FixPlan | None:
        ctx = self.ctx
        path = ctx.path_to(node)
        line, block = path[-2], path[-3]
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
            return None
        if not isinstance(block, cst.IndentedBlock) or path[-4] is not loop:
            return None  # under an if/try inside the loop, or in an inner loop
        if not isinstance(loop, (cst.For, cst.While)) or "#" in ctx.module.code_for_node(line):
            return None
        statement = ctx.statement_of(loop)
        if statement is not loop:
            return None
        for name in _bound_names(node):
            uses = list(uses_of(name, loop))
            first = uses[0] if uses else None
            if first is None or not any(a is node for a in first.ancestors):
                return None  # the name is used in the loop before the import
            if any(u.is_store() for u in uses):
                return None
        code = ctx.module.code_for_node(node)
        module_scope = ctx.scopes.get(ctx.module)
        safe = _imported_at_top(node, module_scope)
        return FixPlan(
            "Import once before the loop",
            lines_before=[(loop, code)],
            deletions=[line],
            applicability="safe" if safe else "unsafe",
        )


def _bound_names(node: cst.Import | cst.ImportFrom) -> list[str]:
    names = []
    aliases = node.names if not isinstance(node.names, cst.ImportStar) else ()
    for alias in aliases:
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            names.append(alias.asname.name.value)
        elif isinstance(node, cst.Import):
            names.append((dotted_name(alias.name) or "").split(".")[0])
        else:
            names.append(dotted_name(alias.name) or "")
    return names


def _imported_at_top(node: cst.Import | cst.ImportFrom, module_scope: Scope) -> bool:
    """Whether the module this statement imports is imported by the file at top level."""
    if isinstance(node, cst.ImportFrom):
        if node.relative:
            return False
        wanted = {dotted_name(node.module) or ""}
    else:
        wanted = {dotted_name(a.name) or "" for a in node.names}
    imported = {
        b.imported
        for bindings in module_scope.bindings.values()
        for b in bindings
        if b.kind == "import"
    }
    return wanted <= imported
