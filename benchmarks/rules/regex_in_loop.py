"""PFL404: a regular expression built or compiled in a loop versus compiled
once before it. `re` caches compiled patterns, so a literal pattern costs a
cache lookup per call; a built one also costs building the string."""

import re

from common import bind, compare


def built_inside(lines, word):
    return [line for line in lines if re.search(r"\b" + re.escape(word) + r"\b", line)]


def built_before(lines, word):
    pattern = re.compile(r"\b" + re.escape(word) + r"\b")
    return [line for line in lines if pattern.search(line)]


def compile_inside(lines, word):
    out = []
    for line in lines:
        if re.compile(word, re.IGNORECASE).match(line):
            out.append(line)
    return out


def compile_before(lines, word):
    pattern = re.compile(word, re.IGNORECASE)
    out = []
    for line in lines:
        if pattern.match(line):
            out.append(line)
    return out


def literal_inside(lines):
    out = []
    for line in lines:
        if re.match(r"\d+-\d+", line):
            out.append(line)
    return out


def literal_before(lines):
    pattern = re.compile(r"\d+-\d+")
    out = []
    for line in lines:
        if pattern.match(line):
            out.append(line)
    return out


def many_patterns_inside(lines, words):
    # More distinct patterns than re's cache holds (512): every call recompiles.
    return sum(1 for line in lines for word in words if re.search(word, line))


def many_patterns_before(lines, words):
    patterns = [re.compile(word) for word in words]
    return sum(1 for line in lines for pattern in patterns if pattern.search(line))


if __name__ == "__main__":
    sizes = [1_000, 10_000]
    lines = lambda n: [f"line {i} with some words and the end" for i in range(n)]  # noqa: E731
    compare(
        "PFL404 re.search(r'\\b' + re.escape(word) + r'\\b', line) in a loop vs compiled before",
        sizes,
        lambda n: bind(built_inside, lines(n), "words"),
        lambda n: bind(built_before, lines(n), "words"),
    )
    compare(
        "PFL404 re.compile(word, re.I) in a loop vs before it",
        sizes,
        lambda n: bind(compile_inside, lines(n), "line 1"),
        lambda n: bind(compile_before, lines(n), "line 1"),
    )
    compare(
        "PFL404 re.match(literal, line) in a loop vs compiled before",
        sizes,
        lambda n: bind(literal_inside, lines(n)),
        lambda n: bind(literal_before, lines(n)),
    )
    words = [f"w{i}x" for i in range(600)]
    compare(
        "PFL404 600 patterns per line (beyond re's cache) vs compiled before",
        [10, 100],
        lambda n: bind(many_patterns_inside, lines(n), words),
        lambda n: bind(many_patterns_before, lines(n), words),
    )
