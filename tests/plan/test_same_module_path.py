"""Two go.mod files that declare one module path (kops' tools/metal/storage copies dhcp's module line):
each binary is planned with its own module's go.mod, go line and uses."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from analyzer.cli import main

MAIN = 'package main\n\nimport "net/http"\n\nfunc main() { http.NewServeMux().Handle("/", nil) }\n'
FILES = {
    "dhcp/go.mod": "module example.com/tools/dhcp\n\ngo 1.21.0\n",
    "dhcp/main.go": MAIN,
    "storage/go.mod": "module example.com/tools/dhcp\n\ngo 1.22.0\n",
    "storage/main.go": MAIN,
}


def _doc(root: Path) -> dict:  # type: ignore[type-arg]
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    args = ["scan", str(root), "--from", "1.21.13", "--to", "1.27", "--go-line", "bump", "--format", "json"]
    r = CliRunner().invoke(main, [*args, "--no-cache"])
    assert r.exit_code == 1, r.output
    return json.loads(r.output)  # type: ignore[no-any-return]


def test_each_binary_uses_its_own_go_mod(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    binaries = {b["dir"]: b for b in doc["binaries"]}
    assert {d: (b["module_dir"], b["go_line_before"]) for d, b in binaries.items()} == {
        "dhcp": ("dhcp", "1.21.0"),
        "storage": ("storage", "1.22.0"),
    }
    for d, b in binaries.items():
        files = {
            e["file"]
            for c in b["changes"]
            for m in c["mitigations"]
            for e in m["edits"]
            if e["kind"] == "go-mod-godebug"
        }
        assert files == {f"{d}/go.mod"}
        defaults = {
            e["text"]
            for c in b["changes"]
            for m in c["mitigations"]
            for e in m["edits"]
            if e["text"].startswith("godebug default=")
        }
        assert defaults == {f"godebug default=go{b['go_line_before'].rsplit('.', 1)[0]}\n"}


def test_a_use_reaches_only_its_own_module_binary(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    reach = {f["file"]: f["binaries"] for f in doc["findings"] if not f["test"]}
    assert reach == {"dhcp/main.go": ["dhcp"], "storage/main.go": ["storage"]}
