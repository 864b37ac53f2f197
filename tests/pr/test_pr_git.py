"""PR mode against a real temporary git repository: base read from git, work tree untouched."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from analyzer.errors import UsageError
from analyzer.pr import scan_pr
from analyzer.pr.git import export_tree, locate
from tests.pr.gitutil import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")

_CALL = re.compile(r"\bnet\.ParseIP\(")
_FUNC = re.compile(r"^func (?:\([^)]*\) )?(\w+)")


def toy_scan(root: Path) -> dict[str, Any]:
    """A stand-in scanner: each net.ParseIP call is a `netip-parse` finding; its fingerprint moves with
    the line, so only the PR key (entry, package dir, function, symbol) can match moved findings."""
    findings = []
    for path in sorted(root.rglob("*.go")):
        rel = path.relative_to(root).as_posix()
        func = ""
        for n, line in enumerate(path.read_text().splitlines(), start=1):
            if m := _FUNC.match(line):
                func = m.group(1)
            for m in _CALL.finditer(line):
                findings.append(
                    {
                        "entry": "netip-parse",
                        "status": "changed",
                        "file": rel,
                        "line": n,
                        "column": m.start() + 1,
                        "package": "net",
                        "symbol": "ParseIP",
                        "function": func,
                        "binaries": ["cmd/app"],
                        "fingerprint": hashlib.sha256(f"{rel}:{n}".encode()).hexdigest()[:16],  # line-bound
                    }
                )
    go_line = re.search(r"^go (\S+)", (root / "go.mod").read_text(), flags=re.M)
    changes = (
        [{"entry": "x", "godebug": "x", "status": "changed"}]
        if go_line and go_line.group(1) >= "1.23"
        else []
    )
    return {"schema_version": "1", "findings": findings, "binaries": [{"dir": "cmd/app", "changes": changes}]}


MAIN = """package main

import "net"

func main() {
\tnet.ParseIP("10.0.0.1")
}
"""

UTIL = """package util

import "net"

func Parse(s string) {
\t_ = net.ParseIP(s)
}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    r = tmp_path / "repo"
    (r / "cmd" / "app").mkdir(parents=True)
    (r / "pkg" / "util").mkdir(parents=True)
    (r / "go.mod").write_text("module example.com/m\n\ngo 1.22\n")
    (r / "cmd" / "app" / "main.go").write_text(MAIN)
    (r / "pkg" / "util" / "util.go").write_text(UTIL)
    (r / "README.md").write_text("not exported\n")
    (r / "deploy").mkdir()
    (r / "deploy" / "pod.yaml").write_text("kind: Pod\n")  # the deployment scan reads manifests
    git(r, "init", "-q", "-b", "main")
    git(r, "add", ".")
    git(r, "commit", "-q", "-m", "base")
    git(r, "checkout", "-q", "-b", "feature")
    return r


def _make_pr(r: Path) -> None:
    (r / "go.mod").write_text("module example.com/m\n\ngo 1.23\n")  # bump the go line
    moved = UTIL.replace(
        "func Parse(s string) {\n", "// Parse parses.\n//\n// It moved.\nfunc Parse(s string) {\n\n"
    )
    (r / "pkg" / "util" / "util.go").write_text(moved)  # move an old finding
    (r / "pkg" / "util" / "new.go").write_text(
        'package util\n\nimport "net"\n\nfunc Fresh() { _ = net.ParseIP("::1") }\n'
    )


def test_scripted_pr_reports_exactly_the_go_line_and_the_new_call(repo: Path) -> None:
    _make_pr(repo)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "pr")
    status_before = git(repo, "status", "--porcelain")
    out = scan_pr(repo, "main", toy_scan)
    assert out["pr"]["build_changes"] == [
        {"file": "go.mod", "kind": "go", "before": "1.22", "after": "1.23", "line": 3}
    ]
    assert [(f["file"], f["line"]) for f in out["findings"]] == [("pkg/util/new.go", 5)]
    assert out["pr"]["findings"] == {"base": 2, "head": 3, "new": 1}
    assert [b["dir"] for b in out["pr"]["binaries"]] == ["cmd/app"]
    assert git(repo, "status", "--porcelain") == status_before == ""


def test_uncommitted_work_tree_changes_count_as_head(repo: Path) -> None:
    _make_pr(repo)
    out = scan_pr(repo / "pkg" / "..", "main", toy_scan)
    assert [f["file"] for f in out["findings"]] == ["pkg/util/new.go"]
    assert [c["kind"] for c in out["pr"]["build_changes"]] == ["go"]


def test_export_writes_only_go_relevant_and_deployment_files(repo: Path, tmp_path: Path) -> None:
    dest = tmp_path / "export"
    n = export_tree(locate(repo, "main"), dest)
    names = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    assert names == ["cmd/app/main.go", "deploy/pod.yaml", "go.mod", "pkg/util/util.go"] and n == 4
    assert (dest / "cmd" / "app" / "main.go").read_text() == MAIN


def test_scanning_a_subdirectory_compares_that_subdirectory(repo: Path) -> None:
    _make_pr(repo)
    seen: list[Path] = []

    def scan(root: Path) -> dict[str, Any]:
        seen.append(root)
        return {"schema_version": "1", "findings": [], "binaries": []}

    scan_pr(repo / "pkg", "main", scan)
    assert seen[0] == repo / "pkg" and seen[1].name == "pkg" and seen[1] != seen[0]


def test_unknown_ref_and_no_repository_are_usage_errors(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown revision 'nope'"):
        locate(repo, "nope")
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(UsageError, match="not inside a git repository"):
        locate(plain, "main")


def test_a_given_head_document_is_used_and_only_the_base_is_scanned(repo: Path) -> None:
    _make_pr(repo)
    head = toy_scan(repo)
    head["suppressions"] = {"unused": [], "expired": []}
    roots: list[Path] = []

    def scan(root: Path) -> dict[str, Any]:
        roots.append(root)
        return toy_scan(root)

    out = scan_pr(repo, "main", scan, head=head)
    assert len(roots) == 1 and roots[0] != repo
    assert out["suppressions"] == head["suppressions"]
    assert [f["file"] for f in out["findings"]] == ["pkg/util/new.go"]
