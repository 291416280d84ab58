from perflint.prepass import NOTHING
from perflint.rule import Bad, Rule


class SyntaxErrorRule(Rule):
    """
    ## What it does
    Reports a file that perflint cannot parse: a syntax error, or
    brackets nested deeper than CPython accepts (200 levels).

    ## Why is this slow
    It is not slow; it is unreadable. No other rule can check a file that does
    not parse, so the file is reported instead of skipped silently.

    ## Example
    ```python
    def f(:
        pass
    ```

    ## Use instead
    Fix the syntax error. Python itself (`python -m py_compile FILE`) reports the
    same problem.

    ## Fix safety
    No fix.

    ## Measured
    Not applicable. This rule is always on and cannot be ignored.
    """

    code = "PFL001"
    name = "syntax-error"
    category = "errors"
    impact = "constant-factor"
    needs = NOTHING
    tier = "always"
    summary = "File cannot be parsed"
    bad = (
        Bad("def f(:\n    pass\n", line=1),
        Bad("x = 1\nif x\n    pass\n", line=2),
        Bad("x = " + "(" * 201 + "1" + ")" * 201 + "\n", line=1),
    )
    good = ("x = 1\n", "", "x = " + "(" * 50 + "1" + ")" * 50 + "\n")
