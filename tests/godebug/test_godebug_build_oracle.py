"""Oracle: the //go:debug errors we predict are exactly those `go build ./...` reports (checkDirectives).

go list accepts invalid //go:debug lines (it drops them); go build rejects them in every package it
compiles, main or not. Generated trees with many bad directives; one `go build` per tree.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from analyzer.discovery import discover
from analyzer.godebug import directive_diagnostics, package_units, resolve_toolchain, table_of
from analyzer.kb import load_entries, settings
from tests.godebug.gentrees import Tree, generate, go_env, write_tree
from tests.godebug.oracle import ours

GO = shutil.which("go")
_LINE = re.compile(r"^(?:\./)?(\S+?):(\d+):\d+: (invalid //go:debug: .*|repeated //go:debug for \S+)$", re.M)


def _go_build(tree: Tree, d: Path, cache: Path) -> set[tuple[str, int, str]] | None:
    assert GO is not None
    p = subprocess.run(
        [GO, "build", *tree.patterns],
        cwd=d,
        env=go_env(GO, cache, tree),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if p.returncode != 0 and not _LINE.search(p.stderr) and "no Go files" not in p.stderr:
        return None  # failed for another reason (module loading): not this test's business
    return {(m.group(1), int(m.group(2)), m.group(3)) for m in _LINE.finditer(p.stderr)}


def _as_libraries(tree: Tree) -> Tree:
    files = {k: v.replace("package main\n", "package mainlib\n") for k, v in tree.files.items()}
    return Tree(tree.id, files, tree.env, tree.workspace, tree.patterns)


@pytest.mark.skipif(GO is None, reason="no go on PATH")
def test_directive_errors_equal_go_build(tmp_path: Path) -> None:
    assert GO is not None
    version = subprocess.run([GO, "env", "GOVERSION"], capture_output=True, text=True, check=True).stdout
    toolchain = resolve_toolchain(version.strip().removeprefix("go"))
    table = table_of(settings(load_entries()))
    # as libraries: checkDirectives treats every package alike, and go build then compiles without linking
    gen = generate(424242, 70, max_minor=toolchain.minor, godebug_rate=0.1)
    trees = [_as_libraries(t) for t in gen if not t.cwd]
    dirs = [write_tree(t, tmp_path / "trees") for t in trees]
    loadable = [(t, d) for t, d in zip(trees, dirs, strict=True) if not ours(t, d, toolchain)[1]]
    with ThreadPoolExecutor(max_workers=4) as pool:
        real = list(pool.map(lambda td: _go_build(td[0], td[1], tmp_path), loadable))
    compared = with_errors = 0
    mismatches = []
    for (tree, d), got_go in zip(loadable, real, strict=True):
        if got_go is None:
            continue
        repo = discover(d, goos=tree.env.get("GOOS", "linux"), workspace=tree.workspace, toolchain=toolchain)
        mine = set()
        for p in repo.packages:
            if p.vendor or not p.name:  # no non-test files: go build skips it
                continue
            if repo.workspace is not None and p.module_dir not in repo.workspace.uses:
                continue  # not matched by the used modules' patterns
            for unit in package_units(p):
                for diag in directive_diagnostics(unit, toolchain, table):
                    mine.add((diag.file, diag.line, diag.message.split(" (previous at ")[0]))
        compared += 1
        with_errors += bool(got_go)
        if mine != got_go:
            mismatches.append(f"{tree.id}: ours-only {sorted(mine - got_go)} go-only {sorted(got_go - mine)}")
    assert compared > 35 and with_errors > 10
    assert not mismatches, "\n".join(mismatches[:15])
