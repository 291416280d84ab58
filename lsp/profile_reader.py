"""Read one profile in a child process, for the language server.

    python -m perflint.lsp.profile_reader NAME < profile-bytes > profile-json

A pstats file is `marshal` data, which Python does not promise to read
safely: a crafted file could exhaust memory or crash the interpreter. The
server therefore never parses a profile itself. It hands the bytes to this
process, which reads them with perflint.profile under a memory limit, and
gets back either the profile as plain JSON or one error line; if this
process dies, only it dies.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from perflint.profile.model import FileTimes, FunctionTime, Profile, ProfileError

# Reading holds the bytes and the objects built from them: a few times the
# server's size cap (lsp/profiles.py), far below what would hurt the machine.
MEMORY_LIMIT = 2 * 1024**3


def to_json(profile: Profile) -> dict[str, Any]:
    return {
        "format": profile.format,
        "total": profile.total,
        "files": {
            path: {
                "functions": [
                    [line, name, t.own, t.builtins] for (line, name), t in times.functions.items()
                ],
                "lines": [[line, name, spent] for (line, name), spent in times.lines.items()],
            }
            for path, times in profile.files.items()
        },
    }


def from_json(doc: Any, source: str) -> Profile:
    """The profile `to_json` wrote; ProfileError when the reader's answer is not one."""
    try:
        files = {}
        for path, times in doc["files"].items():
            functions = {
                (int(line), str(name)): FunctionTime(float(own), float(builtins))
                for line, name, own, builtins in times["functions"]
            }
            lines = {(int(line), str(name)): float(spent) for line, name, spent in times["lines"]}
            files[str(path)] = FileTimes(functions, lines)
        return Profile(source, str(doc["format"]), float(doc["total"]), files)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ProfileError(
            f"{source}: the profile reader gave an answer that is not a profile"
        ) from None


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: the server's timeout still bounds the read
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > MEMORY_LIMIT:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, hard))


def main(argv: list[str]) -> int:
    from perflint.profile.load import parse_profile

    source = argv[0] if argv else "profile"
    _limit_memory()
    data = sys.stdin.buffer.read()
    try:
        answer: dict[str, Any] = {"profile": to_json(parse_profile(data, source))}
    except ProfileError as exc:
        answer = {"error": str(exc)}
    except MemoryError:
        answer = {
            "error": f"{source}: too large to read (more than {MEMORY_LIMIT} bytes of memory)"
        }
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
