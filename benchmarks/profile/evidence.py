"""What `--profile` costs and whether its shares agree with the profiler's own.

Records a cProfile run of examples/workload.py (one hot anti-pattern, one
cold), then:
- times `perflint check examples/` with and without `--profile` (fresh
  processes, interleaved, median of 5): the profile should add < 10%;
- compares each finding's share with the share cProfile itself gives the
  finding's function (its own time plus the built-ins it calls directly,
  from pstats), which should agree within a few points.

    python benchmarks/profile/evidence.py
"""

from __future__ import annotations

import json
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - start


def _pstats_share(profile: Path, filename: str, function: str) -> float:
    """The function's own time plus its direct calls into built-ins, over the
    whole run's time, as pstats reports them."""
    stats = pstats.Stats(str(profile))
    total = stats.total_tt  # type: ignore[attr-defined]
    found = 0.0
    for caller, (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        file, _, name = caller
        if file.endswith(filename) and name == function:
            found += own
            for (callee_file, _, _), timing in stats.stats.items():  # type: ignore[attr-defined]
                callers = timing[4]
                if callee_file == "~" and caller in callers:
                    found += callers[caller][2]
    return found / total


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "workload.pstats"
        subprocess.run(
            [sys.executable, "-m", "cProfile", "-o", str(profile), str(EXAMPLES / "workload.py")],
            check=True,
            cwd=EXAMPLES,
        )
        base = [sys.executable, "-m", "perflint", "check", "--no-cache", "--exit-zero", "-q"]
        plain = [*base, "examples"]
        profiled = [*base, "--profile", str(profile), "examples"]
        times: dict[str, list[float]] = {"without --profile": [], "with --profile": []}
        for _ in range(5):
            times["without --profile"].append(_timed(plain))
            times["with --profile"].append(_timed(profiled))
        median = {name: statistics.median(values) for name, values in times.items()}
        print("| run | seconds (median of 5) |\n|---|---|")
        for name, seconds in median.items():
            print(f"| perflint check examples/ {name} | {seconds:.3f} |")
        overhead = median["with --profile"] / median["without --profile"] - 1
        print(f"\n--profile adds {overhead:.1%} (target < 10%)\n")
        out = subprocess.run(
            [*base, "--format", "json", "--profile", str(profile), "examples"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        print("| finding | perflint share | cProfile's own share of the function |")
        print("|---|---|---|")
        expected = {("reports.py", 27): "regions", ("batches.py", 8): "all_ids"}
        for item in json.loads(out):
            key = (Path(item["filename"]).name, item["location"]["row"])
            if key not in expected:
                continue
            share = item["profile"]["share"] if item["profile"] else 0.0
            own = _pstats_share(profile, key[0], expected[key])
            print(f"| {key[0]}:{key[1]} {item['code']} | {share:.1%} | {own:.1%} |")


if __name__ == "__main__":
    main()
