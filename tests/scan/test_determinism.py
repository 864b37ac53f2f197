"""The scan's output is the same for any number of workers and with a cold, warm or corrupt cache."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

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
    assert all(p.read_text(encoding="utf-8").startswith('{"') for p in entries if "uses" in p.parts)


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


def _synthetic(tmp_path: Path, files: int) -> Path:
    import subprocess
    import sys

    out = tmp_path / "synthetic"
    gen = Path(__file__).resolve().parents[2] / "bench" / "gen_tree.py"
    subprocess.run([sys.executable, str(gen), str(out), "--files", str(files), "--seed", "3"], check=True)
    for case in sorted(p for p in TESTDATA.iterdir() if p.is_dir()):
        shutil.copytree(case, out / "fixtures" / case.name)
    return out


def test_scan_is_the_same_for_any_jobs_and_cache_state(tmp_path: Path) -> None:
    """scan_tree: 1 or 2 workers, no cache, cold, warm: one result; the warm run's stat index has a
    prefilter verdict for every file (nothing is read again)."""
    from analyzer.scan.files import walk
    from analyzer.scan.targets import Targets
    from analyzer.scan.workers import Job, with_index

    root = _synthetic(tmp_path, 160)
    cache = tmp_path / "cache"
    serial = scan_tree(root, TARGETS, jobs=1)
    assert serial.uses and {u.symbol for u in serial.uses} >= {"ParseIP", "Config.MinVersion"}
    assert scan_tree(root, TARGETS, jobs=2) == serial
    assert scan_tree(root, TARGETS, jobs=2, cache_dir=cache) == serial  # cold
    assert scan_tree(root, TARGETS, jobs=2, cache_dir=cache) == serial  # warm
    assert scan_tree(root, TARGETS, jobs=1, cache_dir=cache) == serial
    files = tuple(sorted(walk(root), key=lambda f: f.rel))
    index = with_index(Job(str(root), files, Targets.of(TARGETS), str(cache))).index
    assert sorted(index) == [f.rel for f in files]
    assert all(entry[5] is not None for entry in index.values())


def test_a_declaration_read_never_erases_a_prefilter_verdict() -> None:
    from analyzer.scan.workers import merge_updates

    scanned = {"a.go": [1, 2, 3, 4, "h", True], "b.go": [1, 2, 3, 4, "h", False]}
    read_for_decls = {"a.go": [1, 2, 3, 4, "h", None], "c.go": [1, 2, 3, 4, "h", None]}
    into = dict(scanned)
    merge_updates(into, read_for_decls)
    assert into["a.go"][5] is True and into["b.go"][5] is False and into["c.go"][5] is None
    later = {"c.go": [1, 2, 3, 4, "h", True]}
    merge_updates(into, later)
    assert into["c.go"][5] is True


def test_the_warm_pass_and_the_pool_for_what_is_left_agree(tmp_path: Path, monkeypatch: Any) -> None:
    """A warm run takes unchanged files from the cache in-process and scans the rest in-process (few
    left) or over a pool (many): both give what a scan without a cache gives, after edits that remove
    a use, add a file with one, and change only a comment."""
    from analyzer.scan import workers

    root = _synthetic(tmp_path, 200)
    cache = tmp_path / "cache"
    first = scan_tree(root, TARGETS, jobs=2, cache_dir=cache)
    with_parseip = sorted({u.file for u in first.uses if u.symbol == "ParseIP"})
    assert len(with_parseip) >= 2
    for round_, threshold in enumerate((10**6, 0)):  # what is left: in-process; over the pool
        monkeypatch.setattr(workers, "IN_PROCESS", threshold)
        gone = root / with_parseip[round_]
        gone.write_text(gone.read_text().replace(".ParseIP(", ".ParseIPX(", 1))
        added = root / f"added{round_}" / "a.go"
        added.parent.mkdir()
        added.write_text('package added\n\nimport "net"\n\nfunc F() { _ = net.ParseIP("::1") }\n')
        every_go = sorted(root.rglob("*.go"))
        for comment in every_go[:: 40 if threshold else 2]:  # over the pool: many files, many chunks
            comment.write_bytes(comment.read_bytes() + b"\n// an edit\n")
        fresh = scan_tree(root, TARGETS, jobs=2)
        assert fresh != first and any(u.file == f"added{round_}/a.go" for u in fresh.uses)
        assert scan_tree(root, TARGETS, jobs=2, cache_dir=cache) == fresh
        assert scan_tree(root, TARGETS, jobs=2, cache_dir=cache) == fresh  # and warm again
        first = fresh


def _resolved_files(monkeypatch: Any) -> list[str]:
    """Records the files the scanner resolves (parses and walks) from now on, in this process."""
    from analyzer.scan import workers

    seen: list[str] = []
    real = workers.Scanner.resolve

    def spy(self: workers.Scanner, f: Any, unit: str, data: bytes) -> Any:
        seen.append(f.rel)
        return real(self, f, unit, data)

    monkeypatch.setattr(workers.Scanner, "resolve", spy)
    return seen


def test_an_edit_that_keeps_declarations_rescans_only_the_edited_file(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """store/ consults cfg/'s declarations; a comment and a body edit in cfg/ leave them as they were,
    so store/'s cached result stands (and is re-keyed, so a later run keeps it too); a declaration edit
    re-resolves store/. Every answer equals a scan without a cache."""
    root = tmp_path / "infer"
    shutil.copytree(TESTDATA / "infer", root)
    cache = tmp_path / "cache"
    before = scan_tree(root, TARGETS, jobs=1, cache_dir=cache)
    resolved = _resolved_files(monkeypatch)
    cfg = root / "cfg" / "cfg.go"
    text = cfg.read_text(encoding="utf-8")

    cfg.write_text(text + "\n// a comment at the end\n", encoding="utf-8")
    assert scan_tree(root, TARGETS, jobs=1, cache_dir=cache) == before
    assert resolved == ["cfg/cfg.go"]

    resolved.clear()
    body = text.replace(
        "func NewHolder() *Holder { return &Holder{} }", "func NewHolder() *Holder { return nil }"
    )
    assert body != text
    cfg.write_text(body, encoding="utf-8")
    assert scan_tree(root, TARGETS, jobs=1, cache_dir=cache) == before
    assert resolved == ["cfg/cfg.go"]
    assert scan_tree(root, TARGETS, jobs=1) == before

    resolved.clear()  # nothing changed: store/'s entry now names cfg/'s new digest
    (root / "store" / "newexpr.go").write_text(
        (root / "store" / "newexpr.go").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    scan_tree(root, TARGETS, jobs=1, cache_dir=cache)
    assert "store/store.go" not in resolved

    resolved.clear()
    cfg.write_text(body.replace("TLS    *tls.Config", "TLS    *int"), encoding="utf-8")
    after = scan_tree(root, TARGETS, jobs=1, cache_dir=cache)
    assert "store/store.go" in resolved
    assert after.uses != before.uses
    assert after == scan_tree(root, TARGETS, jobs=1)
