"""find_deploy_settings(cache_dir=...): the stat-keyed cache gives the same report as reading every
file, sees edits, never stores racy (just-written) files or read errors, and survives a corrupt entry."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from analyzer.deploy import find_deploy_settings
from tests.aged import OLD_NS, aged_copy

FIXTURES = Path(__file__).resolve().parents[2] / "testdata" / "deploy"


def _tree(tmp: Path) -> Path:
    return aged_copy(FIXTURES, tmp / "r")


def _entry(cache: Path) -> dict[str, list[object]]:
    (path,) = (cache / "deploy").glob("*.json")
    got: dict[str, list[object]] = json.loads(path.read_text())
    return got


def test_cached_report_equals_reading_every_file(tmp_path: Path) -> None:
    root, cache = _tree(tmp_path), tmp_path / "c"
    want = find_deploy_settings(root, "1.27")
    assert want.settings and want.files_scanned > 10
    assert find_deploy_settings(root, "1.27", cache_dir=cache) == want  # fills the cache
    stored = _entry(cache)
    assert stored and any(v[4][1] for v in stored.values())  # some stored facts hold settings
    assert find_deploy_settings(root, "1.27", cache_dir=cache) == want
    assert find_deploy_settings(root, "1.22", cache_dir=cache) == find_deploy_settings(root, "1.22")


def test_an_edit_is_seen_even_at_the_same_size_and_mtime(tmp_path: Path) -> None:
    root, cache = _tree(tmp_path), tmp_path / "c"
    first = find_deploy_settings(root, "1.27", cache_dir=cache)
    target = next(s for s in first.settings if s.value and "=" in s.value)
    p = root / target.file
    text = p.read_text()
    edited = text.replace(target.value or "", (target.value or "").upper(), 1)
    assert edited != text and len(edited) == len(text)
    p.write_text(edited)
    os.utime(p, ns=(OLD_NS + 1_000_000, OLD_NS + 1_000_000))  # same size, mtime + 1 ms
    again = find_deploy_settings(root, "1.27", cache_dir=cache)
    assert again == find_deploy_settings(root, "1.27") and again != first


def test_a_just_written_file_is_read_again_until_it_is_old(tmp_path: Path) -> None:
    root, cache = _tree(tmp_path), tmp_path / "c"
    (root / "fresh.env").write_text("GODEBUG=panicnil=1\n")  # mtime: now, within the racy window
    want = find_deploy_settings(root, "1.27")
    assert find_deploy_settings(root, "1.27", cache_dir=cache) == want
    assert "fresh.env" not in _entry(cache)
    os.utime(root / "fresh.env", ns=(OLD_NS, OLD_NS))
    assert find_deploy_settings(root, "1.27", cache_dir=cache) == want
    assert "fresh.env" in _entry(cache)


def test_a_corrupt_entry_is_a_miss(tmp_path: Path) -> None:
    root, cache = _tree(tmp_path), tmp_path / "c"
    want = find_deploy_settings(root, "1.27", cache_dir=cache)
    (path,) = (cache / "deploy").glob("*.json")
    stored = json.loads(path.read_text())
    for i, rel in enumerate(sorted(stored)):  # wrong shapes inside entries whose stat still matches
        stored[rel][4] = [["kind?"], None, 7][i % 3]
    path.write_text(json.dumps(stored))
    assert find_deploy_settings(root, "1.27", cache_dir=cache) == want
    path.write_text("{not json")
    assert find_deploy_settings(root, "1.27", cache_dir=cache) == want


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_read_error_is_never_stored(tmp_path: Path) -> None:
    root, cache = _tree(tmp_path), tmp_path / "c"
    os.mkfifo(root / "pipe.yaml")
    report = find_deploy_settings(root, "1.27", cache_dir=cache)
    assert [s.file for s in report.skipped if s.file == "pipe.yaml"] == ["pipe.yaml"]
    assert "pipe.yaml" not in _entry(cache)
    assert find_deploy_settings(root, "1.27", cache_dir=cache) == report
