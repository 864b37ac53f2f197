"""Our `--toolchain 1.21` .. `1.26` answers equal the recorded `go list` of those exact patch releases.

The trees are regenerated from the seeds in testdata/golist/*.json (tools/record_go_list.py wrote them);
no Go toolchain is needed here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.godebug import resolve_toolchain
from tests.godebug.gentrees import generate, write_tree
from tests.godebug.oracle import ours

DATA = Path(__file__).resolve().parents[2] / "testdata" / "golist"
RECORDS = sorted(DATA.glob("*.json"))


def test_every_older_toolchain_is_recorded() -> None:
    assert [p.stem for p in RECORDS] == ["1.21.13", "1.22.10", "1.23.9", "1.24.11", "1.25.5", "1.26.6"]


@pytest.mark.parametrize("record", RECORDS, ids=[p.stem for p in RECORDS])
def test_recorded_go_list(record: Path, tmp_path: Path) -> None:
    doc = json.loads(record.read_text())
    toolchain = resolve_toolchain(doc["toolchain"])
    assert str(toolchain) == doc["toolchain"]
    trees = generate(doc["seed"], doc["count"], max_minor=doc["max_minor"], godebug_rate=doc["godebug_rate"])
    answers: dict[str, dict[str, str]] = doc["answers"]
    assert sorted(answers) == [t.id for t in trees]
    mismatches: list[str] = []
    binaries = 0
    for tree in trees:
        real = answers[tree.id]
        got, errors = ours(tree, write_tree(tree, tmp_path), toolchain)
        if "*" in real:
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
    assert binaries > 100
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches[:15])
