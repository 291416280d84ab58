"""How fast is perflint? Measured against LibCST parsing alone and peers.

Run with `make bench`. Copies the running Python's standard library (without
test/, idlelib/ and site-packages) into $TMPDIR/perflint-bench/corpus, installs
the peers into a side virtualenv beside it, then runs every tool in interleaved
rounds and prints a Markdown table of median wall times.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Outside any git work tree: ruff and Fixit skip git-ignored files, and a
# corpus inside this repository would be ignored.
WORK = Path(os.environ.get("PERFLINT_BENCH_DIR", Path(tempfile.gettempdir()) / "perflint-bench"))
CORPUS = WORK / "corpus"
PEERS = WORK / "peers"
SKIP = {"test", "idlelib", "site-packages", "__pycache__"}


def copy_stdlib() -> list[Path]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    if not CORPUS.exists():
        for source in stdlib.rglob("*.py"):
            relative = source.relative_to(stdlib)
            if SKIP.intersection(relative.parts):
                continue
            target = CORPUS / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return sorted(CORPUS.rglob("*.py"))


def install_peers() -> dict[str, str]:
    """Executables of the peers that installed; a peer that cannot be had is skipped."""
    python = PEERS / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
    tools = {}
    for package, executable in (
        ("ruff", "ruff"),
        ("pylint perflint", "pylint"),
        ("fixit", "fixit"),
    ):
        path = PEERS / "bin" / executable
        if not path.exists():
            subprocess.run(
                [str(python), "-m", "pip", "install", "-q", *package.split()], check=False
            )
        if path.exists():
            tools[executable] = str(path)
    return tools


def parse_only(files: list[str], jobs: int) -> None:
    """Parse every file with LibCST in `jobs` processes, and nothing else."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_parse_one, files, chunksize=8))


def _parse_one(path: str) -> None:
    import libcst

    try:
        libcst.parse_module(Path(path).read_bytes())
    except Exception:
        pass


def timed(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def peak_rss_mb(command: list[str]) -> float:
    """The largest resident set of any one process of command's tree (the
    main process or a worker), from a fresh parent so nothing else counts."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True)
    return int(out.stdout.strip() or 0) / 1024  # kilobytes on Linux


def scaling(files: list[Path], jobs: int) -> tuple[float, float]:
    """Seconds for one mid-sized file and for the same file repeated 10 times."""
    sample = next(
        p for p in sorted(files, key=lambda p: p.stat().st_size) if p.stat().st_size > 40_000
    )
    text = sample.read_text(encoding="utf-8")
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for copies in (1, 10):
            path = Path(folder) / f"x{copies}.py"
            path.write_text(text * copies, encoding="utf-8")
            command = [
                sys.executable,
                "-c",
                "import sys, time; from perflint.api import lint_source; "
                "t = open(sys.argv[1]).read(); lint_source(t); best = []\n"
                "for _ in range(3):\n"
                "    s = time.perf_counter(); lint_source(t)\n"
                "    best.append(time.perf_counter() - s)\n"
                "print(min(best))",
                str(path),
            ]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            times.append(float(out))
    return times[0], times[1]


# Two small files: one no rule can report in (the pre-pass ends the lint before
# LibCST), one with a loop that needs LibCST and the rules.
_PLAIN = "import os\n\n\ndef home():\n    return os.environ.get('HOME', '')\n"
_LOOPING = "def seen(items, known):\n    return [i for i in items if i in known]\n"


def start_up(rounds: int = 5) -> dict[str, float]:
    """Median wall time of fresh processes: `--version`, `rules`, and `check`
    of one small file with and without a candidate unit."""
    perflint = [sys.executable, "-m", "perflint"]
    with tempfile.TemporaryDirectory() as folder:
        plain, looping = Path(folder) / "plain.py", Path(folder) / "looping.py"
        plain.write_text(_PLAIN, encoding="utf-8")
        looping.write_text(_LOOPING, encoding="utf-8")
        commands = {
            "perflint --version": [*perflint, "--version"],
            "perflint rules": [*perflint, "rules"],
            "check, small file, no candidate unit": [
                *perflint, "check", "--no-cache", "--exit-zero", "-q", str(plain)
            ],
            "check, small file, one candidate unit": [
                *perflint, "check", "--no-cache", "--exit-zero", "-q", str(looping)
            ],
        }  # fmt: skip
        # As installed by pip, with bytecode kept: an editable install under
        # PYTHONDONTWRITEBYTECODE would compile every module on every start.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        for command in commands.values():  # write bytecode, warm the file system cache
            timed(command, cwd=Path(folder), env=env)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, command in commands.items():
                samples[name].append(timed(command, cwd=Path(folder), env=env))
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--fixit-files", type=int, default=30)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--parse-only", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.parse_only is not None:
        parse_only(args.parse_only, args.jobs)
        return

    files = copy_stdlib()
    lines = sum(len(p.read_bytes().splitlines()) for p in files)
    names = [str(p) for p in files]
    subset = [str(p) for p in files[: args.fixit_files]]
    peers = {} if args.no_peers else install_peers()
    cache = WORK / "cache"
    perflint = [
        sys.executable,
        "-m",
        "perflint",
        "check",
        "--select",
        "ALL",
        "--exit-zero",
        "-q",
        "-j",
        str(args.jobs),
    ]
    commands: dict[str, list[str]] = {
        "libcst parse only": [
            sys.executable,
            __file__,
            "--jobs",
            str(args.jobs),
            "--parse-only",
            *names,
        ],
        "perflint cold (--no-cache)": [*perflint, "--no-cache", str(CORPUS)],
        "perflint warm (cache)": [*perflint, "--cache-dir", str(cache), str(CORPUS)],
    }
    if "ruff" in peers:
        commands["ruff --select PERF"] = [
            peers["ruff"],
            "check",
            "--no-cache",
            "--select",
            "PERF",
            "--exit-zero",
            "-q",
            str(CORPUS),
        ]
    if "pylint" in peers:
        commands["pylint + perflint plugin"] = [
            peers["pylint"],
            "--load-plugins=perflint",
            "--disable=all",
            "--enable=W8101,W8102,W8201,W8202,W8203,W8204,W8205,W8301,W8401,W8402,W8403",
            "-j",
            str(args.jobs),
            "--exit-zero",
            str(CORPUS),
        ]
    if "fixit" in peers:
        commands[f"fixit lint ({len(subset)} files)"] = [peers["fixit"], "lint", *subset]
        commands[f"perflint cold ({len(subset)} files)"] = [*perflint, "--no-cache", *subset]

    # Prime the warm cache, then interleave the tools round by round.
    shutil.rmtree(cache, ignore_errors=True)
    timed(commands["perflint warm (cache)"])
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(args.rounds):
        for name, command in commands.items():
            samples[name].append(timed(command))
            print(f"round {round_number + 1}: {name}: {samples[name][-1]:.2f} s", file=sys.stderr)

    median = {name: statistics.median(values) for name, values in samples.items()}
    parse = median["libcst parse only"]
    cold = median["perflint cold (--no-cache)"]
    print(
        f"Corpus: {len(files)} files, {lines:,} lines (Python {sys.version.split()[0]} stdlib); "
        f"{args.jobs} processes; median of {args.rounds} interleaved rounds.\n"
    )
    print("| tool | seconds | vs LibCST parse | vs perflint cold |")
    print("|---|---|---|---|")
    for name, seconds in median.items():
        print(f"| {name} | {seconds:.2f} | {seconds / parse:.2f}x | {seconds / cold:.3f}x |")
    one, ten = scaling(files, args.jobs)
    print(
        f"\nOne file vs the same file 10 times longer (lint_source, one process): "
        f"{one * 1000:.0f} ms vs {ten * 1000:.0f} ms = {ten / one:.1f}x"
    )
    started = start_up()
    print("\nStart-up, median of 5 fresh processes:\n")
    print("| command | seconds |")
    print("|---|---|")
    for name, seconds in started.items():
        print(f"| {name} | {seconds:.3f} |")
    rss = peak_rss_mb(commands["perflint cold (--no-cache)"])
    print(f"Peak RSS of one perflint process (main or worker), cold run: {rss:.0f} MB")
    print(
        f"Targets: cold <= 0.8x parse: {cold / parse:.2f}x; "
        f"warm <= 2% of cold: {median['perflint warm (cache)'] / cold:.1%}; "
        f"10x longer <= 10.5x time: {ten / one:.1f}x; peak RSS <= 250 MB: {rss:.0f} MB; "
        f"small file <= 0.15 s without a candidate: "
        f"{started['check, small file, no candidate unit']:.3f} s, <= 0.35 s with one: "
        f"{started['check, small file, one candidate unit']:.3f} s"
    )


if __name__ == "__main__":
    main()
