"""scan and fix cannot disagree: every edit fix makes is an Edit the scan document (JSON) and SARIF offer
for that binary's change, with the same file, kind, text and line, and fix writes it on that line."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from analyzer.cli import main

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def _edits(m: dict[str, Any]) -> set[tuple[str, str, str, int | None]]:
    return {(e["file"], e["kind"], e["text"], e["line"]) for e in m["edits"]}


def test_fix_edits_are_the_scan_documents_edits(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(REPO / "testdata/fix/module", tree)
    scan = _run("scan", str(tree), "--to", "1.27", "--format", "json", "--no-cache", "--fail-on", "none")
    sarif = _run("scan", str(tree), "--to", "1.27", "--format", "sarif", "--no-cache", "--fail-on", "none")
    offered: dict[tuple[str, str], set[tuple[str, str, str, int | None]]] = {}
    for b in scan["binaries"]:
        for c in b["changes"]:
            for m in c["mitigations"]:
                offered.setdefault((b["dir"], str(c["godebug"])), set()).update(_edits(m))
    inserted = {
        r["insertedContent"]["text"]
        for run in sarif["runs"]
        for res in run["results"]
        for fx in res.get("fixes", [])
        for ch in fx["artifactChanges"]
        for r in ch["replacements"]
    }
    from analyzer.fix.run import plan_fix
    from analyzer.fix.strategies import Strategy
    from analyzer.plan.options import validate

    for strategy in (Strategy.GODEBUG, Strategy.GO_DEBUG):
        opts = validate(
            path=tree,
            to="1.27",
            from_=None,
            go_line="keep",
            goos="linux",
            goarch="amd64",
            fmt="json",
            fail_on="none",
            jobs=None,
            cache_dir=None,
            no_cache=True,
            strict=False,
        )
        result = plan_fix(opts, strategy)
        shown = 0
        for pin in result.choice.pins:
            mine = {(e.file, e.kind, e.text, e.line) for e in pin.edits}
            for b in pin.binaries:
                if (b, pin.setting) in offered:  # the document shows mitigations where code is reached
                    assert mine <= offered[(b, pin.setting)], (b, pin)
                    assert {e.text for e in pin.edits} <= inserted
                    shown += 1
        assert shown, strategy  # cmd/server calls http.ServeFile: httpservecontentmaxranges is shown
        _assert_written_where_shown(result.choice.edits, result.edited)


def _assert_written_where_shown(edits: Any, edited: dict[str, str]) -> None:
    """fix writes each inserted text where the document puts it: before its line of the original file
    (each removed line above moves it up one; the nth of several new settings for one place comes
    n-1 lines further down, in key order), with the blank lines the text carries around it."""
    kinds = {"go-mod-godebug", "go-work-godebug", "go-debug-directive"}
    new = sorted({(e.file, e.line, e.text) for e in edits if e.kind in kinds and e.line is not None})
    removed = {(e.file, e.line) for e in edits if e.kind == "remove" and e.line is not None}
    assert any(e.kind == "go-debug-directive" for e in edits)
    count = Counter((f, line) for f, line, _ in new)
    rank: Counter[tuple[str, int]] = Counter()
    for file, line, text in new:
        n = rank[(file, line)]
        rank[(file, line)] += 1
        at = line - 1 - sum(1 for f, r in removed if f == file and r < line)
        written = edited[file].splitlines()
        lead = len(text) - len(text.lstrip("\n"))
        trail = len(text.rstrip("\n")) + 1 - len(text)  # blank lines after it, negated
        assert written[at : at + lead] == [""] * lead, (file, line, text, written)
        assert written[at + lead + n].strip() == text.strip(), (file, line, text, written)
        if n == count[(file, line)] - 1:  # the last one: the blank lines after the group
            after = written[at + lead + n + 1 : at + lead + n + 1 - trail]
            assert after == [""] * -trail, (file, line, text, written)
