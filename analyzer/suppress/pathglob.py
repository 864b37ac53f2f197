"""Path globs for ignores: `**` spans directories, `*` and `?` stay within one path segment.

A pattern matches a path when it matches the path itself or one of its parent directories, so
`vendor` and `staging/**` both cover every file below.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    p = pattern.strip("/")
    while i < len(p):
        if p.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif p.startswith("**", i):
            out.append(".*")
            i += 2
        elif p[i] == "*":
            out.append("[^/]*")
            i += 1
        elif p[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(p[i]))
            i += 1
    return re.compile("".join(out) + r"(?:/.*)?\Z")


def path_matches(pattern: str, path: str) -> bool:
    """Whether `path` (relative, `/`-separated) lies at or under something `pattern` matches."""
    return _compile(pattern).match(path.strip("/")) is not None
