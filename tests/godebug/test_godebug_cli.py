"""`godebug-audit godebug`: the JSON contract, plain text, exit codes."""

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


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["godebug", *args])
    return r.exit_code, r.stdout, r.stderr


FILES = {
    "go.mod": "module example.com/m\n\ngo 1.26\n\ngodebug panicnil=1\n",
    "main.go": "//go:debug http2client=0\npackage main\n\nfunc main() {}\n",
    "cmd/b/main.go": "package main\n\nfunc main() {}\n",
    "cmd/b/main_test.go": "//go:debug netdns=go\npackage main\n",
    "lib/l.go": "package lib\n",
}


def test_json_contract(tmp_path: Path) -> None:
    code, out, _ = _run(str(_tree(tmp_path, FILES)), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert (doc["toolchain"], doc["toolchain_version"], doc["goos"]) == ("1.27", "1.27.3", "linux")
    assert [(b["dir"], b["import_path"]) for b in doc["main_packages"]] == [
        (".", "example.com/m"),
        ("cmd/b", "example.com/m/cmd/b"),
    ]
    root = doc["main_packages"][0]
    assert (
        root["default_godebug"] == "http2client=0,panicnil=1,tracebacklabels=0,x509sslcertoverrideplatform=0"
    )
    assert root["settings"][0] == {
        "name": "http2client",
        "value": "0",
        "source": {"kind": "directive", "file": "main.go", "line": 1},
    }
    assert root["settings"][1]["source"] == {"kind": "gomod", "file": "go.mod", "line": 5}
    assert root["settings"][2]["source"] == {"kind": "go-line", "file": "go.mod", "line": 3}
    assert (
        doc["main_packages"][1]["default_godebug"]
        == "panicnil=1,tracebacklabels=0,x509sslcertoverrideplatform=0"
    )


def test_test_binaries_and_toolchain(tmp_path: Path) -> None:
    code, out, _ = _run(str(_tree(tmp_path, FILES)), "--format", "json", "--test", "--toolchain", "1.26")
    assert code == 0
    doc = json.loads(out)
    assert doc["toolchain_version"] == "1.26.6"
    assert [(b["import_path"], b["default_godebug"]) for b in doc["main_packages"]] == [
        ("example.com/m/cmd/b.test", "netdns=go,panicnil=1")
    ]


def test_text_is_deterministic(tmp_path: Path) -> None:
    root = str(_tree(tmp_path, FILES))
    code, a, _ = _run(root)
    assert code == 0 and a == _run(root)[1]
    assert "  http2client                  0  directive  main.go:1" in a.splitlines()


def test_exit_codes(tmp_path: Path) -> None:
    bad = _tree(
        tmp_path / "bad", {"go.mod": "module m\n\ngo 1.27\n\ngodebug a=1,b=2\n", "m.go": "package main\n"}
    )
    code, _, err = _run(str(bad))
    assert code == 2 and err.strip() == "godebug-audit: error: go.mod:5: usage: godebug key=value"
    code, _, err = _run(str(bad), "--toolchain", "1.19")
    assert code == 2 and "--toolchain" in err
    fails = _tree(
        tmp_path / "fails", {"go.mod": "module m\n\ngo 1.27\n", "m.go": "//go:debug foo=1\npackage main\n"}
    )
    code, out, _ = _run(str(fails), "--format", "json")
    assert code == 1
    diag = json.loads(out)["main_packages"][0]["diagnostics"]
    assert diag == [
        {
            "severity": "error",
            "kind": "unknown-setting",
            "message": 'invalid //go:debug: unknown //go:debug setting "foo"',
            "file": "m.go",
            "line": 1,
        }
    ]
    assert _run(str(fails), "--toolchain", "1.28")[0] == 2
