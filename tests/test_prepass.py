"""The pre-pass (perflint.prepass) changes what LibCST parses, never the results:
every finding and every fix equals a lint of the whole file."""

import sysconfig
from pathlib import Path

import libcst
import pytest

from perflint.api import lint_source
from perflint.config import Settings
from perflint.prepass import EVERYWHERE, Needs, reduce_source, union
from perflint.prepass_screens import (
    ARRAY_ATTRIBUTES,
    CHEAP_CALL_NAMES,
    HTTP_CALL_NAMES,
    NUMERIC_MODULES,
    PURE_CALL_NAMES,
    REGEX_CALL_NAMES,
    SCREENS,
    STR_METHOD_NAMES,
)
from perflint.registry import all_rules

RULES = all_rules()
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.py"))
STDLIB = Path(sysconfig.get_paths()["stdlib"])
SKIP = {"test", "idlelib", "site-packages", "__pycache__"}


def _same(text: str, settings: Settings) -> None:
    full = lint_source(text, "x.py", settings, prepass=False)
    reduced = lint_source(text, "x.py", settings)
    assert reduced.diagnostics == full.diagnostics
    assert reduced.errors == full.errors


def _examples(kind: str):
    for rule in RULES:
        for index, example in enumerate(getattr(rule, kind)):
            code = example.code if kind == "bad" else example
            yield pytest.param(rule, code, id=f"{rule.code}-{kind}-{index}")


@pytest.mark.parametrize("rule, code", list(_examples("bad")))
def test_bad_examples_survive_the_prepass(rule, code):
    if rule.category != "errors":  # PFL001/PFL002 come from reading and parsing
        assert reduce_source(code, rule.needs) is not None
    _same(code, Settings(select=(rule.code,)))


@pytest.mark.parametrize("rule, code", list(_examples("good")))
def test_good_examples_same_with_and_without(rule, code):
    _same(code, Settings(select=(rule.code,)))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
@pytest.mark.parametrize("select", [None, ("ALL",)], ids=["default", "ALL"])
def test_example_files_same_with_and_without(path, select):
    _same(path.read_text(encoding="utf-8"), Settings(select=select))


def _stdlib_subset(step: int = 12) -> list[Path]:
    files = sorted(
        p for p in STDLIB.rglob("*.py") if not SKIP.intersection(p.relative_to(STDLIB).parts)
    )
    return files[::step]


@pytest.mark.parametrize("select", [None, ("ALL",)], ids=["default", "ALL"])
def test_stdlib_subset_same_with_and_without(select):
    settings = Settings(select=select)
    for path in _stdlib_subset():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        full = lint_source(text, str(path), settings, prepass=False)
        reduced = lint_source(text, str(path), settings)
        assert (reduced.diagnostics, reduced.errors) == (full.diagnostics, full.errors), path


LOOPS = Needs(loops=True)


def test_units_without_candidates_become_stubs_in_place():
    text = (
        "import os\n\n"
        "def plain(a):\n"
        "    '''for nothing'''  # for\n"
        "    return a + 1\n\n"
        "def looping(xs):\n"
        "    for x in xs:\n"
        "        print(x)\n"
    )
    reduced = reduce_source(text, LOOPS)
    assert reduced is not None
    assert reduced.splitlines() == [
        "import os",
        "",
        "def plain(\\",
        "\\",
        "): pass",
        "",
        "def looping(xs):",
        "    for x in xs:",
        "        print(x)",
    ]


def test_a_stub_of_one_row_is_one_line():
    text = "def plain(a): return a\nclass C: y = 1\nfor x in xs: print(x)"
    reduced = reduce_source(text, LOOPS)
    assert reduced == "def plain(): pass\nclass C(): pass\nfor x in xs: print(x)"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_stubs_keep_every_row_and_its_newline(newline):
    text = (
        "class C:\n    def m(self):\n        return 1\n\n"
        "    def n(self, xs):\n        return [x for x in xs]\n"
        "def f(a):\n    return a"
    ).replace("\n", newline)
    reduced = reduce_source(text, LOOPS)
    assert reduced is not None
    assert reduced.count(newline) == text.count(newline)
    assert reduced.split(newline)[:3] == ["class C:", "    def m(\\", "): pass"]
    assert reduced.endswith(f"def f({chr(92)}{newline}): pass")
    compile(reduced, "m.py", "exec")
    assert libcst.parse_module(reduced).code == reduced


def test_nothing_to_report_means_no_text():
    assert reduce_source("def f(a):\n    return a  # for while\n", LOOPS) is None
    assert reduce_source("x = 'for y in z'\n", LOOPS) is None


def test_a_kept_method_keeps_its_class_header_and_the_methods_assigning_what_it_searches():
    text = (
        "class Queue(object):\n"
        "    limit = 3\n"
        "    def __init__(self):\n"
        "        self.items = []\n"
        "    def reset(self, items):\n"
        "        self.items = items\n"
        "    def name(self):\n"
        "        return 'q'\n"
        "    def drain(self):\n"
        "        while self.items:\n"
        "            self.items.pop(0)\n"
    )
    reduced = reduce_source(text, LOOPS)
    assert reduced is not None
    lines = reduced.splitlines()
    assert lines[:2] == ["class Queue(object):", "    limit = 3"]
    assert "        self.items = items" in lines  # assigns what drain searches
    assert lines[6:8] == ["    def name(\\", "): pass"]
    # With a base from elsewhere, which may assign `items` too, nothing is known
    # of `self.items` (perflint.analysis.attributes): its assignments do not matter.
    elsewhere = reduce_source(text.replace("(object)", "(Base)"), LOOPS)
    assert elsewhere is not None
    assert "        self.items = items" not in elsewhere.splitlines()


def test_a_function_changing_a_module_level_list_is_kept():
    text = (
        "SEEN = []\n"
        "def add(x):\n"
        "    SEEN.append(x)\n"
        "def other():\n"
        "    return 1\n"
        "def check(xs):\n"
        "    return [x for x in xs if x in SEEN]\n"
    )
    reduced = reduce_source(text, LOOPS)
    assert reduced is not None
    assert "    SEEN.append(x)" in reduced.splitlines()
    assert "def other(\\" in reduced.splitlines()


def test_aliases_of_needed_calls_count():
    text = "from functools import reduce as fold\n\ndef f(xs):\n    return fold(g, xs)\n"
    assert reduce_source(text, Needs(calls=frozenset({"reduce"}))) == text


def test_needs_combine():
    assert union([LOOPS, Needs(calls=frozenset({"sum"}))]) == Needs(
        loops=True, calls=frozenset({"sum"})
    )
    assert reduce_source("x = 1\n", EVERYWHERE) == "x = 1\n"


def test_code_python_cannot_parse_goes_to_the_full_parse():
    text = "def f(:\n    pass\n"
    assert reduce_source(text, LOOPS) == text
    (finding,) = lint_source(text, "x.py", Settings()).diagnostics
    assert finding.code == "PFL001"


def test_every_screen_a_rule_names_exists():
    for rule in RULES:
        assert rule.needs.screens <= SCREENS.keys(), rule.code


def test_screens_know_every_name_the_analyses_accept():
    # The screens cannot import LibCST: their copies must cover the analyses' sets.
    from perflint.analysis import invariance, regex, services
    from perflint.jit import numeric, support

    assert invariance.CONTENT_BUILTINS | invariance.SCALAR_BUILTINS <= PURE_CALL_NAMES
    assert invariance.STR_METHODS <= STR_METHOD_NAMES
    assert CHEAP_CALL_NAMES <= invariance.CHEAP_CALLS  # left out: must be the rule's too
    assert numeric.ARRAY_ATTRIBUTES <= ARRAY_ATTRIBUTES
    assert set(support.NUMERIC_MODULES) <= NUMERIC_MODULES
    assert {f.rsplit(".", 1)[-1] for f in services.HTTP_FUNCTIONS} <= HTTP_CALL_NAMES
    assert set(regex.FLAGS_POSITION) <= REGEX_CALL_NAMES


def _kept(text: str, **needs: object) -> bool:
    fields = {k: frozenset(v) if isinstance(v, set) else v for k, v in needs.items()}
    return reduce_source(text, Needs(**fields)) is not None  # type: ignore[arg-type]


def test_screens_keep_only_units_with_their_shape():
    membership = {"membership-of-name"}
    assert _kept(
        "def f(xs, seen):\n    for x in xs:\n        if x in seen: pass\n", screens=membership
    )
    assert not _kept(
        "def f(xs):\n    for x in xs:\n        if x in 'ab': pass\n", screens=membership
    )
    assert not _kept("def f(x, seen):\n    return x in seen\n", screens=membership)
    invariant = {"invariant-call"}
    assert _kept("def f(xs, n):\n    for x in xs:\n        g(x, sorted(n))\n", screens=invariant)
    assert not _kept("def f(xs):\n    for x in xs:\n        g(sorted(x))\n", screens=invariant)
    # A name bound only in a nested scope is not the loop's.
    assert _kept(
        "def f(xs, n):\n    for x in xs:\n        h = lambda n: n\n        g(x, max(n))\n",
        screens=invariant,
    )
    assert not _kept("def f(xs, s):\n    for x in xs:\n        s.load()\n", screens=invariant)
    assert _kept(
        "import os\ndef f(xs, s):\n    for x in xs:\n        os.sep.join(s)\n", screens=invariant
    )


def test_loop_calls_are_calls_inside_a_loop():
    front = {"pop"}
    assert _kept("def f(q):\n    while q:\n        q.pop(0)\n", loop_calls=front)
    assert not _kept("def f(q):\n    q.pop(0)\n    for x in q: pass\n", loop_calls=front)


def test_needless_list_is_screened_outside_loops_too():
    screens = {"needless-list"}
    assert _kept("def f(d):\n    return len(list(d))\n", screens=screens)
    assert _kept("def f(d):\n    return list(d)[0]\n", screens=screens)
    assert not _kept("def f(d):\n    return list(d)\n", screens=screens)
