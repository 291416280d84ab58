"""Fixes that pass the user's own linters: a project clean under
`ruff check --select I,F401,E501` stays clean after `--fix --unsafe-fixes`
(imports sorted into place, none left unused, lines within the length), and
the names fixes introduce clash with no name the code has."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest

from perflint.api import lint_source
from perflint.config import ConfigError, Settings, load_settings
from perflint.fix import apply_edits, fix_text
from perflint.imports import FIRST_PARTY, STDLIB, THIRD_PARTY, import_edits, section_of
from perflint.registry import all_rules
from perflint.style import ImportStyle
from tests.conftest import write

RUFF = shutil.which("ruff", path=os.path.dirname(sys.executable)) or shutil.which("ruff")
CHECKS = "I,F401,E501"
PYPROJECT = """[project]
name = "myapp"
version = "0"

[tool.ruff]
line-length = 88
src = ["src"]
"""


def _ruff(root: Path, *args: str) -> str:
    done = subprocess.run(
        [RUFF, "check", "--quiet", "--no-cache", "--output-format", "concise", *args, "."],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout


def _fix(root: Path, run_cli, *args: str) -> None:
    status, _, stderr = run_cli("check", "--no-cache", "--fix", "--select", "ALL", *args, ".")
    assert status in (0, 1), stderr


# Shapes the first users hit: first-party imports, a __future__ import, no imports.
HAND_WRITTEN = {
    "first_party.py": "import json\n\nfrom myapp import util\n\n\n"
    "def flatten(pages):\n    return sum(pages, [])\n\n\ndef dump(x):\n"
    "    return json.dumps(util.clean(x))\n",
    "future.py": "from __future__ import annotations\n\n\n"
    "def flatten(pages: list[list[int]]) -> list[int]:\n    return sum(pages, [])\n",
    "no_imports.py": '"""Levels."""\n\n\ndef levels(root):\n    queue = [root]\n'
    "    out = []\n    while queue:\n        node = queue.pop(0)\n        out.append(node)\n"
    "        queue.extend(node.children)\n    return out\n",
    "sleep.py": "import time\n\nfrom myapp import util\n\n\nasync def poll(job):\n"
    "    while not job.done():\n        time.sleep(1)\n    return util.clean(job)\n",
    "counter.py": "import myapp\n\n\ndef tally(votes):\n    result = {}\n"
    "    for vote in votes:\n        result[vote] = result.get(vote, 0) + 1\n"
    "    return myapp.sort(result)\n",
}


@pytest.mark.skipif(RUFF is None, reason="needs ruff")
@pytest.mark.parametrize("unsafe", [(), ("--unsafe-fixes",)], ids=["safe", "unsafe"])
def test_fixes_keep_a_ruff_clean_project_clean(tmp_path, run_cli, unsafe):
    """Every rule's bad examples, and the hand-written shapes, in a small
    project: whatever ruff finds clean stays clean after every fix."""
    write(tmp_path / "pyproject.toml", PYPROJECT)
    package = tmp_path / "src" / "myapp"
    write(package / "__init__.py", "")
    for rule in all_rules():
        for index, example in enumerate(rule.bad):
            write(package / f"{rule.code.lower()}_{index}.py", example.code)
    for name, code in HAND_WRITTEN.items():
        write(package / name, code)
    # Sort the examples' imports as the project would, then keep only clean files.
    _ruff(tmp_path, "--select", "I,F401", "--fix", "--unsafe-fixes")
    for line in _ruff(tmp_path, "--select", CHECKS).splitlines():
        if ".py:" in line:
            (tmp_path / line.split(":")[0]).unlink(missing_ok=True)
    for name in HAND_WRITTEN:
        assert (package / name).exists(), f"{name} should be clean before fixing"
    before = {path: path.read_text() for path in package.glob("*.py")}
    assert len(before) > 40
    _fix(tmp_path, run_cli, *unsafe)
    changed = [path for path, text in before.items() if path.read_text() != text]
    assert len(changed) > (30 if unsafe else 15)
    assert _ruff(tmp_path, "--select", CHECKS) == ""
    if not unsafe:
        return
    # Where each import went, to the character.
    assert "itertools" in (package / "first_party.py").read_text()
    assert (
        (package / "future.py")
        .read_text()
        .startswith("from __future__ import annotations\n\nimport itertools\n\n\ndef flatten(")
    )
    assert (
        (package / "no_imports.py")
        .read_text()
        .startswith('"""Levels."""\n\nimport collections\n\n\ndef levels(root):\n')
    )
    assert (
        (package / "sleep.py")
        .read_text()
        .startswith("import asyncio\n\nfrom myapp import util\n\n\nasync def poll(job):\n")
    )


@pytest.mark.skipif(RUFF is None, reason="needs ruff")
def test_isort_settings_are_followed(tmp_path, run_cli):
    """known-first-party and force-sort-within-sections from ruff's settings."""
    write(
        tmp_path / "pyproject.toml",
        PYPROJECT + '\n[tool.ruff.lint.isort]\nknown-first-party = ["corelib"]\n'
        "force-sort-within-sections = true\n",
    )
    code = (
        "from abc import ABC\nimport json\nfrom os import path\n\nimport corelib\n\n\n"
        "def flatten(pages):\n    return sum(pages, [])\n\n\n"
        "def other(x):\n    return ABC, json, path, corelib\n"
    )
    target = write(tmp_path / "mod.py", code)
    assert _ruff(tmp_path, "--select", CHECKS) == ""
    _fix(tmp_path, run_cli, "--unsafe-fixes")
    assert target.read_text().startswith(
        "from abc import ABC\nimport itertools\nimport json\nfrom os import path\n\n"
        "import corelib\n\n\n"
    )
    assert _ruff(tmp_path, "--select", CHECKS) == ""


# --- where an import goes ----------------------------------------------------

STYLE = ImportStyle(src=("/nonexistent",), known_first_party=("myapp",))


def _added(code: str, *names: str, style: ImportStyle = STYLE) -> str:
    from perflint.diagnostics import Edit

    edits = import_edits(cst.parse_module(code), names, style)
    return apply_edits(code, [Edit(s, e, text, (1, 1), (1, 1)) for s, e, text in edits])


def test_sections():
    assert section_of("os.path", STYLE) == STDLIB
    assert section_of("numpy", STYLE) == THIRD_PARTY
    assert section_of("myapp.util", STYLE) == FIRST_PARTY
    assert section_of("__future__", STYLE) == 0


def test_the_project_own_packages_are_first_party(tmp_path):
    (tmp_path / "src" / "shop").mkdir(parents=True)
    style = ImportStyle(src=(str(tmp_path / "src"),))
    assert section_of("shop.cart", style) == FIRST_PARTY


@pytest.mark.parametrize(
    "code, names, expected",
    [
        # sorted into its section, `import` lines before `from` lines
        (
            "import os\nimport sys\nfrom abc import ABC\n\nimport numpy\n\nfrom myapp import x\n",
            ("collections", "zlib"),
            "import collections\nimport os\nimport sys\nimport zlib\nfrom abc import ABC\n\n"
            "import numpy\n\nfrom myapp import x\n",
        ),
        # a new section between two others, with its blank lines
        (
            "import os\n\nimport myapp\n\nx = 1\n",
            ("numpy",),
            "import os\n\nimport numpy\n\nimport myapp\n\nx = 1\n",
        ),
        # after a __future__ import, a blank line
        (
            "from __future__ import annotations\n\n\ndef f():\n    pass\n",
            ("collections",),
            "from __future__ import annotations\n\nimport collections\n\n\ndef f():\n    pass\n",
        ),
        # no imports: after the docstring, two blank lines before a def
        (
            '"""Doc."""\n\ndef f():\n    pass\n',
            ("time",),
            '"""Doc."""\n\nimport time\n\n\ndef f():\n    pass\n',
        ),
        # ... one before other code; comments above the first import stay above it
        ("x = 1\n", ("time",), "import time\n\nx = 1\n"),
        ("# header\nimport zlib\n", ("abc",), "# header\nimport abc\nimport zlib\n"),
        # digits by value
        ("import mod10\n", ("mod2",), "import mod2\nimport mod10\n"),
        ("import os\n", ("os",), "import os\n"),
    ],
)
def test_import_placement(code, names, expected):
    assert _added(code, *names) == expected


# --- imports a fix leaves unused -----------------------------------------------


SLEEP = "import time\n\n\nasync def poll(job):\n    while not job.done():\n        time.sleep(1)\n"


def test_an_import_whose_only_use_the_fix_replaces_goes():
    fixed = fix_text(SLEEP, "m.py", Settings(select=("PFL502",)), unsafe=True).text
    assert "import time" not in fixed and fixed.startswith("import asyncio\n")


def test_fixes_that_together_remove_every_use_remove_the_import():
    """Applied in one pass, neither fix alone leaves `time` unused."""
    code = (
        "import asyncio\nimport time\n\n\nasync def poll(job):\n    time.sleep(1)\n\n\n"
        "async def wait(job):\n    time.sleep(2)\n    return await asyncio.sleep(0)\n"
    )
    fixed = fix_text(code, "m.py", Settings(select=("PFL502",)), unsafe=True).text
    assert fixed.startswith(
        "import asyncio\n\n\nasync def poll(job):\n    await asyncio.sleep(1)\n"
    )


@pytest.mark.parametrize(
    "module, safe, removed", [("time", True, True), ("numpy", True, False), ("numpy", False, True)]
)
def test_a_safe_fix_removes_only_standard_library_imports(module, safe, removed):
    """Importing other code may do things the file relies on (register plugins)."""
    from perflint.diagnostics import LineIndex
    from perflint.positions import node_ranges
    from perflint.unused_imports import UnusedImports

    code = f"import {module}\n\nx = {module}.zeros(3)\n"
    tree = cst.parse_module(code)
    value = tree.body[1].body[0].value
    span = node_ranges(tree, [value])[id(value)]
    unused = UnusedImports(tree, code, "m.py", LineIndex(code))
    assert bool(unused.left_unused([value], [span], ["[0, 0, 0]"], safe)) == removed


@pytest.mark.parametrize(
    "code, index, expected",
    [
        ("import os\n\nimport time\n\nimport myapp\n", 1, "import os\n\nimport myapp\n"),
        ("import os\nimport time\n\nimport myapp\n", 1, "import os\n\nimport myapp\n"),
        ("import os\n\nimport time\nimport zlib\n", 1, "import os\n\nimport zlib\n"),
        (
            "import os\n\nimport time\n\n\ndef f():\n    pass\n",
            1,
            "import os\n\n\ndef f():\n    pass\n",
        ),
    ],
)
def test_an_import_alone_in_its_section_goes_with_its_blank_line(code, index, expected):
    from perflint.diagnostics import LineIndex
    from perflint.unused_imports import UnusedImports

    gone = UnusedImports(cst.parse_module(code), code, "m.py", LineIndex(code))._deletion(index)
    assert code[: gone.wider_start] + code[gone.end :] == expected


@pytest.mark.parametrize(
    "more",
    [
        "\n\ndef elapsed(t0):\n    return time.monotonic() - t0\n",  # used elsewhere
        '\n\n__all__ = ["time"]\n',  # exported by name
        "\n\ndef later(t: 'time.struct_time'):\n    return t\n",  # a string annotation
    ],
)
def test_an_import_still_used_stays(more):
    fixed = fix_text(SLEEP + more, "m.py", Settings(select=("PFL502",)), unsafe=True).text
    assert "await asyncio.sleep(1)" in fixed and "import time\n" in fixed


# --- the line length --------------------------------------------------------------

LONG = (
    "def collect(records, threshold):\n    result = []\n    for record in records:\n"
    "        if record.weight > threshold and record.name:\n"
    "            result.append(normalise(record.name, record.weight))\n    return result\n"
)


def test_a_long_fixed_line_is_split_as_a_formatter_would():
    fixed = fix_text(LONG, "m.py", Settings(select=("PFL402",)), unsafe=True).text
    assert fixed == (
        "def collect(records, threshold):\n    result = [\n"
        "        normalise(record.name, record.weight)\n        for record in records\n"
        "        if record.weight > threshold and record.name\n    ]\n    return result\n"
    )
    wide = Settings(select=("PFL402",), line_length=120)
    assert "    result = [normalise(" in fix_text(LONG, "m.py", wide, unsafe=True).text


@pytest.mark.parametrize(
    "line, limit, expected",
    [
        ("    x = f(aaaa, bbbb)", 18, ["    x = f(", "        aaaa, bbbb", "    )"]),
        ("    x = f(aaaa, bbbb)", 13, ["    x = f(", "        aaaa,", "        bbbb,", "    )"]),
        (
            "    x = [a for a in b if a]",
            20,
            ["    x = [", "        a", "        for a in b", "        if a", "    ]"],
        ),
        (  # `a if a else b` is one clause
            "    x = [a if a else b for a in c]",
            22,
            ["    x = [", "        a if a else b", "        for a in c", "    ]"],
        ),
        ('    x = "a very long string indeed"', 20, None),  # nothing to split at
        ("    x = f(aaaa)  # note", 14, ["    x = f(", "        aaaa", "    )  # note"]),
        ("    x = f(aaaa)  # a long note", 14, None),  # the comment does not fit
        ("    x = f(aaaaaaaaaaaaaaaaaaaa)", 20, None),  # still too long
    ],
)
def test_wrap(line, limit, expected):
    from perflint.wrap import wrap

    assert wrap(line, limit) == expected


def test_line_length_comes_from_perflint_then_ruff_then_black(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.black]\nline-length = 99\n")
    assert load_settings(start=str(tmp_path)).max_line_length == 99
    write(
        tmp_path / "pyproject.toml",
        "[tool.ruff]\nline-length = 100\n[tool.black]\nline-length = 99\n",
    )
    assert load_settings(start=str(tmp_path)).max_line_length == 100
    write(
        tmp_path / "pyproject.toml",
        "[tool.perflint]\nline-length = 120\n[tool.ruff]\nline-length = 100\n",
    )
    assert load_settings(start=str(tmp_path)).max_line_length == 120
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert load_settings(start=str(tmp_path)).max_line_length == 88


@pytest.mark.parametrize("value", ['"100"', "0", "true", "1000"])
def test_line_length_is_validated(tmp_path, value):
    write(tmp_path / "pyproject.toml", f"[tool.perflint]\nline-length = {value}\n")
    with pytest.raises(ConfigError, match="line-length"):
        load_settings(start=str(tmp_path))


# --- fresh names ----------------------------------------------------------------------


def test_words_that_are_no_names_do_not_make_a_name_taken():
    code = (
        "import re\n\n\ndef hits(lines):\n"
        '    """Lines where the pattern matches; see x.pattern and f(pattern=1)."""\n'
        "    out = []\n    for line in lines:\n"
        "        if re.search(r'[0-9]+', line):\n            out.append(line)\n    return out\n"
    )
    fixed = fix_text(code, "m.py", Settings(select=("PFL404",)), unsafe=True).text
    assert "    pattern = re.compile(r'[0-9]+')\n" in fixed and "pattern_2" not in fixed


def test_a_name_bound_in_the_scope_is_taken():
    code = (
        "import re\n\n\ndef hits(lines, pattern):\n    out = []\n    for line in lines:\n"
        "        if re.search(r'[0-9]+', line):\n            out.append((line, pattern))\n"
        "    return out\n"
    )
    fixed = fix_text(code, "m.py", Settings(select=("PFL404",)), unsafe=True).text
    assert "    pattern_2 = re.compile(r'[0-9]+')\n" in fixed


def test_a_hoisted_value_is_named_after_its_call_when_the_argument_is_vague():
    code = (
        "import os\n\n\ndef names(paths, name):\n    out = []\n    for path in paths:\n"
        "        out.append(path + os.path.basename(name))\n    return out\n"
    )
    result = lint_source(code, "m.py", Settings(select=("PFL403",)))
    messages = [d.fix.message for d in result.diagnostics if d.fix]
    assert messages == ["Compute it once before the loop, as `basename`"]
