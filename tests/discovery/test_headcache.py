"""discover(cache_dir=...): the stat-keyed header cache gives the same Repo as reading every header,
sees edits, never stores racy (just-written) files, and survives a corrupt entry."""

from __future__ import annotations

import json
import os
from pathlib import Path

from analyzer.discovery import discover
from tests.aged import OLD_NS

FILES: dict[str, str | bytes] = {
    "go.mod": "module example.com/m\n\ngo 1.22\n",
    "cmd/x/main.go": (
        '//go:debug panicnil=1\npackage main\n\nimport "os"\n\n//go:debug late=1\nfunc main() {}\n'
    ),
    "cmd/x/main_test.go": 'package main\n\nimport "testing"\n',
    "lib/l.go": '//go:build linux\n\npackage lib\n\nimport (\n\t"net"\n\t"C"\n)\n',
    "lib/w.go": "//go:build windows && !cgo\n\npackage lib\n",
    "lib/old.go": "// +build darwin\n\npackage lib\n",
    "lib/l_windows.go": "package lib\n",
    "bad/b.go": b"package bad\n\n// \xff\xfe\n",
    "bad/c.go": "func x() {}\n",
    "badc/c.go": "//go:build linux &&\n\npackage badc\n",
}


def _tree(root: Path) -> None:
    for rel, text in FILES.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(text if isinstance(text, bytes) else text.encode())
        os.utime(p, ns=(OLD_NS, OLD_NS))


def _entry(cache: Path) -> dict[str, object]:
    (path,) = (cache / "discovery").glob("*.json")
    got: dict[str, object] = json.loads(path.read_text())
    return got


def test_cached_discovery_equals_reading_every_header(tmp_path: Path) -> None:
    root, cache = tmp_path / "r", tmp_path / "c"
    _tree(root)
    for goos in ("linux", "windows", "darwin"):
        want = discover(root, goos=goos)
        assert discover(root, goos=goos, cache_dir=cache) == want  # the first fills the cache
        assert discover(root, goos=goos, cache_dir=cache) == want
    assert "lib/l.go" in _entry(cache) and "bad/b.go" in _entry(cache)
    main = discover(root, cache_dir=cache).packages[0]
    assert [d.key for f in main.files for d in f.directives] == ["panicnil", "late"]


def test_an_edit_is_seen_even_at_the_same_size_and_mtime(tmp_path: Path) -> None:
    root, cache = tmp_path / "r", tmp_path / "c"
    _tree(root)
    discover(root, cache_dir=cache)
    p = root / "lib/l.go"
    p.write_text(p.read_text().replace('"net"', '"nut"'))
    os.utime(p, ns=(OLD_NS, OLD_NS))  # the ctime still moves
    got = discover(root, cache_dir=cache)
    lib = next(x for x in got.packages if x.dir == "lib")
    (gf,) = [f for f in (*lib.files, *lib.ignored_files) if f.rel == "lib/l.go"]
    assert gf.imports == ("nut", "C")
    assert got == discover(root)


def test_a_just_written_file_is_read_again_until_it_is_old(tmp_path: Path) -> None:
    root, cache = tmp_path / "r", tmp_path / "c"
    _tree(root)
    fresh = root / "lib/new.go"
    fresh.write_text('package lib\n\nimport "time"\n')  # mtime: now, within the racy window
    assert discover(root, cache_dir=cache) == discover(root)
    assert "lib/new.go" not in _entry(cache) and "lib/l.go" in _entry(cache)
    os.utime(fresh, ns=(OLD_NS, OLD_NS))
    discover(root, cache_dir=cache)
    assert "lib/new.go" in _entry(cache)


def test_a_corrupt_or_foreign_entry_is_a_miss(tmp_path: Path) -> None:
    root, cache = tmp_path / "r", tmp_path / "c"
    _tree(root)
    want = discover(root)
    discover(root, cache_dir=cache)
    (path,) = (cache / "discovery").glob("*.json")
    entries = json.loads(path.read_text())
    entries["lib/l.go"][4] = {"h": [1, 2]}  # malformed facts under a matching stat
    path.write_text(json.dumps(entries))
    assert discover(root, cache_dir=cache) == want
    path.write_text("{not json")
    assert discover(root, cache_dir=cache) == want
    assert discover(root, cache_dir=cache) == want  # rewritten
    assert "lib/l.go" in _entry(cache)
