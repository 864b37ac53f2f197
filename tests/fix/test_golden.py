"""Golden diffs of `godebug-audit fix` per strategy: a go.mod with comments and a godebug block, a main
file with a license header and build constraint, a go.work, and the k8s-shaped example.

Rewrite with GODEBUG_AUDIT_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from analyzer.cli import main

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"

CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "module-auto": ("testdata/fix/module", ("--strategy", "auto")),
    "module-godebug": ("testdata/fix/module", ("--strategy", "godebug")),
    "module-go-debug": ("testdata/fix/module", ("--strategy", "go-debug")),
    "module-go-line": ("testdata/fix/module", ("--strategy", "go-line")),
    "module-bump-auto": ("testdata/fix/module", ("--go-line", "bump")),
    # restore: the go line moves, `godebug default=go1.23` restores its defaults, one setting pinned back
    "module-bump-go-line": ("testdata/fix/module", ("--go-line", "bump", "--strategy", "go-line")),
    "k8s-shaped-bump-go-line": ("examples/k8s-shaped", ("--go-line", "bump", "--strategy", "go-line")),
    "workspace-auto": ("testdata/fix/workspace", ("--strategy", "auto")),
    "workspace-go-debug": ("testdata/fix/workspace", ("--strategy", "go-debug")),
    # func main in one file per GOOS: each gets the //go:debug lines
    "pergoos-go-debug": ("testdata/fix/pergoos", ("--strategy", "go-debug", "--goos", "linux,windows")),
    "k8s-shaped-auto": ("examples/k8s-shaped", ()),
    "k8s-shaped-go-debug": ("examples/k8s-shaped", ("--strategy", "go-debug")),
    "k8s-shaped-bump-auto": ("examples/k8s-shaped", ("--go-line", "bump")),
    "k8s-shaped-bump-linux-windows": (
        "examples/k8s-shaped",
        ("--go-line", "bump", "--goos", "linux,windows"),
    ),
}


def run_fix(tree: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["fix", str(tree), "--to", "1.27", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    doc: dict[str, Any] = json.loads(result.output)
    return result.exit_code, doc


def transcript(args: tuple[str, ...], code: int, doc: dict[str, Any]) -> str:
    head = f"$ godebug-audit fix TREE --to 1.27 {' '.join(args)}".rstrip() + f"\n# exit {code}\n"
    pins = "".join(
        f"# pin {p['setting']}={p['value']} {p['kind']} {p['file'] or '-'} for {','.join(p['binaries'])}\n"
        for p in doc["pins"]
    )
    unfixed = "".join(
        f"# no GODEBUG fix: {u['entry']} [{u['status']}] {','.join(u['binaries'])}\n" for u in doc["unfixed"]
    )
    proof = f"# proof {'holds' if doc['proof']['ok'] else 'FAILS'}\n"
    return head + pins + unfixed + proof + doc["diff"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_diff(name: str, tmp_path: Path) -> None:
    tree, args = CASES[name]
    src = tmp_path / "tree"
    shutil.copytree(REPO / tree, src)
    code, doc = run_fix(src, *args)
    got = transcript(args, code, doc)
    path = GOLDEN / f"{name}.diff"
    if os.environ.get("GODEBUG_AUDIT_UPDATE_GOLDEN"):
        path.write_text(got)
    assert got == path.read_text()
    assert doc["proof"]["ok"], doc["proof"]


def test_crlf_tree_gets_the_same_edits_in_crlf(tmp_path: Path) -> None:
    lf, crlf = tmp_path / "lf", tmp_path / "crlf"
    shutil.copytree(REPO / "testdata/fix/module", lf)
    shutil.copytree(REPO / "testdata/fix/module", crlf)
    for p in crlf.rglob("*"):
        if p.is_file():
            p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n"))
    for tree in (lf, crlf):
        result = CliRunner().invoke(main, ["fix", str(tree), "--to", "1.27", "--write"])
        assert result.exit_code == 0, result.output
    changed = 0
    for p in sorted(lf.rglob("*")):
        if p.is_file():
            other = (crlf / p.relative_to(lf)).read_bytes()
            assert other.replace(b"\r\n", b"\n") == p.read_bytes()
            assert b"\n" not in other.replace(b"\r\n", b"")
            changed += p.read_bytes() != (REPO / "testdata/fix/module" / p.relative_to(lf)).read_bytes()
    assert changed >= 2


def test_godebug_strategy_needs_go_123(tmp_path: Path) -> None:
    shutil.copytree(REPO / "testdata/fix/module", tmp_path / "tree")
    result = CliRunner().invoke(
        main, ["fix", str(tmp_path / "tree"), "--to", "1.22", "--from", "1.21", "--strategy", "godebug"]
    )
    assert result.exit_code == 2
    assert "needs a target toolchain >= 1.23" in result.output


def test_malformed_go_mod_is_an_input_error_and_nothing_is_written(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(REPO / "testdata/fix/module", tree)
    gomod = tree / "go.mod"
    gomod.write_text(gomod.read_text() + "require (\n")
    before = gomod.read_bytes()
    result = CliRunner().invoke(main, ["fix", str(tree), "--to", "1.27", "--write"])
    assert result.exit_code == 2, result.output
    assert "go.mod" in result.output
    assert gomod.read_bytes() == before
