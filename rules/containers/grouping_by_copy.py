import libcst as cst

from perflint.analysis.shapes import sole_index
from perflint.diagnostics import UNSAFE
from perflint.prepass import Needs
from perflint.rule import Bad, FixPlan, Rule


class GroupingByCopy(Rule):
    """
    ## What it does
    Flags `groups[key] = groups.get(key, []) + [value]` inside a loop, with
    `groups` provably a dict: grouping values by key by copying each group.

    The other hand-written grouping, `if key not in groups: groups[key] = []`
    then `groups[key].append(value)`, is not reported: measured here,
    `setdefault` and `defaultdict(list)` are no faster than it.

    ## Why is this slow
    `groups.get(key, []) + [value]` copies the whole group to add one value:
    a group of k values costs O(k²) to build.

    ## Example
    ```python
    for user in users:
        by_team[user.team] = by_team.get(user.team, []) + [user]
    ```

    ## Use instead
    ```python
    for user in users:
        by_team.setdefault(user.team, []).append(user)
    ```
    (it keeps `by_team` a plain dict; `collections.defaultdict(list)` works too).

    ## Fix safety
    Unsafe: the original puts a new list in the dict at every step, so a
    reference kept to an earlier group list stays unchanged; `setdefault(...)
    .append(...)` grows that same list.

    ## Measured
    `make bench-rules` (benchmarks/rules/dict_idioms.py), CPython 3.11, keys
    with 10 values each on average, n = 10,000 values: 1.9 ms vs 0.94 ms with
    `setdefault` (2.0x); larger groups gain more (the copy grows with the group).

    In CPU time, interleaved (benchmarks/rules/tiers.py): 2.0x at n = 10,000 and
    2.3x at n = 100,000.
    """

    code = "PFL207"
    name = "grouping-by-copy"
    category = "containers"
    impact = "super-linear"
    needs = Needs(screens=frozenset({"grouping-by-copy"}))
    summary = (
        "`d[k] = d.get(k, []) + [v]` copies the group each time; use `setdefault(k, []).append(v)`"
    )
    fix_applicability = UNSAFE

    bad = (
        Bad(
            '''def by_team(people):
    """Names per team, in input order."""
    teams = {}
    for name, team in people:
        # one list per team
        teams[team] = teams.get(team, []) + [name]
    return teams
''',
            line=6,
            fixed='''def by_team(people):
    """Names per team, in input order."""
    teams = {}
    for name, team in people:
        # one list per team
        teams.setdefault(team, []).append(name)
    return teams
''',
            calls=(("by_team", ([("a", 1), ("b", 2), ("c", 1)],)), ("by_team", ([],))),
        ),
    )
    good = (
        "def f(pairs):\n    d = {}\n    for k, v in pairs:\n        d.setdefault(k, []).append(v)\n",
        # A default other than an empty list.
        "def f(pairs):\n    d = {}\n    for k, v in pairs:\n        d[k] = d.get(k, [0]) + [v]\n",
        # Not provably a dict.
        "def f(pairs, d):\n    for k, v in pairs:\n        d[k] = d.get(k, []) + [v]\n",
        # Not in a loop.
        "def f(k, v):\n    d = {}\n    d[k] = d.get(k, []) + [v]\n    return d\n",
    )

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        target, value = node.targets[0].target, node.value
        key = sole_index(target)
        if (
            key is None
            or not isinstance(target, cst.Subscript)
            or not isinstance(target.value, cst.Name)
        ):
            return
        owner = target.value.value
        if not (
            isinstance(value, cst.BinaryOperation)
            and isinstance(value.operator, cst.Add)
            and isinstance(value.left, cst.Call)
            and isinstance(value.right, cst.List)
            and len(value.right.elements) == 1
            and not isinstance(value.right.elements[0], cst.StarredElement)
        ):
            return
        call = value.left
        code = self.ctx.module.code_for_node
        if not (
            isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "get"
            and isinstance(call.func.value, cst.Name)
            and call.func.value.value == owner
            and len(call.args) == 2
            and code(call.args[0].value) == code(key)
            and isinstance(call.args[1].value, cst.List)
            and not call.args[1].value.elements
        ):
            return
        if not self.ctx.growing_loops(node) or self.ctx.proven_type(target.value) not in (
            "dict",
            "OrderedDict",
        ):
            return
        item = code(value.right.elements[0].value)
        fix = FixPlan(
            "Use `setdefault(...).append(...)`",
            replacements=[(node, f"{owner}.setdefault({code(key)}, []).append({item})")],
        )
        self.report(
            node,
            f"`{owner}.get(..., []) + [...]` copies the whole group to add one value; "
            f"use `{owner}.setdefault(key, []).append(value)`",
            fix,
        )
