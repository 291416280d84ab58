"""Every kind of statement, with anti-patterns in odd places."""
from __future__ import annotations

import os, sys as _sys
from os import (path,
    sep as SEP,)
from . import nothing  # relative import at top level: fine for a parser
from .. import *

x = y = z = 0
a, *b = c, = [1], 
(d) = [e] = f, g = 1, 2
h: int
i: "list[int]" = []
j += 1; k -= 1; l *= 2; m @= n; o //= 2; p **= 2; q >>= 1; r <<= 1; s &= 1; t |= 1; u ^= 1; v %= 3; w /= 2
del x, (y), [z]
assert x, "message"
pass; pass;
global_value = 1


def statements(items, *args, key=None, **kwargs):
    global global_value
    out = []
    for item in items:
        if item in ["alpha", "beta", "gamma", "delta", "epsilon"]:
            continue
        elif item:
            break
        else:
            pass
    else:
        out = out + [item]
    while out:
        out.pop(0)
        if not out:
            break
    else:
        pass
    try:
        raise ValueError("x") from None
    except (ValueError, TypeError) as exc:
        del exc
    try:
        pass
    except* (ValueError, TypeError) as group:
        print(group.exceptions)
    except* OSError:
        pass
    try:
        pass
    except:
        raise
    else:
        pass
    finally:
        pass
    with open(path.join("a", "b")) as (fh), open("c") as [gh]:
        pass
    with (open("a") as f1,
          open("b") as f2,):
        pass
    global_value = lambda: (yield)
    return out


def nested():
    names = ["a", "b", "c", "d", "e"]
    total = 0

    def inner(xs):
        nonlocal names, total
        for x in xs:
            if x in names:
                total += 1
        names = names + [xs]
        return total

    class Local:
        nonlocal_like = names

        def method(self, rows):
            return [r for r in rows if r in self.nonlocal_like]

    return inner, Local


class Empty: pass
class WithBases(Empty, object, metaclass=type): x: int = 1; y = 2
class Decorated(
    Empty,
    # comment between bases
): ...


if __name__ == "__main__":
    print(statements([1, 2]), file=_sys.stderr)
