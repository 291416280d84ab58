"""perflint: a linter for Python performance anti-patterns."""

__version__ = "0.1.0"
# The name on the package index (`perflint` there is an unrelated pylint plugin).
DISTRIBUTION = "perflint-cst"
