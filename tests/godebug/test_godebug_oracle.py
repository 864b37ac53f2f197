"""Oracle: our DefaultGODEBUG for >=200 generated trees equals the real Go toolchain's `go list` answer."""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from analyzer.godebug import resolve_toolchain
from tests.godebug.gentrees import generate, go_list, write_tree
from tests.godebug.oracle import ours

GO = shutil.which("go")
SEED, COUNT = 20261203, 220


def _go_version(go: str) -> str:
    return subprocess.run([go, "env", "GOVERSION"], capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.skipif(GO is None, reason="no go on PATH")
def test_default_godebug_equals_go_list(tmp_path: Path) -> None:
    assert GO is not None
    version = _go_version(GO)
    toolchain = resolve_toolchain(version.removeprefix("go"))
    trees = generate(SEED, COUNT, max_minor=toolchain.minor)
    dirs = [write_tree(t, tmp_path / "trees") for t in trees]
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(
            pool.map(lambda td: go_list(GO, td[0], td[1], tmp_path), zip(trees, dirs, strict=True))
        )
    mismatches: list[str] = []
    binaries = failed = 0
    for tree, d, real in zip(trees, dirs, answers, strict=True):
        got, errors = ours(tree, d, toolchain)
        if "*" in real:
            failed += 1
            if not errors:
                mismatches.append(f"{tree.id}: go list failed ({real['*']}) but we report no error")
            continue
        if errors:
            mismatches.append(f"{tree.id}: go list succeeded but we report {errors}")
        if set(got) != set(real):
            mismatches.append(
                f"{tree.id}: binaries differ: ours-only {sorted(set(got) - set(real))}, "
                f"go-only {sorted(set(real) - set(got))}"
            )
        for k in sorted(set(got) & set(real)):
            binaries += 1
            if got[k] != real[k]:
                mismatches.append(f"{tree.id} {k}:\n  ours {got[k]}\n  go   {real[k]}")
    assert binaries > 300 and 10 < failed < COUNT // 2
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches[:20])
