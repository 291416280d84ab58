"""Searching log lines (an example for `make demo`)."""

import os
import re


def lines_mentioning(lines, word):
    """Lines that mention word as a whole word, any case."""
    found = []
    for line in lines:
        if re.search(r"\b" + re.escape(word) + r"\b", line, re.IGNORECASE):
            found.append(line)
    return found


def archive_paths(names, root):
    """Where each log file goes in the archive."""
    paths = []
    for name in names:
        paths.append(os.path.join(root, "archive") + os.sep + name)
    return paths


def slow_requests(requests, thresholds):
    """Requests slower than the median threshold."""
    slow = []
    for request in requests:
        if request.duration > sorted(thresholds)[len(thresholds) // 2]:
            slow.append(request)
    return slow


def timestamps(lines):
    """The date at the start of each line."""
    dates = []
    for line in lines:
        match = re.match(r"\d{4}-\d{2}-\d{2}", line)
        dates.append(match.group(0) if match else None)
    return dates
