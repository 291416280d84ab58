"""The perflint language server (built in a later issue)."""
