"""`python -m perflint.lsp [--tcp HOST PORT]`: the language server on stdio."""

from .server import main

main()
