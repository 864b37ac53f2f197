"""`kb check-upstream` and tools/gen_settings.py against the real Go 1.27.3 table and mutated copies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analyzer.kb import load_entries
from analyzer.kb.table import TABLE_PATH, parse_table, read_table
from analyzer.kb.upstream import compare

ROOT = Path(__file__).resolve().parents[2]


def _goroot() -> Path:
    go = shutil.which("go")
    if go is None:
        pytest.skip("no go on PATH")
    env = {**os.environ, "GOTOOLCHAIN": "local", "GOFLAGS": "", "GOPROXY": "off"}
    out = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, check=True, env=env)
    return Path(out.stdout.strip())


def _fake_goroot(tmp_path: Path, text: str, version: str) -> Path:
    g = tmp_path / "goroot"
    (g / TABLE_PATH).parent.mkdir(parents=True)
    (g / TABLE_PATH).write_text(text)
    (g / "VERSION").write_text(f"go{version}\ntime 2026-01-01T00:00:00Z\n")
    return g


def test_kb_upstream_matches_installed_go() -> None:
    table = read_table(_goroot())
    assert table.version is not None and len(table.all) > 40
    assert [str(d) for d in compare(load_entries(), table)] == []


def test_kb_upstream_finds_mutations(tmp_path: Path) -> None:
    real = read_table(_goroot())
    text = Path(real.path).read_text()
    mutated = text.replace(
        '{Name: "panicnil", Package: "runtime", Changed: 21, Old: "1"}',
        '{Name: "panicnil", Package: "runtime", Changed: 22, Old: "1"}',
    )
    mutated = re.sub(r'\n\t\{Name: "winsymlink"[^\n]*', "", mutated)
    mutated = mutated.replace(
        "var All = []Info{\n",
        'var All = []Info{\n\t{Name: "aaanewsetting", Package: "net", Changed: 28, Old: "0"},\n',
    )
    mutated = mutated.replace('{Name: "tls3des", Removed: 27', '{Name: "tls3des", Removed: 26')
    assert mutated.count("\n") == text.count("\n")
    table = read_table(_fake_goroot(tmp_path, mutated, str(real.version)))
    found = {(d.name, d.field) for d in compare(load_entries(), table)}
    assert found == {
        ("aaanewsetting", "setting"),
        ("panicnil", "changed"),
        ("winsymlink", "known_since"),
        ("tls3des", "removed"),
    }


def test_kb_upstream_cli(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    ok = subprocess.run(
        [sys.executable, "-m", "analyzer.cli", "kb", "check-upstream", str(_goroot())],
        capture_output=True,
        text=True,
        env=env,
    )
    assert ok.returncode == 0 and ok.stdout == "" and "0 difference(s)" in ok.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "analyzer.cli", "kb", "check-upstream", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert (
        bad.returncode == 2
        and bad.stderr.startswith("godebug-audit: error: ")
        and "Traceback" not in bad.stderr
    )


def test_kb_table_parses_removed_predicates() -> None:
    text = """var All = []Info{
\t{Name: "a", Package: "p", Changed: 3, Old: "x", Opaque: true},
\t//{Name: "gone", Package: "p"},
}

var Removed = []RemovedInfo{
\t{Name: "b", Removed: 24, Old: one},
\t{Name: "c", Removed: 27, Old: func(s string) bool { return s == "1" || s == "2" }}, // Old: "1" or "2"
}
"""
    t = parse_table(text)
    assert list(t.all) == ["a"] and t.all["a"].opaque and t.all["a"].old == "x" and t.all["a"].line == 2
    assert (t.removed["b"].removed, t.removed["b"].old) == (24, "1")
    assert (t.removed["c"].removed, t.removed["c"].old) == (27, "1")


def test_kb_gen_settings_adds_a_new_setting(tmp_path: Path) -> None:
    """The CONTRIBUTING.md flow: a new toolchain's table with one more setting yields one new entry."""
    real = read_table(_goroot())
    text = (
        Path(real.path)
        .read_text()
        .replace(
            "var All = []Info{\n",
            'var All = []Info{\n\t{Name: "zzfuture", Package: "net/http", Changed: 28, Old: "1"},\n',
        )
    )
    goroot = _fake_goroot(tmp_path, text, "1.28.0")
    entries = tmp_path / "knowledge" / "entries"
    shutil.copytree(ROOT / "knowledge" / "entries", entries)
    before = {p.name: p.read_text() for p in entries.glob("*.yaml")}
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "gen_settings.py"),
            "--entries",
            str(entries),
            str(_goroot()),
            str(goroot),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    after = {p.name: p.read_text() for p in entries.glob("*.yaml")}
    assert set(after) - set(before) == {"zzfuture.yaml"}
    assert {n for n in before if before[n] != after[n]} == set()
    e = {x.id: x for x in load_entries(tmp_path / "knowledge")}["zzfuture"]
    assert e.godebug is not None and e.godebug.changed == 28 and e.godebug.old == "1" and e.godebug.new == "0"
    assert [str(v) for v in e.godebug.known_since] == ["1.28"]
    from analyzer.kb.validate import validate_directory

    todo = [p.message for p in validate_directory(tmp_path / "knowledge") if p.file.endswith("zzfuture.yaml")]
    assert todo == ["title still holds a TODO placeholder", "summary still holds a TODO placeholder"]
    assert [str(d) for d in compare(load_entries(tmp_path / "knowledge"), read_table(goroot))] == []
