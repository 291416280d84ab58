"""Render every rule's documentation as one Markdown page (docs/rules.md).

`python -m perflint.docs > docs/rules.md`; a test keeps the file current.
"""

from __future__ import annotations

from perflint.registry import all_rules


def _anchor(code: str) -> str:
    return f'<a id="{code.lower()}"></a>'


def rules_markdown() -> str:
    out = [
        "# perflint rules",
        "",
        "Generated from the rules' docstrings by `python -m perflint.docs`; do not edit.",
        "",
        "Tiers: `always` and `default` rules run unless deselected. `micro` rules",
        "(a constant factor measured under 2x at realistic sizes) and `opt-in` rules",
        "run only when selected: `--extend-select micro`, or by code or name.",
        "",
        "| code | name | category | impact | tier | fix | default |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    rules = all_rules()
    for r in rules:
        default = "yes" if r.default else "no"
        link = f"[{r.code}](#{r.code.lower()})"
        out.append(
            f"| {link} | {r.name} | {r.category} | {r.impact} | {r.tier} "
            f"| {r.fix_applicability} | {default} |"
        )
    for r in rules:
        body = r.doc().replace("\n## ", "\n### ")
        if body.startswith("## "):
            body = "#" + body
        out += ["", _anchor(r.code), f"## {r.code} {r.name}", "", f"{r.summary}."]
        out += ["", r.tier_line(), "", body]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(rules_markdown(), end="")
