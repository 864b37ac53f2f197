"""`scan --base` end to end: a scripted pull request in a temporary git repository, scanned for real."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from analyzer.cli import main
from tests.pr.gitutil import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")

MAIN = """package main

import (
\t"fmt"
\t"net"
\t"os"

\t"example.com/m/pkg/util"
)

func main() {
\tfmt.Println(net.ParseIP(os.Args[1]))
\tutil.Run(os.Args[2])
}
"""

UTIL = """package util

func Run(s string) {}
"""

UTIL_PR = """package util

import "net"

func Run(s string) {
\t_ = net.ParseIP(s)
}
"""

REPO = Path(__file__).resolve().parents[2]
PLAN = ("--from", "1.16", "--to", "1.19")


@pytest.fixture
def pr_repo(tmp_path: Path) -> Path:
    """main: go 1.16, one ParseIP in main(). feature: go 1.17, one more ParseIP, the old one moved down."""
    repo = tmp_path / "repo"
    (repo / "cmd" / "app").mkdir(parents=True)
    (repo / "pkg" / "util").mkdir(parents=True)
    (repo / "go.mod").write_text("module example.com/m\n\ngo 1.16\n")
    (repo / "cmd" / "app" / "main.go").write_text(MAIN)
    (repo / "pkg" / "util" / "util.go").write_text(UTIL)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "go.mod").write_text("module example.com/m\n\ngo 1.17\n")
    moved = MAIN.replace(
        "func main() {\n", "// main parses its arguments.\n//\n// It moved.\nfunc main() {\n\n"
    )
    (repo / "cmd" / "app" / "main.go").write_text(moved)
    (repo / "pkg" / "util" / "util.go").write_text(UTIL_PR)
    git(repo, "commit", "-q", "-am", "bump the go line, parse one more IP")
    return repo


def _scan(*args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["scan", *args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def test_scripted_pr_yields_the_go_line_change_and_the_one_new_finding(pr_repo: Path) -> None:
    _, full = _scan(str(pr_repo), *PLAN)
    assert sorted((f["file"], f["entry"]) for f in full["findings"]) == [
        ("cmd/app/main.go", "parseip-leading-zeros-go117"),
        ("pkg/util/util.go", "parseip-leading-zeros-go117"),
    ], "the head has two ParseIP findings; the scenario needs the scanner to see both"
    head_before = git(pr_repo, "rev-parse", "HEAD")

    code, doc = _scan(str(pr_repo), *PLAN, "--base", "main")

    pr = doc["pr"]
    assert pr["build_changes"] == [
        {"file": "go.mod", "kind": "go", "before": "1.16", "after": "1.17", "line": 3}
    ]
    findings = doc["findings"]
    assert [(f["file"], f["line"], f["entry"]) for f in findings] == [
        ("pkg/util/util.go", 6, "parseip-leading-zeros-go117")
    ]
    assert findings[0]["new_in"] == ["cmd/app"]
    assert pr["findings"] == {"base": 1, "head": 2, "new": 1}
    assert code == 1  # the new finding needs action
    jsonschema.validate(doc, json.loads((REPO / "analyzer" / "schemas" / "report.schema.json").read_text()))
    assert git(pr_repo, "status", "--porcelain") == "" and git(pr_repo, "rev-parse", "HEAD") == head_before


def test_a_pr_that_only_moves_code_reports_nothing_new(pr_repo: Path) -> None:
    git(pr_repo, "checkout", "-q", "main")
    git(pr_repo, "checkout", "-q", "-b", "move-only")
    moved = MAIN.replace("func main() {\n", "// main moved.\nfunc main() {\n\n\n")
    (pr_repo / "cmd" / "app" / "main.go").write_text(moved)  # left uncommitted: the work tree is the head
    code, doc = _scan(str(pr_repo), *PLAN, "--base", "main")
    assert doc["findings"] == []
    assert doc["pr"] == {
        "base": "main",
        "build_changes": [],
        "binaries": [],
        "findings": {"base": 1, "head": 1, "new": 0},
    }
    assert code == 0


def test_base_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/m\n\ngo 1.16\n")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), *PLAN, "--base", "main"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"godebug-audit: error: --base: {tmp_path} is not inside a git repository"
    ]


def test_a_pr_adding_the_module_compares_with_an_empty_base(pr_repo: Path) -> None:
    new = pr_repo / "tools"
    (new / "cmd" / "t").mkdir(parents=True)
    (new / "go.mod").write_text("module example.com/tools\n\ngo 1.16\n")
    (new / "cmd" / "t" / "main.go").write_text(
        MAIN.replace('\t"example.com/m/pkg/util"\n', "").replace("\tutil.Run(os.Args[2])\n", "")
    )
    # no --from: the base has no go line under tools/ to read the current toolchain from
    code, doc = _scan(str(new), "--to", "1.19", "--base", "main")
    assert "cannot tell the current toolchain" in doc["pr"]["base_error"]
    assert [f["file"] for f in doc["findings"]] == ["cmd/t/main.go"]
    assert doc["pr"]["build_changes"] == [
        {"file": "go.mod", "kind": "go", "before": None, "after": "1.16", "line": 3}
    ]
    assert code == 1


APP = """package main

import (
\t"fmt"
\t"net/http"
)

func main() {
\tdefer func() { fmt.Println(recover()) }()
\thttp.HandleFunc("/x", nil)
\tpanic(nil)
}
"""

POD = """apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: app
    env:
    - name: GOGC
      value: "200"
"""


def test_build_setting_lines_and_deployment_changes_with_their_effect_per_binary(tmp_path: Path) -> None:
    """toolchain line, .go-version, a godebug line and a //go:debug line, each reported once; per binary
    only what really switches (the toolchain change alone spells out defaults, switching nothing); of the
    manifest, only the setting the change adds (the old one moved down a line)."""
    repo = tmp_path / "repo"
    (repo / "cmd" / "app").mkdir(parents=True)
    (repo / "deploy").mkdir()
    (repo / "go.mod").write_text("module example.com/m\n\ngo 1.22\n")
    (repo / ".go-version").write_text("1.22.10\n")
    (repo / "cmd" / "app" / "main.go").write_text(APP)
    (repo / "deploy" / "app.yaml").write_text(POD)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "go.mod").write_text(
        "module example.com/m\n\ngo 1.22\n\ntoolchain go1.23.4\n\ngodebug panicnil=1\n"
    )
    (repo / ".go-version").write_text("1.23.4\n")
    (repo / "cmd" / "app" / "main.go").write_text("//go:debug httpmuxgo121=1\n" + APP)
    pod = POD.replace("  name: app\n", "  name: app\n  labels: {a: b}\n", 1)
    (repo / "deploy" / "app.yaml").write_text(pod + '    - name: GODEBUG\n      value: "x509sha1=1"\n')
    git(repo, "commit", "-q", "-am", "pin the toolchain, keep two old behaviors, set GODEBUG")

    _, doc = _scan(str(repo), "--to", "1.24", "--base", "main")

    pr = doc["pr"]
    assert pr["build_changes"] == [
        {"file": ".go-version", "kind": "go-version", "before": "1.22.10", "after": "1.23.4", "line": 1},
        {
            "file": "cmd/app/main.go",
            "kind": "go:debug",
            "before": None,
            "after": "1",
            "line": 1,
            "setting": "httpmuxgo121",
        },
        {"file": "go.mod", "kind": "toolchain", "before": None, "after": "go1.23.4", "line": 5},
        {"file": "go.mod", "kind": "godebug", "before": None, "after": "1", "line": 7, "setting": "panicnil"},
    ]
    (app,) = pr["binaries"]
    assert app["dir"] == "cmd/app"
    assert [(c["godebug"], c["before"], c["after"]) for c in app["now"]] == [
        ("httpmuxgo121", "0", "1"),
        ("panicnil", "0", "1"),
    ]
    assert [(d["key"], d["value"], d["line"]) for d in doc["deploy"]] == [("x509sha1", "1", 14)]
    assert pr["deploy"] == {"base": 1, "head": 2, "new": 1}
    jsonschema.validate(doc, json.loads((REPO / "analyzer" / "schemas" / "report.schema.json").read_text()))
    assert git(repo, "status", "--porcelain") == ""
