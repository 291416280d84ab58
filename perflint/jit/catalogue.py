"""The shipped snapshot of what Numba's nopython mode can call (see
make_catalogue.py), loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PATH = Path(__file__).resolve().parent.parent / "data" / "numba_catalogue.json"


@dataclass(frozen=True)
class Catalogue:
    numba_version: str
    functions: frozenset[str]  # qualified names: "numpy.sum", "math.sqrt", "builtins.range"
    array_members: frozenset[str]  # ndarray methods and attributes: "sum", "shape"


@cache
def catalogue() -> Catalogue:
    data = json.loads(PATH.read_text(encoding="utf-8"))
    return Catalogue(data["numba"], frozenset(data["functions"]), frozenset(data["array_members"]))
