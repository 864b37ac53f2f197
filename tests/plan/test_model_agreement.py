"""The plan and the GODEBUG model (the `godebug` command) cannot disagree: for every e2e scenario, each
binary's compiled GODEBUG before and after the bump, and each setting change's before/after values, are
what `effective_godebug` (+ `toolchain_value` for settings the string does not name) says."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from analyzer import kb
from analyzer.cli import main
from analyzer.discovery import discover
from analyzer.godebug import binaries, effective_godebug, inputs_for, table_of, toolchain_value
from analyzer.model import Repo
from analyzer.versions import GoVersion

REPO = Path(__file__).resolve().parents[2]
TABLE = table_of(kb.settings(kb.load_entries()))

# (tree, scan arguments): the e2e scenarios on Go 1.21+ toolchains (before 1.21 there is no model)
SCENARIOS = [
    ("testdata/e2e/keep122", ("--to", "1.24")),
    ("testdata/e2e/keep122", ("--to", "1.24", "--go-line", "bump")),
    ("testdata/e2e/pinned123", ("--to", "1.27")),
    ("testdata/e2e/workspace", ("--to", "1.26", "--go-line", "bump")),
    ("examples/k8s-shaped", ("--to", "1.27")),
    ("examples/k8s-shaped", ("--to", "1.27", "--go-line", "bump")),
    ("examples/k8s-shaped", ("--from", "1.22", "--to", "1.25")),
]


def _scan(tree: Path, args: tuple[str, ...]) -> dict[str, Any]:
    r = CliRunner().invoke(main, ["scan", str(tree), *args, "--format", "json", "--no-cache"])
    assert r.exit_code in (0, 1), r.output
    doc: dict[str, Any] = json.loads(r.output)
    return doc


def _model(repo: Repo, dir_: str, toolchain: GoVersion, go_lines: dict[str, str | None]) -> Any:
    pkg = next(p for p in binaries(repo) if p.dir == dir_)
    gi = inputs_for(repo, pkg)
    bump = {f: GoVersion.parse(v) for f, v in go_lines.items() if v}
    go = bump.get(gi.go_file, gi.go_version)
    gi = replace(gi, go_version=go, modules=tuple(replace(m, go=bump.get(m.file, m.go)) for m in gi.modules))
    return effective_godebug(gi, toolchain, TABLE)


@pytest.mark.parametrize(("tree", "args"), SCENARIOS, ids=[" ".join((t, *a)) for t, a in SCENARIOS])
def test_plan_values_are_the_models(tree: str, args: tuple[str, ...]) -> None:
    root = REPO / tree
    doc = _scan(root, args)
    plan = doc["plan"]
    repo = discover(root)
    before_lines = {g["file"]: g["before"] for g in plan["go_lines"]}
    after_lines = {g["file"]: g["after"] for g in plan["go_lines"]}
    t0, t1 = GoVersion.parse(plan["from"]), GoVersion.parse(plan["to"])
    checked = 0
    for b in doc["binaries"]:
        r0 = _model(repo, b["dir"], t0, before_lines)
        r1 = _model(repo, b["dir"], t1, after_lines)
        assert b["godebug_before"] == r0.default_godebug, b["dir"]
        assert b["godebug_after"] == r1.default_godebug, b["dir"]
        set_in_main = {s["key"] for s in b["settings"] if s["source"] == "main"}
        for c in b["changes"]:
            name = c.get("godebug")
            if not name or name in set_in_main or name not in TABLE:
                continue
            for value, result, t in ((c["before"], r0, t0), (c["after"], r1, t1)):
                want = toolchain_value(result, name, TABLE, t)
                if want is not None:  # None: the toolchain does not know it (not introduced, removed)
                    assert value == want.value, (b["dir"], name, t)
                    checked += 1
    assert checked > 0
