"""The `env` command end to end on small trees: output, exit codes, skipped files, the walker's limits."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from analyzer.cli import main
from analyzer.deploy import find_deploy_settings
from analyzer.deploy.walk import MAX_BYTES


def _run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["env", *args])
    return r.exit_code, r.output


def test_exit_codes_follow_fail_on(tmp_path: Path) -> None:
    (tmp_path / "run.sh").write_text("export GOGC=50\n")
    assert _run(str(tmp_path))[0] == 0
    (tmp_path / "unit.service").write_text("[Service]\nEnvironment=GODEBUG=x509sha1=1\nExecStart=/bin/x\n")
    code, out = _run(str(tmp_path))
    assert code == 1
    assert "unit.service:2:21: CRITICAL startup-fatal GODEBUG x509sha1=1" in out
    assert _run(str(tmp_path), "--to", "1.26")[0] == 1  # HIGH: fatal once the binaries move to 1.27
    assert _run(str(tmp_path), "--to", "1.26", "--fail-on", "critical")[0] == 0
    assert _run(str(tmp_path / "missing"))[0] == 2
    assert _run(str(tmp_path), "--to", "2.0")[0] == 2


def test_json_output_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("env:\n  - name: GODEBUG\n    value: [x\n")
    (tmp_path / "ok.yaml").write_text("env:\n- name: GODEBUG\n  value: asynctimerchan=1\n")
    code, out = _run(str(tmp_path), "--format", "json")
    doc = json.loads(out)
    assert code == 1
    assert doc["schema"] == "godebug-audit/env/v1"
    assert [(s["file"], s["line"]) for s in doc["skipped"]] == [("broken.yaml", 4)]
    [f] = doc["findings"]
    assert (f["file"], f["line"], f["column"], f["key"], f["category"]) == (
        "ok.yaml",
        3,
        10,
        "asynctimerchan",
        "startup-fatal",
    )
    assert _run(str(tmp_path), "--strict", "--fail-on", "critical")[0] == 1
    (tmp_path / "ok.yaml").unlink()
    assert _run(str(tmp_path), "--strict")[0] == 3


def test_walker_skips_vendor_symlinks_out_and_big_files(tmp_path: Path) -> None:
    root = tmp_path / "root"
    outside = tmp_path / "outside"
    (root / "vendor" / "x").mkdir(parents=True)
    (root / "node_modules").mkdir()
    outside.mkdir()
    line = "export GODEBUG=tlsrsakex=1\n"
    (root / "vendor" / "x" / "a.sh").write_text(line)
    (root / "node_modules" / "b.sh").write_text(line)
    (outside / "c.sh").write_text(line)
    (root / "link.sh").symlink_to(outside / "c.sh")
    (root / "linkdir").symlink_to(outside, target_is_directory=True)
    (root / "inside.sh").write_text(line)
    (root / "alias.sh").symlink_to(root / "inside.sh")
    (root / "big.sh").write_text(line + "#" * MAX_BYTES)
    report = find_deploy_settings(root, "1.27")
    assert sorted(f.file for f in report.findings) == ["alias.sh", "inside.sh"]
    assert [s.file for s in report.skipped] == ["big.sh"]


def test_binaries_and_verification_in_findings(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(
        "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: example.com/srv:1\n"
        "    env:\n    - {name: GODEBUG, value: 'httpmuxgo121=1'}\n"
    )
    [f] = find_deploy_settings(tmp_path, "1.27").findings
    assert f.setting.binaries == ("srv",)
    kinds = [v.kind for v in f.verification]
    assert kinds == ["runtime-metric", "prometheus-client-golang", "prometheus-kubernetes", "go-version-m"]
    assert f.verification[0].name == "/godebug/non-default-behavior/httpmuxgo121:events"
    assert f.verification[1].name == "go_godebug_non_default_behavior_httpmuxgo121_events_total"
    assert f.verification[3].name == "go version -m srv"
