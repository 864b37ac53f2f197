"""`godebug-audit uses`: JSON and text rendering, entry ids, skipped files, option errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from analyzer.cli import main
from analyzer.commands.uses import _entry_index, render_json, render_text
from analyzer.scan import scan_tree
from tests.scan.conftest import TESTDATA, entries


def test_json_shape_and_entry_ids() -> None:
    es = entries()
    result = scan_tree(TESTDATA / "basic", es, jobs=1)
    affects, neutralizes = _entry_index(es)
    doc = json.loads(render_json(result.uses, result.skipped, affects, neutralizes))
    assert set(doc) == {"uses", "skipped"}
    first = doc["uses"][0]
    assert list(first) == [
        "file", "line", "column", "package", "symbol", "entries", "neutralizes", "kind", "test", "vendor",
        "generated",
    ]
    mv = [u for u in doc["uses"] if u["symbol"] == "Config.MinVersion"]
    assert mv and all(u["entries"] == ["first"] and u["neutralizes"] == ["second"] for u in mv)
    lp = [u for u in doc["uses"] if u["symbol"] == "LookPath"]
    assert lp and lp[0]["entries"] == ["second"] and lp[0]["kind"] == "call"


def test_text_lines_and_skipped() -> None:
    es = entries()
    result = scan_tree(TESTDATA / "broken", es, jobs=1)
    affects, neutralizes = _entry_index(es)
    out = render_text(result.uses, result.skipped, affects, neutralizes)
    assert "ok.go:5:19: net.ParseIP [first]\n" in out
    assert "latin1.go:5: skipped: not valid UTF-8\n" in out


def test_bad_options() -> None:
    runner = CliRunner()
    r = runner.invoke(main, ["uses", str(TESTDATA / "basic"), "--format", "yaml", "--targets", "/dev/null"])
    assert r.exit_code == 2
    assert "--format" in r.output


def test_bad_targets_file(tmp_path: Path) -> None:
    bad = tmp_path / "t.json"
    bad.write_text("[{}]", encoding="utf-8")
    r = CliRunner().invoke(main, ["uses", str(TESTDATA / "basic"), "--targets", str(bad), "--no-cache"])
    assert r.exit_code == 2
    assert "targets" in r.output
