"""Python 3.14 accepts the template-string prefix `tr` as well as `rt`; LibCST
1.9 only `rt`: a PFL001 finding."""

name = "x"
pattern = tr"\d+ {name}"
