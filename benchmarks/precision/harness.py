"""make precision: a seeded random sample of perflint's findings on real code, for people to judge.

Builds the corpus of one set in corpus.toml (the standard library and pinned
source distributions from PyPI, downloaded once into ~/.cache/perflint-precision
or $PERFLINT_PRECISION_CACHE), lints it as a user would (`perflint check
--format json`, default rules unless --select), prints the findings per rule and
per package, draws up to --per-rule findings of each rule and writes a review
sheet (sheets/<set>-<date>.md): each finding with its stable id, ±10 lines of
code and its fix as a diff. Verdicts recorded in verdicts.json (id -> {rule,
set, verdict: worth | trivial | wrong, note, judge}) become the per-rule table in
benchmarks/README.md.

    python benchmarks/precision/harness.py [--set dev|final] [--per-rule N] [--seed S]
        [--select RULES] [--unjudged-only] [--only PACKAGE ...] [--table-only]
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from perflint.diagnostics import Diagnostic, LineIndex
from perflint.fingerprint import fingerprints, read_text
from perflint.notebook.reader import NotebookError, is_notebook, read_cell_sources, read_notebook

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS = HERE / "corpus.toml"
VERDICTS = HERE / "verdicts.json"
SHEETS = HERE / "sheets"
README = REPO / "benchmarks" / "README.md"
BEGIN, END = "<!-- precision:begin -->", "<!-- precision:end -->"
CACHE = Path(
    os.environ.get("PERFLINT_PRECISION_CACHE", Path.home() / ".cache" / "perflint-precision")
)
VERDICT_KINDS = ("worth", "trivial", "wrong")
CONTEXT = 10  # lines of code shown above and below a finding
LONGEST_MARK = 20  # of a finding spanning many lines, the first lines marked and shown
BATCH = 800  # files per perflint process (keeps the command line short)


class HarnessError(Exception):
    """Bad input (corpus file, verdicts, a download): the message says what and where."""


@dataclass
class Package:
    name: str
    version: str
    root: Path  # the unpacked source; paths in ids and sheets are relative to it
    files: list[str]  # the linted files, relative to root, forward slashes
    kind: str = ""


@dataclass
class Finding:
    id: str
    package: str
    version: str
    root: Path
    path: str
    code: str
    name: str
    message: str
    location: tuple[int, int]
    end_location: tuple[int, int]
    fix: dict[str, Any] | None
    cell: int | None = None  # in a notebook: the cell (rows are the cell's own)


# -- the corpus ------------------------------------------------------------------------------


def load_corpus(path: Path) -> dict[str, Any]:
    try:
        corpus = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise HarnessError(f"{path}: {exc}") from None
    for name, spec in corpus.items():
        if not isinstance(spec, dict):
            continue
        for package, entry in spec.get("packages", {}).items():
            if not isinstance(entry, dict) or not ("version" in entry or "path" in entry):
                raise HarnessError(f"{path}: [{name}.packages] {package} needs a version")
            if not isinstance(entry.get("source", []), list):
                raise HarnessError(f"{path}: [{name}.packages] {package}: source is a list")
        if not isinstance(spec.get("skip-folders", []), list):
            raise HarnessError(f"{path}: [{name}] skip-folders is a list")
    return corpus


def set_names(corpus: dict[str, Any]) -> list[str]:
    return [name for name, spec in corpus.items() if isinstance(spec, dict)]


def source_files(
    root: Path, folders: list[str], skip: set[str], notebooks: bool = False
) -> list[str]:
    """The .py files (and .ipynb notebooks, when notebooks) under root/folder for
    each folder, none inside a skipped folder (nor Jupyter's checkpoint copies)."""
    found = set()
    patterns = ["*.py", "*.ipynb"] if notebooks else ["*.py"]
    skip = skip | {".ipynb_checkpoints"} if notebooks else skip
    for folder in folders:
        base = root / folder
        for pattern in patterns:
            for path in base.rglob(pattern):
                if path.is_file() and skip.isdisjoint(path.relative_to(base).parts[:-1]):
                    found.add(path.relative_to(root).as_posix())
    return sorted(found)


def _archives(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.endswith((".tar.gz", ".tgz", ".tar.bz2")))


def fetch(name: str, version: str, cache: Path) -> Path:
    """The unpacked source distribution of name==version (downloaded and unpacked once)."""
    downloads = cache / "sdists" / f"{name}-{version}"
    if not _archives(downloads):
        downloads.mkdir(parents=True, exist_ok=True)
        print(f"downloading {name}=={version} (once; cached in {cache})", flush=True)
        command = [sys.executable, "-m", "pip", "download", "-q", "--no-deps"]
        command += ["--no-binary", ":all:", "-d", str(downloads), f"{name}=={version}"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=1200)
        except subprocess.TimeoutExpired:
            raise HarnessError(f"pip download {name}=={version} took over 20 minutes") from None
        if done.returncode != 0 or not _archives(downloads):
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            why = lines[-1].strip() if lines else "no source archive"
            raise HarnessError(f"pip download {name}=={version} failed: {why}")
    archive = _archives(downloads)[0]
    unpacked = cache / "src" / f"{name}-{version}"
    if not (unpacked / ".complete").exists():
        shutil.rmtree(unpacked, ignore_errors=True)
        try:
            with tarfile.open(archive) as tar:
                tar.extractall(unpacked, filter="data")
        except (OSError, tarfile.TarError) as exc:
            raise HarnessError(f"cannot unpack {archive}: {exc}") from None
        (unpacked / ".complete").touch()
    tops = [p for p in unpacked.iterdir() if p.is_dir()]
    return tops[0] if len(tops) == 1 else unpacked


def stdlib_package(skip: set[str]) -> Package:
    root = Path(sysconfig.get_paths()["stdlib"])
    return Package("stdlib", platform.python_version(), root, source_files(root, ["."], skip))


def build_corpus(
    corpus: dict[str, Any], set_name: str, cache: Path, base: Path, only: list[str] | None = None
) -> list[Package]:
    """The packages of one set, downloading what is missing; a package that
    cannot be had is skipped with a message. base: the folder of corpus.toml
    (local `path`s are relative to it)."""
    spec = corpus.get(set_name)
    if not isinstance(spec, dict):
        known = ", ".join(set_names(corpus))
        raise HarnessError(f"no set {set_name!r} in the corpus (sets: {known})")
    # A set's own skip-folders replace the global ones (a set of example code
    # must not leave out examples/); `notebooks = true` lints .ipynb files too.
    skip = set(spec.get("skip-folders", corpus.get("skip-folders", [])))
    notebooks = bool(spec.get("notebooks", False))
    packages = []
    if spec.get("stdlib") and (not only or "stdlib" in only):
        packages.append(stdlib_package(skip | set(corpus.get("stdlib-skip-folders", []))))
    for name, entry in spec.get("packages", {}).items():
        if only and name not in only:
            continue
        try:
            if "path" in entry:
                root, version = (base / entry["path"]).resolve(), entry.get("version", "local")
                if not root.is_dir():
                    raise HarnessError(f"no folder {root}")
            else:
                root, version = fetch(name, entry["version"], cache), entry["version"]
        except HarnessError as exc:
            print(f"skipping {name}: {exc}", file=sys.stderr)
            continue
        folders = entry.get("source") or ["."]
        missing = [f for f in folders if not (root / f).is_dir()]
        if missing:
            print(f"skipping {name}: no folder {', '.join(missing)} in {root}", file=sys.stderr)
            continue
        files = source_files(root, folders, skip, notebooks)
        packages.append(Package(name, version, root, files, entry.get("kind", "")))
    return packages


def count_lines(package: Package) -> int:
    """Lines of the package's files; of a notebook, the lines of its code cells."""
    total = 0
    for path in package.files:
        try:
            data = (package.root / path).read_bytes()
        except OSError:
            continue
        if is_notebook(path):
            try:
                cells = read_notebook(data).code_cells()
            except NotebookError:
                continue
            total += sum(len(source.splitlines()) for _, source in cells)
        else:
            total += data.count(b"\n")
    return total


def count_notebooks(package: Package) -> int:
    return sum(is_notebook(path) for path in package.files)


# -- linting ---------------------------------------------------------------------------------


def lint(package: Package, select: str | None, jobs: int | None) -> tuple[list[Finding], list[str]]:
    """perflint's findings on a package, and the problems it reported (internal errors)."""
    command = [sys.executable, "-m", "perflint", "check", "--no-cache", "--exit-zero", "-q"]
    command += ["--format", "json", "--unsafe-fixes"]
    if select:
        command += ["--select", select]
    if jobs:
        command += ["-j", str(jobs)]
    raw: list[dict[str, Any]] = []
    problems: list[str] = []
    for start in range(0, len(package.files), BATCH):
        batch = package.files[start : start + BATCH]
        # Run from the package's folder, so perflint finds the project's own
        # configuration and dependencies as it would for its users.
        done = subprocess.run(
            [*command, "--", *batch], cwd=package.root, capture_output=True, text=True
        )
        said = [line for line in done.stderr.splitlines() if line.strip()]
        try:
            raw += json.loads(done.stdout)
            problems += said
        except json.JSONDecodeError:
            last = f": {said[-1].strip()}" if said else ""
            problems.append(f"perflint failed (exit status {done.returncode}){last}")
    return to_findings(package, raw), problems


def _relative(filename: str, root: Path) -> str:
    try:
        return Path(filename).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(os.path.relpath(filename, root)).as_posix()


def to_findings(package: Package, raw: list[dict[str, Any]]) -> list[Finding]:
    """Findings with ids: perflint's fingerprint of the finding in `package/path`,
    which does not change when lines move and is the same for the same finding
    in the same package version."""
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in raw:
        by_file[_relative(item["filename"], package.root)].append(item)
    found = []
    for path, items in sorted(by_file.items()):
        items.sort(
            key=lambda i: (
                i.get("cell") or 0,
                _loc(i["location"]),
                _loc(i["end_location"]),
                i["code"],
            )
        )
        diagnostics = [
            Diagnostic(
                i["code"],
                i["name"],
                i["category"],
                i["message"],
                _loc(i["location"]),
                _loc(i["end_location"]),
                cell=i.get("cell"),
            )
            for i in items
        ]
        where = f"{package.name}/{path}"
        if is_notebook(path):
            # As perflint's own fingerprints of notebook findings: the text is
            # the cell's, and the cell's number is left out.
            cells = read_cell_sources(str(package.root / path))
            ids = fingerprints(where, None, diagnostics, cells)
        else:
            ids = fingerprints(where, read_text(str(package.root / path)), diagnostics)
        for item, digest in zip(items, ids, strict=True):
            found.append(
                Finding(
                    digest[:16],
                    package.name,
                    package.version,
                    package.root,
                    path,
                    item["code"],
                    item["name"],
                    item["message"],
                    _loc(item["location"]),
                    _loc(item["end_location"]),
                    item.get("fix"),
                    item.get("cell"),
                )
            )
    return found


def _loc(location: dict[str, int]) -> tuple[int, int]:
    return location["row"], location["column"]


def rule_meta() -> dict[str, dict[str, Any]]:
    """code -> {name, default, ...} from `perflint rules --format json`."""
    done = subprocess.run(
        [sys.executable, "-m", "perflint", "rules", "--format", "json"],
        capture_output=True,
        text=True,
    )
    try:
        return {rule["code"]: rule for rule in json.loads(done.stdout)}
    except (json.JSONDecodeError, KeyError, TypeError):
        raise HarnessError(f"perflint rules --format json failed: {done.stderr.strip()}") from None


# -- the sample ------------------------------------------------------------------------------


def draw(
    findings: list[Finding], per_rule: int, seed: int, leave_out: frozenset[str] = frozenset()
) -> list[Finding]:
    """Up to per_rule findings of each rule, at random. Each rule draws from its
    own generator seeded by seed and the rule's code, from its findings ordered by
    id: the same seed and findings give the same sample, whatever order the lint
    produced them in, and a change in one rule's findings leaves the other rules'
    samples as they were."""
    by_rule: dict[str, dict[str, Finding]] = defaultdict(dict)
    for finding in findings:
        if finding.id not in leave_out:
            by_rule[finding.code].setdefault(finding.id, finding)
    sample = []
    for code in sorted(by_rule):
        candidates = [by_rule[code][key] for key in sorted(by_rule[code])]
        chosen = random.Random(f"{seed}/{code}").sample(candidates, min(per_rule, len(candidates)))
        sample += sorted(chosen, key=lambda f: (f.package, f.path, f.location))
    return sample


# -- the review sheet ------------------------------------------------------------------------


def _fenced(body: str, language: str = "") -> str:
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{body}\n{fence}"


def _lines(index: LineIndex) -> list[str]:
    """The text's lines with their newlines, split as perflint counts rows."""
    ends = [*index.starts[1:], len(index.text)]
    return [index.text[start:end] for start, end in zip(index.starts, ends, strict=True)]


def context(text: str, finding: Finding) -> str:
    """The reported lines, marked with `>`, and CONTEXT lines either side, numbered."""
    index = LineIndex(text)
    lines = _lines(index)
    first = finding.location[0]
    last = min(max(first, finding.end_location[0]), first + LONGEST_MARK - 1, len(lines))
    shown = range(max(1, first - CONTEXT), min(len(lines), last + CONTEXT) + 1)
    width = len(str(shown.stop))
    out = []
    for row in shown:
        mark = ">" if first <= row <= last else " "
        out.append(f"{mark}{row:>{width}}  {lines[row - 1].rstrip(chr(13) + chr(10))}")
    if finding.end_location[0] > last:
        out.append(f" ... (the finding goes on to line {finding.end_location[0]})")
    return "\n".join(out)


def _offset(index: LineIndex, location: dict[str, int]) -> int | None:
    row, column = location["row"], location["column"]
    if row == len(index.starts) + 1 and column == 1:
        return len(index.text)
    if not 1 <= row <= len(index.starts) or column < 1:
        return None
    offset = index.offset((row, column))
    return offset if offset <= len(index.text) else None


def fix_diff(text: str, path: str, fix: dict[str, Any]) -> str | None:
    """The fix as a unified diff of the file, or None when its edits do not fit the text."""
    index = LineIndex(text)
    edits = []
    for edit in fix.get("edits", []):
        start, end = _offset(index, edit["location"]), _offset(index, edit["end_location"])
        if start is None or end is None or end < start:
            return None
        edits.append((start, end, edit["content"]))
    edits.sort()
    if any(a[1] > b[0] for a, b in zip(edits, edits[1:], strict=False)):
        return None
    fixed = text
    for start, end, content in reversed(edits):
        fixed = fixed[:start] + content + fixed[end:]
    diff = difflib.unified_diff(
        _lines(index), _lines(LineIndex(fixed)), f"a/{path}", f"b/{path}", lineterm=""
    )
    return "\n".join(line.rstrip("\r\n") for line in diff)


def notebook_fix_diff(
    cells: dict[int, str], path: str, fix: dict[str, Any], cell: int
) -> str | None:
    """A notebook finding's fix as unified diffs of the cells it edits (an edit
    without a cell is in the finding's), or None when its edits do not fit."""
    by_cell: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for edit in fix.get("edits", []):
        by_cell[edit.get("cell", cell)].append(edit)
    diffs = []
    for number in sorted(by_cell):
        if number not in cells:
            return None
        diff = fix_diff(cells[number], f"{path} (cell {number})", {"edits": by_cell[number]})
        if diff is None:
            return None
        if diff:
            diffs.append(diff)
    return "\n".join(diffs)


def _judged(entry: dict[str, Any]) -> str:
    note = f": {entry['note']}" if entry.get("note") else ""
    by = f" by {entry['judge']}" if entry.get("judge") else ""
    return f"**already judged: {entry['verdict']}**{by}{note}"


def finding_block(number: int, finding: Finding, verdicts: dict[str, dict[str, Any]]) -> str:
    where = f"{finding.path}:{finding.location[0]}:{finding.location[1]}"
    if finding.cell is not None:
        row, column = finding.location
        where = f"{finding.path}` · `cell {finding.cell}, line {row}, column {column}"
    head = [
        f"### {number}. `{finding.id}` {finding.code} {finding.name}",
        "",
        f"{finding.package} {finding.version} · `{where}`",
    ]
    if finding.id in verdicts:
        head[-1] += " · " + _judged(verdicts[finding.id])
    parts = ["\n".join(head), "> " + finding.message.replace("\n", "\n> ")]
    cells: dict[int, str] | None = None
    if finding.cell is None:
        text = read_text(str(finding.root / finding.path))
    else:
        # A notebook: the code shown is the finding's cell, numbered by its own rows.
        cells = read_cell_sources(str(finding.root / finding.path))
        text = cells.get(finding.cell) if cells is not None else None
    if text is None:
        parts.append("(the file cannot be read any more)")
    else:
        if finding.cell is not None:
            parts.append(f"Code cell {finding.cell} of the notebook (rows are the cell's):")
        parts.append(_fenced(context(text, finding), "python"))
    fix = finding.fix
    if fix is None:
        parts.append("No fix.")
    else:
        parts.append(f"Fix ({fix.get('applicability', '?')}): {fix.get('message', '')}")
        if finding.cell is not None:
            diff = (
                notebook_fix_diff(cells, finding.path, fix, finding.cell)
                if cells is not None
                else None
            )
        else:
            diff = fix_diff(text, finding.path, fix) if text is not None else None
        if diff is None:
            parts.append("(the fix's edits do not fit the file; not shown)")
        else:
            parts.append(_fenced(diff, "diff") if diff else "(the fix changes nothing)")
    parts.append("Verdict: worth / trivial / wrong — note:")
    return "\n\n".join(parts)


def counts_table(packages: list[Package], findings: list[Finding]) -> str:
    """Markdown: findings per rule (rows) and per package (columns)."""
    per = Counter((f.code, f.package) for f in findings)
    names = [p.name for p in packages]
    rows = ["| rule | " + " | ".join(names) + " | total |", "|---" * (len(names) + 2) + "|"]
    for code in sorted({f.code for f in findings}):
        cells = [str(per[code, name]) for name in names]
        total = sum(per[code, name] for name in names)
        rows.append(f"| {code} | " + " | ".join(cells) + f" | {total} |")
    totals = Counter(f.package for f in findings)
    rows.append("| total | " + " | ".join(str(totals[n]) for n in names) + f" | {len(findings)} |")
    return "\n".join(rows)


def render_sheet(
    sample: list[Finding],
    verdicts: dict[str, dict[str, Any]],
    about: dict[str, str],
    counts: str,
) -> str:
    judged = sum(f.id in verdicts for f in sample)
    lines = [f"# perflint precision review: set `{about['set']}`, {about['date']}", ""]
    lines += [f"- {key}: {value}" for key, value in about.items() if key not in ("set", "date")]
    lines += [
        f"- sample: {len(sample)} findings, {judged} of them already judged",
        "",
        "Judge each finding without looking at the rule's code. Verdicts:",
        "",
        "- **worth**: the pattern is there and acting on it would matter (data that"
        " can be large, code that runs often);",
        "- **trivial**: correct, but not worth changing (tiny data, run once);",
        "- **wrong**: the pattern is not there, the advice would not help, or the fix"
        " would break the code.",
        "",
        "Record each verdict in `benchmarks/precision/verdicts.json` under the finding's id:",
        "",
        _fenced(
            '{"<id>": {"rule": "PFL102", "set": "' + about["set"] + '", "verdict": "worth",'
            ' "note": "why", "judge": "your name"}}',
            "json",
        ),
        "",
        "## Findings per rule and package (whole corpus)",
        "",
        counts,
        "",
        "## The sample",
        "",
    ]
    blocks = [finding_block(n, f, verdicts) for n, f in enumerate(sample, 1)]
    return "\n".join(lines) + "\n" + "\n\n---\n\n".join(blocks) + "\n"


# -- verdicts and the README table -----------------------------------------------------------


def load_verdicts(path: Path, sets: list[str]) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    try:
        verdicts = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HarnessError(f"{path}: not readable JSON: {exc}") from None
    if not isinstance(verdicts, dict):
        raise HarnessError(f"{path}: expected an object mapping finding ids to verdicts")
    for key, entry in verdicts.items():
        if not isinstance(entry, dict):
            raise HarnessError(f"{path}: {key}: expected an object with rule, set and verdict")
        if entry.get("verdict") not in VERDICT_KINDS:
            raise HarnessError(
                f"{path}: {key}: verdict must be one of {', '.join(VERDICT_KINDS)},"
                f" not {entry.get('verdict')!r}"
            )
        if not isinstance(entry.get("rule"), str) or entry.get("set") not in sets:
            raise HarnessError(
                f"{path}: {key}: needs rule (a code) and set (one of {', '.join(sets)})"
            )
    return verdicts


def _percent(part: int, whole: int) -> str:
    return f"{part} ({100 * part / whole:.0f}%)" if whole else str(part)


def verdict_table(
    verdicts: dict[str, dict[str, Any]], rules: dict[str, dict[str, Any]], sets: list[str]
) -> str:
    """Markdown: per set, per rule: judged / correct (worth + trivial) / worth acting on / wrong."""
    if not verdicts:
        return "No verdicts recorded yet (`benchmarks/precision/verdicts.json` is empty)."
    out = []
    for set_name in sets:
        mine = [v for v in verdicts.values() if v["set"] == set_name]
        if not mine:
            continue
        per: dict[str, Counter[str]] = defaultdict(Counter)
        for entry in mine:
            per[entry["rule"]][entry["verdict"]] += 1
        rows = [
            f"Set `{set_name}`:",
            "",
            "| rule | judged | correct | worth acting on | wrong |",
            "|---|---|---|---|---|",
        ]
        default_total: Counter[str] = Counter()
        for code in sorted(per):
            tally = per[code]
            meta = rules.get(code, {})
            label = f"{code} {meta.get('name', '')}".strip()
            if meta.get("default", False):
                default_total.update(tally)
            else:
                label += " (not default)"
            rows.append(_row(label, tally))
        all_total = sum(per.values(), Counter())
        rows.append(_row("**default rules**", default_total))
        if all_total != default_total:
            rows.append(_row("**all judged**", all_total))
        out.append("\n".join(rows))
    return "\n\n".join(out)


def _row(label: str, tally: Counter[str]) -> str:
    judged = sum(tally.values())
    correct = tally["worth"] + tally["trivial"]
    cells = [str(judged), _percent(correct, judged), _percent(tally["worth"], judged)]
    cells.append(_percent(tally["wrong"], judged))
    return f"| {label} | " + " | ".join(cells) + " |"


def commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    )
    return done.stdout.strip() or "unknown"


def update_readme(readme: Path, table: str, stamp: str) -> bool:
    """Put the table between the precision markers of readme; False when they are missing."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return False
    begin, end = text.find(BEGIN), text.find(END)
    if begin < 0 or end < begin:
        return False
    if text[begin:end].endswith(f"\n\n{table}\n"):
        return True  # the same verdicts: keep the date and commit they were counted at
    body = f"{BEGIN}\n{stamp}\n\n{table}\n{END}"
    readme.write_text(text[:begin] + body + text[end + len(END) :], encoding="utf-8")
    return True


# -- the command -----------------------------------------------------------------------------


def _print_counts(packages: list[Package], findings: list[Finding], stats: dict[str, str]) -> None:
    print("\nper package:")
    totals = Counter(f.package for f in findings)
    for p in packages:
        print(f"  {p.name} {p.version}: {stats[p.name]}, {totals[p.name]} findings")
    print("\nper rule:")
    for code, n in sorted(Counter(f.code for f in findings).items()):
        print(f"  {code} {n}")
    print(f"  total {len(findings)}")


def run(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.corpus)
    sets = set_names(corpus)
    verdicts = load_verdicts(args.verdicts, sets)
    today = datetime.date.today().isoformat()
    stamp = f"Verdicts as of {today}, perflint {commit()}."
    if args.table_only:
        table = verdict_table(verdicts, rule_meta(), sets)
        print(table)
        if not update_readme(args.readme, table, stamp):
            print(f"no {BEGIN} ... {END} markers in {args.readme}", file=sys.stderr)
        return 0

    started = time.perf_counter()
    packages = build_corpus(corpus, args.set, args.cache, args.corpus.parent, args.only)
    if not packages:
        raise HarnessError(f"nothing to lint in set {args.set!r}")
    fetched = time.perf_counter() - started
    findings: list[Finding] = []
    stats: dict[str, str] = {}
    files = lines = 0
    for package in packages:
        begin = time.perf_counter()
        found, problems = lint(package, args.select, args.jobs)
        seconds = time.perf_counter() - begin
        for problem in problems:
            print(f"{package.name}: {problem}", file=sys.stderr)
        n_lines = count_lines(package)
        files, lines = files + len(package.files), lines + n_lines
        n_notebooks = count_notebooks(package)
        notebooks = f" ({n_notebooks} notebooks)" if n_notebooks else ""
        stats[package.name] = (
            f"{len(package.files)} files{notebooks}, {n_lines:,} lines, {seconds:.1f} s"
        )
        print(
            f"{package.name} {package.version}: {stats[package.name]}, {len(found)} findings",
            flush=True,
        )
        findings += found
    linted = time.perf_counter() - started - fetched
    _print_counts(packages, findings, stats)
    rules = rule_meta()

    leave_out = frozenset(verdicts) if args.unjudged_only else frozenset()
    sample = draw(findings, args.per_rule, args.seed, leave_out)
    about = {
        "set": args.set,
        "date": today,
        "perflint": commit(),
        "rules": args.select or "default",
        "seed": str(args.seed),
        "per rule": str(args.per_rule) + (" (unjudged only)" if args.unjudged_only else ""),
        "corpus": f"{files:,} files, {lines:,} lines: "
        + ", ".join(f"{p.name} {p.version}" for p in packages),
    }
    counts = counts_table(packages, findings)
    args.sheets.mkdir(parents=True, exist_ok=True)
    name = f"{args.set}-{today}"
    if args.select:
        name += "-" + re.sub(r"[^A-Za-z0-9]+", "-", args.select).strip("-")
    sheet = args.sheets / f"{name}.md"
    sheet.write_text(render_sheet(sample, verdicts, about, counts), encoding="utf-8")
    listing = args.sheets / f"{name}-findings.json"
    listing.write_text(
        json.dumps(
            [
                {
                    "id": f.id,
                    "code": f.code,
                    "package": f"{f.package} {f.version}",
                    "path": f.path,
                    **({"cell": f.cell} if f.cell is not None else {}),
                    "row": f.location[0],
                    "message": f.message,
                }
                for f in findings
            ],
            indent=1,
        ),
        encoding="utf-8",
    )

    if not args.only and args.select in (None, "ALL"):
        # The table still counts judged findings that a rule change has removed
        # since; say how many (only of rules this run selected).
        current = {f.id for f in findings}
        gone = [
            key
            for key, entry in verdicts.items()
            if entry["set"] == args.set
            and key not in current
            and (args.select or rules.get(entry["rule"], {}).get("default"))
        ]
        if gone:
            print(f"\n{len(gone)} judged findings of this set are no longer reported.")
    table = verdict_table(verdicts, rules, sets)
    if not update_readme(args.readme, table, stamp):
        print(f"no {BEGIN} ... {END} markers in {args.readme}", file=sys.stderr)
    print(
        f"\ncorpus: {files:,} files, {lines:,} lines; corpus ready in {fetched:.1f} s,"
        f" linted in {linted:.1f} s"
    )
    print(f"sample: {len(sample)} findings in {sheet}")
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", default="dev", help="the corpus set (default dev)")
    parser.add_argument("--per-rule", type=int, default=8, help="findings drawn per rule")
    parser.add_argument("--seed", type=int, default=15, help="random seed (default 15)")
    parser.add_argument("--select", help="rules, as perflint's --select (default: default rules)")
    parser.add_argument("--unjudged-only", action="store_true", help="draw only unjudged findings")
    parser.add_argument("--only", nargs="+", metavar="PACKAGE", help="lint only these packages")
    parser.add_argument("-j", "--jobs", type=int, help="perflint processes (default: all cores)")
    parser.add_argument("--table-only", action="store_true", help="only update the README table")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    parser.add_argument("--verdicts", type=Path, default=VERDICTS, help=argparse.SUPPRESS)
    parser.add_argument("--readme", type=Path, default=README, help=argparse.SUPPRESS)
    parser.add_argument("--sheets", type=Path, default=SHEETS, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, default=CACHE, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.per_rule < 1:
        parser.error("--per-rule must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except HarnessError as exc:
        print(f"precision: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
