"""Python 3.14 allows implicit concatenation of template strings; LibCST 1.9
fails on it (CSTLogicError): a PFL001 finding, never an internal error."""

name = "x"
both = t"a {name}" t"b"
