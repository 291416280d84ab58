"""PFL401: an import statement inside a loop versus one before it."""

from common import bind, compare


def import_inside(items):
    total = 0
    for i in items:
        import math

        total += math.floor(i)
    return total


def import_before(items):
    import math

    total = 0
    for i in items:
        total += math.floor(i)
    return total


def from_inside(items):
    total = 0
    for i in items:
        from math import floor

        total += floor(i)
    return total


def from_before(items):
    from math import floor

    total = 0
    for i in items:
        total += floor(i)
    return total


if __name__ == "__main__":
    sizes = [10_000, 100_000]
    compare(
        "PFL401 `import math` in the loop vs before it",
        sizes,
        lambda n: bind(import_inside, range(n)),
        lambda n: bind(import_before, range(n)),
    )
    compare(
        "PFL401 `from math import floor` in the loop vs before it",
        sizes,
        lambda n: bind(from_inside, range(n)),
        lambda n: bind(from_before, range(n)),
    )
