"""make fix-safety: perflint's fixes against real test suites.

For each library (source distributions from PyPI, cached in
~/.cache/perflint-fix-safety or $PERFLINT_FIX_SAFETY_CACHE): run its own test
suite on the pristine source, on a copy fixed with `perflint check --fix`
(safe fixes), and on a copy fixed with `--fix --unsafe-fixes`. The safe copy
must give exactly the same test results, or this exits 1. For the unsafe copy,
each changed file's fixes are tried alone to name the fixes that break tests.

    python benchmarks/reliability/fix_safety.py [LIBRARY ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import venv
import xml.etree.ElementTree as ET
from pathlib import Path

LIBRARIES = {
    # name on PyPI: (test command run in the source tree, folders to fix)
    "more-itertools": (
        ["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        ["more_itertools", "tests"],
    ),
    "toolz": (["-m", "pytest", "-q", "-p", "no:cacheprovider", "toolz/tests"], ["toolz", "tlz"]),
    "boltons": (["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], ["boltons", "tests"]),
}
CACHE = Path(
    os.environ.get("PERFLINT_FIX_SAFETY_CACHE", Path.home() / ".cache" / "perflint-fix-safety")
)
PERFLINT = [sys.executable, "-m", "perflint", "check", "--no-cache", "--exit-zero", "-q"]


def _python() -> Path:
    """A virtualenv with pytest (and numba, which PFL301's unsafe fix adds), for
    the libraries' tests (created once)."""
    env = CACHE / "venv"
    python = env / "bin" / "python"
    if not (CACHE / "venv-ready").exists():
        venv.create(env, with_pip=True, clear=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "pytest", "numba"], check=True)
        (CACHE / "venv-ready").touch()
    return python


def _source(name: str) -> Path:
    """The unpacked source distribution of name's latest release."""
    downloads = CACHE / "sdists" / name
    if not downloads.exists() or not any(downloads.glob("*.tar.gz")):
        downloads.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-deps",
                "--no-binary",
                ":all:",
                "-d",
                str(downloads),
                name,
            ],
            check=True,
        )
    archive = sorted(downloads.glob("*.tar.gz"))[-1]
    unpacked = CACHE / "src" / archive.name.removesuffix(".tar.gz")
    if not unpacked.exists():
        with tarfile.open(archive) as tar:
            tar.extractall(unpacked.parent, filter="data")
    return unpacked


def _run_tests(python: Path, tree: Path, command: list[str]) -> dict[str, str]:
    """test id -> outcome (passed, failed, error, skipped)."""
    report = tree / ".junit.xml"
    subprocess.run(
        [str(python), *command, f"--junitxml={report}"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=1800,
        env={**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    outcomes = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        key = f"{case.get('classname')}::{case.get('name')}"
        kinds = [child.tag for child in case]
        outcomes[key] = next((k for k in ("failure", "error", "skipped") if k in kinds), "passed")
    report.unlink()
    return outcomes


def _copy(tree: Path, where: Path) -> Path:
    target = where / tree.name
    shutil.copytree(tree, target)
    return target


def _fix(tree: Path, folders: list[str], unsafe: bool) -> None:
    flags = ["--fix", "--unsafe-fixes"] if unsafe else ["--fix"]
    subprocess.run(
        [*PERFLINT, *flags, *[str(tree / f) for f in folders if (tree / f).exists()]], check=True
    )


def _changed(before: Path, after: Path) -> list[str]:
    return sorted(
        str(p.relative_to(after))
        for p in after.rglob("*.py")
        if p.read_bytes() != (before / p.relative_to(after)).read_bytes()
    )


def _broken(baseline: dict[str, str], now: dict[str, str]) -> list[str]:
    return sorted(
        t for t, outcome in now.items() if outcome != baseline.get(t, outcome) or t not in baseline
    )


def check(name: str, python: Path, work: Path) -> bool:
    command, folders = LIBRARIES[name]
    pristine = _source(name)
    baseline = _run_tests(python, _copy(pristine, work / "pristine"), command)
    passed = sum(o == "passed" for o in baseline.values())
    print(f"{name} ({pristine.name}): {len(baseline)} tests, {passed} pass before any fix")

    safe = _copy(pristine, work / "safe")
    _fix(safe, folders, unsafe=False)
    changed = _changed(pristine, safe)
    after = _run_tests(python, safe, command)
    broken = _broken(baseline, after)
    same = not broken and set(after) == set(baseline)
    print(
        f"  safe fixes: {len(changed)} files changed; tests after: "
        f"{sum(o == 'passed' for o in after.values())} pass; "
        f"{'same results' if same else 'DIFFERENT: ' + ', '.join(broken[:10])}"
    )

    unsafe = _copy(pristine, work / "unsafe")
    _fix(unsafe, folders, unsafe=True)
    changed_unsafe = _changed(pristine, unsafe)
    after = _run_tests(python, unsafe, command)
    broken_unsafe = _broken(baseline, after)
    print(
        f"  unsafe fixes too: {len(changed_unsafe)} files changed; "
        f"{len(broken_unsafe)} tests changed outcome"
    )
    if broken_unsafe:
        for relative in changed_unsafe:
            alone = _copy(pristine, work / f"alone-{relative.replace('/', '_')}")
            shutil.copy2(unsafe / relative, alone / relative)
            culprits = _broken(baseline, _run_tests(python, alone, command))
            if culprits:
                diff = subprocess.run(
                    ["diff", "-u", str(pristine / relative), str(unsafe / relative)],
                    capture_output=True,
                    text=True,
                ).stdout
                print(f"    {relative}: breaks {', '.join(culprits[:5])}\n{diff}")
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("libraries", nargs="*", default=["more-itertools", "toolz", "boltons"])
    args = parser.parse_args()
    python = _python()
    ok = True
    for name in args.libraries:
        with tempfile.TemporaryDirectory(prefix="perflint-fix-safety-") as work:
            ok &= check(name, python, Path(work))
    print(f"fix-safety: {'passed' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
