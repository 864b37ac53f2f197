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

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from analyzer.discovery.header import Header
from analyzer.model import Directive, Skipped

RACY_NS = 2_000_000_000  # 2 s: covers coarse (FAT, some network) file systems' timestamp ticks


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
    h = hashlib.sha1()
    here = Path(__file__).parent
    for p in sorted(here.glob("*.py")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    h.update((here.parent / "safeio.py").read_bytes())
    return h.hexdigest()[:16]


def _stat_key(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


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
    """The facts of one root's files; without a directory it stores nothing."""

    def __init__(self, cache_dir: Path | None, root: Path) -> None:
        self.path: Path | None = None
        self.old: dict[str, list[Any]] = {}
        self.new: dict[str, list[Any]] = {}
        self.changed = False
        self.racy_after = time.time_ns() - RACY_NS
        if cache_dir is None:
            return
        key = hashlib.sha1(f"{tool_version()}\x00{os.path.abspath(root)}".encode()).hexdigest()
        self.path = cache_dir / "discovery" / f"{key}.json"
        try:
            with open(self.path, encoding="utf-8") as fh:
                got = json.load(fh)
            if isinstance(got, dict):
                self.old = got
        except (OSError, ValueError):
            pass

    def get(self, rel: str, st: os.stat_result) -> Outcome | None:
        """The stored outcome of a file whose stat is unchanged, else None."""
        if self.path is None:
            return None
        entry = self.old.get(rel)
        if entry is None or not isinstance(entry, list) or len(entry) != 5 or entry[:4] != _stat_key(st):
            return None
        try:
            out = from_json(entry[4])
        except (KeyError, TypeError, ValueError, IndexError):
            return None
        self.new[rel] = entry
        return out

    def put(self, rel: str, st: os.stat_result, outcome: Outcome) -> None:
        """Remember a file's outcome read from its content (not when its mtime is racy)."""
        if self.path is None:
            return
        self.changed = True
        if st.st_mtime_ns >= self.racy_after:
            return
        self.new[rel] = [*_stat_key(st), to_json(outcome)]

    def save(self) -> None:
        """Write the entries of the files seen in this run, if any differ from the stored ones."""
        if self.path is None or not (self.changed or len(self.new) != len(self.old)):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-", suffix=".json")
        except OSError:
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.new, fh, separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
