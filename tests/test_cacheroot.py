"""The cache root's upkeep (analyzer/cacheroot.py): hits refresh an entry's mtime, the daily trim deletes
exactly the entries unused for five days (and old temp files, emptied shards), concurrent trims and
readers are harmless, and only a marked (or adoptable) root is ever touched."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

from analyzer.cacheroot import (
    MARKER,
    STAMP,
    TRIM_LIMIT_S,
    after_run,
    info,
    is_cache,
    last_trim,
    trim,
    write_marker,
)
from analyzer.plan import memo
from analyzer.scan.cache import Cache
from analyzer.statcache import StatCache
from tests.aged import OLD_NS

DAY = 86400
NOW = time.time()


def _age(p: Path, seconds_ago: float) -> None:
    t = int((NOW - seconds_ago) * 1e9)
    os.utime(p, ns=(t, t))


def _key(i: int) -> str:
    return f"{i:040x}"[::-1]  # spread over shards


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _populate(root: Path, fresh: int, old: int) -> tuple[set[str], set[str]]:
    """`fresh` + `old` entries of two kinds (old ones last used six days ago): their paths."""
    c = Cache(root)
    keep, drop = set(), set()
    for i in range(fresh + old):
        kind = "uses" if i % 2 else "decls"
        c.put(kind, _key(i), {"i": i})
        rel = f"{kind}/{_key(i)[:2]}/{_key(i)}.json"
        if i < fresh:
            keep.add(rel)
        else:
            _age(root / rel, 6 * DAY)
            drop.add(rel)
    write_marker(root)
    return keep, drop


def test_trim_removes_exactly_the_old_entries_temp_files_and_emptied_shards(tmp_path: Path) -> None:
    root = tmp_path / "c"
    keep, drop = _populate(root, fresh=5, old=7)
    src = tmp_path / "tree"
    (src / "a.go").parent.mkdir()
    (src / "a.go").write_text("package a\n")
    os.utime(src / "a.go", ns=(OLD_NS, OLD_NS))
    for kind, age in (("discovery", 6 * DAY), ("deploy", 4 * DAY)):  # stat caches (versioned names)
        s = StatCache(root, kind, "6.0.4-c", src)
        s.put("a.go", (src / "a.go").stat(), [1])
        s.save()
        assert s.path is not None
        _age(s.path, age)
        (drop if age > 5 * DAY else keep).add(s.path.relative_to(root).as_posix())
    stray_old, stray_new = root / "uses" / "ab" / ".tmp-x1.json", root / "uses" / ".tmp-x2.json"
    stray_old.parent.mkdir(parents=True, exist_ok=True)
    for p, age in ((stray_old, 2 * 3600), (stray_new, 600), (root / ".tmp-stamp.txt", 2 * 3600)):
        p.write_text("{")
        _age(p, age)
    foreign = root / "uses" / "notes.txt"  # not an entry's name: never touched, however old
    foreign.write_text("x")
    _age(foreign, 30 * DAY)
    shards_before = {p.parent for p in map(root.joinpath, drop | keep)} | {stray_old.parent}

    got = trim(root, TRIM_LIMIT_S, NOW)

    assert _files(root) == keep | {MARKER, STAMP, "uses/.tmp-x2.json", "uses/notes.txt"}
    assert (got.removed, got.kept, got.temp_files) == (len(drop), len(keep), 2)
    emptied = {d for d in shards_before if d.parent.name in ("uses", "decls") and not d.exists()}
    assert got.directories == len(emptied) > 0
    assert all(d.exists() for d in {p.parent for p in map(root.joinpath, keep)})
    assert last_trim(root) == int(NOW)


def test_a_hit_refreshes_an_entry_older_than_an_hour_and_leaves_a_recent_one(tmp_path: Path) -> None:
    c = Cache(tmp_path)
    c.put("uses", _key(1), [1])
    c.put("uses", _key(2), [2])
    old, recent = (tmp_path / "uses" / _key(i)[:2] / f"{_key(i)}.json" for i in (1, 2))
    _age(old, 2 * 3600)
    _age(recent, 1800)
    before = recent.stat().st_mtime_ns
    assert c.get("uses", _key(1)) == [1] and c.get("uses", _key(2)) == [2]
    assert old.stat().st_mtime > time.time() - 60
    assert recent.stat().st_mtime_ns == before


def test_stat_caches_and_the_run_memo_are_refreshed_on_a_hit(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.go").write_text("package a\n")
    os.utime(tree / "a.go", ns=(OLD_NS, OLD_NS))
    s = StatCache(tmp_path / "c", "discovery", "v1", tree)
    s.put("a.go", (tree / "a.go").stat(), [1])
    s.save()
    assert s.path is not None
    _age(s.path, 6 * DAY)
    assert StatCache(tmp_path / "c", "discovery", "v1", tree).get("a.go", (tree / "a.go").stat()) == [1]
    assert s.path.stat().st_mtime > time.time() - 60

    calls: list[Any] = []

    def audit(opts: Any) -> dict[str, Any]:
        calls.append(opts)
        return {"n": 1}

    from analyzer.plan.options import validate

    opts = validate(
        path=tree, to="1.27", from_="1.22", go_line="keep", goos="linux", goarch="amd64", fmt="json",
        fail_on="changed", jobs=1, cache_dir=tmp_path / "c", no_cache=False, strict=False,
    )  # fmt: skip
    assert memo.memoized_audit(opts, tmp_path / "c", audit) == {"n": 1}
    (entry,) = (tmp_path / "c" / "runs").glob("*.json")
    _age(entry, 6 * DAY)
    assert memo.memoized_audit(opts, tmp_path / "c", audit) == {"n": 1}
    assert len(calls) == 1  # read back
    assert entry.stat().st_mtime > time.time() - 60


def test_the_daily_stamp_is_honoured(tmp_path: Path) -> None:
    root = tmp_path / "c"
    _, drop = _populate(root, fresh=1, old=3)
    (root / STAMP).write_text(f"{int(NOW - 3600)}\n")
    after_run(root, NOW)
    assert all((root / rel).exists() for rel in drop)  # trimmed an hour ago: not again today
    (root / STAMP).write_text(f"{int(NOW - 25 * 3600)}\n")
    after_run(root, NOW)
    assert not any((root / rel).exists() for rel in drop)
    assert last_trim(root) == int(NOW)


def test_after_run_marks_and_trims_a_fresh_cache_but_never_a_directory_with_other_files(
    tmp_path: Path,
) -> None:
    root = tmp_path / "c"
    Cache(root).put("uses", _key(1), [1])
    _age(root / "uses" / _key(1)[:2] / f"{_key(1)}.json", 6 * DAY)
    after_run(root, NOW)  # no stamp: the first run trims
    assert is_cache(root) and info(root).entries == 0

    home = tmp_path / "home"
    Cache(home).put("uses", _key(1), [1])
    entry = home / "uses" / _key(1)[:2] / f"{_key(1)}.json"
    _age(entry, 6 * DAY)
    (home / ".bashrc").write_text("x")
    after_run(home, NOW)
    assert not is_cache(home) and entry.exists() and not (home / STAMP).exists()
    after_run(None)  # no cache: nothing to do


def test_concurrent_trims_and_readers_are_harmless(tmp_path: Path) -> None:
    root = tmp_path / "c"
    keep, drop = _populate(root, fresh=50, old=600)
    start = threading.Barrier(3)
    results: list[Any] = []
    reads: list[Any] = []
    errors: list[BaseException] = []

    def trimmer() -> None:
        try:
            start.wait()
            results.append(trim(root, TRIM_LIMIT_S, NOW))
        except BaseException as err:  # pragma: no cover - the assertion below reports it
            errors.append(err)

    def reader() -> None:
        try:
            start.wait()
            c = Cache(root)
            for i in range(650):
                reads.append((i, c.get("uses" if i % 2 else "decls", _key(i))))
        except BaseException as err:  # pragma: no cover
            errors.append(err)

    threads = [
        threading.Thread(target=trimmer),
        threading.Thread(target=trimmer),
        threading.Thread(target=reader),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    left = {f for f in _files(root) if f.endswith(".json")}
    # an old entry the reader hit before the trims saw it was refreshed, and stays; every other one
    # is deleted, and by exactly one of the two trims
    hit = {f"{'uses' if i % 2 else 'decls'}/{_key(i)[:2]}/{_key(i)}.json" for i, v in reads if v is not None}
    assert keep <= left and left - keep <= hit & drop
    assert sum(r.removed for r in results) == len(drop - left)
    # a read is the entry's value or (deleted under it) a miss, never an error or a wrong value
    assert all(v is None or v == {"i": i} for i, v in reads)
    assert all(v == {"i": i} for i, v in reads if i < 50)


def test_a_run_memo_in_use_keeps_the_entries_its_run_used(tmp_path: Path) -> None:
    """A tree re-scanned from its memo every day reads no per-file entry, yet the trim keeps what the
    memo's run used (mtime no older than its start less the refresh interval); once the memo itself
    goes unused for five days, they go too. Entries older than its run go regardless."""
    root = tmp_path / "c"
    c = Cache(root)
    write_marker(root)
    c.put("uses", _key(1), {"i": 1})  # used by the memo's run, 7 days ago
    c.put("uses", _key(2), {"i": 2})  # last used before that run
    used, older = (root / "uses" / _key(i)[:2] / f"{_key(i)}.json" for i in (1, 2))
    _age(used, 7 * DAY - 1800)
    _age(older, 7 * DAY + 3 * 3600)
    runs = root / "runs"
    runs.mkdir()
    entry = runs / f"{_key(9)}.json"
    entry.write_text(f'{{"started":{int(NOW - 7 * DAY)},"state":"s","document":{{}}}}', encoding="utf-8")

    _age(entry, 3600)  # read back an hour ago
    trim(root, TRIM_LIMIT_S, NOW)
    assert used.exists() and entry.exists()
    assert not older.exists()

    _age(entry, 6 * DAY)  # the memo unused for six days: nothing stands on the entries any more
    trim(root, TRIM_LIMIT_S, NOW)
    assert not used.exists() and not entry.exists()


def test_the_memo_records_when_its_run_started(tmp_path: Path) -> None:
    from analyzer.cacheroot import memo_started
    from analyzer.plan.options import validate

    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.go").write_text("package a\n")
    os.utime(tree / "a.go", ns=(OLD_NS, OLD_NS))
    opts = validate(
        path=tree, to="1.27", from_="1.22", go_line="keep", goos="linux", goarch="amd64", fmt="json",
        fail_on="changed", jobs=1, cache_dir=tmp_path / "c", no_cache=False, strict=False,
    )  # fmt: skip
    before = int(time.time())
    memo.memoized_audit(opts, tmp_path / "c", lambda o: {"n": 1})
    (entry,) = (tmp_path / "c" / "runs").glob("*.json")
    started = memo_started(os.fspath(entry))
    assert started is not None and before <= started <= int(time.time())


def test_every_kind_a_full_scan_writes_is_known_to_the_trim(tmp_path: Path) -> None:
    """KINDS decides what the trim and `cache clean` may touch and whether a root is adopted: a kind
    missing from it would leave a cache unmarked. A bump of the example crosses Go 1.22, so the
    loop-variable pass writes its entries too."""
    from click.testing import CliRunner

    from analyzer.cacheroot import KINDS
    from analyzer.cli import main

    example = Path(__file__).resolve().parents[1] / "examples" / "k8s-shaped"
    cache = tmp_path / "c"
    argv = ["scan", str(example), "--to", "1.27", "--go-line", "bump", "--format", "json"]
    result = CliRunner().invoke(main, [*argv, "--cache-dir", str(cache)])
    assert result.exit_code in (0, 1), result.output
    written = {p.name for p in cache.iterdir() if p.is_dir()}
    assert "loopvar" in written and "uses" in written
    assert written <= KINDS
    assert is_cache(cache)
