"""The compiled GODEBUG each binary gets after the bump, checked against the real `go list` (Go on PATH).

For `--go-line bump` the tree is copied and its go lines moved with `go mod edit` / `go work edit`, the
way a team would do the bump, then `go list -f {{.DefaultGODEBUG}}` runs once over every binary.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import main

REPO = Path(__file__).resolve().parents[2]
GO = shutil.which("go")
pytestmark = pytest.mark.skipif(GO is None, reason="no go on PATH")


def _go(cwd: Path, *args: str, tmp: Path) -> str:
    env = {
        **os.environ,
        "GOTOOLCHAIN": "local",
        "GOPROXY": "off",
        "GOFLAGS": "",
        "GOPATH": str(tmp / "gopath"),
        "GOCACHE": str(tmp / "gocache"),
        "GOOS": "linux",
        "GOARCH": "amd64",
    }
    env.pop("GOWORK", None)
    env.pop("GODEBUG", None)
    assert GO is not None
    out = subprocess.run([GO, *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return out.stdout


def _version() -> str:
    assert GO is not None
    out = subprocess.run([GO, "env", "GOVERSION"], capture_output=True, text=True, check=True).stdout
    return out.strip().removeprefix("go")


def _scan(tree: Path, *args: str) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(
        main, ["scan", str(tree), "--to", _version(), "--no-cache", "--format", "json", *args]
    )
    assert result.exit_code in (0, 1), result.output
    doc: dict = json.loads(result.output)  # type: ignore[type-arg]
    return doc


@pytest.mark.parametrize("bump", [False, True])
@pytest.mark.parametrize("tree", ["examples/k8s-shaped", "testdata/e2e/workspace", "testdata/e2e/keep122"])
def test_compiled_godebug_after_matches_go_list(tree: str, bump: bool, tmp_path: Path) -> None:
    src = tmp_path / "tree"
    shutil.copytree(REPO / tree, src)
    doc = _scan(src, *(["--go-line", "bump"] if bump else []))
    if bump:
        line = doc["plan"]["go_line"]
        for g in doc["plan"]["go_lines"]:
            d = (src / g["file"]).parent
            cmd = "work" if g["file"].endswith("go.work") else "mod"
            _go(d, cmd, "edit", f"-go={line}", tmp=tmp_path)
    dirs = [b["dir"] for b in doc["binaries"]]
    out = _go(src, "list", "-f", "{{.Dir}}\t{{.DefaultGODEBUG}}", *[f"./{d}" for d in dirs], tmp=tmp_path)
    real = {}
    for row in out.splitlines():
        d, _, value = row.partition("\t")
        real[Path(d).resolve().relative_to(src.resolve()).as_posix()] = value
    assert {b["dir"]: b["godebug_after"] for b in doc["binaries"]} == real


def _apply(root: Path, edit: dict) -> None:  # type: ignore[type-arg]
    """Apply one machine-applicable edit of the scan document (insert `text` before `line`)."""
    path = root / edit["file"]
    lines = path.read_text().splitlines(keepends=True)
    at = (edit["line"] or len(lines) + 1) - 1
    if edit["kind"] == "remove":
        assert edit["old"] in lines[at]
        del lines[at]
    else:
        lines.insert(at, edit["text"])
    path.write_text("".join(lines))


def test_godebug_default_edit_restores_the_old_defaults(tmp_path: Path) -> None:
    """Bump the go line of keep122, paste the offered `godebug default=` edit: go list gives back the
    compiled defaults the old go line had (the KEP-3744 recipe, checked with the real toolchain)."""
    src = tmp_path / "tree"
    shutil.copytree(REPO / "testdata/e2e/keep122", src)
    kept = _scan(src)["binaries"][0]["godebug_after"]
    doc = _scan(src, "--go-line", "bump")
    change = next(
        c for b in doc["binaries"] for c in b["changes"] if c["status"] == "changed" and c["mitigations"]
    )
    default = next(m for m in change["mitigations"] if "default=go" in m["text"])
    _go(src, "mod", "edit", f"-go={doc['plan']['go_line']}", tmp=tmp_path)
    for e in default["edits"]:
        _apply(src, e)
    out = _go(src, "list", "-f", "{{.DefaultGODEBUG}}", "./cmd/server", tmp=tmp_path).strip()
    assert out == kept


def test_removing_the_pinned_removed_setting_fixes_the_build(tmp_path: Path) -> None:
    src = tmp_path / "tree"
    shutil.copytree(REPO / "testdata/e2e/pinned123", src)
    doc = _scan(src)
    fix = next(
        m
        for b in doc["binaries"]
        for c in b["changes"]
        if c["status"] == "build-error"
        for m in c["mitigations"]
        if m["edits"]
    )
    for e in fix["edits"]:
        _apply(src, e)
    _go(src, "build", "-o", os.devnull, "./cmd/agent", tmp=tmp_path)
    assert _scan(src)["summary"]["changes"].get("build-error") is None
