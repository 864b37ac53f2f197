"""The audit of an unchanged tree, kept whole between runs (I/O edge).

`run_audit` is a pure function of its options, the tool (code, KB, stdlib facts) and the files under
the root. When none of those changed since the last run with the same options, its document is read
back instead of recomputed: on kops and containerd that is about 1 s instead of 6. A tree's state is
the stat of every file under it (name, size, mtime, ctime, inode, mode; VCS directories left out), the
same blind spot as the per-file caches (an edit that keeps all of them; `--no-cache` is the way out).
The racy-timestamp rule is git's: when any file was modified within RACY_NS of the run's start, the
document is not stored, so an edit inside the same timestamp tick is never missed.

One entry per (tool, options, root): `<cache dir>/runs/<key>.json`, written atomically; a corrupt or
foreign entry is a miss. Only the KEEP most recently used entries are kept (a hit refreshes an entry's
mtime, at most once an hour: analyzer/statcache.mark_used).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import stat
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from analyzer.plan.options import ScanOptions
from analyzer.statcache import RACY_NS, mark_used, store_json

KEEP = 8  # run entries kept (each is a whole document: megabytes on a large tree)
VCS_DIRS = frozenset({".git", ".hg", ".svn"})  # never read by the audit, and written by every git command
# options that do not change the document (the determinism tests hold `jobs` and the caches to that)
_NOT_IN_KEY = frozenset({"jobs", "cache_dir", "no_cache", "fmt", "fail_on", "strict"})


@cache
def tool_digest() -> str:
    """A digest of the package's code and data (the KB and stdlib facts included)."""
    here = Path(__file__).resolve().parents[1]
    h = hashlib.sha1()
    for p in sorted(here.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(here).as_posix().encode() + b"\0")
            h.update(p.read_bytes())
    return h.hexdigest()


def tree_state(root: Path, racy_after: int) -> str | None:
    """A digest of the stat of every file under root, or None when a file's mtime is racy."""
    h = hashlib.sha1()
    todo = [("", str(root))]
    while todo:
        rel, path = todo.pop()
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:  # an unreadable directory: its state is that error
            h.update(f"{rel}\0!{err.errno}\n".encode())
            continue
        for e in entries:
            r = f"{rel}/{e.name}" if rel else e.name
            try:
                if e.is_dir(follow_symlinks=False):
                    if e.name not in VCS_DIRS:
                        todo.append((r, e.path))
                    continue
                st = e.stat(follow_symlinks=False)
                parts = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_mode]
                if stat.S_ISLNK(st.st_mode):  # what the link points at counts too
                    with contextlib.suppress(OSError):
                        t = os.stat(e.path)
                        parts += [t.st_size, t.st_mtime_ns, t.st_ctime_ns, t.st_ino, t.st_mode]
            except OSError as err:
                h.update(f"{r}\0!{err.errno}\n".encode())
                continue
            if st.st_mtime_ns >= racy_after:
                return None
            h.update(f"{r}\0{parts}\n".encode())
    return h.hexdigest()


def _key(opts: ScanOptions) -> str:
    fields = {
        f.name: str(getattr(opts, f.name)) for f in dataclasses.fields(opts) if f.name not in _NOT_IN_KEY
    }
    fields["root"] = os.path.abspath(opts.root)
    return hashlib.sha1(f"{tool_digest()}\0{json.dumps(fields, sort_keys=True)}".encode()).hexdigest()


def memoized_audit(
    opts: ScanOptions, cache_dir: Path | None, audit: Callable[[ScanOptions], dict[str, Any]]
) -> dict[str, Any]:
    """audit(opts), or the document of the last run with these options on this very tree state."""
    if cache_dir is None:
        return audit(opts)
    path = cache_dir / "runs" / f"{_key(opts)}.json"
    state = tree_state(opts.root, time.time_ns() - RACY_NS)
    if state is not None:
        try:
            with open(path, encoding="utf-8") as fh:
                got = json.load(fh)
                hit = isinstance(got, dict) and got.get("state") == state
                if hit:
                    mark_used(fh.fileno())  # the prune below and the daily trim keep what is used
            if hit and isinstance(got.get("document"), dict):
                return dict(got["document"])
        except (OSError, ValueError):
            pass
    started = int(time.time())
    document = audit(opts)
    if state is not None:
        # stored under the state from before the audit: if a file changed while it ran, the tree's
        # state is no longer this one (its ctime moved), so the entry is never read back. `started`
        # comes first: the trim reads it from the entry's first bytes (cacheroot.memo_started)
        _store(path, {"started": started, "state": state, "document": document})
    return document


def _store(path: Path, value: dict[str, Any]) -> None:
    if store_json(path, value):
        _prune(path.parent)


def _prune(runs: Path) -> None:
    """Keep the KEEP newest entries."""
    try:
        entries = sorted(
            ((p.stat().st_mtime_ns, p) for p in runs.glob("*.json")), key=lambda x: x[0], reverse=True
        )
    except OSError:
        return
    for _, p in entries[KEEP:]:
        with contextlib.suppress(OSError):
            p.unlink()
