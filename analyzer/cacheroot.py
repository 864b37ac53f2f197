"""The cache directory as a whole (I/O edge): its marker, the daily trim, what it holds, and cleaning it.

Modelled on Go's build cache (cmd/go/internal/cache): an entry's mtime is its last use (a hit refreshes
it when it is over an hour old, `mtimeInterval`: analyzer/statcache.mark_used); at most once a day
(`trimInterval`, recorded in `trim.txt`) the entries unused for five days (`trimLimit`) are deleted,
with the temp files of interrupted atomic writes older than an hour and the emptied shard directories.
Every key includes the tool's version, so after an upgrade the old entries are never used again and
this is what removes them.

Layout: `<root>/<kind>/<key[:2]>/<key>.json` (analyzer/scan/cache.py), `<root>/<kind>/<digest>.json`
(stat caches, analyzer/statcache.py; the run memo, analyzer/plan/memo.py), `.tmp-*` files next to them
while they are written. `CACHEDIR.TAG` (https://bford.info/cachedir/, so backup tools skip it) marks
the root as godebug-audit's: nothing is ever trimmed or cleaned in a directory without it, and it is
only written into a root that holds nothing but the cache's own kinds, so `--cache-dir ~` never
adopts a home directory.

Concurrency: every deletion tolerates the file being gone already (two trims at once each delete a
file at most once between them), and a reader whose entry is deleted under it gets a miss.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from analyzer.statcache import MTIME_INTERVAL_S, write_atomic

MARKER = "CACHEDIR.TAG"
STAMP = "trim.txt"
TRIM_INTERVAL_S = 24 * 3600  # Go's trimInterval: trim at most once a day per root
TRIM_LIMIT_S = 5 * 24 * 3600  # Go's trimLimit: entries unused for five days go
TEMP_LIMIT_S = 3600  # a temp file this old belongs to a write that was interrupted
# every kind the tool writes (a root holding anything else is not adopted as a cache)
KINDS = frozenset({"uses", "decls", "uncalled", "loopvar", "index", "runs", "discovery", "deploy", "ignores"})

_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by godebug-audit.\n"
    "# For information about cache directory tags, see: https://bford.info/cachedir/\n"
)
_ENTRY = re.compile(r"[0-9a-f][0-9A-Za-z._-]*\.json")  # hex keys; stat caches add a version
_SHARD = re.compile(r"[0-9a-f]{2}")
_TEMP = ".tmp-"


@dataclass(frozen=True)
class KindUsage:
    """The entries of one kind."""

    kind: str
    entries: int
    bytes: int


@dataclass(frozen=True)
class CacheInfo:
    """What a cache root holds; `last_trim` in Unix seconds (None: never trimmed)."""

    root: Path
    exists: bool
    kinds: tuple[KindUsage, ...]
    temp_files: int
    last_trim: int | None

    @property
    def entries(self) -> int:
        return sum(k.entries for k in self.kinds)

    @property
    def bytes(self) -> int:
        return sum(k.bytes for k in self.kinds)


@dataclass(frozen=True)
class TrimResult:
    """What a trim deleted and kept."""

    removed: int
    removed_bytes: int
    kept: int
    kept_bytes: int
    temp_files: int
    directories: int


def is_cache(root: Path) -> bool:
    """Whether root carries godebug-audit's cache marker."""
    try:
        with open(root / MARKER, encoding="utf-8") as fh:
            return fh.read(len(_TAG)) == _TAG
    except (OSError, ValueError):
        return False


def last_trim(root: Path) -> int | None:
    """When root was last trimmed (Unix seconds), from its stamp; None: never or unreadable."""
    try:
        with open(root / STAMP, encoding="utf-8") as fh:
            return int(fh.read(32).strip())
    except (OSError, ValueError):
        return None


def after_run(root: Path | None, now: float | None = None) -> None:
    """End-of-run upkeep of the cache a run used: mark it, and trim it when the last trim is a day old.
    Never fails and never prints (it runs after the report, and must not change the run's outcome)."""
    if root is None:
        return
    at = time.time() if now is None else now
    with contextlib.suppress(OSError):
        if not is_cache(root) and not _adopt(root):
            return
        last = last_trim(root)
        if last is not None and 0 <= at - last < TRIM_INTERVAL_S:
            return
        _write_stamp(root, at)  # first: a run finishing meanwhile sees today's stamp and skips
        trim(root, TRIM_LIMIT_S, at)


def _adopt(root: Path) -> bool:
    """Mark root as a cache when it holds only the cache's own files (a pre-marker cache, or a new one)."""
    names = os.listdir(root)
    if not all(n in KINDS or n == STAMP or n.startswith(_TEMP) for n in names):
        return False
    write_marker(root)
    return True


def write_marker(root: Path) -> None:
    """Write the cache marker into root (creating root)."""
    write_atomic(root / MARKER, _TAG)


def _write_stamp(root: Path, now: float) -> None:
    write_atomic(root / STAMP, f"{int(now)}\n")


def _files(d: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(d) as it:
            return list(it)
    except OSError:  # gone (another trim, a clean) or unreadable: nothing to see
        return []


def _is_dir(e: os.DirEntry[str]) -> bool:
    try:
        return e.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _walk(root: Path) -> list[tuple[str, str, list[os.DirEntry[str]]]]:
    """(kind, directory, its files) for every kind directory and shard directory under root."""
    out = []
    for k in sorted(_files(os.fspath(root)), key=lambda e: e.name):
        if not _is_dir(k):
            continue
        top = _files(k.path)
        out.append((k.name, k.path, [e for e in top if not _is_dir(e)]))
        for s in sorted(top, key=lambda e: e.name):
            if _SHARD.fullmatch(s.name) and _is_dir(s):
                out.append((k.name, s.path, [e for e in _files(s.path) if not _is_dir(e)]))
    return out


def info(root: Path) -> CacheInfo:
    """Entries and bytes per kind under root, its temp files and its last trim."""
    if not root.is_dir():
        return CacheInfo(root, False, (), 0, None)
    entries: dict[str, list[int]] = {}
    temps = 0
    for kind, _, files in _walk(root):
        got = entries.setdefault(kind, [0, 0])
        for e in files:
            if e.name.startswith(_TEMP):
                temps += 1
            elif _ENTRY.fullmatch(e.name):
                with contextlib.suppress(OSError):
                    got[1] += e.stat(follow_symlinks=False).st_size
                    got[0] += 1
    kinds = tuple(KindUsage(k, n, b) for k, (n, b) in sorted(entries.items()))
    return CacheInfo(root, True, kinds, temps, last_trim(root))


_STARTED = re.compile(rb'\{"started":(\d+),')


def memo_started(path: str) -> int | None:
    """When the run that wrote a run-memo entry started (Unix seconds), from its first bytes."""
    try:
        with open(path, "rb") as fh:
            m = _STARTED.match(fh.read(32))
    except OSError:
        return None
    return int(m.group(1)) if m else None


def _live_runs_cut(root: Path, entry_cut: float) -> float:
    """The oldest mtime an entry may have and still belong to a run whose memo is in use.

    A run answered from its memo reads no per-file entry, so their mtimes stop moving while the memo's
    does. Every entry the memo's run used has an mtime no older than that run's start less the refresh
    interval (a hit refreshes what is older), so those are kept as long as the memo is in use."""
    cut = entry_cut
    for e in _files(os.path.join(os.fspath(root), "runs")):
        try:
            if not _ENTRY.fullmatch(e.name) or e.stat(follow_symlinks=False).st_mtime < entry_cut:
                continue
        except OSError:
            continue
        started = memo_started(e.path)
        if started is not None:
            cut = min(cut, started - MTIME_INTERVAL_S - 60)
    return cut


def trim(root: Path, older_than_s: float, now: float | None = None) -> TrimResult:
    """Delete the entries under root last used more than older_than_s ago (but none a run memo in
    use still stands on), temp files older than an hour, and emptied shard directories; write the trim
    stamp. Files already gone are not counted."""
    at = time.time() if now is None else now
    entry_cut, temp_cut = at - older_than_s, at - TEMP_LIMIT_S
    memo_cut = _live_runs_cut(root, entry_cut)
    removed = removed_bytes = kept = kept_bytes = temps = dirs = 0
    for kind, d, files in _walk(root):
        cut = entry_cut if kind == "runs" else memo_cut
        for e in files:
            is_temp = e.name.startswith(_TEMP)
            if not is_temp and not _ENTRY.fullmatch(e.name):
                continue
            try:
                st = e.stat(follow_symlinks=False)
            except OSError:
                continue
            if st.st_mtime >= (temp_cut if is_temp else cut):
                if not is_temp:
                    kept, kept_bytes = kept + 1, kept_bytes + st.st_size
                continue
            try:
                os.unlink(e.path)
            except OSError:  # another trim (or a clean) got it first, or it cannot be removed
                continue
            if is_temp:
                temps += 1
            else:
                removed, removed_bytes = removed + 1, removed_bytes + st.st_size
        if _SHARD.fullmatch(os.path.basename(d)):
            try:
                os.rmdir(d)  # only when empty; a run writing into it meanwhile recreates it
                dirs += 1
            except OSError:
                pass
    with contextlib.suppress(OSError):
        for e in _files(os.fspath(root)):  # the stamp's and marker's own temp files
            if e.name.startswith(_TEMP) and e.stat(follow_symlinks=False).st_mtime < temp_cut:
                os.unlink(e.path)
                temps += 1
    with contextlib.suppress(OSError):
        _write_stamp(root, at)
    return TrimResult(removed, removed_bytes, kept, kept_bytes, temps, dirs)


def clean(root: Path) -> CacheInfo:
    """Remove everything under root but its marker; what it held before. The caller checks is_cache."""
    held = info(root)
    for e in _files(os.fspath(root)):
        if e.name == MARKER:
            continue
        if _is_dir(e):
            shutil.rmtree(e.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(e.path)
    return held
