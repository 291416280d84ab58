"""Python 3.13: defaults for type parameters (PEP 696)."""


def f[T = int, *Ts = *tuple[int, ...], **P = [int, str]](x: T) -> T:
    return x


class Box[T = str]:
    pass


type Alias[K = str, V = list[K]] = dict[K, V]
