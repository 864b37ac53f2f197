"""Smoke test of the benchmark: a small generated tree, bench/run.py end to end (figures not asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT / "bench" / "gen_tree.py"
RUN = ROOT / "bench" / "run.py"


def generate(out: Path, files: int, seed: int) -> None:
    argv = [sys.executable, str(GEN), str(out), "--files", str(files), "--seed", str(seed)]
    subprocess.run(argv, check=True, capture_output=True)


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_gen_tree_is_deterministic_and_kubernetes_shaped(tmp_path: Path) -> None:
    generate(tmp_path / "a", 60, 7)
    generate(tmp_path / "b", 60, 7)
    a = tree_bytes(tmp_path / "a")
    assert a == tree_bytes(tmp_path / "b")
    go = [k for k in a if k.endswith(".go")]
    assert len(go) == 60
    assert "go.mod" in a and b"replace (" in a["go.mod"]
    assert "vendor/modules.txt" in a
    assert any(k.startswith("cmd/") and k.endswith("/main.go") for k in go)
    assert any(k.startswith("staging/src/k8s.io/") for k in go)
    text = b"".join(a[k] for k in go)
    assert b"net.ParseIP(" in text or b"tls.Config{" in text or b"exec.LookPath(" in text
    generate(tmp_path / "c", 60, 8)
    assert tree_bytes(tmp_path / "c") != a


TARGETS = [
    {"package": "net", "symbol": "ParseIP"},
    {"package": "net", "symbol": "ParseCIDR"},
    {"package": "os/exec", "symbol": "LookPath"},
    {"package": "crypto/tls", "symbol": "Config"},
    {"package": "crypto/tls", "symbol": "Config.MinVersion"},
    {"package": "crypto/x509", "symbol": "Certificate.Verify"},
    {"package": "net/http", "symbol": "Server"},
]


def test_bench_run_prints_a_row_per_phase(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    generate(tree, 60, 1)
    before = tree_bytes(tree)
    out = tmp_path / "bench.json"
    targets = tmp_path / "targets.json"
    targets.write_text(json.dumps(TARGETS))
    argv = [sys.executable, str(RUN), str(tree), "--cmd", "uses", "--jobs", "1", "--json", str(out)]
    proc = subprocess.run(
        [*argv, "--targets", str(targets)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [line.split() for line in proc.stdout.splitlines()]
    phases = {r[1] for r in rows if len(r) > 1 and r[0] == "tree"}
    assert {"cold", "warm", "one-changed"} <= phases
    assert phases & {"rg", "python-regex"}
    doc = json.loads(out.read_text())
    (result,) = doc["results"]
    assert result["files"] == 60
    assert [r["phase"] for r in result["runs"]] == ["cold", "warm", "one-changed"]
    # The edited file is restored.
    assert tree_bytes(tree) == before


def test_stage_timer_runs_every_stage_of_an_audit(tmp_path: Path) -> None:
    generate(tmp_path / "t", 60, 3)
    stages = ROOT / "bench" / "stages.py"
    argv = [sys.executable, str(stages), str(tmp_path / "t"), "--no-cache", "--jobs", "1"]
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    rows = {line.split()[0] for line in out.splitlines()[1:]}
    assert rows >= {"import", "load_kb", "discover_repos", "scan_and_match", "deploy_findings", "assemble"}
