"""Write perflint/data/numba_catalogue.json from the installed numba's own
typing registry (`make numba-catalogue`).

This uses numba internals (the CPU target's typing context): that is why its
result is shipped as data, keyed by numba version, so linting never needs
numba. Being in the registry means numba has *a* typing for the function;
it does not promise every argument combination compiles.
"""

from __future__ import annotations

import json
import sys
import weakref
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parent.parent / "data" / "numba_catalogue.json"
# Modules whose public callables we look up in the registry.
MODULES = ("builtins", "math", "cmath", "numpy", "numpy.random", "numpy.linalg", "operator")


def build() -> dict[str, Any]:
    import importlib

    import numba
    from numba.core import types
    from numba.core.registry import cpu_target

    cpu_target.target_context.refresh()  # loads numba.np.* and friends
    typing = cpu_target.typing_context
    typing.refresh()
    registered = set()
    for key in typing._globals:
        obj = key() if isinstance(key, weakref.ref) else key
        registered.add(id(obj))
    functions = set()
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in dir(module):
            if name.startswith("_"):
                continue
            try:
                value = getattr(module, name)
            except AttributeError:
                continue
            if id(value) in registered:
                functions.add(f"{module_name}.{name}")
    methods, attributes = set(), set()
    for template in typing._attributes.get(types.Array, []):
        overloaded = getattr(template, "_attr", None)
        if overloaded:
            methods.add(overloaded)
        for name in dir(template):
            if name.startswith("resolve_"):
                attributes.add(name[len("resolve_") :])
    return {
        "numba": numba.__version__,
        "python": ".".join(map(str, sys.version_info[:2])),
        "functions": sorted(functions),
        "array_members": sorted(methods | attributes),
    }


if __name__ == "__main__":
    catalogue = build()
    OUTPUT.write_text(json.dumps(catalogue, indent=1) + "\n")
    print(
        f"{OUTPUT}: numba {catalogue['numba']}, {len(catalogue['functions'])} functions, "
        f"{len(catalogue['array_members'])} array methods and attributes"
    )
