"""A stat-keyed cache of per-file facts for one root (I/O edge): a file whose stat is unchanged is not read.

One JSON entry per (kind, absolute root), `<cache dir>/<kind>/<root digest>-<tool version>.json` (an
older version's entry for the root is removed when the new one is written), mapping
rel -> [size, mtime_ns, ctime_ns, inode, facts]. The racy-timestamp rule is git's: a file whose mtime is
within RACY_NS of the run's start (or later) could change again inside the same timestamp tick without
its stat changing, so its facts are never stored; the next run reads it again from its content and
stores it once it is old enough. Written atomically (temp file, os.replace), only when something
changed; a corrupt entry is a miss. The blind spot: an edit that keeps size, mtime, ctime and inode
(ctime cannot be set from user space), for which `--no-cache` is the way out.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

RACY_NS = 2_000_000_000  # 2 s: covers coarse (FAT, some network) file systems' timestamp ticks
# An entry's mtime is its last use (the trim in analyzer/cacheroot.py deletes the unused ones); like Go's
# build cache (cmd/go/internal/cache, mtimeInterval) a hit rewrites it only when it is over an hour old,
# so a warm run that hits thousands of entries costs an fstat each and almost never a write.
MTIME_INTERVAL_S = 3600


def code_version(files: Iterable[Path]) -> str:
    """A digest of the code that computes the facts: an entry never outlives a change to it."""
    h = hashlib.sha1()
    for p in sorted(files):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def write_atomic(path: Path, text: str) -> None:
    """Write a cache file atomically: a `.tmp-` file beside it (the trim's name for an interrupted
    write), then os.replace, so no reader ever sees half of it. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def store_json(path: Path, value: Any) -> bool:
    """Write a cache entry atomically as compact JSON; False when it cannot be written (a cache never
    fails a run). json.dumps, not json.dump: dump never uses the C encoder (4x slower on an 8 MB
    entry)."""
    try:
        write_atomic(path, json.dumps(value, separators=(",", ":")))
    except OSError:
        return False
    return True


def mark_used(fd: int) -> None:
    """Note a hit on the open cache entry fd: its mtime is set to now when it is over an hour old.
    Never fails (a read-only cache is still a cache)."""
    try:
        if time.time() - os.fstat(fd).st_mtime > MTIME_INTERVAL_S:
            os.utime(fd)
    except OSError:
        pass


def stat_key(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


class StatCache:
    """The stored facts (JSON values) of one root's files; without a directory it stores nothing."""

    def __init__(self, cache_dir: Path | None, kind: str, version: str, root: Path) -> None:
        self.path: Path | None = None
        self.old: dict[str, list[Any]] = {}
        self.new: dict[str, list[Any]] = {}
        self.changed = False
        self.racy_after = time.time_ns() - RACY_NS
        if cache_dir is None:
            return
        # <root digest>-<version>: an entry of an older tool version for this root is removed on save
        self._root_key = hashlib.sha1(os.path.abspath(root).encode()).hexdigest()[:20]
        self.path = cache_dir / kind / f"{self._root_key}-{version}.json"
        try:
            with open(self.path, encoding="utf-8") as fh:
                got = json.load(fh)
                mark_used(fh.fileno())
            if isinstance(got, dict):
                self.old = got
        except (OSError, ValueError):
            pass

    def get(self, rel: str, st: os.stat_result) -> Any:
        """The stored facts of a file whose stat is unchanged, else None (None is never stored)."""
        if self.path is None:
            return None
        entry = self.old.get(rel)
        if not isinstance(entry, list) or len(entry) != 5 or entry[:4] != stat_key(st):
            return None
        self.new[rel] = entry
        return entry[4]

    def load(self, rel: str, st: os.stat_result, decode: Callable[[Any], T]) -> T | None:
        """decode(the stored facts) of a file whose stat is unchanged; None when there are none or
        they do not decode (KeyError, TypeError, ValueError or IndexError: a corrupt entry is a miss)."""
        raw = self.get(rel, st)
        if raw is None:
            return None
        try:
            return decode(raw)
        except (KeyError, TypeError, ValueError, IndexError):
            return None

    def put(self, rel: str, st: os.stat_result, facts: Any) -> None:
        """Remember a file's facts read from its content (not when its mtime is racy)."""
        if self.path is None:
            return
        self.changed = True
        if st.st_mtime_ns >= self.racy_after or facts is None:
            return
        self.new[rel] = [*stat_key(st), facts]

    def save(self) -> None:
        """Write the entries of the files seen in this run, if any differ from the stored ones."""
        if self.path is None or not (self.changed or len(self.new) != len(self.old)):
            return
        if not store_json(self.path, self.new):
            return
        for old in self.path.parent.glob(f"{self._root_key}-*.json"):
            if old != self.path:
                with contextlib.suppress(OSError):
                    old.unlink()
