"""A stat-keyed cache of the per-file facts discovery reads from each .go file's header.

One JSON entry per root, `<cache dir>/discovery/<key>.json`, key = sha1(tool version, absolute root):
rel -> [size, mtime_ns, ctime_ns, inode, facts]. A file whose stat matches is not opened. The facts
do not depend on GOOS/GOARCH or tags (constraints are evaluated after), so one entry serves every
build context. The racy-timestamp rule git uses: a file whose mtime is within RACY_NS of the run's
start (or later) could change again inside the same timestamp tick, so its facts are never stored;
the next run reads it again from its content, and stores it once it is old enough. Written
atomically (temp file, os.replace), only when something changed; a corrupt entry is a miss.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from analyzer.discovery.header import Header
from analyzer.model import Directive, Skipped
from analyzer.statcache import StatCache, code_version


@dataclass(frozen=True)
class FileFacts:
    """What discovery needs from one file's content: its header and, for main and test files, the
    `//go:debug` lines after the package clause (directives without `file`)."""

    header: Header
    misplaced: tuple[Directive, ...] = ()


Outcome = FileFacts | Skipped  # a Skipped (without file) for content that cannot be read as Go


@cache
def tool_version() -> str:
    """A digest of discovery's code (and the size cap): an entry never outlives a change."""
    here = Path(__file__).parent
    return code_version([*here.glob("*.py"), here.parent / "safeio.py", here.parent / "statcache.py"])


def _dir_json(d: Directive) -> list[Any]:
    return [d.key, d.value, d.line, d.text, d.placed, d.error]


def _dir_of(x: list[Any]) -> Directive:
    return Directive(key=x[0], value=x[1], file="", line=x[2], text=x[3], placed=x[4], error=x[5])


def to_json(o: Outcome) -> Any:
    """The JSON form of an outcome."""
    if isinstance(o, Skipped):
        return {"s": [o.reason, o.line]}
    h = o.header
    return {
        "h": [
            h.package, h.package_line, list(h.imports), [_dir_json(d) for d in h.directives], h.go_build,
            list(h.plus_build), h.generated, h.cgo, h.end, h.package_end,
        ],
        "m": [_dir_json(d) for d in o.misplaced],
    }


def from_json(x: Any) -> Outcome:
    """The outcome of its JSON form (KeyError, TypeError, ValueError or IndexError when malformed)."""
    if "s" in x:
        reason, line = x["s"]
        return Skipped("", str(reason), line if line is None else int(line))
    h = x["h"]
    if len(h) != 10:
        raise ValueError("a header has 10 fields")
    header = Header(
        h[0], h[1], tuple(h[2]), tuple(_dir_of(d) for d in h[3]) if h[3] else (), h[4], tuple(h[5]), *h[6:]
    )
    return FileFacts(header, tuple(_dir_of(d) for d in x["m"]) if x["m"] else ())


class HeaderCache:
    """The facts of one root's files (analyzer/statcache.py); without a directory it stores nothing."""

    def __init__(self, cache_dir: Path | None, root: Path) -> None:
        self._cache = StatCache(cache_dir, "discovery", tool_version(), root)

    def get(self, rel: str, st: os.stat_result) -> Outcome | None:
        """The stored outcome of a file whose stat is unchanged, else None."""
        return self._cache.load(rel, st, from_json)

    def put(self, rel: str, st: os.stat_result, outcome: Outcome) -> None:
        """Remember a file's outcome read from its content (not when its mtime is racy)."""
        self._cache.put(rel, st, to_json(outcome))

    def save(self) -> None:
        """Write the entries of the files seen in this run, if any differ from the stored ones."""
        self._cache.save()
