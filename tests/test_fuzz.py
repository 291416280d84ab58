"""Fuzzing (bounded to about a minute): generated programs never make perflint
raise, fixes always give code that compiles, applying them again changes
nothing, and --diff and --fix agree. Mutated real files give a finding or a
clear message, never an exception."""

import random
import re
import warnings
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflint.api import lint_source
from perflint.config import Settings
from perflint.fix import fix_text
from perflint.runner import DIFF, FIX, Job, process_source

pytestmark = [
    # perflint raises the recursion limit for LibCST; hypothesis notices and says so.
    pytest.mark.filterwarnings("ignore:The recursion limit will not be reset"),
    # hypothesmith compiles what it generates, and CPython warns about `1()`.
    pytest.mark.filterwarnings("ignore::SyntaxWarning"),
]

ALL = Settings().with_overrides(select=("ALL",), target_version=(3, 10))


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        derandomize=True,  # the same programs on every run: a failure is reproducible
        database=None,
    )


# Pieces of function bodies with the patterns perflint reports and fixes.
SNIPPETS = [
    ["out = []", "for x in items:", "    out.append(x * 2)", "use(out)"],
    ["seen = []", "for x in items:", "    if x in seen:", "        continue", "    seen.append(x)"],
    ["total = ''", "for x in items:", "    total += str(x)", "use(total)"],
    ["queue = list(items)", "while queue:", "    first = queue.pop(0)", "    use(first)"],
    ["d = dict(table)", "for k, v in d.items():", "    use(k)"],
    ["d = dict(table)", "if key in d.keys():", "    use(d)"],
    ["rows = sum(items, [])", "use(rows)"],
    ["for line in text.splitlines():", "    if re.search('a+b', line):", "        use(line)"],
    ["for x in items:", "    import json", "    use(json.dumps(x))"],
    ["counts = {}", "for x in items:", "    counts[x] = counts.get(x, 0) + 1", "use(counts)"],
    ["use(sorted(items)[0])"],
    [
        "for x in items:",
        "    for y in table:",
        "        if x.id == y.owner:",
        "            use(x, y)",
    ],
    ["acc = ()", "for x in items:", "    acc = acc + (x,)", "use(acc)"],
    ["words = [w for w in text.split()]", "use(len(list(words)))"],
]


@st.composite
def programs(draw: st.DrawFn) -> str:
    lines = ["import re", ""]
    for n in range(draw(st.integers(1, 3))):
        lines.append(f"def f{n}(items, table, text, key):")
        chosen = draw(st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=5))
        wrap = draw(st.booleans())
        indent = "        " if wrap else "    "
        if wrap:
            lines.append("    for _ in range(3):")
        for snippet in chosen:
            for line in snippet:
                comment = "  # note" if draw(st.integers(0, 9)) == 0 else ""
                lines.append(indent + line + comment)
        lines.append(indent + "pass")
        lines += ["", ""]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + newline


def _compiles(text: str) -> None:
    with warnings.catch_warnings():  # generated code calls literals: SyntaxWarning
        warnings.simplefilter("ignore", SyntaxWarning)
        compile(text, "<fixed>", "exec", dont_inherit=True)


def _apply_unified_diff(original: str, diff: str) -> str:
    """The new side of a unified diff of original (hunks in order)."""
    old = original.splitlines(keepends=True)
    out: list[str] = []
    position = 0
    lines = diff.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        match = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", lines[i])
        i += 1
        if not match:
            continue
        start = int(match.group(1)) - (0 if match.group(2) == "0" else 1)
        out += old[position:start]
        position = start
        while i < len(lines) and not lines[i].startswith("@@"):
            tag, text = lines[i][0], lines[i][1:]
            if tag in " -":
                position += 1
            if tag in " +":
                out.append(text)
            i += 1
    return "".join(out + old[position:])


@fuzz(150)
@given(source=hypothesmith.from_grammar())
def test_generated_programs_never_make_perflint_raise(source):
    result = lint_source(source, "fuzz.py", ALL)
    assert result.errors == []
    outcome = fix_text(source, "fuzz.py", ALL, unsafe=True)
    assert outcome.errors == [] and outcome.rejected == []
    if outcome.text != source:
        _compiles(outcome.text)


@fuzz(120)
@given(source=programs())
def test_fixes_compile_are_idempotent_and_diff_agrees_with_fix(source):
    _compiles(source)
    for unsafe in (False, True):
        outcome = fix_text(source, "fuzz.py", ALL, unsafe=unsafe)
        assert outcome.errors == [] and outcome.rejected == []
        _compiles(outcome.text)
        again = fix_text(outcome.text, "fuzz.py", ALL, unsafe=unsafe)
        assert again.text == outcome.text, "a second --fix changed the code again"
        data = source.encode()
        diff = process_source("fuzz.py", data, ALL, Job(DIFF, unsafe))[0].diff
        fixed = process_source("fuzz.py", data, ALL, Job(FIX, unsafe))[1]
        new = fixed.decode() if fixed is not None else source
        assert _apply_unified_diff(source, diff) == new
        assert new.replace("\r\n", "\n") == outcome.text.replace("\r\n", "\n")


REAL = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.py"))


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_mutated_real_files_give_findings_or_messages(path):
    data = path.read_bytes()
    rng = random.Random(path.name)
    for _ in range(40):
        mutated = bytearray(data)
        kind = rng.choice(["truncate", "insert", "flip", "delete"])
        at = rng.randrange(len(mutated))
        if kind == "truncate":
            del mutated[at:]
        elif kind == "insert":
            mutated[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif kind == "flip":
            mutated[at] = rng.randrange(256)
        else:
            del mutated[at : at + rng.randint(1, 40)]
        for job in (Job(), Job(FIX, True)):
            result, fixed = process_source("mutated.py", bytes(mutated), ALL, job)
            assert result.internal_errors == [], result.internal_errors
            if fixed is not None:
                _compiles(fixed.decode("utf-8"))
