"""Which module-level names each part of a module mentions, binds or declares
global, found with `ast`: the links along which one part's findings can depend
on another (perflint.incremental, perflint.prepass)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True)
class Names:
    mentioned: frozenset[str]  # names read or bound, its own included
    declared_global: frozenset[str]
    bound: frozenset[str]  # bound other than by import
    # ".name" for every attribute `x.name` assigned: an attribute's proven type
    # (perflint.analysis.attributes) depends on every block that assigns it.
    attributes_stored: frozenset[str] = frozenset()


def names_in(statements: list[ast.stmt]) -> Names:
    mentioned, declared, bound, stored = set(), set(), set(), set()
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, ast.Attribute):
                mentioned.add(f".{node.attr}")
                if not isinstance(node.ctx, ast.Load):
                    stored.add(f".{node.attr}")
            elif isinstance(node, ast.Name):
                mentioned.add(node.id)
                if not isinstance(node.ctx, ast.Load):
                    bound.add(node.id)
            elif isinstance(node, DEFINITIONS):
                mentioned.add(node.name)
                bound.add(node.name)
            elif isinstance(node, ast.Global):
                declared.update(node.names)
                mentioned.update(node.names)
            elif isinstance(node, ast.Nonlocal):
                mentioned.update(node.names)
    return Names(frozenset(mentioned), frozenset(declared), frozenset(bound), frozenset(stored))


class NameCache:
    """Names per block text: an edit changes one block, the others are not walked again."""

    def __init__(self, size: int = 5000) -> None:
        self.size = size
        self.found: dict[str, Names] = {}

    def get(self, text: str, statements: list[ast.stmt]) -> Names:
        names = self.found.get(text)
        if names is None:
            if len(self.found) >= self.size:
                self.found.clear()
            names = self.found[text] = names_in(statements)
        return names
