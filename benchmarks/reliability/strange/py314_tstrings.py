"""Python 3.14: template strings (PEP 750) and except without brackets (PEP 758)."""

name = "world"
greeting = t"hello {name}"
formatted = t"{name!r:>{10}} {name=}"
raw = rt"\d+ {name}"
multi = t"""
{name}
"""


def handler(rows):
    seen = []
    for row in rows:
        try:
            seen.append(int(row))
        except ValueError, TypeError:
            pass
        try:
            pass
        except* OSError, KeyError:
            pass
    return seen
