"""Run every per-rule benchmark in this folder (`make bench-rules`)."""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    for script in sorted(HERE.glob("*.py")):
        if script.name not in ("run_all.py", "common.py"):
            runpy.run_path(str(script), run_name="__main__")
            print()
