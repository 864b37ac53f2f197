"""scan and fix cannot disagree: every edit fix makes is an Edit the scan document (JSON) and SARIF offer
for that binary's change, with the same file, kind, text and line."""

from __future__ import annotations

import json
import shutil
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
