import re

import libcst as cst

from perflint.analysis.fresh import fresh_name
from perflint.analysis.hoisting import (
    every_iteration,
    outermost_site,
    runs_once,
    setting_of,
)
from perflint.analysis.regex import flags_argument, pattern_argument, regex_function
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule


class RegexInLoop(Rule):
    """
    ## What it does
    Flags a `re` function (`re.search`, `re.match`, `re.sub`, `re.compile`,
    ...) called in a loop with a pattern (and flags) that is the same on every
    iteration: a literal, or a pattern built from values the loop does not
    change (`r"\\b" + re.escape(word) + r"\\b"`).

    ## Why is this slow
    Each call builds the pattern string again and looks it up in `re`'s cache
    of compiled patterns (or compiles it again: the cache holds 512 patterns).
    A pattern compiled once before the loop skips all of that.

    ## Example
    ```python
    for line in lines:
        if re.search(r"\\b" + re.escape(word) + r"\\b", line):
            hits.append(line)
    ```

    ## Use instead
    ```python
    word_pattern = re.compile(r"\\b" + re.escape(word) + r"\\b")
    for line in lines:
        if word_pattern.search(line):
            hits.append(line)
    ```

    ## Fix safety
    Safe when the pattern is a string literal that compiles (checked while
    linting) with literal flags: compiling it early cannot fail or change
    anything. Unsafe otherwise: a built pattern is then computed (and may
    raise) even when the loop runs zero times. No fix when the call is not
    reached on every iteration and the pattern is built, when `re` is imported
    only as `from re import ...`, or when the pattern spans lines.

    ## Measured
    `make bench-rules` (benchmarks/rules/regex_in_loop.py), CPython 3.11,
    10,000 lines: a built `re.search` 17.2 ms vs 5.7 ms compiled before the
    loop (3.0x); `re.compile(word, re.I)` in the loop 6.1 ms vs 1.4 ms (4.4x);
    a literal `re.match` 5.2 ms vs 1.4 ms (3.7x); 600 patterns per line (more
    than `re` caches) 953 ms vs 15 ms for 100 lines (64x).

    Tier micro: on real lines (benchmarks/rules/regex_realistic.py, timed by
    benchmarks/rules/tiers.py in CPU time, interleaved: 10,000 and 100,000 lines
    of the standard library's source) a literal pattern that `re`'s cache
    answers gains 1.4-1.6x for `re.findall` and `re.sub`, 1.8-2.0x for a
    scanning `re.search`, and 3.2-3.4x only for a `re.match` that fails at once
    with nothing else in the loop; a pattern built with `re.escape` 2.4x.
    Hoisting saves 0.4-1.3 us per call, which any other work in the loop
    dilutes.
    """

    code = "PFL404"
    name = "regex-in-loop"
    category = "loops"
    impact = "constant-factor"
    needs = Needs(screens=frozenset({"regex-call"}))
    tier = "micro"
    summary = "A regular expression is built or compiled on every iteration; compile it once before the loop"
    fix_applicability = "unsafe"

    bad = (
        Bad(
            "import re\n\n\ndef hits(lines, word):\n    out = []\n    for line in lines:\n"
            "        out.append(bool(re.search(r'\\b' + re.escape(word) + r'\\b', line, re.I)))\n"
            "    return out\n",
            line=7,
            fixed="import re\n\n\ndef hits(lines, word):\n    out = []\n"
            "    word_pattern = re.compile(r'\\b' + re.escape(word) + r'\\b', re.I)\n"
            "    for line in lines:\n        out.append(bool(word_pattern.search(line)))\n    return out\n",
            calls=(("hits", (["a Word b", "words"], "word")),),
        ),
        # A literal pattern that compiles: a safe fix.
        Bad(
            "import re\n\n\ndef dates(lines):\n    found = 0\n    for line in lines:\n"
            "        found += len(re.findall(r'\\d+-\\d+', line))\n    return found\n",
            line=7,
            fixed="import re\n\n\ndef dates(lines):\n    found = 0\n    pattern = re.compile(r'\\d+-\\d+')\n"
            "    for line in lines:\n        found += len(pattern.findall(line))\n    return found\n",
            calls=(("dates", (["1-2 and 3-4", "x"],)),),
        ),
        # re.sub keeps its other arguments; flags= moves into compile.
        Bad(
            "import re as regex\n\n\ndef clean(lines):\n"
            "    return [regex.sub('a+', '-', line, count=1, flags=regex.I) for line in lines]\n",
            line=5,
            fixed="import re as regex\n\n\ndef clean(lines):\n    pattern = regex.compile('a+', flags=regex.I)\n"
            "    return [pattern.sub('-', line, count=1) for line in lines]\n",
            calls=(("clean", (["xAAy aa", ""],)),),
        ),
        # re.compile itself in the loop.
        Bad(
            "import re\n\n\ndef f(lines, p):\n    for line in lines:\n"
            "        if re.compile(p).match(line):\n            print(line)\n",
            line=6,
            fixed="import re\n\n\ndef f(lines, p):\n    p_pattern = re.compile(p)\n    for line in lines:\n"
            "        if p_pattern.match(line):\n            print(line)\n",
        ),
    )
    good = (
        # The pattern changes with the loop.
        "import re\n\ndef f(lines, words):\n    for line, word in zip(lines, words):\n"
        "        re.search(re.escape(word), line)\n",
        # Compiled once already.
        "import re\nP = re.compile('a')\n\ndef f(lines):\n    for line in lines:\n        P.search(line)\n",
        # Already a compiled pattern: re.search uses it as it is.
        "import re\nWORD = re.compile('a')\n\ndef f(lines):\n    for line in lines:\n        re.search(WORD, line)\n",
        # Not the re module.
        "import regex\n\ndef f(lines):\n    for line in lines:\n        regex.search('a', line)\n",
        # The loop rebinds the pattern.
        "import re\n\ndef f(lines, p):\n    for line in lines:\n        re.match(p, line)\n        p = line\n",
        # Runs once.
        "import re\n\ndef f(lines, p):\n    for line in lines:\n        if line:\n"
        "            return re.match(p, line)\n",
    )

    def visit_Call(self, node: cst.Call) -> None:
        function = regex_function(self.ctx, node)
        if function is None:
            return
        pattern, flags = pattern_argument(node), flags_argument(node, function)
        if pattern is None or self._precompiled(pattern.value):
            return
        setting = setting_of(self.ctx, node)
        if setting is None:
            return
        compiled = [pattern.value] + ([flags.value] if flags is not None else [])
        site = outermost_site(self.ctx, setting, compiled)
        path = self.ctx.path_to(node)
        if site is None or runs_once(path, setting.loops[0].node):
            return
        what = "compiled" if function == "compile" else "looked up (or compiled)"
        self.report(
            node,
            f"this pattern is {what} on every iteration; compile it once before the loop",
            self._fix(node, function, pattern, flags, site, path),
        )

    def _precompiled(self, pattern: cst.BaseExpression) -> bool:
        """A name bound only to `re.compile(...)`: re uses it as it is."""
        if not isinstance(pattern, cst.Name):
            return False
        scope = self.ctx.binding_scope(pattern.value, pattern)
        bindings = scope.bindings.get(pattern.value, []) if scope is not None else []
        path = self.ctx.path_to(pattern)  # `re` means the same there as where it is bound
        return bool(bindings) and all(
            isinstance(b.value, cst.Call)
            and self.ctx.qualified_name(b.value.func, path) == "re.compile"
            for b in bindings
        )

    def _fix(self, call, function, pattern, flags, site, path) -> FixPlan | None:  # type: ignore[no-untyped-def]
        module = self.ctx.module
        func = call.func
        if not isinstance(func, cst.Attribute) or pattern.keyword is not None:
            return None
        re_name = module.code_for_node(func.value)
        pattern_code = module.code_for_node(pattern.value)
        compile_args = [pattern_code]
        if flags is not None:
            flags_code = module.code_for_node(flags.value)
            compile_args.append(f"flags={flags_code}" if flags.keyword else flags_code)
        compiled = f"{re_name}.compile({', '.join(compile_args)})"
        if "\n" in compiled or "#" in compiled:
            return None
        literal = _compiles(pattern.value, flags.value if flags is not None else None)
        if not literal and not every_iteration(path, site.loop.node):
            return None
        scope = self.ctx.scope_nodes(site.statement)[0]
        name = fresh_name(self.ctx, scope, _pattern_name(pattern.value), private=site.module_level)
        plan = FixPlan(
            f"Compile the pattern once before the loop, as `{name}`",
            lines_before=[(site.statement, f"{name} = {compiled}")],
            applicability="safe" if literal else "unsafe",
        )
        if function == "compile":
            plan.replacements.append((call, name))
            return plan
        rest = [a for a in call.args if a is not pattern and a is not flags]
        arguments = ", ".join(_argument_code(module, a) for a in rest)
        plan.replacements.append((call, f"{name}.{function}({arguments})"))
        return plan


def _argument_code(module: cst.Module, arg: cst.Arg) -> str:
    value = module.code_for_node(arg.value)
    return f"{arg.keyword.value}={value}" if arg.keyword is not None else value


def _pattern_name(pattern: cst.BaseExpression) -> str:
    """`word_pattern` when the pattern is built from `word`, else `pattern`."""
    from perflint.tree import iter_subtree

    skipped = {id(n.attr) for n in iter_subtree(pattern) if isinstance(n, cst.Attribute)}
    skipped.update(id(n.func) for n in iter_subtree(pattern) if isinstance(n, cst.Call))
    for node in iter_subtree(pattern):
        if isinstance(node, cst.Name) and id(node) not in skipped and node.value != "re":
            return f"{node.value}_pattern"
    return "pattern"


def _compiles(pattern: cst.BaseExpression, flags: cst.BaseExpression | None) -> bool:
    """A string literal pattern (with no flags, or `re.X` flags) that compiles."""
    if not isinstance(pattern, (cst.SimpleString, cst.ConcatenatedString)):
        return False
    value = pattern.evaluated_value
    if not isinstance(value, (str, bytes)):
        return False
    flag_value = 0
    if flags is not None:
        if not isinstance(flags, cst.Attribute) or not isinstance(flags.value, cst.Name):
            return False
        found = getattr(re, flags.attr.value, None)
        if not isinstance(found, re.RegexFlag):
            return False
        flag_value = found
    try:
        re.compile(value, flag_value)
    except (re.error, TypeError, ValueError, OverflowError, RecursionError):
        return False
    return True
