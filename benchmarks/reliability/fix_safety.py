"""make fix-safety: perflint's fixes against real test suites.

For each library (source distributions from PyPI, cached in
~/.cache/perflint-fix-safety or $PERFLINT_FIX_SAFETY_CACHE): run its own test
suite on the pristine source, on a copy fixed with `perflint check --select ALL
--fix` (safe fixes), and on a copy fixed with `--fix --unsafe-fixes`. The unsafe copy
is tested twice: in a virtualenv with numba (where a library uses numba, PFL301's
fix runs) and in one without it (an added `import numba` would make the library
unimportable).
For every copy that changes test results, each changed file's fixes are tried
alone on the changed tests, to name the file whose fixes break them. A fix must
also never import a package that the pristine tree does not already import
(standard library modules excepted).

Exit 1 when any fix, safe or unsafe, changes a test's outcome or adds such an
import.

    python benchmarks/reliability/fix_safety.py [--numba both|with|without] [LIBRARY ...]
"""

from __future__ import annotations

import argparse
import ast
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import venv
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Library:
    tests: list[str]  # what pytest is given, relative to the source tree
    folders: list[str]  # what perflint fixes
    options: tuple[str, ...] = ()  # extra pytest options for whole runs


LIBRARIES = {
    # name on PyPI -> how to test it and what to fix
    "more-itertools": Library(["tests"], ["more_itertools", "tests"]),
    "toolz": Library(["toolz/tests"], ["toolz", "tlz"]),
    "boltons": Library(["tests"], ["boltons", "tests"]),
    # Graph algorithms that keep sets in lists and dicts (the shape that made
    # list-to-set fixes raise `unhashable type`). Its whole suite (6,848 tests)
    # takes over 10 minutes here, so: the tests of every package whose code
    # perflint's unsafe fixes change (networkx 3.6.1: 18 files), on two workers.
    "networkx": Library(
        [
            *(f"networkx/algorithms/{p}" for p in ("tests", "approximation", "assortativity")),
            *(f"networkx/algorithms/{p}" for p in ("bipartite", "community", "connectivity")),
            "networkx/algorithms/centrality/tests/test_percolation_centrality.py",
            "networkx/classes/tests/test_function.py",
            *("networkx/generators", "networkx/readwrite", "networkx/tests"),
        ],
        ["networkx"],
        ("-n", "2"),
    ),
}
# The numpy and scipy tests of networkx run in both virtualenvs, so that the two
# runs differ only in numba.
REQUIREMENTS = ["pytest", "pytest-xdist", "numpy", "scipy"]
CACHE = Path(
    os.environ.get("PERFLINT_FIX_SAFETY_CACHE", Path.home() / ".cache" / "perflint-fix-safety")
)
# Every rule, opt-in tiers too: a fix must keep behaviour wherever a user enables it.
PERFLINT = [sys.executable, "-m", "perflint", "check", "--no-cache", "--exit-zero", "-q"]
PERFLINT += ["--select", "ALL"]
PYTEST = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "junit_family=xunit1"]
# A culprit run needs only a sample of the tests a copy broke.
CULPRIT_SAMPLE = 200


def _python(numba: bool) -> Path:
    """A virtualenv for the libraries' tests, with or without numba (created once)."""
    requirements = [*REQUIREMENTS, "numba"] if numba else REQUIREMENTS
    env = CACHE / ("venv-numba" if numba else "venv-without-numba")
    python = env / "bin" / "python"
    ready = env / "perflint-requirements.txt"
    if not ready.exists() or ready.read_text().split() != requirements:
        venv.create(env, with_pip=True, clear=True)
        subprocess.run([python, "-m", "pip", "install", "-q", *requirements], check=True)
        ready.write_text("\n".join(requirements))
    return python


def _source(name: str) -> Path:
    """The unpacked source distribution of name's latest release."""
    downloads = CACHE / "sdists" / name
    if not downloads.exists() or not any(downloads.glob("*.tar.gz")):
        downloads.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "download", "-q", "--no-deps"),
                *("--no-binary", ":all:", "-d", str(downloads), name),
            ],
            check=True,
        )
    archive = sorted(downloads.glob("*.tar.gz"))[-1]
    unpacked = CACHE / "src" / archive.name.removesuffix(".tar.gz")
    if not unpacked.exists():
        with tarfile.open(archive) as tar:
            tar.extractall(unpacked.parent, filter="data")
    return unpacked


@dataclass
class Results:
    outcomes: dict[str, str]  # test key -> passed, failed, error or skipped
    node_ids: dict[str, str]  # test key -> pytest node id, where the report gives one
    seconds: float

    def passed(self) -> int:
        return sum(o == "passed" for o in self.outcomes.values())


def _node_id(case: ET.Element) -> str | None:
    """`path::Class::name` from a xunit1 test case (classname is the dotted module,
    then the classes)."""
    path, name, dotted = case.get("file"), case.get("name"), case.get("classname") or ""
    if not path or not name or not path.endswith(".py"):
        return None
    module = path.removesuffix(".py").replace("/", ".")
    if dotted == module:
        return f"{path}::{name}"
    if dotted.startswith(module + "."):
        return "::".join([path, *dotted[len(module) + 1 :].split("."), name])
    return None


def _run_tests(
    python: Path, tree: Path, library: Library, tests: list[str] | None = None
) -> Results:
    report = tree / ".junit.xml"
    started = time.perf_counter()
    subprocess.run(
        # A few chosen tests run faster without workers to start.
        [str(python), *PYTEST, *(() if tests else library.options), f"--junitxml={report}"]
        + (tests or library.tests),
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=1800,
        env={**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    seconds = time.perf_counter() - started
    outcomes: dict[str, str] = {}
    node_ids: dict[str, str] = {}
    if not report.exists():  # pytest stopped before running anything
        return Results(outcomes, node_ids, seconds)
    for case in ET.parse(report).getroot().iter("testcase"):
        key = f"{case.get('classname')}::{case.get('name')}"
        kinds = [child.tag for child in case]
        outcomes[key] = next((k for k in ("failure", "error", "skipped") if k in kinds), "passed")
        if (node := _node_id(case)) is not None:
            node_ids[key] = node
    report.unlink()
    return Results(outcomes, node_ids, seconds)


def _copy(tree: Path, where: Path) -> Path:
    target = where / tree.name
    shutil.copytree(tree, target)
    return target


def _fix(tree: Path, folders: list[str], unsafe: bool) -> None:
    flags = ["--fix", "--unsafe-fixes"] if unsafe else ["--fix"]
    # The findings left after fixing are not this script's concern; its errors are.
    done = subprocess.run(
        [*PERFLINT, *flags, *[str(tree / f) for f in folders if (tree / f).exists()]],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"perflint failed on {tree} (exit {done.returncode}):\n{done.stderr}")
    if done.stderr.strip():
        print(f"  perflint on {tree.name}: {done.stderr.strip()}")


def _changed(before: Path, after: Path) -> list[str]:
    return sorted(
        str(p.relative_to(after))
        for p in after.rglob("*.py")
        if p.read_bytes() != (before / p.relative_to(after)).read_bytes()
    )


def _broken(baseline: Results, now: Results) -> list[str]:
    """Tests whose outcome changed, appeared or disappeared."""
    return sorted(
        t
        for t in baseline.outcomes.keys() | now.outcomes.keys()
        if baseline.outcomes.get(t) != now.outcomes.get(t)
    )


def _imports(path: Path) -> set[str]:
    """Top-level names of the modules a file imports (absolute imports only)."""
    try:
        tree = ast.parse(path.read_bytes())
    except (SyntaxError, ValueError):
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _foreign_imports(pristine: Path, fixed: Path, changed: list[str]) -> dict[str, set[str]]:
    """Changed file -> modules its fixes import that neither the standard library
    nor any file of the pristine tree imports."""
    known = set(sys.stdlib_module_names)
    for path in pristine.rglob("*.py"):
        known |= _imports(path)
    foreign = {}
    for relative in changed:
        added = _imports(fixed / relative) - _imports(pristine / relative) - known
        if added:
            foreign[relative] = added
    return foreign


def _diff(before: Path, after: Path) -> str:
    return subprocess.run(
        ["diff", "-u", str(before), str(after)], capture_output=True, text=True
    ).stdout


def _culprits(
    python: Path,
    library: Library,
    pristine: Path,
    fixed: Path,
    changed: list[str],
    baseline: Results,
    after: Results,
    work: Path,
) -> None:
    """Try each changed file's fixes alone on (a sample of) the tests whose outcome
    the whole copy changed, and print the files whose fixes change some, with their
    diff."""
    broken = _broken(baseline, after)
    known = {**after.node_ids, **baseline.node_ids}
    nodes = sorted({known[t] for t in broken if t in known})[:CULPRIT_SAMPLE]
    for relative in changed:
        alone = _copy(pristine, work / f"alone-{relative.replace('/', '_')}")
        shutil.copy2(fixed / relative, alone / relative)
        result = _run_tests(python, alone, library, nodes or None)
        shutil.rmtree(alone.parent)
        if not result.outcomes:
            print(f"    {relative}: the tests could not be run alone")
        culprits = [
            t
            for t in broken
            if t in result.outcomes and result.outcomes[t] != baseline.outcomes.get(t)
        ]
        if culprits:
            print(
                f"    {relative}: breaks {len(culprits)} of the tests run, e.g. "
                f"{', '.join(culprits[:5])}"
            )
            print(_diff(pristine / relative, fixed / relative))


@dataclass
class Row:
    """One library's figures, for the table in benchmarks/README.md."""

    library: str
    tests: str = ""
    safe: str = ""
    unsafe: dict[str, str] = field(default_factory=dict)  # virtualenv -> figures


def check(name: str, numba_runs: list[bool], work: Path) -> tuple[bool, Row]:
    library = LIBRARIES[name]
    pristine = _source(name)
    row = Row(f"{name} {pristine.name.rsplit('-', 1)[-1]}")
    ok = True

    safe = _copy(pristine, work / "safe")
    _fix(safe, library.folders, unsafe=False)
    unsafe = _copy(pristine, work / "unsafe")
    _fix(unsafe, library.folders, unsafe=True)
    changed = {"safe": _changed(pristine, safe), "unsafe": _changed(pristine, unsafe)}
    for kind, tree in (("safe", safe), ("unsafe", unsafe)):
        for relative, modules in _foreign_imports(pristine, tree, changed[kind]).items():
            ok = False
            print(
                f"{name}: {kind} fixes of {relative} import {', '.join(sorted(modules))}, "
                "which the project does not use"
            )

    for with_numba in numba_runs:
        python = _python(with_numba)
        label = "with numba" if with_numba else "without numba"
        baseline = _run_tests(python, _copy(pristine, work / "pristine"), library)
        shutil.rmtree(work / "pristine")
        print(
            f"{name} ({pristine.name}, {label}): {len(baseline.outcomes)} tests, "
            f"{baseline.passed()} pass before any fix ({baseline.seconds:.0f} s)"
        )
        if not row.tests:
            row.tests = f"{len(baseline.outcomes)} ({baseline.passed()})"
        # Safe fixes never add numba: one run, in the first virtualenv, suffices.
        kinds = ["safe", "unsafe"] if with_numba == numba_runs[0] else ["unsafe"]
        for kind in kinds:
            tree = safe if kind == "safe" else unsafe
            if changed[kind]:
                run = _copy(tree, work / "run")
                after = _run_tests(python, run, library)
                shutil.rmtree(work / "run")
            else:  # nothing to test again
                after = baseline
            broken = _broken(baseline, after)
            ok &= not broken
            print(
                f"  {kind} fixes: {len(changed[kind])} files changed; {after.passed()} pass; "
                + (f"{len(broken)} tests changed outcome" if broken else "same results")
            )
            if kind == "safe":
                row.safe = f"{len(changed[kind])}, " + (
                    "identical" if not broken else f"{len(broken)} changed"
                )
            else:
                row.unsafe[label] = f"{len(changed[kind])}, {len(broken)}"
            if broken:
                for t in broken[:10]:
                    print(f"    {t}: {baseline.outcomes.get(t)} -> {after.outcomes.get(t)}")
                _culprits(python, library, pristine, tree, changed[kind], baseline, after, work)
    return ok, row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("libraries", nargs="*", default=list(LIBRARIES), help=", ".join(LIBRARIES))
    parser.add_argument(
        "--numba",
        choices=["both", "with", "without"],
        default="both",
        help="test the unsafe fixes in a virtualenv with numba, without it, or both (default)",
    )
    args = parser.parse_args()
    if isinstance(sys.stdout, io.TextIOWrapper):  # in order with the tools' own output
        sys.stdout.reconfigure(line_buffering=True)
    if unknown := [name for name in args.libraries if name not in LIBRARIES]:
        parser.error(f"unknown library {', '.join(unknown)} (known: {', '.join(LIBRARIES)})")
    numba_runs = {"both": [True, False], "with": [True], "without": [False]}[args.numba]
    ok = True
    rows = []
    for name in args.libraries:
        with tempfile.TemporaryDirectory(prefix="perflint-fix-safety-") as work:
            passed, row = check(name, numba_runs, Path(work))
            ok &= passed
            rows.append(row)
    print(
        "\n| library | tests (passing before) | safe fixes: files, results | "
        + " | ".join(f"unsafe fixes {label}: files, tests changed" for label in rows[0].unsafe)
        + " |"
    )
    print("|" + " --- |" * (3 + len(rows[0].unsafe)))
    for row in rows:
        print(
            f"| {row.library} | {row.tests} | {row.safe} | "
            + " | ".join(row.unsafe.values())
            + " |"
        )
    print(f"fix-safety: {'passed' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
