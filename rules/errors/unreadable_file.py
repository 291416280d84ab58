from perflint.prepass import NOTHING
from perflint.rule import Bad, Rule


class UnreadableFile(Rule):
    """
    ## What it does
    Reports a file perflint could not read or decode: missing, not readable,
    binary (NUL bytes), not valid UTF-8 without a coding cookie, or with an unknown
    encoding in its cookie.

    ## Why is this slow
    It is not slow; perflint could not look at it. Reporting it keeps a CI run
    from passing silently over a file nobody checked.

    ## Example
    A file saved as Latin-1 with `café = 1` and no `# -*- coding: latin-1 -*-`.

    ## Use instead
    Save the file as UTF-8, or declare its encoding with a coding cookie on the
    first or second line, as Python itself requires.

    ## Fix safety
    No fix.

    ## Measured
    Not applicable. This rule is always on and cannot be ignored.
    """

    code = "PFL002"
    name = "unreadable-file"
    category = "errors"
    impact = "constant-factor"
    needs = NOTHING
    tier = "always"
    summary = "File cannot be read or decoded"
    bad = (
        Bad(b"caf\xe9 = 1\n".decode("latin-1"), line=1),
        Bad("x = 1\ny = '\0'\n", line=1),
        Bad("# -*- coding: klingon -*-\nx = 1\n", line=1),
    )
    good = ("# -*- coding: latin-1 -*-\ncafe = 1\n",)
    # The examples are bytes on disk; tests/test_rules.py writes them as Latin-1.
    examples_encoding = "latin-1"
