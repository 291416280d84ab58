"""Python 3.12: type statements, type parameters, PEP 701 f-strings."""

type Point = tuple[float, float]
type Tree[T] = T | list[Tree[T]]
type = "still a name"


def first[T](xs: list[T]) -> T:
    return xs[0]


def many[T: (int, str), *Ts, **P](x: T, *args: *Ts) -> T:
    out = []
    for a in args:
        if a in ["a", "b", "c", "d", "e"]:
            out.append(a)
    return x


class Box[T: int](object):
    def items[U](self, other: U) -> list[T | U]:
        return sum([[other]], [])


names = ["x", "y"]
line = f"{", ".join(names)}"
quotes = f"{f"{f"{1}"}"}"
escaped = f"{"\n".join(names)}"
commented = f"{len(names)  # a comment inside
}"
