"""`godebug-audit cache` (dir, info, trim, clean) and what a scan does to its cache at the end of a run:
marks it, trims it once a day, and never fails or changes its outcome when the cache cannot be written."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from analyzer.cacheroot import MARKER, STAMP, is_cache
from analyzer.cli import main
from tests.aged import aged_copy

GOOD = {
    "go.mod": "module example.com/m\n\ngo 1.21.0\n",
    "main.go": 'package main\n\nimport "time"\n\nfunc main() { _ = time.NewTimer(time.Second) }\n',
}
SCAN = ["--from", "1.26.6", "--to", "1.27", "--format", "json", "--jobs", "1"]


def _tree(tmp: Path) -> Path:
    src = tmp / "src"
    for rel, text in GOOD.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    return aged_copy(src, tmp / "tree")  # old files: the stat caches and the run memo store them


def _run(*args: str, **kw: Any) -> tuple[int, str, str]:
    r = CliRunner(**kw).invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def _age_all(root: Path, seconds_ago: float) -> None:
    t = int((time.time() - seconds_ago) * 1e9)
    for p in root.rglob("*.json"):
        os.utime(p, ns=(t, t))


def _entries_by_kind(root: Path) -> Counter[str]:
    return Counter(
        p.relative_to(root).parts[0] for p in root.rglob("*.json") if not p.name.startswith(".tmp-")
    )


def test_dir_prints_the_default_or_the_given_directory(tmp_path: Path) -> None:
    code, out, _ = _run("cache", "dir", env={"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert (code, out) == (0, f"{tmp_path / 'xdg' / 'godebug-audit' / 'scan'}\n")
    assert _run("cache", "dir", "--cache-dir", str(tmp_path / "c"))[:2] == (0, f"{tmp_path / 'c'}\n")


def test_a_scan_marks_its_cache_and_info_reports_what_is_on_disk(tmp_path: Path) -> None:
    tree, cache = _tree(tmp_path), tmp_path / "c"
    code, _, _ = _run("scan", str(tree), *SCAN, "--cache-dir", str(cache))
    assert code == 1 and is_cache(cache) and (cache / STAMP).exists()
    code, out, _ = _run("cache", "info", "--cache-dir", str(cache), "--format", "json")
    doc = json.loads(out)
    on_disk = _entries_by_kind(cache)
    assert code == 0 and {k["kind"]: k["entries"] for k in doc["kinds"] if k["entries"]} == on_disk
    assert {"uses", "decls", "runs", "discovery"} <= set(on_disk)
    assert doc["bytes"] == sum(p.stat().st_size for p in cache.rglob("*.json"))
    assert doc["last_trim"] == time.strftime(
        "%Y-%m-%dT%H:%M:%SZ", time.gmtime(int((cache / STAMP).read_text()))
    )
    code, text, _ = _run("cache", "info", "--cache-dir", str(cache))
    assert (
        code == 0
        and f"cache: {cache}\n" in text
        and f"  {'total':<12} {sum(on_disk.values()):>8} entries" in text
    )
    assert f"last trim: {doc['last_trim']}" in text


def test_trim_and_clean_from_the_command_line(tmp_path: Path) -> None:
    tree, cache = _tree(tmp_path), tmp_path / "c"
    _run("scan", str(tree), *SCAN, "--cache-dir", str(cache))
    n = sum(_entries_by_kind(cache).values())
    code, out, _ = _run("cache", "trim", "--cache-dir", str(cache))
    assert (
        code == 0 and f"removed 0 entries (0 B), 0 temp files, 0 empty directories; kept {n} entries" in out
    )
    _age_all(cache, 13 * 3600)
    code, out, _ = _run("cache", "trim", "--cache-dir", str(cache), "--older-than", "1d")
    assert code == 0 and sum(_entries_by_kind(cache).values()) == n
    code, out, _ = _run("cache", "trim", "--cache-dir", str(cache), "--older-than", "12h")
    assert code == 0 and f"removed {n} entries" in out and not _entries_by_kind(cache)

    _run("scan", str(tree), *SCAN, "--cache-dir", str(cache))
    code, out, _ = _run("cache", "clean", "--cache-dir", str(cache))
    assert code == 0 and out.startswith(f"cleaned {cache}: removed ")
    assert sorted(p.name for p in cache.iterdir()) == [MARKER]


@pytest.mark.parametrize("bad", ["5", "d", "5x", "1.5d", "-1d", "5 d"])
def test_a_bad_duration_is_one_line_and_exit_2(tmp_path: Path, bad: str) -> None:
    code, out, err = _run("cache", "trim", "--cache-dir", str(tmp_path), "--older-than", bad)
    assert code == 2 and out == ""
    assert (
        err
        == f"godebug-audit: error: --older-than: invalid duration {bad!r} (use e.g. 5d, 12h, 1d12h, 30m)\n"
    )


def test_trim_clean_and_info_refuse_a_directory_that_is_not_a_cache(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "uses" / "ab").mkdir(parents=True)
    precious = home / "uses" / "ab" / "0123.json"
    precious.write_text("{}")
    _age_all(home, 30 * 86400)
    for sub in (["clean"], ["trim"], ["info"]):
        code, out, err = _run("cache", *sub, "--cache-dir", str(home))
        assert code == 2 and out == "" and err.count("\n") == 1
        assert err.startswith(f"godebug-audit: error: {home}: not a godebug-audit cache (no CACHEDIR.TAG")
    assert precious.exists()
    code, _, err = _run("cache", "clean", "--cache-dir", str(tmp_path / "nowhere"))
    assert code == 2 and err == f"godebug-audit: error: {tmp_path / 'nowhere'}: no such directory\n"


def test_the_first_run_of_a_day_trims_after_the_report_and_keeps_the_outcome(tmp_path: Path) -> None:
    tree, cache = _tree(tmp_path), tmp_path / "c"
    want = _run("scan", str(tree), *SCAN, "--no-cache")
    assert _run("scan", str(tree), *SCAN, "--cache-dir", str(cache))[:2] == want[:2]
    stale = cache / "uses" / "ff"  # an old tool version's entry, never used again
    stale.mkdir(exist_ok=True)
    (stale / "0123.json").write_text("[]")
    _age_all(cache, 6 * 86400)
    (cache / STAMP).write_text(f"{int(time.time()) - 3600}\n")
    assert _run("scan", str(tree), *SCAN, "--cache-dir", str(cache))[:2] == want[:2]  # memo hit
    assert (stale / "0123.json").exists()  # trimmed an hour ago: not again
    (cache / STAMP).write_text(f"{int(time.time()) - 2 * 86400}\n")
    assert _run("scan", str(tree), *SCAN, "--cache-dir", str(cache))[:2] == want[:2]
    assert not (stale / "0123.json").exists()
    # kept: what that run read (and so refreshed), the run memo and the ignore-directive stat cache
    assert set(_entries_by_kind(cache)) == {"runs", "ignores"}
    assert _run("scan", str(tree), *SCAN, "--cache-dir", str(cache))[:2] == want[:2]  # misses recompute


def test_an_unwritable_cache_never_fails_a_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree, cache = _tree(tmp_path), tmp_path / "c"
    want = _run("scan", str(tree), *SCAN, "--no-cache")
    blocked = tmp_path / "file"
    blocked.write_text("")
    assert _run("scan", str(tree), *SCAN, "--cache-dir", str(blocked / "c"))[:2] == want[:2]

    _run("scan", str(tree), *SCAN, "--cache-dir", str(cache))
    _run("uses", str(tree), "--format", "json", "--jobs", "1", "--cache-dir", str(cache))
    _age_all(cache, 6 * 86400)
    (cache / STAMP).write_text("0\n")  # trim due; every entry old: every hit would refresh
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*")}

    def denied(*args: Any, **kw: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    # what a read-only file system refuses (running as root, chmod alone would not)
    for mod, name in ((os, "utime"), (os, "unlink"), (os, "rmdir"), (os, "replace"), (tempfile, "mkstemp")):
        monkeypatch.setattr(mod, name, denied)
    assert _run("scan", str(tree), *SCAN, "--cache-dir", str(cache))[:2] == want[:2]
    uses = _run("uses", str(tree), "--format", "json", "--jobs", "1", "--no-cache")
    assert _run("uses", str(tree), "--format", "json", "--jobs", "1", "--cache-dir", str(cache)) == uses
    monkeypatch.undo()
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*")} == before
