"""A persistent cache of per-file scanner results, keyed by content hashes.

Entries are small JSON files under `<dir>/<kind>/<key[:2]>/<key>.json`, written atomically
(a temp file then os.replace), so concurrent runs never see half an entry; an unreadable or corrupt
entry counts as a miss and is rewritten. A hit refreshes the entry's mtime (at most once an hour), and
entries unused for five days are deleted by the daily trim (analyzer/cacheroot.py); an entry deleted
under a reader is a miss.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from analyzer.statcache import mark_used, store_json


def default_cache_dir() -> Path:
    """The user cache directory for godebug-audit's scanner."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("godebug-audit")) / "scan"


class Cache:
    """Get and put JSON values by (kind, key); a Cache without a directory stores nothing."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._base = os.fspath(root) if root is not None else ""

    def _path(self, kind: str, key: str) -> Path:
        return Path(self._name(kind, key))

    def _name(self, kind: str, key: str) -> str:
        return os.path.join(self._base, kind, key[:2], f"{key}.json")  # str: a warm run asks thousands

    def get(self, kind: str, key: str) -> Any:
        if self.root is None:
            return None
        try:
            with open(self._name(kind, key), "rb") as fh:
                value = json.loads(fh.read())
                mark_used(fh.fileno())  # a hit keeps the entry from the trim (analyzer/cacheroot.py)
                return value
        except (OSError, ValueError):
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        if self.root is None:
            return
        store_json(self._path(kind, key), value)
