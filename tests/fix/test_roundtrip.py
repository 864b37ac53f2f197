"""fix + proof round trips: after `fix --write`, `scan` for the same plan reports every GODEBUG-fixable
change as mitigated, re-running fix is a no-op, and the real `go list` (one call per tree) compiles in
what the proof says: the model's string after the fix, with every kept setting at its value before.

Trees: the k8s-shaped example (each strategy, go line kept and bumped) and generated modules (go lines,
current toolchains, godebug lines, //go:debug lines, workspaces and strategies drawn from a seed).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.fix.verify import go_env
from analyzer.plan.stages import load_kb
from analyzer.versions import GoVersion

REPO = Path(__file__).resolve().parents[2]
GO = shutil.which("go")
FIXABLE = {"godebug-gomod", "godebug-directive"}


def _cli(*args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.output
    doc: dict[str, Any] = json.loads(result.output)
    return result.exit_code, doc


def _go_list(tree: Path, dirs: list[str], tmp: Path) -> dict[str, str]:
    """dir -> DefaultGODEBUG, one go list over every binary (scrubbed env, nothing downloaded)."""
    assert GO is not None
    env = go_env(tmp, "linux", "amd64")
    out = subprocess.run(
        [GO, "list", "-f", "{{.Dir}}\t{{.DefaultGODEBUG}}", *[f"./{d}" for d in dirs]],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    real = {}
    for row in out.splitlines():
        d, _, value = row.partition("\t")
        real[Path(d).resolve().relative_to(tree.resolve()).as_posix()] = value
    return real


def _value(godebug: str, name: str) -> str | None:
    _, settings = load_kb()
    for kv in godebug.split(","):
        k, _, v = kv.partition("=")
        if k == name:
            return v
    s = settings.get(name)
    return s.new if s is not None else None


def roundtrip(tree: Path, tmp: Path, *args: str) -> dict[str, Any]:
    """fix --write, then the checks; returns fix's JSON document."""
    code, doc = _cli("fix", str(tree), "--write", "--format", "json", *args)
    assert code == 0 and doc["proof"]["ok"], json.dumps(doc["proof"], indent=1)
    # re-running is a no-op
    code2, again = _cli("fix", str(tree), "--format", "json", *args)
    assert code2 == 0 and again["files"] == [] and again["diff"] == ""
    # scan for the same plan: no GODEBUG-fixable change left, every pin mitigated where it was made
    plan = ["--to", doc["plan"]["to"], "--from", doc["plan"]["from"], "--no-cache"]
    if "--go-line" in args:
        plan += ["--go-line", args[args.index("--go-line") + 1]]
    _, scan = _cli("scan", str(tree), "--format", "json", "--fail-on", "none", *plan)
    status = {(b["dir"], c["godebug"]): c["status"] for b in scan["binaries"] for c in b["changes"]}
    for b in scan["binaries"]:
        for c in b["changes"]:
            kinds = {m["kind"] for m in c["mitigations"]}
            assert not (c["status"] == "changed" and kinds & FIXABLE), (b["dir"], c)
    after = {b["dir"]: b["godebug_after"].split(",") for b in scan["binaries"]}
    for p in (p for p in doc["pins"] if p["setting"] != "default"):  # default= restores a go line
        for b in p["binaries"]:
            # with the go line already moved by the fix, the scan sees no change left to report
            moved = status.get((b, p["setting"])) is None and "--go-line" in args
            assert status.get((b, p["setting"])) == "mitigated" or moved, (b, p)
            assert f"{p['setting']}={p['value']}" in after[b], (b, p)
    # the real toolchain agrees with the proof
    if GO is not None:
        binaries = doc["proof"]["binaries"]
        real = _go_list(tree, sorted({b["binary"] for b in binaries}), tmp)
        for b in binaries:
            assert real[b["binary"]] == b["compiled_after"], b["binary"]
            for s in b["settings"]:
                if s["outcome"] == "kept":
                    assert _value(real[b["binary"]], s["name"]) == s["before"], (b["binary"], s)
    return doc


@pytest.mark.parametrize(
    "args",
    [
        ("--strategy", "auto"),
        ("--strategy", "godebug"),
        ("--strategy", "go-debug"),
        ("--strategy", "go-line"),
        ("--go-line", "bump"),
        ("--go-line", "bump", "--strategy", "go-debug"),
        ("--go-line", "bump", "--strategy", "go-line"),
    ],
)
def test_example_roundtrip(args: tuple[str, ...], tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(REPO / "examples/k8s-shaped", tree)
    doc = roundtrip(tree, tmp_path, "--to", "1.27.3", *args)
    if args != ("--strategy", "go-line"):  # with the go line kept, keeping it changes nothing
        assert doc["pins"]


# --------------------------------------------------------------------------- generated modules

MODELLED = {21: "1.21.13", 22: "1.22.10", 23: "1.23.9", 24: "1.24.11", 25: "1.25.5", 26: "1.26.6"}
HEADERS = (
    "",
    "// Command {name} does things.\n",
    "// Copyright 2026 The Authors.\n// SPDX-License-Identifier: MIT\n\n//go:build linux\n\n",
    "/*\nCopyright 2026 The Authors.\n*/\n\n// Package main is {name}.\n",
)


def _pool(frm: str) -> list[tuple[str, str]]:
    """(setting, value) known to the current toolchain and to Go 1.27.3, not removed."""
    _, settings = load_kb()
    f, t = GoVersion.parse(frm), GoVersion.parse("1.27.3")
    out = []
    for s in sorted(settings.values(), key=lambda s: s.name):
        if s.known_by(f) and s.known_by(t) and s.old is not None and s.new is not None and s.changed:
            out += [(s.name, s.old), (s.name, s.new)]
    return out


def generate(seed: int, root: Path) -> tuple[str, ...]:
    """A module (or a two-module workspace) with 1-3 binaries; returns the fix arguments."""
    rng = random.Random(seed)
    g = rng.randint(21, 26)
    f = rng.randint(g, 26)
    frm = MODELLED[f]
    pool = _pool(frm)
    ws = rng.random() < 0.35
    mod_dir = root / "app" if ws else root
    mod_dir.mkdir(parents=True, exist_ok=True)
    lines = [f"module example.com/gen{seed}", "", f"go 1.{g}.0", ""]
    if f >= 23 and not ws:
        pins = rng.sample(pool, rng.randint(0, 2))
        if len(pins) == 2 and rng.random() < 0.5:
            lines += ["godebug (", *[f"\t{k}={v}" for k, v in dict(pins).items()], ")"]
        else:
            lines += [f"godebug {k}={v}" for k, v in dict(pins).items()]
    (mod_dir / "go.mod").write_text("\n".join(lines) + "\n")
    if ws:
        (root / "lib").mkdir()
        (root / "lib" / "go.mod").write_text(f"module example.com/lib{seed}\n\ngo 1.{g}.0\n")
        (root / "lib" / "lib.go").write_text("package lib\n\nfunc Run() {}\n")
        (root / "go.work").write_text(f"go 1.{g}.0\n\nuse (\n\t./app\n\t./lib\n)\n")
    for i in range(rng.randint(1, 3)):
        d = mod_dir / "cmd" / f"b{i}"
        d.mkdir(parents=True)
        head = rng.choice(HEADERS).format(name=f"b{i}")
        if rng.random() < 0.4 and pool:
            k, v = rng.choice(pool)
            head += f"//go:debug {k}={v}\n"
        imp = f'import "example.com/lib{seed}"\n\n' if ws else ""
        body = f"lib{seed}.Run()" if ws else ""
        (d / "main.go").write_text(f"{head}package main\n\n{imp}func main() {{ {body} }}\n")
    strategy = rng.choice(["auto", "godebug", "go-debug", "go-line"])
    bump = ("--go-line", "bump") if rng.random() < 0.5 else ()
    return ("--to", "1.27.3", "--from", frm, "--strategy", strategy, *bump)


@pytest.mark.parametrize("seed", range(16))
def test_generated_roundtrip(seed: int, tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    args = generate(seed, tree)
    roundtrip(tree, tmp_path, *args)
