"""What reading a notebook costs over reading the same code as a `.py` file.

The code of examples/*.py is cut into cells at its top-level statements and
saved as a notebook the way Jupyter saves one (indent 1, sources as lists of
lines, a markdown cell between code cells, outputs), then both files are
checked through perflint.runner.process_source, as the CLI does without the
cache. The `.py` file is the cells joined, so both hold the same code. Runs
alternate between the two (other load on the machine hits both alike); the
fastest run of each is printed, and the notebook's own steps (reading the
JSON, building the module, mapping findings back to cells) timed alone, which
on a loaded machine is the steadier figure.

    python benchmarks/notebooks.py [--repeat 15] [--output-mb 0]
"""

from __future__ import annotations

import argparse
import ast
import json
import time
from pathlib import Path

from perflint.api import lint_source
from perflint.config import Settings
from perflint.notebook.cells import build_module
from perflint.notebook.reader import read_notebook
from perflint.runner import Job, process_source

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _cells(source: str) -> list[str]:
    """source cut before each top-level statement after the imports."""
    lines = source.splitlines(True)
    starts = [node.lineno - 1 for node in ast.parse(source).body]
    starts = [s for s in starts if s > 0] or [0]
    bounds = [0, *starts[1:], len(lines)] if starts[0] == 0 else [0, *starts, len(lines)]
    return ["".join(lines[a:b]).rstrip("\n") for a, b in zip(bounds, bounds[1:], strict=False)]


def notebook(cells_code: list[str], output_bytes: int) -> bytes:
    cells: list[dict[str, object]] = []
    for number, source in enumerate(cells_code, 1):
        cells.append(
            {"cell_type": "markdown", "id": f"m{number}", "metadata": {}, "source": ["A step."]}
        )
        text = ["x" * 99 + "\n"] * (output_bytes // 100) if number == 1 else ["done\n"]
        cells.append(
            {
                "cell_type": "code",
                "execution_count": number,
                "id": f"c{number}",
                "metadata": {},
                "outputs": [{"name": "stdout", "output_type": "stream", "text": text}],
                "source": source.splitlines(True),
            }
        )
    metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    document = {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode()


def _seconds(path: str, data: bytes, settings: Settings) -> float:
    started = time.perf_counter()
    process_source(path, data, settings, Job())
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--output-mb", type=float, default=0, help="outputs in the first cell")
    args = parser.parse_args()
    cells = [c for p in sorted(EXAMPLES.glob("*.py")) for c in _cells(p.read_text())]
    code = "\n".join(cells) + "\n"  # the notebook's cells as one module
    settings = Settings()
    settings.validate()
    as_py = code.encode()
    as_notebook = notebook(cells, int(args.output_mb * 1_000_000))
    times: dict[str, list[float]] = {"code.py": [], "code.ipynb": []}
    for run in range(args.repeat + 1):
        for path, data in (("code.py", as_py), ("code.ipynb", as_notebook)):
            seconds = _seconds(path, data, settings)
            if run:  # the first runs warm up
                times[path].append(seconds)
    py, nb = min(times["code.py"]), min(times["code.ipynb"])
    print(f"{len(code.splitlines())} lines of code; notebook {len(as_notebook) / 1e6:.2f} MB")
    print(f".py    {py * 1000:8.1f} ms")
    print(f".ipynb {nb * 1000:8.1f} ms  ({(nb - py) * 1000:+.1f} ms, {nb / py:.2f}x)")
    own = min(_own_steps(as_notebook, settings) for _ in range(args.repeat))
    print(f"the notebook's own steps: {own * 1000:.1f} ms ({own / py:.1%} of the .py's check)")


def _own_steps(data: bytes, settings: Settings) -> float:
    """Seconds of what a notebook adds to a check: read, build, map back."""
    found = lint_source(build_module(read_notebook(data).code_cells()).text, "x.ipynb", settings)
    started = time.perf_counter()
    module = build_module(read_notebook(data).code_cells())
    for d in found.diagnostics:
        module.to_cells(d)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
