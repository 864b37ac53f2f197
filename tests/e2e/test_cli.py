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


def test_broken_deployment_yaml_is_skipped_and_strict_exits_3(tmp_path: Path) -> None:
    pod = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n'
    pod += '    env: [ {name: GODEBUG, value: "a=1"\n'
    root = _tree(tmp_path, {**GOOD, "deploy/pod.yaml": pod})
    args = (str(root), "--from", "1.26.6", "--to", "1.27", "--fail-on", "none")
    code, out = _scan(*args, "--format", "json")
    assert code == 0
    assert [s["file"] for s in json.loads(out)["skipped"]] == ["deploy/pod.yaml"]
    code, _ = _scan(*args, "--strict")
    assert code == 3


LIBRARY_DIRECTIVES = {
    "go.mod": "module example.com/l\n\ngo 1.22\n\nrequire example.org/v v1.0.0\n",
    "vendor/modules.txt": "# example.org/v v1.0.0\n## explicit\nexample.org/v\n",
    "vendor/example.org/v/v.go": "//go:debug x509sha1=1\n\npackage v\n\nfunc V() {}\n",
    "lib/lib.go": "//go:debug nosuchsetting=1\n//go:debug tls10server=1\n\npackage lib\n\nfunc F() {}\n",
    "cmd/app/main.go": 'package main\n\nimport (\n\t"example.com/l/lib"\n\t"example.org/v"\n)\n\n'
    "func main() { lib.F(); v.V() }\n",
}


def test_invalid_directives_of_imported_libraries_fail_the_binarys_build(tmp_path: Path) -> None:
    # `go build ./cmd/app` (checked by hand): Go 1.22.10 rejects nosuchsetting; Go 1.27.3 also the
    # removed tls10server=1 (lib) and x509sha1=1 (vendored): cmd/go checks every package it loads
    root = _tree(tmp_path, LIBRARY_DIRECTIVES)
    _, out = _scan(str(root), "--from", "1.22", "--to", "1.27", "--format", "json")
    doc = json.loads(out)
    (b,) = doc["binaries"]
    notes = [n for n in b["notes"] if "invalid //go:debug" in n]
    assert [(n.split(": ", 1)[0], n.split(": ", 2)[1]) for n in notes] == [
        ("build error with Go 1.22.10 already", "lib/lib.go:1"),
        ("build error with Go 1.27.3", "lib/lib.go:1"),
        ("build error with Go 1.27.3", "lib/lib.go:2"),
        ("build error with Go 1.27.3", "vendor/example.org/v/v.go:1"),
    ]
    status = {c["entry"]: c["status"] for c in b["changes"]}
    assert status["tls10server"] == status["x509-sha1-go118"] == "build-error"
