"""Deployment findings are suppressed by a config ignore of `deploy/<category>` whose paths match the file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from analyzer.cli import main

MANIFEST = """apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: example/app
      command: [app]
      env:
        - name: GODEBUG
          value: "http2client=0"
"""
FILES = {
    "go.mod": "module example.com/m\n\ngo 1.22.0\n",
    "cmd/app/main.go": "package main\n\nfunc main() {}\n",
    "deploy/app.yaml": MANIFEST,
    "other/app.yaml": MANIFEST,
    ".godebug-audit.yaml": (
        "ignore:\n"
        "  - entry: deploy/overrides-default\n"
        '    paths: ["deploy/**"]\n'
        "    reason: the proxy needs HTTP/1\n"
        "  - entry: deploy/startup-fatal\n"
        "    reason: nothing sets a removed setting here\n"
    ),
}


def _scan(root: Path, fmt: str) -> str:
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    args = ["scan", str(root), "--from", "1.26.6", "--to", "1.27", "--format", fmt, "--no-cache"]
    r = CliRunner().invoke(main, [*args, "--fail-on", "none"])
    assert r.exit_code == 0, r.output
    return r.output


def test_config_ignore_by_category_and_path(tmp_path: Path) -> None:
    doc = json.loads(_scan(tmp_path, "json"))
    marks = {(d["file"], d["category"]): d.get("suppressed") for d in doc["deploy"]}
    assert marks[("other/app.yaml", "overrides-default")] is None
    mark = marks[("deploy/app.yaml", "overrides-default")]
    assert mark is not None and mark["reason"] == "the proxy needs HTTP/1" and mark["kind"] == "config"
    assert [u["entry"] for u in doc["suppressions"]["unused"]] == ["deploy/startup-fatal"]


def test_text_and_sarif_show_the_suppression(tmp_path: Path) -> None:
    text = _scan(tmp_path, "text")
    open_part, _, suppressed_part = text.partition("\nSuppressed (")
    assert "other/app.yaml:12: [overrides-default]" in open_part
    assert "deploy/app.yaml:12: [overrides-default]" not in open_part
    assert "deploy/app.yaml:12: deploy/overrides-default: the proxy needs HTTP/1" in suppressed_part
    sarif = json.loads(_scan(tmp_path / "s", "sarif"))
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "deploy/overrides-default"]
    by_file = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in results}
    assert by_file["deploy/app.yaml"]["suppressions"][0]["justification"] == "the proxy needs HTTP/1"
    assert "suppressions" not in by_file["other/app.yaml"]
