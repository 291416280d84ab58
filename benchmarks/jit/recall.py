"""PFL301 on real numba users, decorators stripped: how many of the authors'
jitted loop kernels it finds again (recall), and how many functions the
authors left plain it flags (the false-alarm rate).

    python benchmarks/jit/recall.py [tuning|final|final2|all] [--misses]

Downloads pinned sdists from PyPI (JSON API) into
~/.cache/perflint-precision/jit/ (nothing third-party is committed), takes the
package code (not tests, docs or examples), and for every module-level
function decorated only with numba's `@njit`/`@jit` (any options) and holding
a loop, blanks the decorator lines (so rows stay put) and lints the file with
PFL301 alone. A kernel counts as found when PFL301 reports it. The
undecorated module-level functions of the same files are the other side: each
one flagged counts against PFL301 (even where jitting it might pay). The
tuning set is what PFL301 was tuned on; the final sets are only measured.
--misses lists each missed kernel with PFL301's reason.
"""

from __future__ import annotations

import ast
import json
import sys
import tarfile
import time
import urllib.request
from collections import Counter
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin

from perflint.api import lint_source
from perflint.config import Settings
from perflint.jit import candidates
from perflint.jit.helpers import module_name, scan_project

CACHE = Path.home() / ".cache" / "perflint-precision" / "jit"
TUNING = {
    "pynndescent": "0.7.0",
    "quantecon": "0.11.4",
    "sktime": "1.2.0",
    "tslearn": "0.10.0",
}
FINAL = {
    "umap-learn": "0.5.12",
    "stumpy": "1.14.1",
    "vectorbt": "1.2.0",
    "pandas-ta": "0.4.71b0",
    "pyod": "3.6.7",
}
# A second held-out set, chosen (2026-12-02) before any of it was measured and
# not used anywhere else in perflint's benchmarks (statsforecast 2.1.1, first
# chosen, no longer uses numba: econ-ark took its place).
FINAL2 = {
    "librosa": "1.0.0",
    "econ-ark": "0.17.2",
    "hapsira": "0.18.0",
    "sparse": "0.19.3",
}
_SKIPPED_DIRS = {"tests", "test", "testing", "docs", "doc", "examples", "benchmarks", "build"}
_NUMBA_DECORATORS = {"njit", "jit"}
SETTINGS = Settings(select=("PFL301",), numba_in_project=True)
ARRAYS = Settings(select=("PFL607",), numba_in_project=True)
Row = tuple[str, int, int, int, int, int, int, int]
SCAN_SECONDS: dict[str, float] = {}


def _functions_at(tree: ast.Module, diagnostics: list) -> set[str]:  # type: ignore[type-arg]
    """The module functions holding these findings' rows."""
    rows = {d.location[0] for d in diagnostics}
    return {
        n.name
        for n in tree.body
        if isinstance(n, ast.FunctionDef)
        and any(n.lineno <= row <= (n.end_lineno or n.lineno) for row in rows)
    }


def sdist(name: str, version: str) -> Path:
    """The package's source tree, downloaded and unpacked once."""
    unpacked = CACHE / "src" / f"{name}-{version}"
    if unpacked.exists():
        return unpacked
    archive = CACHE / "sdists" / f"{name}-{version}.tar.gz"
    if not archive.exists():
        index = f"https://pypi.org/pypi/{name}/json"
        with urllib.request.urlopen(index) as answer:  # noqa: S310 (https to PyPI)
            files = json.load(answer)["releases"][version]
        # The index may answer with links relative to itself.
        url = urljoin(index, next(u["url"] for u in files if u["packagetype"] == "sdist"))
        archive.parent.mkdir(parents=True, exist_ok=True)
        urllib.request.urlretrieve(url, archive)  # noqa: S310 (https from PyPI)
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    return unpacked


def package_files(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*.py")
        if not (_SKIPPED_DIRS & {part.lower() for part in path.relative_to(root).parts[:-1]})
        and not path.name.startswith("test_")
    )


def _is_numba(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in _NUMBA_DECORATORS


def _has_loop(function: ast.FunctionDef) -> bool:
    return any(isinstance(n, (ast.For, ast.While)) for n in ast.walk(function))


def _package_names(tree: ast.Module, package: str) -> set[str]:
    """Names this module imports from the package's other modules."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (
            node.level > 0 or (node.module or "").split(".")[0] == package
        ):
            names.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(
                (a.asname or a.name).split(".")[0]
                for a in node.names
                if a.name.split(".")[0] == package
            )
    return names


def cross_module(tree: ast.Module, package: str) -> set[str]:
    """Module functions that call, directly or through this module's functions,
    something imported from the package's other modules: stripped there too,
    so no one-file analysis can know it compiles."""
    imported = _package_names(tree, package)
    defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    calls = {
        name: {
            n.id
            for n in ast.walk(fn)
            if isinstance(n, ast.Name) and (n.id in defs or n.id in imported)
        }
        for name, fn in defs.items()
    }
    found = {name for name, called in calls.items() if called & imported}
    changed = True
    while changed:
        changed = False
        for name, called in calls.items():
            if name not in found and called & found:
                found.add(name)
                changed = True
    return found


def strip(source: str) -> tuple[str, set[str], set[str]]:
    """(source without numba decorators, the loop kernels, the plain functions)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    kernels, plain = set(), set()
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        if not node.decorator_list:
            plain.add(node.name)
        elif all(_is_numba(d) for d in node.decorator_list):
            for decorator in node.decorator_list:
                for row in range(decorator.lineno - 2, decorator.end_lineno or decorator.lineno):
                    lines[row] = "\n"  # the `@` line and any continuation
            if _has_loop(node):
                kernels.add(node.name)
    return "".join(lines), kernels, plain


def measure(names: dict[str, str], show_misses: bool) -> list[Row]:
    reasons: dict[str, str] = {}
    judge = candidates.Candidates._judge

    def recording(self, function):  # type: ignore[no-untyped-def]
        verdict = judge(self, function)
        reasons[function.name.value] = verdict.reason or (
            "" if verdict.has_loop else "no numeric loop"
        )
        return verdict

    candidates.Candidates._judge = recording  # type: ignore[method-assign]
    rows = []
    misses: Counter[str] = Counter()
    for name, version in names.items():
        root = sdist(name, version)
        kernels = found = plain = flagged = local = local_found = by_607 = 0
        stripped = {}
        for path in package_files(root):
            try:
                stripped[path] = strip(path.read_text(encoding="utf-8"))
            except (SyntaxError, UnicodeDecodeError, ValueError):
                continue
        # What the project's other modules tell, scanned from the stripped texts.
        texts = {str(path): text for path, (text, _, _) in stripped.items()}
        start = time.perf_counter()
        project = scan_project(texts, texts.__getitem__)
        SCAN_SECONDS[name] = time.perf_counter() - start
        settings = replace(SETTINGS, jit_project=project)
        for path, (text, jitted, undecorated) in stripped.items():
            if not jitted and not undecorated:
                continue
            reasons.clear()
            result = lint_source(text, str(path), settings)
            reported = {d.message.split("`")[-2] for d in result.diagnostics}
            tree = ast.parse(text)
            package = module_name(str(path))[0].split(".")[0]
            self_contained = jitted - cross_module(tree, package)
            arrays = _functions_at(tree, lint_source(text, str(path), ARRAYS).diagnostics)
            kernels += len(jitted)
            found += len(jitted & reported)
            local += len(self_contained)
            local_found += len(self_contained & reported)
            by_607 += len((jitted - reported) & arrays)
            plain += len(undecorated)
            flagged += len(undecorated & reported)
            for kernel in sorted(jitted - reported):
                why = reasons.get(kernel, "not judged")
                misses[why.split("`")[0].strip()] += 1
                if show_misses:
                    print(f"  miss {path.relative_to(root)}:{kernel}: {why}")
            if show_misses:
                for function in sorted(undecorated & reported):
                    print(f"  flagged {path.relative_to(root)}:{function}")
        rows.append(
            (f"{name} {version}", kernels, found, local, local_found, by_607, plain, flagged)
        )
    for name in names:
        print(f"{name}: project scan {SCAN_SECONDS[name]:.2f} s")
    if show_misses:
        print("\nmisses by reason:")
        for why, count in misses.most_common(25):
            print(f"  {count:4} {why}")
    return rows


def table(title: str, rows: list[Row]) -> str:
    lines = [
        f"{title}:",
        "| package | loop kernels | found | recall | self-contained kernels | found | recall "
        "| missed, taken by PFL607 | plain functions | flagged | rate |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    totals = [0] * 7
    for name, *counts in [*rows, ("**all**", *[0] * 7)]:
        if name == "**all**":
            counts = totals
        kernels, found, local, local_found, by_607, plain, flagged = counts
        lines.append(
            f"| {name} | {kernels} | {found} | {found / max(kernels, 1):.0%} | {local} | "
            f"{local_found} | {local_found / max(local, 1):.0%} | {by_607} | {plain} | "
            f"{flagged} | {flagged / max(plain, 1):.1%} |"
        )
        if name != "**all**":
            totals = [t + c for t, c in zip(totals, counts, strict=True)]
    return "\n".join(lines)


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "all"
    show = "--misses" in sys.argv
    if which in ("tuning", "all"):
        print(table("tuning set", measure(TUNING, show)))
    if which in ("final", "all"):
        print(table("final set", measure(FINAL, show)))
    if which in ("final2", "all"):
        print(table("second final set", measure(FINAL2, show)))
