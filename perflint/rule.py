"""The rule contract: metadata, documentation, examples, visitors and fixes.

A rule subclasses Rule, names the node types it looks at by defining
`visit_<NodeType>` (and optionally `leave_<NodeType>`) methods, and calls
`self.report(node, message, fix=...)`. One instance is made per linted file.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

import libcst as cst

from perflint.catalogue import CATEGORIES, MICRO, TIERS
from perflint.diagnostics import NONE, SAFE, UNSAFE
from perflint.prepass import EVERYWHERE, Needs

if TYPE_CHECKING:
    from perflint.context import FileContext

DOC_SECTIONS = (
    "What it does",
    "Why is this slow",
    "Example",
    "Use instead",
    "Fix safety",
    "Measured",
)
# What leaving the pattern costs, from the rule's own benchmark: work that grows
# faster than the data, cost that grows with load (requests, workers, round
# trips), or the same growth a constant factor slower.
IMPACTS = ("super-linear", "scaling", "constant-factor")


@dataclass(frozen=True)
class Bad:
    """Code the rule must flag: at `line` (1-based), fixed into `fixed` when the
    rule has a fix (`fixed=None` asserts that this example offers no fix).

    `calls` are (function name, arguments) pairs: the tests run the function
    from the original and from the fixed code on those arguments and require
    equal results."""

    code: str
    line: int
    fixed: str | None = None
    calls: tuple[tuple[str, tuple[object, ...]], ...] = ()


Replacement = cst.CSTNode | str | Callable[[str], str]


@dataclass
class FixPlan:
    """A fix as the rule sees it: node replacements plus modules to import.

    The engine turns it into text edits once node positions are known.
    """

    message: str
    # New code for a node: a node, a string, or a function of the node's
    # current source text (to change part of it and keep the rest as written).
    replacements: list[tuple[cst.CSTNode, Replacement]] = field(default_factory=list)
    imports: list[str] = field(default_factory=list)  # modules to `import`
    # Lines of code to put on their own line just before a statement, at its indentation.
    lines_before: list[tuple[cst.CSTNode, str]] = field(default_factory=list)
    # Statements to remove with their whole lines (they must start their line).
    deletions: list[cst.CSTNode] = field(default_factory=list)
    applicability: str | None = None  # defaults to the rule's fix_applicability


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    summary: ClassVar[str]
    fix_applicability: ClassVar[str] = NONE
    impact: ClassVar[str]
    tier: ClassVar[str] = "default"
    default: ClassVar[bool] = True  # derived from tier: run when nothing is selected
    bad: ClassVar[Sequence[Bad]] = ()
    good: ClassVar[Sequence[str]] = ()
    # What a part of a file must hold for the rule to report there (the `ast`
    # pre-pass, perflint.prepass, parses only such parts). The default, every
    # part, is always right; a narrower one makes linting faster.
    needs: ClassVar[Needs] = EVERYWHERE

    # Filled in by __init_subclass__: LibCST type name -> method name.
    visits: ClassVar[dict[str, str]] = {}
    leaves: ClassVar[dict[str, str]] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "default" in vars(cls):
            raise TypeError(f"{cls.__name__}: set `tier`, not `default`")
        cls.default = cls.tier in ("always", "default")
        cls.visits = {n[len("visit_") :]: n for n in dir(cls) if n.startswith("visit_")}
        cls.leaves = {n[len("leave_") :]: n for n in dir(cls) if n.startswith("leave_")}

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx

    def report(self, node: cst.CSTNode, message: str, fix: FixPlan | None = None) -> None:
        self.ctx.add_report(self, node, message, fix)

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def tier_line(cls) -> str:
        """Impact and tier in one sentence, shown above the documentation."""
        how = {
            "always": "always on",
            "default": "on by default",
            MICRO: f"off by default; turn on with `--extend-select {MICRO}` or `{cls.code}`",
            "opt-in": f"off by default; turn on with `--extend-select {cls.code}`",
        }.get(cls.tier, cls.tier)
        return f"Impact: {getattr(cls, 'impact', 'unknown')}. Tier: {cls.tier} ({how})."

    @classmethod
    def problems(cls) -> list[str]:
        """What is wrong with this rule's definition (empty when it is complete)."""
        found = []
        for attr in ("code", "name", "category", "summary"):
            if not getattr(cls, attr, None):
                found.append(f"missing {attr}")
        if getattr(cls, "category", None) not in CATEGORIES:
            found.append(f"unknown category {getattr(cls, 'category', None)!r}")
        if cls.fix_applicability not in (SAFE, UNSAFE, NONE):
            found.append(f"bad fix_applicability {cls.fix_applicability!r}")
        impact = getattr(cls, "impact", None)
        if impact not in IMPACTS:
            found.append(f"impact must be one of {', '.join(IMPACTS)}, not {impact!r}")
        if cls.tier not in TIERS:
            found.append(f"tier must be one of {', '.join(TIERS)}, not {cls.tier!r}")
        # The errors category is always on, but for opt-in checks of the
        # suppressions themselves (PFL003).
        errors = getattr(cls, "category", None) == "errors"
        if cls.tier == "always" and not errors:
            found.append("tier 'always' is for the errors category only")
        if errors and cls.tier not in ("always", "opt-in"):
            found.append("the errors category is always on or opt-in")
        if cls.tier == MICRO and impact != "constant-factor":
            found.append("only constant-factor rules belong to the micro tier")
        if not cls.bad:
            found.append("no bad examples")
        if not cls.good:
            found.append("no good examples")
        doc = cls.doc()
        for section in DOC_SECTIONS:
            if f"## {section}" not in doc:
                found.append(f"docstring lacks section '## {section}'")
        return found
