"""uncalled_functions, kept between runs by the content of a package's files (I/O edge).

On a warm scan of kops and containerd the call-graph pass over every file of the ~370 packages with
findings was the largest single cost (3 of 8 s). The key is a digest of the pass's own code and of
each source file's bytes, so any edit, or a changed pass, is a miss.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from analyzer.reach.calls import uncalled_functions
from analyzer.scan.cache import Cache
from analyzer.statcache import code_version


@cache
def _version() -> str:
    return code_version([Path(__file__).with_name("calls.py")])


class UncalledCache:
    """`uncalled_functions` with its answers stored under `cache_dir` (None: computed every time)."""

    def __init__(self, cache_dir: Path | None) -> None:
        self._cache = Cache(cache_dir)

    def __call__(self, sources: Sequence[bytes]) -> frozenset[str]:
        if self._cache.root is None:
            return uncalled_functions(sources)
        h = hashlib.sha1(_version().encode())
        for s in sources:
            h.update(hashlib.sha1(s).digest())
        key = h.hexdigest()
        got = self._cache.get("uncalled", key)
        if isinstance(got, list) and all(isinstance(n, str) for n in got):
            return frozenset(got)
        out = uncalled_functions(sources)
        self._cache.put("uncalled", key, sorted(out))
        return out
