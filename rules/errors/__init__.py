"""PFL0xx: the file itself (syntax errors, unreadable files, unused noqa); always on."""
