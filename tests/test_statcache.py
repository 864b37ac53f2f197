"""StatCache: one entry per (kind, root); a newer tool version's entry replaces the older one."""

from __future__ import annotations

import os
from pathlib import Path

from analyzer.statcache import StatCache
from tests.aged import OLD_NS


def test_a_new_version_replaces_the_old_entry_of_its_root_only(tmp_path: Path) -> None:
    f = tmp_path / "root" / "a.txt"
    f.parent.mkdir()
    f.write_text("x")
    os.utime(f, ns=(OLD_NS, OLD_NS))
    other = tmp_path / "other"
    other.mkdir()
    cache = tmp_path / "c"
    for version, root in (("v1", f.parent), ("v1", other), ("v2", f.parent)):
        c = StatCache(cache, "kind", version, root)
        c.put("a.txt", f.stat(), {"facts": version})
        c.save()
    names = sorted(p.name.split("-", 1)[1] for p in (cache / "kind").glob("*.json"))
    assert names == ["v1.json", "v2.json"]  # other's v1 and root's v2
    assert StatCache(cache, "kind", "v2", f.parent).get("a.txt", f.stat()) == {"facts": "v2"}
    assert StatCache(cache, "kind", "v1", f.parent).get("a.txt", f.stat()) is None
