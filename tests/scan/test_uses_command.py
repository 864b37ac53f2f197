"""`godebug-audit uses`: JSON and text rendering, entry ids, skipped files, option errors."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from click.testing import CliRunner

from analyzer.cli import main
from analyzer.commands.uses import Index, _entry_index, render_json, render_text
from analyzer.model import Skipped, Use
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


def _reference(uses: list[Use], skipped: list[Skipped], affects: Index, neutralizes: Index) -> str:
    doc = {
        "uses": [
            {
                "file": u.file, "line": u.line, "column": u.column, "package": u.package, "symbol": u.symbol,
                "entries": sorted(set(affects.get((u.package, u.symbol), ()))),
                "neutralizes": sorted(set(neutralizes.get((u.package, u.symbol), ()))),
                "kind": u.kind.value, "test": u.test, "vendor": u.vendor, "generated": u.generated,
            }
            for u in uses
        ],
        "skipped": [{"file": s.file, "line": s.line, "reason": s.reason} for s in skipped],
    }
    return json.dumps(doc, indent=1)


def test_json_is_byte_for_byte_the_indented_dump() -> None:
    es = entries()
    affects, neutralizes = _entry_index(es)
    for tree in ("basic", "broken"):
        result = scan_tree(TESTDATA / tree, es, jobs=1)
        uses, skipped = list(result.uses), list(result.skipped)
        assert uses or skipped
        odd = [
            dataclasses.replace(uses[0], file='dir/\u00e9"q\\\\x\t.go', test=True, vendor=True),
            dataclasses.replace(uses[0], package="nowhere", symbol="X"),  # no entries: []
        ] if uses else []
        extra = [Skipped("a/\u2028b.go", "why \"quoted\"", None), Skipped("c.go", "line", 7)]
        for us, sk in ((uses, skipped), (uses + odd, skipped + extra), ([], []), (odd, []), ([], extra)):
            assert render_json(us, sk, affects, neutralizes) == _reference(us, sk, affects, neutralizes)
