"""make sweep: perflint over real code, every rule, every fix (unsafe ones too).

Corpora: the strange files of benchmarks/reliability/strange (grammar torture,
odd bytes and sizes, syntax newer than the running Python: see its README), the
running Python's standard library (tests included) and numpy, pandas, scipy,
django, sqlalchemy and sympy installed from PyPI into a cached virtualenv
(~/.cache/perflint-sweep, or $PERFLINT_SWEEP_CACHE), and the source
distributions of pandas-, NumPy- and asyncio-heavy projects (SDISTS). For each file:
no exception and no internal error; every fixed file compiles (when the
original does); fixing the fixed file again changes nothing; the pre-pass
(perflint.prepass) gives the same findings and fixes as a full parse, for
the default rules and for every rule. Prints findings
per rule and exits 1 on any failure.

    python benchmarks/reliability/sweep.py [--only strange|stdlib|packages|sdists] [-j N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import time
import traceback
import venv
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from perflint.api import lint_source
from perflint.config import Settings
from perflint.runner import CHECK, FIX, Job, process_source
from perflint.source import SourceError, decode

PACKAGES = ["numpy", "pandas", "scipy", "django", "sqlalchemy", "sympy"]
# pandas- and NumPy-heavy projects for the arrays rules (PFL6xx), linted from
# their source distributions (pip download --no-binary, no install).
SDISTS = [
    ("pyjanitor", "0.32.60"), ("mlxtend", "0.25.0"), ("featuretools", "1.31.0"),
    ("lifelines", "0.30.3"), ("pvlib", "0.16.1"), ("yfinance", "1.7.0"),
    ("plotnine", "0.15.9"), ("finta", "1.3"), ("pingouin", "0.7.0"),
    ("quantstats", "0.0.86"), ("empyrical-reloaded", "0.7.1"),
    # asyncio-heavy, for the async rules (PFL502, PFL506, PFL507)
    ("aiogram", "3.31.0"), ("discord.py", "2.7.1"), ("tortoise-orm", "1.1.9"),
    ("motor", "3.7.1"), ("databases", "0.9.0"),
]  # fmt: skip
CACHE = Path(os.environ.get("PERFLINT_SWEEP_CACHE", Path.home() / ".cache" / "perflint-sweep"))
ALL = Settings().with_overrides(select=("ALL",))
DEFAULT = Settings()


def _compiles(data: bytes) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(data, "<sweep>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            return False
    return True


def check_file(path: str) -> dict:
    """What one file gave: findings per rule, fixes, and any failure."""
    report: dict = {"path": path, "codes": Counter(), "fixed": 0, "failures": []}
    try:
        data = Path(path).read_bytes()
        report["failures"] += _prepass_differences(path, data)
        checked, _ = process_source(path, data, ALL, Job(CHECK))
        report["codes"] = Counter(d.code for d in checked.diagnostics)
        report["failures"] += [f"internal error {c}: {m}" for c, m in checked.internal_errors]
        result, fixed = process_source(path, data, ALL, Job(FIX, unsafe_fixes=True))
        report["failures"] += [f"fix of {c} did not parse (rejected)" for c, _ in result.rejected]
        report["failures"] += [f"internal error {c}: {m}" for c, m in result.internal_errors]
        if fixed is not None:
            report["fixed"] = result.fixed
            if _compiles(data) and not _compiles(fixed):
                report["failures"].append("the fixed file does not compile")
            again, refixed = process_source(path, fixed, ALL, Job(FIX, unsafe_fixes=True))
            if refixed is not None:
                report["failures"].append("fixing the fixed file changed it again")
    except Exception:  # noqa: BLE001 (that is what the sweep looks for)
        report["failures"].append("exception: " + traceback.format_exc(limit=-3))
    return report


def _prepass_differences(path: str, data: bytes) -> list[str]:
    try:
        text = decode(data).text
    except SourceError:
        return []
    found = []
    for name, settings in (("default", DEFAULT), ("ALL", ALL)):
        full = lint_source(text, path, settings, prepass=False)
        reduced = lint_source(text, path, settings)
        if _parse_failure_only(full.diagnostics) and not reduced.diagnostics:
            continue  # LibCST fails on a part with nothing to lint: it is never parsed
        if (reduced.diagnostics, reduced.errors) != (full.diagnostics, full.errors):
            found.append(f"the pre-pass changed the findings of the {name} rules")
    return found


def _parse_failure_only(diagnostics: list) -> bool:
    """A LibCST failure on code `ast` accepts (perflint.prepass documents it)."""
    return [d.code for d in diagnostics] == ["PFL001"] and "LibCST" in diagnostics[0].message


def package_root() -> Path:
    """site-packages of the cached virtualenv holding PACKAGES (created once)."""
    env = CACHE / "venv"
    python = env / "bin" / "python"
    stamp = CACHE / ("installed-" + "-".join(PACKAGES))
    if not stamp.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        venv.create(env, with_pip=True, clear=True)
        subprocess.run([python, "-m", "pip", "install", "-q", *PACKAGES], check=True)
        stamp.touch()
    out = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    )
    return Path(out.stdout.strip())


def sdist_root(name: str, version: str) -> Path:
    """The unpacked source distribution of name==version (downloaded once)."""
    unpacked = CACHE / "sdists" / f"{name}-{version}"
    if not (unpacked / ".complete").exists():
        shutil.rmtree(unpacked, ignore_errors=True)
        unpacked.mkdir(parents=True)
        command = [sys.executable, "-m", "pip", "download", "-q", "--no-deps"]
        command += ["--no-binary", ":all:", "-d", str(unpacked), f"{name}=={version}"]
        subprocess.run(command, check=True)
        for archive in unpacked.glob("*.tar.gz"):
            with tarfile.open(archive) as tar:
                tar.extractall(unpacked, filter="data")
            archive.unlink()
        (unpacked / ".complete").touch()
    return unpacked


STRANGE = Path(__file__).resolve().parent / "strange"


def corpus(only: str | None) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    if only in (None, "strange"):
        found["strange"] = sorted(str(p) for p in STRANGE.glob("*.py") if p.name != "make_files.py")
    if only in (None, "stdlib"):
        stdlib = Path(sysconfig.get_paths()["stdlib"])
        found["stdlib"] = sorted(
            str(p) for p in stdlib.rglob("*.py") if "site-packages" not in p.parts
        )
    if only in (None, "packages"):
        root = package_root()
        for name in PACKAGES:
            found[name] = sorted(str(p) for p in (root / name).rglob("*.py"))
    if only in (None, "sdists"):
        for name, version in SDISTS:
            found[name] = sorted(str(p) for p in sdist_root(name, version).rglob("*.py"))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["strange", "stdlib", "packages", "sdists"])
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    total_failures = 0
    all_codes: Counter[str] = Counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        for name, files in corpus(args.only).items():
            start = time.perf_counter()
            codes: Counter[str] = Counter()
            fixed = failures = crashes = 0
            for report in pool.map(check_file, files, chunksize=4):
                codes.update(report["codes"])
                fixed += report["fixed"]
                for failure in report["failures"]:
                    failures += 1
                    crashes += failure.startswith(("exception", "internal error"))
                    print(f"FAIL {report['path']}: {failure}")
            seconds = time.perf_counter() - start
            print(
                f"{name}: {len(files)} files, {sum(codes.values())} findings, {fixed} fixes "
                f"applied and verified, {failures} failures ({crashes} exceptions or internal "
                f"errors), {seconds:.0f} s"
            )
            all_codes.update(codes)
            total_failures += failures
    print("findings per rule: " + ", ".join(f"{c} {n}" for c, n in sorted(all_codes.items())))
    print(f"sweep: {'FAILED' if total_failures else 'passed'} ({total_failures} failures)")
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())
