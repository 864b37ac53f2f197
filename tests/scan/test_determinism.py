"""The scan's output is the same for any number of workers and with a cold, warm or corrupt cache."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from analyzer.cli import main
from analyzer.scan import scan_tree
from tests.scan.conftest import TARGETS, TESTDATA


def _tree(tmp_path: Path) -> Path:
    """All fixtures in one tree, each copied twice, so that a 2-worker pool gets several chunks."""
    root = tmp_path / "tree"
    for case in sorted(p for p in TESTDATA.iterdir() if p.is_dir()):
        for copy in ("a", "b"):
            shutil.copytree(case, root / copy / case.name)
    return root


def _uses_json(root: Path, *args: str) -> str:
    targets = root.parent / "targets.json"
    targets.write_text(
        "[" + ",".join(f'{{"package": "{p}", "symbol": "{s}"}}' for p, s in TARGETS) + "]", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["uses", str(root), "--format", "json", "--targets", str(targets), "--all-files", *args]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_jobs_and_cache_do_not_change_output(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    cache = tmp_path / "cache"
    serial = _uses_json(root, "--jobs", "1", "--no-cache")
    parallel = _uses_json(root, "--jobs", "2", "--no-cache")
    cold = _uses_json(root, "--jobs", "2", "--cache-dir", str(cache))
    assert any(cache.rglob("*.json"))
    warm = _uses_json(root, "--jobs", "1", "--cache-dir", str(cache))
    assert serial == parallel == cold == warm
    assert '"symbol": "Config.MinVersion"' in serial


def test_corrupt_cache_entries_are_ignored_and_rewritten(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    cache = tmp_path / "cache"
    first = scan_tree(root, TARGETS, jobs=1, cache_dir=cache)
    entries = sorted(cache.rglob("*.json"))
    for p in entries:
        p.write_text("{not json", encoding="utf-8")
    again = scan_tree(root, TARGETS, jobs=1, cache_dir=cache)
    assert again == first
    assert all(p.read_text(encoding="utf-8").startswith("{\"") for p in entries if "uses" in p.parts)


def test_cache_follows_a_changed_dependency(tmp_path: Path) -> None:
    """A use whose receiver type comes from another package is re-resolved when that package changes."""
    root = tmp_path / "infer"
    shutil.copytree(TESTDATA / "infer", root)
    cache = tmp_path / "cache"
    before = scan_tree(root, TARGETS, jobs=1, cache_dir=cache)
    line = next(u.line for u in before.uses if "h.TLS.MinVersion = 5" in u.text)
    cfg = root / "cfg" / "cfg.go"
    cfg.write_text(cfg.read_text().replace("TLS    *tls.Config", "TLS    *int"), encoding="utf-8")
    after = scan_tree(root, TARGETS, jobs=1, cache_dir=cache)
    assert any(u.line == line and u.file == "store/store.go" for u in before.uses)
    assert not any(u.line == line and u.file == "store/store.go" for u in after.uses)
    assert after == scan_tree(root, TARGETS, jobs=1)


def test_stat_index_notices_a_same_size_edit(tmp_path: Path) -> None:
    """Unchanged files are not read again (stat index); an edit of the same size is still seen."""
    import os

    root = tmp_path / "t"
    root.mkdir()
    (root / "go.mod").write_text("module example.com/t\n", encoding="utf-8")
    src = root / "a.go"
    src.write_text('package t\n\nimport "net"\n\nvar a = net.ParseIP("xy")\n', encoding="utf-8")
    cache = tmp_path / "cache"
    first = scan_tree(root, TARGETS, jobs=1, cache_dir=cache)
    assert [u.symbol for u in first.uses] == ["ParseIP"]
    assert scan_tree(root, TARGETS, jobs=1, cache_dir=cache) == first  # from the index and the cache
    st = src.stat()
    src.write_text('package t\n\nimport "net"\n\nvar a = net.ParseCIDR("")\n', encoding="utf-8")
    assert src.stat().st_size == st.st_size
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    again = scan_tree(root, TARGETS, jobs=1, cache_dir=cache)
    assert [u.symbol for u in again.uses] == ["ParseCIDR"]
