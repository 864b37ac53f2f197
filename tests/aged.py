"""Trees whose files are old: stat-keyed caches (discovery, deployment, the run memo) never store a
file modified within 2 s of a run (git's racy rule), so their tests age what they write."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

OLD_NS = 1_600_000_000 * 10**9  # 2020: far from "racy"


def aged_copy(src: Path, dst: Path) -> Path:
    """src copied to dst with every entry's mtime set to OLD_NS."""
    shutil.copytree(src, dst)
    for p in dst.rglob("*"):
        os.utime(p, ns=(OLD_NS, OLD_NS), follow_symlinks=False)
    return dst
