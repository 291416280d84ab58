"""PFL404 on realistic text: what hoisting a pattern that `re`'s cache answers
gains when the loop scans real lines and uses what it matched.

regex_in_loop.py times short synthetic lines that fail at the first
character, where the cache lookup is most of the work. Here the lines are
the standard library's own source (60 characters on average) and each loop
does what code that reports such a finding typically does with the match."""

import re
import sysconfig
from pathlib import Path

from common import bind, compare


def stdlib_lines(n):
    lines = []
    for path in sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py")):
        lines += path.read_text(encoding="utf-8", errors="replace").splitlines()
        if len(lines) >= n:
            return lines[:n]
    return lines


def defs_inside(lines):
    names = []
    for line in lines:
        m = re.match(r"\s*def (\w+)\(", line)
        if m:
            names.append(m.group(1))
    return names


def defs_before(lines):
    pattern = re.compile(r"\s*def (\w+)\(")
    names = []
    for line in lines:
        m = pattern.match(line)
        if m:
            names.append(m.group(1))
    return names


def words_inside(lines):
    return [len(re.findall(r"\w+", line)) for line in lines]


def words_before(lines):
    pattern = re.compile(r"\w+")
    return [len(pattern.findall(line)) for line in lines]


def squeeze_inside(lines):
    return [re.sub(r"\s+", " ", line).strip() for line in lines]


def squeeze_before(lines):
    pattern = re.compile(r"\s+")
    return [pattern.sub(" ", line).strip() for line in lines]


def search_inside(lines):
    hits = 0
    for line in lines:
        if re.search(r"\breturn\b", line):
            hits += 1
    return hits


def search_before(lines):
    pattern = re.compile(r"\breturn\b")
    hits = 0
    for line in lines:
        if pattern.search(line):
            hits += 1
    return hits


def built_inside(lines, word):
    return [line for line in lines if re.search(r"\b" + re.escape(word) + r"\b", line)]


def built_before(lines, word):
    pattern = re.compile(r"\b" + re.escape(word) + r"\b")
    return [line for line in lines if pattern.search(line)]


if __name__ == "__main__":
    sizes = [10_000, 100_000]
    compare(
        "PFL404 realistic: re.match(r'\\s*def (\\w+)\\(', line), keep the name",
        sizes,
        lambda n: bind(defs_inside, stdlib_lines(n)),
        lambda n: bind(defs_before, stdlib_lines(n)),
    )
    compare(
        "PFL404 realistic: re.search(r'\\breturn\\b', line), count the hits",
        sizes,
        lambda n: bind(search_inside, stdlib_lines(n)),
        lambda n: bind(search_before, stdlib_lines(n)),
    )
    compare(
        "PFL404 realistic: len(re.findall(r'\\w+', line))",
        sizes,
        lambda n: bind(words_inside, stdlib_lines(n)),
        lambda n: bind(words_before, stdlib_lines(n)),
    )
    compare(
        "PFL404 realistic: re.sub(r'\\s+', ' ', line).strip()",
        sizes,
        lambda n: bind(squeeze_inside, stdlib_lines(n)),
        lambda n: bind(squeeze_before, stdlib_lines(n)),
    )
    compare(
        "PFL404 realistic: a pattern built from an invariant word (re.escape each time)",
        sizes,
        lambda n: bind(built_inside, stdlib_lines(n), "self"),
        lambda n: bind(built_before, stdlib_lines(n), "self"),
    )
