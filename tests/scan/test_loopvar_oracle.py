"""Oracle: the loop variables the loop-variable pass reports are exactly those the compiler reports.

`go build -gcflags=-d=loopvar=2` in a module at `go 1.22` prints `FILE:LINE:COL: loop variable NAME
now per-iteration, ...` for every loop variable whose per-iteration copy cmd/compile's own check
(captured by a func literal, address taken) cannot rule out. The KB fixture of loopvar-go122 is
built that way; our set of (file, line, name) must equal the compiler's, both ways, but for the
fixture's `todo-want` lines (known misses, which must be misses of ours and reports of the
compiler's). Files whose
//go:build line sets a Go version keep it whatever the go line says: the pass leaves them out (the
compiler reports those at go1.22+, which a bump does not change).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analyzer.scan.files import walk
from analyzer.scan.loopscan import own_language_version, scan_loop_vars
from tests.test_kb_fixtures import parse_expectations

GO = shutil.which("go")
FIXTURE = Path(__file__).resolve().parents[2] / "testdata" / "kb" / "loopvar-go122"
_REPORT = re.compile(r"^(?:\./)?(\S+?\.go):(\d+):\d+: loop variable (\S+) now per-iteration", re.M)


def compiler_loop_vars(module: Path) -> set[tuple[str, int, str]]:
    """(file, line, name) the compiler reports for the module's packages (names without the package
    qualifier it adds to loops inlined elsewhere)."""
    assert GO is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith("GO")}
    env.update(GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="", GOWORK="off", GOENV="off", CGO_ENABLED="0")
    if "GOCACHE" in os.environ:
        env["GOCACHE"] = os.environ["GOCACHE"]
    p = subprocess.run(
        [GO, "build", "-gcflags=-d=loopvar=2", "./..."],
        cwd=module,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert p.returncode == 0, p.stderr
    return {(m.group(1), int(m.group(2)), m.group(3).rsplit(".", 1)[-1]) for m in _REPORT.finditer(p.stderr)}


@pytest.mark.skipif(GO is None, reason="no go on PATH")
def test_loop_vars_equal_the_compilers(tmp_path: Path) -> None:
    module = tmp_path / "loops"
    shutil.copytree(FIXTURE, module)
    (module / "go.mod").write_text("module example.com/loops\n\ngo 1.22\n")
    files = walk(module)
    own = {f.rel for f in files if own_language_version(f) is not None}
    assert own, "the fixture has files with a go1.N build line"
    found, skipped = scan_loop_vars(files, module)
    assert not skipped
    ours = {(x.use.file, x.use.line, x.use.symbol) for x in found}
    real = compiler_loop_vars(module)
    assert not {k for k in ours if k[0] in own}, "files with their own language version are left out"
    real = {k for k in real if k[0] not in own}
    assert len(real) > 20, "the fixture exercises the compiler's check"
    assert sorted(ours - real) == [], "reported, but the compiler keeps these loops as they were"
    known = parse_expectations(FIXTURE).lines["todo-want"].get("loopvar-go122", set())
    missed = {(f, n) for f, n, _ in real - ours}
    assert sorted(missed - known) == [], "the compiler makes these per-iteration, we miss them"
    assert sorted(known - missed) == [], "todo-want lines the compiler does not report (or we now find)"
