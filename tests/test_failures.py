"""No failure is silent: rules do not crash on legal scoping, anything LibCST
cannot parse is a PFL001 finding, and an internal error is never hidden behind
"All checks passed!" or a zero exit status."""

import pytest

from perflint.api import lint_source
from perflint.config import Settings

ALL = Settings(select=("ALL",))


def _lint_all(source: str):
    result = lint_source(source, "example.py", ALL)
    assert result.errors == [], result.errors
    return result.diagnostics


# --- names declared `nonlocal` or `global` -------------------------------------
# A scope that only declares a name has no binding of it: lookups that stopped
# there (PFL205 and others indexed its bindings) raised KeyError.

NONLOCAL_IN_LOOP = """\
def outer():
    names = ["a", "b", "c", "d", "e"]

    def inner(xs):
        nonlocal names
        for x in xs:
            if x in names:
                print(x)

    return inner
"""


@pytest.mark.parametrize(
    "source",
    [
        NONLOCAL_IN_LOOP,
        # Declared nonlocal two functions down, and rebound there.
        "def a():\n    names = ['a', 'b', 'c', 'd', 'e']\n    def b():\n        def c(xs):\n"
        "            nonlocal names\n            names = list(names)\n            for x in xs:\n"
        "                if x in names:\n                    names.pop(0)\n        return c\n"
        "    return b\n",
        # Every name-reading rule on a nonlocal: counters, regexes, queues, cursors, self.
        "import re\ndef outer(rows):\n    counts = {}\n    pattern = re.compile('x')\n"
        "    queue = []\n    cur = None\n    obj = None\n    def inner():\n"
        "        nonlocal counts, pattern, queue, cur, obj\n        for r in rows:\n"
        "            counts[r] = counts.get(r, 0) + 1\n            re.match(pattern, r)\n"
        "            queue.pop(0)\n            cur.execute('SELECT 1 WHERE a = ?', (r,))\n"
        "            obj.items.pop(0)\n            if r in queue:\n                pass\n"
        "    return inner\n",
        # Rejected by CPython, accepted by LibCST: nonlocal with no enclosing binding.
        "nonlocal names\nfor x in xs:\n    if x in names:\n        pass\n",
        "def f(xs):\n    nonlocal names\n    for x in xs:\n        if x in names:\n"
        "            names.pop(0)\n",
        "class C:\n    names = ['a', 'b', 'c', 'd', 'e']\n    def m(self, xs):\n"
        "        nonlocal names\n        return [x for x in xs if x in names]\n",
        # global, bound or not at module level.
        "names = ['a', 'b', 'c', 'd', 'e']\ndef f(xs):\n    global names\n"
        "    for x in xs:\n        if x in names:\n            names.pop(0)\n",
        "def f(xs):\n    global names\n    for x in xs:\n        if x in names:\n"
        "            names.pop(0)\n",
    ],
)
def test_declared_names_do_not_crash_rules(source):
    _lint_all(source)


def test_a_nonlocal_resolves_to_the_enclosing_binding():
    import libcst as cst

    from perflint.analysis.names import Scopes, binding_scope

    module = cst.parse_module(NONLOCAL_IN_LOOP)
    outer = module.body[0]
    inner = outer.body.body[1]
    scope = binding_scope("names", [inner, outer, module], Scopes())
    assert scope is not None and scope.node is outer and "names" in scope.bindings


# --- whatever LibCST raises while parsing is a PFL001 finding -------------------

BARE_EXCEPT_FIRST = "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n"
# Something to lint (an `in` test in a loop, which PFL102's screen keeps): without
# it the pre-pass (perflint.prepass) sends nothing to LibCST.
LOOP = "for item in items:\n    if item in seen:\n        print(item)\n"


def _only_syntax_error(source: str):
    found = _lint_all(source)
    assert [d.code for d in found] == ["PFL001"], found
    return found[0]


@pytest.mark.parametrize(
    "source, words, row",
    [
        # CSTValidationError; CPython's compiler rejects it too (its parser does not).
        (BARE_EXCEPT_FIRST, ["LibCST", "CSTValidationError", "rejects it too"], 3),
        # CSTLogicError on implicitly concatenated t-strings (Python 3.14).
        ('t"" t""\n', ["LibCST", "CSTLogicError"], 1),
        ('def f():\n    return t"a{b}" t"c"\n', ["LibCST", "CSTLogicError"], 2),
        # LibCST's grammar gives up on more than a few thousand implicitly
        # concatenated strings; CPython does not.
        ("x = (\n" + "    'a'\n" * 4000 + ")\n", ["LibCST", "accepts it"], 4003),
    ],
)
def test_libcst_failures_are_syntax_findings(source, words, row):
    # A loop after it: the pre-pass (perflint.prepass) sends the file to LibCST.
    finding = _only_syntax_error(source + LOOP)
    assert all(w in finding.message for w in words), finding.message
    assert finding.location[0] == row


def test_libcst_failures_in_code_with_nothing_to_lint_are_not_parsed():
    # Nothing any rule looks for: LibCST never parses the file (CPython's
    # parser, which the pre-pass uses, accepts it).
    assert _lint_all(BARE_EXCEPT_FIRST) == []


def test_cpython_message_when_both_reject():
    finding = _only_syntax_error("f(**a, *b)\n")
    assert finding.message.startswith("syntax error: ") and "LibCST" not in finding.message


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("something new in LibCST"),
        ValueError("odd"),
        KeyError("x"),
        IndexError("list index out of range"),
    ],
)
def test_any_parser_exception_is_a_syntax_finding(monkeypatch, error):
    import perflint.api as api

    def broken(text, pieces=None):
        raise error

    monkeypatch.setattr(api, "parse_module", broken)
    finding = _only_syntax_error(LOOP)
    assert "LibCST" in finding.message and type(error).__name__ in finding.message


def test_recursion_in_the_parser_is_a_syntax_finding(monkeypatch):
    import perflint.api as api

    def deep(text, pieces=None):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(api, "parse_module", deep)
    assert "nested too deeply" in _only_syntax_error(LOOP).message


def test_a_piece_that_libcst_rejects_falls_back_to_the_whole_file():
    # Long enough to be parsed in pieces; one piece fails LibCST's validation.
    body = "".join(f"\ndef f{i}():\n    return {i}\n" for i in range(700))
    source = (
        body
        + "\ndef g():\n"
        + "".join("    " + line + "\n" for line in (BARE_EXCEPT_FIRST + LOOP).split("\n") if line)
    )
    finding = _only_syntax_error(source)
    assert "CSTValidationError" in finding.message


NEWER_SYNTAX = [
    # 3.12: type statements and type parameters.
    "type Pairs = list[tuple[int, int]]\n",
    "def first[T](xs: list[T]) -> T:\n    return xs[0]\n",
    "class Box[T: (int, str), *Ts, **P]:\n    pass\n",
    # 3.12: f-strings reusing quotes, with comments and backslashes.
    'x = f"{", ".join(names)}"\ny = f"{"\\n".join(a)}"\n',
    # 3.13: type parameter defaults.
    "def f[T = int](x: T) -> T:\n    return x\n",
    # 3.14: template strings, except without brackets (PEP 758).
    'greeting = t"hello {name!r:>10}"\n',
    "try:\n    pass\nexcept ValueError, TypeError:\n    pass\n",
]


@pytest.mark.parametrize("source", NEWER_SYNTAX)
def test_newer_syntax_that_libcst_parses_is_linted(source):
    # Rules still run: a quadratic sum next to the new syntax is found.
    found = _lint_all(source + "\ndef flat(pages):\n    return sum(pages, [])\n")
    assert [d.code for d in found] == ["PFL101"], found


# --- an internal error is never silent -----------------------------------------

CLEAN = "for x in y:\n    pass\n"
SLOW = "def flat(pages):\n    return sum(pages, [])\n"
TESTED = "for v in w:\n    if v in y:\n        pass\n"  # PFL205 (broken below) visits it


@pytest.fixture
def broken_rule(monkeypatch):
    """PFL205 raises on every comparison it sees."""
    from perflint.rules.containers.literal_membership import LiteralListMembership

    def explode(self, node):
        raise KeyError("names")

    monkeypatch.setattr(LiteralListMembership, "visit_ComparisonTarget", explode)


def _project(tmp_path, **files):
    from tests.conftest import write

    for name, text in files.items():
        write(tmp_path / f"{name}.py", text)


def test_text_summary_says_what_was_not_checked(run_cli, tmp_path, broken_rule):
    _project(tmp_path, a=TESTED, b=CLEAN)
    code, out, err = run_cli("-j", "1", "--no-cache", "--select", "ALL", ".")
    assert code == 2
    assert "All checks passed!" not in out
    assert out.splitlines() == [
        "No findings in what was checked.",
        "1 file was not fully checked: internal error in PFL205 (see above).",
    ]
    assert "internal error in rule PFL205 (literal-list-membership) on a.py: KeyError" in err
    assert "Traceback" not in out + err


def test_summary_with_findings_and_errors(run_cli, tmp_path, broken_rule):
    _project(tmp_path, a=TESTED, b=TESTED, c=SLOW)
    code, out, err = run_cli("-j", "1", "--no-cache", "--select", "ALL", ".")
    assert code == 2
    assert "Found 1 finding." in out
    assert out.rstrip().endswith(
        "2 files were not fully checked: internal error in PFL205 (see above)."
    )


@pytest.mark.parametrize("exit_zero", [False, True])
@pytest.mark.parametrize("source", [CLEAN, SLOW])
def test_internal_error_exits_2_even_with_exit_zero(
    run_cli, tmp_path, broken_rule, exit_zero, source
):
    # --exit-zero is about findings; an internal error means perflint could not
    # do its job, so the status says so whatever the findings.
    _project(tmp_path, a=TESTED, b=source)
    flags = ["--exit-zero"] if exit_zero else []
    assert run_cli("-j", "1", "--no-cache", "--select", "ALL", *flags, ".")[0] == 2


@pytest.mark.parametrize("exit_zero, expected", [(False, 1), (True, 0)])
def test_exit_zero_without_internal_errors(run_cli, tmp_path, exit_zero, expected):
    _project(tmp_path, c=SLOW)
    flags = ["--exit-zero"] if exit_zero else []
    assert run_cli("-j", "1", "--no-cache", *flags, ".")[0] == expected


def test_a_file_that_failed_is_not_cached_as_clean(run_cli, tmp_path, monkeypatch):
    from perflint.rules.containers.literal_membership import LiteralListMembership

    _project(tmp_path, a=TESTED)
    with monkeypatch.context() as patch:
        patch.setattr(LiteralListMembership, "visit_ComparisonTarget", lambda self, node: 1 / 0)
        assert run_cli("-j", "1", "--select", "ALL", ".")[0] == 2
    code, out, _ = run_cli("-j", "1", "--select", "ALL", ".")
    assert code == 0 and out == "All checks passed!\n"


def test_json_keeps_its_shape_and_errors_go_to_stderr(run_cli, tmp_path, broken_rule):
    import json

    _project(tmp_path, a=TESTED, c=SLOW)
    code, out, err = run_cli("-j", "1", "--no-cache", "--select", "ALL", "--format", "json", ".")
    assert code == 2
    found = json.loads(out)
    assert isinstance(found, list) and [f["code"] for f in found] == ["PFL101"]
    assert "internal error in rule PFL205" in err


def test_json_with_exit_zero(run_cli, tmp_path, broken_rule):
    _project(tmp_path, a=TESTED)
    flags = ("-j", "1", "--no-cache", "--select", "ALL", "--format", "json", "--exit-zero", ".")
    code, out, err = run_cli(*flags)
    assert code == 2 and out == "[]\n" and "internal error" in err


def test_sarif_reports_internal_errors_as_tool_notifications(run_cli, tmp_path, broken_rule):
    import json

    import jsonschema

    from tests.test_ci import _sarif_schema

    _project(tmp_path, a=TESTED, c=SLOW)
    code, out, _ = run_cli("-j", "1", "--no-cache", "--select", "ALL", "--format", "sarif", ".")
    assert code == 2
    log = json.loads(out)
    jsonschema.validate(log, _sarif_schema())
    (run,) = log["runs"]
    assert [r["ruleId"] for r in run["results"]] == ["PFL101"]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["associatedRule"] == {"id": "PFL205"}
    assert "KeyError" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.py"


def test_sarif_of_a_successful_run_says_so(run_cli, tmp_path):
    import json

    _project(tmp_path, c=SLOW)
    out = run_cli("-j", "1", "--no-cache", "--format", "sarif", ".")[1]
    (invocation,) = json.loads(out)["runs"][0]["invocations"]
    assert invocation == {"executionSuccessful": True, "toolExecutionNotifications": []}


def test_junit_and_github_show_internal_errors(run_cli, tmp_path, broken_rule):
    import xml.etree.ElementTree as ET

    _project(tmp_path, a=TESTED)
    code, out, _ = run_cli("-j", "1", "--no-cache", "--select", "ALL", "--format", "junit", ".")
    root = ET.fromstring(out)
    assert code == 2 and root.get("errors") == "1" and root.get("failures") == "0"
    assert root.find(".//error").get("type") == "internal-error"
    code, out, _ = run_cli("-j", "1", "--no-cache", "--select", "ALL", "--format", "github", ".")
    assert code == 2 and out.startswith("::error file=a.py,title=perflint internal error (PFL205)")


def test_quiet_still_exits_2_and_says_why_on_stderr(run_cli, tmp_path, broken_rule):
    _project(tmp_path, a=TESTED)
    code, out, err = run_cli("-j", "1", "--no-cache", "--select", "ALL", "-q", ".")
    assert code == 2 and out == "" and "internal error in rule PFL205" in err


def test_internal_error_on_stdin_is_reported_not_raised(run_cli, tmp_path, monkeypatch):
    import perflint.runner as runner

    def explode(*args, **kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr(runner, "process_source", explode)
    import perflint.cli_check as cli_check

    monkeypatch.setattr(cli_check, "process_source", explode)
    code, out, err = run_cli("-", input="x = 1\n")
    assert code == 2 and "All checks passed!" not in out
    assert "internal error in perflint on -: RuntimeError: kaput" in err
