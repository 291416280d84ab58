"""PFL403 in loops that do real work: what hoisting an invariant call saves
when the loop body also builds, tests and stores something.

loop_invariant.py times loops that do almost nothing else, where the call is
most of the work. Here the calls are the kinds the precision reviews met in
real code: fixed-cost ones (`os.path.join`, `str.format`, a `str` method of
a literal) and one that reads a whole collection (`set(ids)`)."""

import os.path

from common import bind, compare


def paths_inside(names, root, sizes):
    found = {}
    for name in names:
        path = os.path.join(root, "static") + "/" + name
        if name.endswith((".js", ".css")):
            found[path] = sizes.get(name, 0)
    return found


def paths_before(names, root, sizes):
    static = os.path.join(root, "static")
    found = {}
    for name in names:
        path = static + "/" + name
        if name.endswith((".js", ".css")):
            found[path] = sizes.get(name, 0)
    return found


def cells_inside(rows):
    lines = []
    for row in rows:
        lines.append(" ".join("%2.2f".ljust(10) % value for value in row))
    return lines


def cells_before(rows):
    cell = "%2.2f".ljust(10)
    lines = []
    for row in rows:
        lines.append(" ".join(cell % value for value in row))
    return lines


def log_inside(lines, width):
    out = []
    for line in lines:
        out.append("{:>{width}}".format("with:", width=width) + " " + repr(line))
    return out


def log_before(lines, width):
    label = "{:>{width}}".format("with:", width=width)
    out = []
    for line in lines:
        out.append(label + " " + repr(line))
    return out


def known_inside(records, resolved_ids):
    kept = []
    for record in records:
        if record["id"] not in set(resolved_ids):
            kept.append(record)
    return kept


def known_before(records, resolved_ids):
    resolved = set(resolved_ids)
    kept = []
    for record in records:
        if record["id"] not in resolved:
            kept.append(record)
    return kept


if __name__ == "__main__":
    sizes = [1_000, 10_000]
    names = [f"file{i}.{('js', 'css', 'html')[i % 3]}" for i in range(10_000)]
    compare(
        "PFL403 os.path.join(root, 'static') in a loop that builds and files paths",
        sizes,
        lambda n: bind(paths_inside, names[:n], "/srv/app", {}),
        lambda n: bind(paths_before, names[:n], "/srv/app", {}),
    )
    compare(
        "PFL403 '%2.2f'.ljust(10) in a loop formatting rows of 8 numbers",
        sizes,
        lambda n: bind(cells_inside, [[i * 0.5] * 8 for i in range(n)]),
        lambda n: bind(cells_before, [[i * 0.5] * 8 for i in range(n)]),
    )
    compare(
        "PFL403 '{:>{width}}'.format('with:', width=w) in a loop writing log lines",
        sizes,
        lambda n: bind(log_inside, [f"line {i}" for i in range(n)], 8),
        lambda n: bind(log_before, [f"line {i}" for i in range(n)], 8),
    )
    compare(
        "PFL403 set(resolved_ids) (1,000 ids) in a loop filtering records",
        sizes,
        lambda n: bind(known_inside, [{"id": i} for i in range(n)], list(range(0, 2_000, 2))),
        lambda n: bind(known_before, [{"id": i} for i in range(n)], list(range(0, 2_000, 2))),
    )
