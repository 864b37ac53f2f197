"""memoized_audit: an unchanged tree's document is read back whole, and nothing that could change the
document is missed (an edit at the same size and mtime, a new file, racy files, other options)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from analyzer.cli import main
from analyzer.plan import memo
from analyzer.plan.memo import memoized_audit, tree_state
from analyzer.plan.options import ScanOptions, validate
from analyzer.plan.stages import run_audit
from tests.aged import OLD_NS, aged_copy

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "k8s-shaped"


def _tree(tmp: Path) -> Path:
    return aged_copy(EXAMPLE, tmp / "r")


def _opts(root: Path, cache: Path | None, **kw: Any) -> ScanOptions:
    base: dict[str, Any] = {
        "path": root, "to": "1.27", "from_": None, "go_line": "keep", "goos": "linux", "goarch": "amd64",
        "fmt": "json", "fail_on": "changed", "jobs": 1, "cache_dir": cache, "no_cache": cache is None,
    }
    base.update(kw)
    return validate(strict=False, **base)


class Counting:
    """run_audit, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, opts: ScanOptions) -> dict[str, Any]:
        self.calls += 1
        return run_audit(opts)


def test_an_unchanged_tree_is_read_back_and_equals_a_fresh_audit(tmp_path: Path) -> None:
    root, cache = _tree(tmp_path), tmp_path / "c"
    fresh = run_audit(_opts(root, None))
    audit = Counting()
    assert memoized_audit(_opts(root, cache), cache, audit) == fresh
    assert memoized_audit(_opts(root, cache, jobs=2, fmt="text"), cache, audit) == fresh
    assert audit.calls == 1
    assert memoized_audit(_opts(root, cache, go_line="bump"), cache, audit) != fresh  # other options
    assert audit.calls == 2


def test_an_edit_at_the_same_size_and_mtime_is_seen(tmp_path: Path) -> None:
    root, cache = _tree(tmp_path), tmp_path / "c"
    audit = Counting()
    before = memoized_audit(_opts(root, cache), cache, audit)
    gomod = root / "go.mod"
    text = gomod.read_text()
    edited = text.replace("go 1.22", "go 1.23", 1)
    assert edited != text and len(edited) == len(text)
    gomod.write_text(edited)
    os.utime(gomod, ns=(OLD_NS, OLD_NS))  # same size and mtime: ctime moved
    after = memoized_audit(_opts(root, cache), cache, audit)
    assert audit.calls == 2 and after != before and after == run_audit(_opts(root, None))


def test_a_new_file_is_seen_and_a_racy_tree_is_not_stored(tmp_path: Path) -> None:
    root, cache = _tree(tmp_path), tmp_path / "c"
    audit = Counting()
    memoized_audit(_opts(root, cache), cache, audit)
    deploy = root / "cluster" / "fresh.env"
    deploy.write_text("GODEBUG=x509sha1=1\n")  # just written: racy
    assert tree_state(root, 0) is None
    doc = memoized_audit(_opts(root, cache), cache, audit)
    assert any(d["file"] == "cluster/fresh.env" for d in doc["deploy"])
    memoized_audit(_opts(root, cache), cache, audit)
    assert audit.calls == 3  # racy: recomputed every time, never stored
    os.utime(deploy, ns=(OLD_NS, OLD_NS))
    memoized_audit(_opts(root, cache), cache, audit)
    memoized_audit(_opts(root, cache), cache, audit)
    assert audit.calls == 4


def test_a_corrupt_entry_is_a_miss_and_old_entries_are_pruned(tmp_path: Path) -> None:
    root, cache = _tree(tmp_path), tmp_path / "c"
    audit = Counting()
    want = memoized_audit(_opts(root, cache), cache, audit)
    (entry,) = (cache / "runs").glob("*.json")
    for bad in ("{not json", json.dumps({"state": "x", "document": {}}), json.dumps([1])):
        entry.write_text(bad)
        assert memoized_audit(_opts(root, cache), cache, audit) == want
    assert audit.calls == 4
    combos = [(to, gl) for to in ("1.22", "1.23", "1.24", "1.25", "1.26", "1.27") for gl in ("keep", "bump")]
    assert len(combos) > memo.KEEP
    for to, gl in combos:
        memoized_audit(_opts(root, cache, to=to, go_line=gl), cache, audit)
    assert len(list((cache / "runs").glob("*.json"))) == memo.KEEP


def test_every_format_is_the_same_from_the_memo(tmp_path: Path) -> None:
    root, cache = _tree(tmp_path), tmp_path / "c"
    runner = CliRunner()
    for fmt in ("text", "json", "sarif", "markdown", "github"):
        args = ["scan", str(root), "--to", "1.27", "--format", fmt]
        fresh = runner.invoke(main, [*args, "--no-cache"])
        first = runner.invoke(main, [*args, "--cache-dir", str(cache)])
        second = runner.invoke(main, [*args, "--cache-dir", str(cache)])
        assert fresh.exit_code == first.exit_code == second.exit_code == 1, fresh.output
        assert fresh.output == first.output == second.output, fmt
    assert len(list((cache / "runs").glob("*.json"))) == 1  # the format is not part of the key


def test_a_file_changed_while_the_audit_ran_is_seen_next_time(tmp_path: Path) -> None:
    root, cache = _tree(tmp_path), tmp_path / "c"
    gomod = root / "go.mod"

    def audit_then_edit(opts: ScanOptions) -> dict[str, Any]:
        doc = run_audit(opts)
        gomod.write_text(gomod.read_text().replace("go 1.22", "go 1.23", 1))
        os.utime(gomod, ns=(OLD_NS, OLD_NS))  # only its ctime tells
        return doc

    before = memoized_audit(_opts(root, cache), cache, audit_then_edit)
    after = memoized_audit(_opts(root, cache), cache, run_audit)
    assert after != before and after == run_audit(_opts(root, None))
