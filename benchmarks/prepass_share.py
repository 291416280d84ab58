"""How much of the standard library's code the pre-pass keeps for LibCST.

For each rule alone, for the default rules and for every rule: the share of
the non-blank characters of the corpus (the one `make bench` uses: the running
Python's standard library without test/, idlelib/ and site-packages/) that
perflint.prepass.reduce_source leaves in place rather than stubs out. A file
with nothing to lint counts as nothing kept.

    python benchmarks/prepass_share.py [--every N] [--rules-only | --totals-only]
"""

from __future__ import annotations

import argparse
import sysconfig
from pathlib import Path

from perflint.catalogue import RULES
from perflint.prepass import Needs, reduce_source, union

SKIP = {"test", "idlelib", "site-packages", "__pycache__"}


def corpus(every: int) -> list[str]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    paths = sorted(
        p for p in stdlib.rglob("*.py") if not SKIP.intersection(p.relative_to(stdlib).parts)
    )
    texts = []
    for path in paths[::every]:
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            continue
    return texts


def kept_share(texts: list[str], needs: Needs) -> float:
    total = kept = 0
    for text in texts:
        lines = text.splitlines(keepends=True)
        total += sum(len(line) for line in lines if line.strip())
        reduced = reduce_source(text, needs)
        if reduced is None:
            continue
        # Kept rows are the file's own; a stubbed unit's first row differs, its others are blank.
        kept += sum(
            len(a)
            for a, b in zip(lines, reduced.splitlines(keepends=True), strict=False)
            if a == b and a.strip()
        )
    return kept / total if total else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--every", type=int, default=1, help="every Nth file only")
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--totals-only", action="store_true")
    args = parser.parse_args()
    texts = corpus(args.every)
    print(f"{len(texts)} files")
    if not args.totals_only:
        for rule in RULES:
            if rule.category != "errors":
                print(f"{rule.code} {rule.name}: {kept_share(texts, rule.needs):.1%}", flush=True)
    if not args.rules_only:
        default = union(r.needs for r in RULES if r.default)
        print(f"default rules: {kept_share(texts, default):.1%}")
        print(f"every rule: {kept_share(texts, union(r.needs for r in RULES)):.1%}")


if __name__ == "__main__":
    main()
