"""The figures behind the `micro` tier: each constant-factor rule's bad and
fixed code timed in CPU time, the two interleaved, at 10,000 and 100,000
items.

The other scripts here take the best wall time of each side in turn, which
is right on an idle machine; on a shared one, another process taking the
core in the middle of one side skews the ratio. CPU time and interleaving
keep the comparison fair, so the tier decisions rest on this script.
A rule whose realistic gain is under 2x belongs to the micro tier."""

import time
from collections import Counter

import append_loop
import dict_idioms
import import_in_loop
import materialise
import regex_realistic

REPEAT = 7


def cpu_time(function, *args):
    start = time.process_time()
    function(*args)
    return time.process_time() - start


def measure(title, bad, fixed, make_args, sizes=(10_000, 100_000)):
    print(title)
    for n in sizes:
        args = make_args(n)
        slow = fast = float("inf")
        for _ in range(REPEAT):
            slow = min(slow, cpu_time(bad, *args))
            fast = min(fast, cpu_time(fixed, *args))
        saved = (slow - fast) / n * 1e9
        print(
            f"  n = {n:>7,}: bad {slow * 1e3:8.2f} ms, fixed {fast * 1e3:8.2f} ms, "
            f"{slow / fast:5.2f}x, {saved:6.0f} ns saved per item"
        )


def dedent_import_inside(lines):
    out = []
    for line in lines:
        import textwrap

        out.append(textwrap.dedent(line))
    return out


def dedent_import_before(lines):
    import textwrap

    out = []
    for line in lines:
        out.append(textwrap.dedent(line))
    return out


def splitext_from_inside(lines):
    out = []
    for line in lines:
        from os.path import splitext

        out.append(splitext(line.strip())[1])
    return out


def splitext_from_before(lines):
    from os.path import splitext

    out = []
    for line in lines:
        out.append(splitext(line.strip())[1])
    return out


def member_list5(ws):
    return sum(1 for w in ws if w in ["w1", "w2", "w3", "w4", "w5"])


def member_set5(ws):
    return sum(1 for w in ws if w in {"w1", "w2", "w3", "w4", "w5"})


def words(n):
    return (dict_idioms.words(n),)


def lines(n):
    return (regex_realistic.stdlib_lines(n),)


def floats(n):
    return ([i + 0.5 for i in range(n)],)


if __name__ == "__main__":
    measure(
        "PFL402 append loop with a filter vs comprehension",
        append_loop.append_loop,
        append_loop.comprehension,
        lambda n: (list(range(n)),),
    )
    measure(
        "PFL402 copying append loop vs list(items)",
        append_loop.copy_loop,
        append_loop.copy_list,
        lambda n: (list(range(n)),),
    )
    measure(
        "PFL203 key in d.keys() vs key in d",
        materialise.keys_in,
        materialise.plain_in,
        lambda n: (dict.fromkeys(materialise.data(n)), materialise.data(n + 1)),
    )
    measure(
        "PFL204 for _, v in d.items() vs d.values()",
        dict_idioms.items_values,
        dict_idioms.values_only,
        lambda n: (Counter(dict_idioms.words(n)),),
    )
    measure(
        "PFL204 [k for k, _ in d.items()] vs [k for k in d]",
        dict_idioms.items_keys,
        dict_idioms.keys_only,
        lambda n: (Counter(dict_idioms.words(n)),),
    )
    measure(
        "PFL205 `in` a 5-string list literal (the rule's threshold) vs a set literal",
        member_list5,
        member_set5,
        words,
    )
    measure(
        "PFL206 if/else counting loop vs Counter",
        dict_idioms.count_if,
        dict_idioms.count_counter,
        words,
    )
    measure(
        "PFL206 d.get(k, 0) + 1 loop vs Counter",
        dict_idioms.count_get,
        dict_idioms.count_counter,
        words,
    )
    measure(
        "PFL207 d.get(k, []) + [v] vs setdefault (10 values per key)",
        dict_idioms.group_get_concat,
        dict_idioms.group_setdefault,
        lambda n: (dict_idioms.pairs(n),),
    )
    measure(
        "PFL401 `import math` in a loop that only calls math.floor",
        import_in_loop.import_inside,
        import_in_loop.import_before,
        floats,
    )
    measure(
        "PFL401 `from math import floor` in a loop that only calls floor",
        import_in_loop.from_inside,
        import_in_loop.from_before,
        floats,
    )
    measure(
        "PFL401 `import textwrap` in a loop dedenting stdlib lines",
        dedent_import_inside,
        dedent_import_before,
        lines,
    )
    measure(
        "PFL401 `from os.path import splitext` in a loop over stdlib lines",
        splitext_from_inside,
        splitext_from_before,
        lines,
    )
    for title, bad, fixed in [
        ("re.match(r'\\s*def (\\w+)\\(', line)", "defs_inside", "defs_before"),
        ("re.search(r'\\breturn\\b', line)", "search_inside", "search_before"),
        ("len(re.findall(r'\\w+', line))", "words_inside", "words_before"),
        ("re.sub(r'\\s+', ' ', line).strip()", "squeeze_inside", "squeeze_before"),
    ]:
        measure(
            f"PFL404 literal {title} on stdlib lines",
            getattr(regex_realistic, bad),
            getattr(regex_realistic, fixed),
            lines,
        )
    measure(
        "PFL404 pattern built from an invariant word on stdlib lines",
        regex_realistic.built_inside,
        regex_realistic.built_before,
        lambda n: (regex_realistic.stdlib_lines(n), "self"),
    )
