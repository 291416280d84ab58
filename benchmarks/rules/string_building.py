"""PFL106: building str/bytes with += in a loop versus join / bytearray.

CPython resizes a local str in place when nothing else refers to it, so a
local `s += piece` is not reported; an attribute target or bytes is.
"""

from common import bind, compare


def local_str(pieces):
    s = ""
    for p in pieces:
        s += p
    return len(s)


def join_str(pieces):
    parts = []
    for p in pieces:
        parts.append(p)
    return len("".join(parts))


class Builder:
    def __init__(self):
        self.text = ""

    def build(self, pieces):
        for p in pieces:
            self.text += p
        return len(self.text)


def attribute_str(pieces):
    return Builder().build(pieces)


def local_bytes(pieces):
    b = b""
    for p in pieces:
        b += p
    return len(b)


def bytearray_bytes(pieces):
    b = bytearray()
    for p in pieces:
        b += p
    return len(bytes(b))


def text(n):
    return [f"row {i}\n" for i in range(n)]


def binary(n):
    return [f"row {i}\n".encode() for i in range(n)]


if __name__ == "__main__":
    sizes = [10_000, 100_000]
    compare(
        "PFL106 (not reported) local str += vs ''.join",
        sizes,
        lambda n: bind(local_str, text(n)),
        lambda n: bind(join_str, text(n)),
    )
    compare(
        "PFL106 self.text += vs ''.join",
        sizes,
        lambda n: bind(attribute_str, text(n)),
        lambda n: bind(join_str, text(n)),
    )
    compare(
        "PFL106 bytes += vs bytearray",
        sizes,
        lambda n: bind(local_bytes, binary(n)),
        lambda n: bind(bytearray_bytes, binary(n)),
    )
