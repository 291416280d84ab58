"""The language server's incremental lint must always equal a full lint."""

import ast
import random
import sysconfig
from pathlib import Path

import pytest

from perflint.api import lint_source
from perflint.config import Settings
from perflint.incremental import IncrementalLinter, layout

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.py"))
# Stdlib modules with many top-level functions and findings of several rules.
STDLIB = [
    Path(sysconfig.get_paths()["stdlib"]) / name
    for name in ("difflib.py", "textwrap.py", "tokenize.py", "inspect.py", "fnmatch.py", "glob.py")
]

SLOW = [
    "{i}_seen = []",
    "{i}for _v in range(100):",
    "{i}    if _v not in _seen:",
    "{i}        _seen.append(_v)",
    "{i}_text = ''",
    "{i}for _v in _seen:",
    "{i}    _text += str(_v)",
]


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _edit(text: str, rng: random.Random) -> str | None:
    """One random edit of the kind typing makes; None when it broke the code."""
    lines = text.splitlines(keepends=True)
    shape = layout(text)
    assert shape is not None
    if not shape.blocks:
        return None
    block = rng.choice(shape.blocks)
    body = [r for r in range(block.start + 1, block.end + 1) if lines[r - 1].strip()]
    kind = rng.choice(["slow", "delete", "rename", "noqa", "context", "copy", "drop", "blank"])
    if kind == "slow" and body:
        row = rng.choice(body)
        indent = _indent(lines[row - 1])
        if lines[row - 1].rstrip().endswith(":"):
            indent += "    "
        lines[row:row] = [s.format(i=indent) + "\n" for s in SLOW]
    elif kind == "delete" and body:
        del lines[rng.choice(body) - 1]
    elif kind == "rename":
        row = rng.choice([block.start, *body])
        lines[row - 1] = lines[row - 1].replace("x", "xx", 1).replace("items", "things", 1)
    elif kind == "noqa" and body:
        row = rng.choice(body)
        lines[row - 1] = lines[row - 1].rstrip("\n") + "  # noqa\n"
    elif kind == "context":
        lines.insert(block.start - 1, "LIMIT = 3\n")
    elif kind == "copy":
        copy = block.text.replace("def ", "def copied_", 1).replace("class ", "class Copied", 1)
        lines.insert(block.end, "\n\n" + copy)
    elif kind == "drop":
        del lines[block.start - 1 : block.end]
    elif kind == "blank":
        lines.insert(block.start - 1, "\n")
    else:
        return None
    edited = "".join(lines)
    try:
        ast.parse(edited)
    except SyntaxError:
        return None
    return edited


@pytest.mark.parametrize("path", EXAMPLES + STDLIB, ids=lambda p: p.name)
def test_incremental_lint_equals_full_lint_over_random_edits(path):
    if not path.exists():
        pytest.skip(f"{path} is not in this Python's stdlib")
    rng = random.Random(path.name)
    settings = Settings()
    text = path.read_text(encoding="utf-8")
    linter = IncrementalLinter()
    partial = 0
    for step in range(12):
        edited = _edit(text, rng)
        if edited is None:
            continue
        text = edited
        expected = lint_source(text, "module.py", settings).diagnostics
        got = linter.lint(text, "module.py", settings).diagnostics
        assert got == expected, f"step {step}"
        partial += linter.relinted_rows < text.count("\n")
    assert partial, "no edit was linted incrementally: the test proves nothing"


def test_changed_function_is_linted_alone_and_others_keep_their_moved_findings():
    def block(name: str) -> str:
        return (
            f"def {name}(items, wanted):\n"
            "    found = []\n"
            "    for w in wanted:\n"
            "        if w not in found:\n"
            "            found.append(w)\n"
            "    return found\n"
        )

    text = "import os\n\n\n" + block("first") + "\n\n" + block("second")
    linter = IncrementalLinter()
    settings = Settings()
    before = linter.lint(text, "m.py", settings).diagnostics
    edited = text.replace("def first(items, wanted):\n", "def first(items, wanted):\n    x = 1\n")
    after = linter.lint(edited, "m.py", settings).diagnostics
    assert linter.relinted_rows == edited.count("\n") - 6, "all but `second`"
    assert after == lint_source(edited, "m.py", settings).diagnostics
    moved = [d for d in after if d.location[0] > 12]
    assert moved and all(
        d.location[0] == b.location[0] + 1
        for d, b in zip(moved, before[-len(moved) :], strict=True)
    )


def test_functions_sharing_a_module_name_are_linted_together():
    text = (
        "SEEN = []\n\n\n"
        "def add(x):\n    SEEN.append(x)\n\n\n"
        "def check(xs):\n    return [x for x in xs if x in SEEN]\n\n\n"
        "def other(xs):\n    return len(xs)\n"
    )
    linter = IncrementalLinter()
    settings = Settings()
    linter.lint(text, "m.py", settings)
    text = text.replace("SEEN.append(x)", "SEEN.append(x + 1)")
    linter.lint(text, "m.py", settings)
    assert linter.relinted_rows == text.count("\n") - 2, "all but other (2 rows)"
    text = text.replace("len(xs)", "len(xs) + 1")
    linter.lint(text, "m.py", settings)
    assert linter.relinted_rows == text.count("\n") - 4, "all but add and check (2 rows each)"


def test_blocks_assigning_an_attribute_are_linted_with_blocks_using_it():
    # Whether `state.rargs` is a list depends on every block assigning `.rargs`.
    text = (
        "class State:\n    def __init__(self, rargs: list):\n        self.rargs = rargs\n\n\n"
        "def parse(args):\n    state = State(args)\n    while state.rargs:\n"
        "        state.rargs.pop(0)\n\n\n"
        "def reset(state):\n    state.rargs = []\n"
    )
    linter = IncrementalLinter()
    settings = Settings()
    assert [d.code for d in linter.lint(text, "m.py", settings).diagnostics] == ["PFL103"]
    for edited in (
        text.replace("state.rargs = []", "state.rargs = None"),
        text.replace("state.rargs.pop(0)", "state.rargs.pop(0)  # x"),
    ):
        assert linter.lint(edited, "m.py", settings).diagnostics == (
            lint_source(edited, "m.py", settings).diagnostics
        )


def test_module_level_findings_follow_a_function_that_starts_or_stops_mutating_a_constant():
    base = (
        "WORDS = ['a', 'b']\n\n\n"
        "def other(xs):\n    return len(xs)\n\n\n"
        "for line in open('f'):\n    if line in WORDS:\n        print(line)\n"
    )
    grown = base.replace("return len(xs)", "WORDS.append(xs)")
    assert lint_source(base, "m.py").diagnostics != lint_source(grown, "m.py").diagnostics
    linter = IncrementalLinter()
    for text in (base, grown, base, grown):
        assert (
            linter.lint(text, "m.py", Settings()).diagnostics
            == lint_source(text, "m.py").diagnostics
        )


def test_module_level_findings_that_cannot_follow_the_context_are_linted_again(monkeypatch):
    import perflint.incremental as incremental

    # As if a module-level finding's fix edited inside a function: never moved.
    monkeypatch.setattr(incremental, "_movable", lambda current, context: False)
    others = "".join(f"def g{i}():\n    return {i}\n\n\n" for i in range(3))
    text = (
        "import sys\n\nseen = []\nfor line in sys.stdin:\n    if line not in seen:\n"
        "        seen.append(line)\n\n\n" + others + "def f(items, wanted):\n    found = []\n"
        "    for w in wanted:\n        if w in items:\n            found.append(w)\n"
        "    return found\n"
    )
    linter = IncrementalLinter()
    settings = Settings()
    assert linter.lint(text, "m.py", settings).diagnostics
    for extra in ("    x = 1\n", "    x = 2\n", "    y = 3\n"):
        text = text.replace("    return found\n", extra + "    return found\n")
        got = linter.lint(text, "m.py", settings).diagnostics
        assert got == lint_source(text, "m.py", settings).diagnostics
        assert any(d.code == "PFL102" for d in got), "the module-level finding is kept"
        assert linter.relinted_rows < text.count("\n")
