"""Exit codes and options of `godebug-audit scan` on small generated trees."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from analyzer.cli import main


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


GOOD = {
    "go.mod": "module example.com/m\n\ngo 1.21.0\n",
    "main.go": 'package main\n\nimport "time"\n\nfunc main() { _ = time.NewTimer(time.Second) }\n',
}


def _scan(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["scan", *args, "--no-cache"])
    return r.exit_code, r.output


def test_findings_exit_1_and_fail_on_none_exit_0(tmp_path: Path) -> None:
    root = _tree(tmp_path, GOOD)
    code, out = _scan(str(root), "--from", "1.26.6", "--to", "1.27")
    assert code == 1 and "asynctimerchan [not-preservable" in out
    code, _ = _scan(str(root), "--from", "1.26.6", "--to", "1.27", "--fail-on", "none")
    assert code == 0
    code, _ = _scan(str(root), "--from", "1.26.6", "--to", "1.27", "--fail-on", "build-error")
    assert code == 0


def test_strict_exits_3_when_a_file_is_skipped(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {**GOOD, "broken.go": 'package main\n\nimport "time"\n\nfunc f() { t := time.NewTimer(1; <-t.C }\n'},
    )
    args = (str(root), "--from", "1.26.6", "--to", "1.27", "--fail-on", "none")
    code, out = _scan(*args)
    assert code == 0 and "Skipped (1)" in out and "broken.go" in out
    code, _ = _scan(*args, "--strict")
    assert code == 3


def test_output_file_holds_the_json_document(tmp_path: Path) -> None:
    root = _tree(tmp_path / "t", GOOD)
    out = tmp_path / "report.json"
    code, printed = _scan(str(root), "--from", "1.26.6", "--to", "1.27", "--format", "json", "-o", str(out))
    assert code == 1 and printed == ""
    doc = json.loads(out.read_text())
    assert doc["schema_version"] == "1" and doc["plan"]["from"] == "1.26.6"
    assert [f["file"] for f in doc["findings"]] == ["main.go"]


def test_bad_input_is_one_line_exit_2(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"go.mod": "module example.com/m\n\ngo banana\n", "main.go": "package main\n"})
    code, out = _scan(str(root), "--to", "1.27")
    assert code == 2 and "Traceback" not in out and out.startswith("godebug-audit: error:")
