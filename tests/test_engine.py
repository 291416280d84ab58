"""The engine: one traversal, cheap positions, rule isolation, noqa, bad input."""

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from perflint.api import lint_source
from perflint.config import Settings
from perflint.context import FileContext
from perflint.diagnostics import LineIndex, LintResult, split_lines
from perflint.engine import run_rules
from perflint.positions import node_ranges
from perflint.rule import Rule
from perflint.tree import iter_subtree

SAMPLE = '''"""Module doc."""
import os  # comment

@decorator(arg=1)
class Greeter(Base, metaclass=Meta):
    def greet(self, name: str = "x", *args, key=None, **kw) -> str:
        for i, (a, b) in enumerate(pairs):
            if a in [1, 2] and not b:
                yield f"{name!r:>{width}}" + str(i)
        return [x * 2 for x in range(3) if x] or {k: v for k, v in kw.items()}

async def main():
    async with lock as held:
        await thing(*args, **{"a": 1})
    match command:
        case [x, *rest] if x > 0:
            pass
        case {"k": v, **others}:
            pass
lambda q, /, r: (q, r)
'''


def test_positions_match_libcst_position_provider():
    module = cst.parse_module(SAMPLE)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    nodes = [n for n in iter_subtree(module) if not isinstance(n, cst.Module)]
    ranges = node_ranges(module, nodes)
    lines = LineIndex(SAMPLE)
    assert len(nodes) > 100
    for node in nodes:
        start, end = ranges[id(node)]
        want = expected[node]
        assert lines.location(start) == (want.start.line, want.start.column + 1), node
        assert lines.location(end) == (want.end.line, want.end.column + 1), node


def test_walk_visits_every_non_trivia_node_in_source_order():
    module = cst.parse_module(SAMPLE)
    seen = []

    class Recorder(Rule):
        def visit_Name(self, node):
            seen.append(node.value)

    ctx = FileContext(module, SAMPLE, "x.py", (3, 11))
    run_rules(ctx, [Recorder], LintResult())
    names_in_order = [n.value for n in iter_subtree(module) if isinstance(n, cst.Name)]
    assert seen == names_in_order
    assert seen[:6] == ["os", "decorator", "arg", "Greeter", "Base", "metaclass"]


def test_leave_handlers_and_ancestors():
    module = cst.parse_module("def f():\n    for x in y:\n        g(x)\n")
    events = []

    class Tracker(Rule):
        def visit_Call(self, node):
            events.append(("call", [type(a).__name__ for a in self.ctx.ancestors][-4:]))

        def leave_For(self, node):
            events.append(("leave-for", len(self.ctx.ancestors)))

    run_rules(FileContext(module, "", "x.py", (3, 11)), [Tracker], LintResult())
    assert events == [
        ("call", ["For", "IndentedBlock", "SimpleStatementLine", "Expr"]),
        ("leave-for", 3),
    ]


class Exploding(Rule):
    code, name, category, summary = "PFL199", "exploding", "complexity", "test"

    def visit_Call(self, node):
        raise ValueError("boom")


def test_a_failing_rule_is_reported_and_others_go_on():
    from perflint.rules.complexity.quadratic_sum import QuadraticSum

    source = "x = sum(a, [])\ny = sum(b, [])\n"
    module = cst.parse_module(source)
    result = LintResult()
    ctx = FileContext(module, source, "x.py", (3, 11))
    run_rules(ctx, [Exploding, QuadraticSum], result)
    assert result.errors == [("PFL199", "ValueError: boom")]  # once, then switched off
    assert [r.rule.code for r in ctx.reports] == ["PFL101", "PFL101"]


def test_noqa():
    source = (
        "a = sum(x, [])  # noqa\n"
        "b = sum(x, [])  # noqa: PFL101\n"
        "c = sum(x, [])  # noqa: PFL102, PFL101\n"
        "d = sum(x, [])  # noqa: PFL999\n"
        "e = sum(x, [])  # NOQA:PFL101\n"
        "f = sum(x, [])\n"
    )
    rows = [d.location[0] for d in lint_source(source, "x.py", Settings()).diagnostics]
    assert rows == [4, 6]


@pytest.mark.parametrize(
    "source, message",
    [
        ("x = " + "(" * 250 + ")" * 250 + "\n", "too many nested parentheses"),
        ("def f(:\n", "syntax error"),
        ("x = 1\0\n", "NUL"),
    ],
)
def test_unparsable_source_is_a_finding(source, message):
    result = lint_source(source, "x.py", Settings())
    (finding,) = result.diagnostics
    assert finding.code == "PFL001" and message in finding.message
    assert result.errors == []


def test_deep_but_valid_nesting_is_linted():
    # 3,000 chained unary operators: valid Python that overflows LibCST's parser
    # on a default-sized thread stack.
    source = "x = " + "-" * 3000 + "1\ny = sum(a, [])\n"
    result = lint_source(source, "x.py", Settings())
    assert [d.code for d in result.diagnostics] == ["PFL101"]


def test_deeply_nested_string_concatenation_positions():
    # Like the stdlib's pydoc_data/topics.py: codegen recursion is deep.
    source = "x = (\n" + "    'a'\n" * 2000 + ")\ny = sum(a, [])\n"
    result = lint_source(source, "x.py", Settings())
    assert [(d.code, d.location) for d in result.diagnostics] == [("PFL101", (2003, 5))]
    assert result.diagnostics[0].fix is not None


def test_what_libcst_cannot_parse_is_reported_clearly():
    # Valid Python (CPython accepts it) beyond LibCST's parser limits, and a
    # loop the pre-pass keeps (a membership test of a name: PFL102 may report).
    source = "x = (\n" + "    'a'\n" * 5000 + ")\nfor part in x:\n    print(part in x)\n"
    (finding,) = lint_source(source, "x.py", Settings()).diagnostics
    assert finding.code == "PFL001"
    assert "LibCST" in finding.message


def test_nothing_to_lint_needs_no_libcst():
    # The pre-pass finds nothing any rule could report in (no loop, no `sum`,
    # ...), so LibCST never parses the file, nor fails on it.
    source = "x = (\n" + "    'a'\n" * 5000 + ")\n"
    assert lint_source(source, "x.py", Settings()).diagnostics == []
    (finding,) = lint_source(source, "x.py", Settings(), prepass=False).diagnostics
    assert finding.code == "PFL001"


def test_empty_source():
    assert lint_source("", "x.py", Settings()).diagnostics == []


def test_crlf_positions():
    result = lint_source("import os\r\n\r\nx = sum(a, [])\r\n", "x.py", Settings())
    assert [d.location for d in result.diagnostics] == [(3, 5)]


def test_non_ascii_columns_count_characters():
    result = lint_source("é = 'ü😀'; x = sum(a, [])\n", "x.py", Settings())
    assert [d.location for d in result.diagnostics] == [(1, 15)]


@pytest.mark.parametrize(
    "source, fixed",
    [
        ("x = sum(a, [])\n", "import itertools\n\nx = list(itertools.chain.from_iterable(a))\n"),
        (
            '"""Doc."""\n\nx = sum(a, [])\n',
            '"""Doc."""\n\nimport itertools\n\nx = list(itertools.chain.from_iterable(a))\n',
        ),
        (
            "#!/usr/bin/env python\n# note\n\ndef f():\n    return sum(a, [])\n",
            "#!/usr/bin/env python\n# note\n\nimport itertools\n\n\ndef f():\n"
            "    return list(itertools.chain.from_iterable(a))\n",
        ),
        (
            "import os\n\nx = 1\nimport sys\n\ny = sum(a, [])\n# end\n",
            "import itertools\nimport os\n\nx = 1\nimport sys\n\n"
            "y = list(itertools.chain.from_iterable(a))\n# end\n",
        ),
        (
            "import itertools\nx = sum(a, [])\ny = sum(b, [])\n",
            "import itertools\nx = list(itertools.chain.from_iterable(a))\n"
            "y = list(itertools.chain.from_iterable(b))\n",
        ),
        (
            "x = sum(a, [])\ny = sum(b, [])\n",
            "import itertools\n\nx = list(itertools.chain.from_iterable(a))\n"
            "y = list(itertools.chain.from_iterable(b))\n",
        ),
    ],
)
def test_fixes_add_one_import_in_the_right_place(source, fixed):
    from perflint.fix import fix_text

    assert fix_text(source, "x.py", Settings(), unsafe=True).text == fixed


def test_long_files_are_parsed_in_pieces_into_the_same_tree(monkeypatch):
    import perflint.parse as parse

    unit = (
        "# a comment\n\nimport os\n\n\n@decorator\ndef f(x):\n    '''Doc.'''\n"
        "    return [\n        x,\n    ]\n\n\nclass C:\n\tdef m(self):\n\t\tpass\n\n# between\n\n"
    )
    text = unit * (3 * parse.PIECE_LINES // unit.count("\n"))
    whole = cst.parse_module(text)
    calls = []
    real = cst.parse_module
    monkeypatch.setattr(parse.cst, "parse_module", lambda t: calls.append(len(t)) or real(t))
    pieces = parse.parse_module(text)
    assert len(calls) >= 3, "a long file is parsed in pieces"
    assert pieces.code == text
    assert pieces.deep_equals(whole)
    assert pieces.default_indent == whole.default_indent == "    "
    assert pieces.default_newline == whole.default_newline


def test_a_cut_inside_a_string_falls_back_to_one_parse():
    from perflint.parse import PIECE_LINES, parse_module

    tricky = "s = '''\n" + "\ndef f():\n    pass\n" * PIECE_LINES + "'''\n"
    assert parse_module(tricky).deep_equals(cst.parse_module(tricky))


@pytest.mark.parametrize(
    "first, later",
    [("    ", "\t"), ("\t", "  ")],
)
def test_pieces_with_different_indents_fall_back_to_one_parse(first, later):
    from perflint.parse import PIECE_LINES, parse_module

    head = f"def f():\n{first}return 1\n\n" * PIECE_LINES
    tail = f"def g():\n{later}return 2\n\n" * PIECE_LINES
    text = "x = 1\n\n" + head + tail
    assert parse_module(text).code == text


def test_pieces_without_indentation_take_the_indent_of_the_others():
    from perflint.parse import PIECE_LINES, parse_module

    text = "x = 1\n" * (2 * PIECE_LINES) + "\n" + "def f():\n\treturn 1\n\n" * PIECE_LINES
    module = parse_module(text)
    assert module.code == text and module.default_indent == "\t"


def test_a_fix_that_breaks_the_code_is_dropped_and_reported(monkeypatch):
    from perflint.rules.complexity.quadratic_sum import QuadraticSum

    from perflint.fix import fix_text
    from perflint.rule import FixPlan

    def broken_fix(self, node, iterable, container):
        return FixPlan("broken", replacements=[(node, "list((")])

    monkeypatch.setattr(QuadraticSum, "_fix", broken_fix)
    source = "x = sum(a, [])\n"
    outcome = fix_text(source, "x.py", Settings(), unsafe=True)
    assert outcome.text == source
    assert outcome.fixed == 0
    assert outcome.rejected == [("PFL101", outcome.result.diagnostics[0].message)]


def test_piece_cache_parses_to_the_same_code_and_findings():
    from pathlib import Path

    from perflint.api import lint_source
    from perflint.config import Settings
    from perflint.parse import PieceCache, parse_module

    examples = Path(__file__).resolve().parents[1] / "examples"
    text = "".join(p.read_text() for p in sorted(examples.glob("*.py")))
    cache = PieceCache(piece_lines=20)
    assert parse_module(text, cache).code == text
    edited = text.replace("def ", "def renamed_", 1)
    assert parse_module(edited, cache).code == edited
    plain = lint_source(edited, "x.py", Settings())
    cached = lint_source(edited, "x.py", Settings(), cache)
    assert [(d.code, d.location, d.fix) for d in plain.diagnostics] == [
        (d.code, d.location, d.fix) for d in cached.diagnostics
    ]


@pytest.mark.parametrize(
    "text",
    ["", "a", "a\n", "\n\n", "a\nb", "a\r\nb\r", "a\rb\n", "x\x0cy\nz", "\r", "a\n\r\nb"],
)
@pytest.mark.parametrize("keepends", [False, True])
def test_split_lines_ends_lines_where_python_does(text, keepends):
    """Only \\r\\n, \\r and \\n end a line (not form feeds); the text splits
    back into itself."""
    lines = split_lines(text, keepends=True)
    assert "".join(lines) == text
    assert all(line[-1:] in ("\n", "\r") for line in lines[:-1])
    assert split_lines(text, keepends) == (
        lines if keepends else [line.rstrip("\r\n") for line in lines]
    )
    pieces = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert len(split_lines(text)) == len(pieces) - (text.endswith(("\n", "\r")) or not text)
