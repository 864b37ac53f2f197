"""Every knowledge-base fixture: `testdata/kb/<id>/` Go files carry their expectations on the line.

- `// want ID [ID...]`: a use on this line must match entry ID as certain or possible;
- `// ok ID [ID...]`: no such match for ID on this line (unaffected and neutralized are fine);
- `// todo-want ID`: a known miss; the test fails once it matches, so the line gets promoted to `want`.

Several markers may share one comment, separated by `;` (`// want a; ok b`). For every ID named in
a directory (and the directory's own ID), a certain/possible match on a line without `want ID` fails.
Each directory is copied to a temp dir (a `go.mod` is added when it has none), discovered, scanned,
and matched against the whole KB.

Entries that affect whole binaries (no `affects`, no setting: the GC pacer, the compiler's nil check)
are checked a level up: `// binary STATUS ID` in a main package says what `godebug-audit scan` reports
for that binary and entry, for a bump from the Go minor before the entry's to the entry's own.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from analyzer.match import match_uses, targets
from analyzer.model import Effect, Entry, Kind, Match

ROOT = Path(__file__).resolve().parent.parent
KB_FIXTURES = ROOT / "testdata" / "kb"
FIXTURE_DIRS = sorted(p for p in KB_FIXTURES.iterdir() if p.is_dir()) if KB_FIXTURES.is_dir() else []
KINDS = ("want", "ok", "todo-want")
_BINARY = re.compile(r"//\s*binary\s+([a-z-]+)\s+([A-Za-z0-9][A-Za-z0-9._-]*)\s*$")
_MARK = re.compile(r"//\s*((?:todo-want|want|ok)\s[^/]*)$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
FIXTURE_GOOS = ("linux", "darwin", "windows")


class KnownMiss(UserWarning):
    """A `todo-want` line: a use the stages are known not to report yet."""


@dataclass
class Expectations:
    # kind -> entry id -> set of (file, line)
    lines: dict[str, dict[str, set[tuple[str, int]]]] = field(
        default_factory=lambda: {k: {} for k in KINDS}
    )

    def add(self, kind: str, entry: str, where: tuple[str, int]) -> None:
        self.lines[kind].setdefault(entry, set()).add(where)

    def ids(self) -> set[str]:
        return {i for per in self.lines.values() for i in per}

    def count(self, kind: str) -> int:
        return sum(len(v) for v in self.lines[kind].values())


def parse_expectations(root: Path) -> Expectations:
    """The `want`/`ok`/`todo-want` markers of every .go file under root (paths relative, `/`)."""
    exp = Expectations()
    for path in sorted(root.rglob("*.go")):
        rel = path.relative_to(root).as_posix()
        for n, line in enumerate(path.read_text().splitlines(), start=1):
            m = _MARK.search(line)
            if m is None:
                continue
            for part in m.group(1).split(";"):
                words = part.split()
                if not words:
                    continue
                kind, ids = words[0], words[1:]
                if kind not in KINDS or not ids or not all(_ID.match(i) for i in ids):
                    raise AssertionError(f"{rel}:{n}: malformed expectation {part.strip()!r}")
                for i in ids:
                    exp.add(kind, i, (rel, n))
    return exp


def _load_entries() -> list[Entry]:
    kb = pytest.importorskip("analyzer.kb", reason="the KB loader (analyzer.kb) has not landed")
    loaded: Any = kb.load_entries()
    items: Iterable[Entry] = loaded.values() if isinstance(loaded, Mapping) else loaded
    return sorted(items, key=lambda e: e.id)


def _stage(module: str, name: str) -> Callable[..., Any]:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        pytest.skip(f"{module} has not landed")
    fn = getattr(mod, name, None)
    if fn is None:
        pytest.skip(f"{module}.{name} has not landed")
    return fn  # type: ignore[no-any-return]


def _copy_fixture(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    if not any(dest.rglob("go.mod")):
        (dest / "go.mod").write_text(f"module example.com/kb/{src.name}\n\ngo 1.27\n")
    return dest


def scan_fixture(root: Path, entries: Sequence[Entry]) -> tuple[Match, ...]:
    """Discover, scan and match one fixture tree (the stages' public entry points); entries with a
    syntax pass (`syntax: loopvar`) get its matches over every file, as when the module's go line
    crosses the entry's release."""
    wanted = targets(entries)
    try:
        discover = importlib.import_module("analyzer.discovery").discover
    except (ImportError, AttributeError):  # before discovery lands: the scanner's own file walk
        results = [_stage("analyzer.scan", "scan_tree")(root, wanted, jobs=1)]
    else:
        scan_repo = _stage("analyzer.scan", "scan_repo")
        # one discovery per GOOS, as the planner does, so Windows-only files are scanned too
        results = [scan_repo(discover(root, goos=g), wanted, root=root, jobs=1) for g in FIXTURE_GOOS]
    skipped = sorted({s for r in results for s in r.skipped}, key=str)
    assert not skipped, f"the scanner skipped fixture files: {skipped}"
    uses = {(u.file, u.line, u.column, u.package, u.symbol, u.kind, u.write): u
            for r in results for u in r.uses}
    matches = match_uses(entries, [uses[k] for k in sorted(uses, key=str)])
    return (*matches, *loop_var_fixture_matches(root, entries))


def loop_var_fixture_matches(root: Path, entries: Sequence[Entry]) -> list[Match]:
    """The loop-variable pass over every Go file of a fixture tree, as matches of its syntax entries."""
    if not any(e.syntax is not None for e in entries):
        return []
    from analyzer.match import match_loop_vars
    from analyzer.scan.files import walk
    from analyzer.scan.loopscan import scan_loop_vars

    found, skipped = scan_loop_vars(walk(root), root)
    assert not skipped, f"the loop-variable pass skipped fixture files: {skipped}"
    return match_loop_vars(entries, found)


def _reported(matches: Iterable[Match]) -> dict[str, set[tuple[str, int]]]:
    out: dict[str, set[tuple[str, int]]] = {}
    for m in matches:
        if m.effect in (Effect.CERTAIN, Effect.POSSIBLE):
            out.setdefault(m.entry, set()).add((m.use.file, m.use.line))
    return out


def compare(exp: Expectations, matches: Sequence[Match], own_id: str) -> list[str]:
    """Every way the matches disagree with the markers (empty when they agree)."""
    got = _reported(matches)
    why = {(m.entry, m.use.file, m.use.line): f"{m.effect.value}: {m.reason}" for m in matches}
    problems: list[str] = []
    for i, lines in sorted(exp.lines["want"].items()):
        for f, n in sorted(lines - got.get(i, set())):
            extra = why.get((i, f, n))
            problems.append(f"{f}:{n}: want {i}, got " + (extra or "no match"))
    for kind in ("ok", "todo-want"):
        for i, lines in sorted(exp.lines[kind].items()):
            for f, n in sorted(lines & got.get(i, set())):
                hint = " (a known miss now matches: promote it to want)" if kind == "todo-want" else ""
                problems.append(f"{f}:{n}: {kind} {i}, but it matched {why[(i, f, n)]}{hint}")
    for i in sorted(exp.ids() | {own_id}):
        marked = set().union(*(exp.lines[k].get(i, set()) for k in KINDS))
        for f, n in sorted(got.get(i, set()) - marked):
            problems.append(f"{f}:{n}: unexpected {i} match ({why[(i, f, n)]}); mark the line")
    return problems


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return _load_entries()


@pytest.mark.parametrize("fixture", FIXTURE_DIRS, ids=[p.name for p in FIXTURE_DIRS])
def test_fixture(fixture: Path, entries: list[Entry], tmp_path: Path) -> None:
    ids = {e.id for e in entries} | {e.godebug.name for e in entries if e.godebug is not None}
    exp = parse_expectations(fixture)
    unknown = sorted(exp.ids() - ids)
    assert not unknown, f"{fixture.name}: markers name unknown entries {unknown}"
    assert fixture.name in ids, f"testdata/kb/{fixture.name} names no KB entry"
    root = _copy_fixture(fixture, tmp_path / fixture.name)
    matches = scan_fixture(root, entries)
    problems = compare(exp, matches, fixture.name)
    assert not problems, "\n".join(problems)
    todo = exp.count("todo-want")
    if todo:  # shown in pytest's warnings summary, also under xdist
        warnings.warn(f"{fixture.name}: {todo} known miss(es) (todo-want)", KnownMiss, stacklevel=1)


def test_every_entry_with_apis_has_want_and_ok_fixtures(entries: list[Entry]) -> None:
    missing: list[str] = []
    for e in entries:
        if not e.affects:
            continue
        d = KB_FIXTURES / e.id
        if not d.is_dir():
            missing.append(f"{e.id}: no testdata/kb/{e.id}/")
            continue
        exp = parse_expectations(d)
        for kind in ("want", "ok"):
            if not exp.lines[kind].get(e.id):
                missing.append(f"{e.id}: testdata/kb/{e.id}/ has no `// {kind} {e.id}` line")
    assert not missing, "\n".join(missing)


def test_markers_and_compare(tmp_path: Path) -> None:
    """The runner itself: marker grammar, and each kind of disagreement it must report."""
    from analyzer.model import Use, UseKind

    (tmp_path / "a.go").write_text(
        "package a\n"
        "var x = 1 // want e1 e2\n"
        "var y = 2 // ok e1; todo-want e2\n"
        "var z = 3 // want e1\n"
        "var w = 4\n"
    )
    exp = parse_expectations(tmp_path)
    assert exp.lines["want"] == {"e1": {("a.go", 2), ("a.go", 4)}, "e2": {("a.go", 2)}}
    assert exp.lines["ok"] == {"e1": {("a.go", 3)}}
    assert exp.count("todo-want") == 1

    def m(entry: str, line: int, effect: Effect = Effect.CERTAIN) -> Match:
        return Match(entry, Use("a.go", line, 1, "p", "S", UseKind.CALL), effect, "r")

    good = [m("e1", 2), m("e2", 2), m("e1", 3, Effect.NEUTRALIZED), m("e1", 4, Effect.POSSIBLE)]
    assert compare(exp, good, "e1") == []
    bad = [m("e1", 2), m("e1", 3), m("e2", 3), m("e1", 5), m("e1", 4, Effect.UNAFFECTED)]
    problems = compare(exp, bad, "e1")
    assert [p.split(":")[1] + " " + p.split(": ", 1)[1].split(",")[0] for p in problems] == [
        "4 want e1",
        "2 want e2",
        "3 ok e1",
        "3 todo-want e2",
        "5 unexpected e1 match (certain: r); mark the line",
    ]
    (tmp_path / "b.go").write_text("package a\nvar v = 1 // want -bad!\n")
    with pytest.raises(AssertionError, match="malformed"):
        parse_expectations(tmp_path)


def binary_expectations(root: Path) -> dict[tuple[str, str], str]:
    """(binary dir, entry id) -> status, from `// binary STATUS ID` comments of .go files under root."""
    out: dict[tuple[str, str], str] = {}
    for path in sorted(root.rglob("*.go")):
        bin_dir = path.parent.relative_to(root).as_posix() or "."
        for line in path.read_text().splitlines():
            if m := _BINARY.search(line):
                out[(bin_dir, m.group(2))] = m.group(1)
    return out


def _binary_wide(e: Entry) -> bool:
    return not e.affects and e.godebug is None and e.kind != Kind.LANGUAGE


BINARY_DIRS = [d for d in FIXTURE_DIRS if binary_expectations(d)]


@pytest.mark.parametrize("fixture", BINARY_DIRS, ids=[p.name for p in BINARY_DIRS])
def test_binary_fixture(fixture: Path, entries: list[Entry], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from analyzer.cli import main

    by_id = {e.id: e for e in entries}
    assert fixture.name in by_id, f"testdata/kb/{fixture.name} names no KB entry"
    minor = by_id[fixture.name].go.minor
    root = _copy_fixture(fixture, tmp_path / fixture.name)
    args = ["scan", str(root), "--from", f"1.{minor - 1}", "--to", f"1.{minor}", "--format", "json"]
    result = CliRunner().invoke(main, [*args, "--no-cache"], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    got = {
        (b["dir"], c["entry"]): c["status"]
        for b in json.loads(result.output)["binaries"]
        for c in b.get("changes", [])
    }
    want = binary_expectations(fixture)
    wrong = [
        f"{d}: {i}: want {s}, got {got.get((d, i), 'no change')}"
        for (d, i), s in sorted(want.items())
        if got.get((d, i)) != s
    ]
    assert not wrong, "\n".join(wrong)


def test_every_binary_wide_entry_has_a_binary_fixture(entries: list[Entry]) -> None:
    missing = [e.id for e in entries if _binary_wide(e) and not binary_expectations(KB_FIXTURES / e.id)]
    assert not missing, f"binary-wide entries without `// binary` fixtures: {missing}"


def _go() -> str:
    go = shutil.which("go")
    if go is None:
        pytest.skip("no go toolchain on PATH")
    return go


def test_fixtures_are_valid_go(tmp_path: Path) -> None:
    """`go vet` accepts every fixture: one workspace over all of them, one run per GOOS.

    Directories without a go.mod share one module; those with their own (stub modules, other go
    lines) join the workspace as they are. Packages with Windows files are vetted for Windows too.
    """
    go = _go()
    env = {**os.environ, "GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "", "GOWORK": ""}
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "go.mod").write_text("module example.com/kb\n\ngo 1.27\n")
    modules = [shared]
    for d in FIXTURE_DIRS:
        if any(d.rglob("go.mod")):
            shutil.copytree(d, tmp_path / d.name)
            modules.extend(sorted(p.parent for p in (tmp_path / d.name).rglob("go.mod")))
        else:
            shutil.copytree(d, shared / d.name)
    uses = "".join(f"\t./{m.relative_to(tmp_path).as_posix()}\n" for m in modules)
    (tmp_path / "go.work").write_text(f"go 1.27\n\nuse (\n{uses})\n")
    # Windows-only files are type-checked only by a GOOS=windows vet: run it for their packages only,
    # which keeps a cold build cache from compiling net/http & co. twice
    windows = sorted(
        {f"./{f.parent.relative_to(tmp_path).as_posix()}" for f in tmp_path.rglob("*.go")
         if "windows" in f.name or "windows" in f.read_text()}
    )
    runs = [("linux", [f"./{m.relative_to(tmp_path).as_posix()}/..." for m in modules])]
    if windows:
        runs.append(("windows", windows))
    failures = []
    for goos, patterns in runs:
        p = subprocess.run(
            [go, "vet", *patterns], cwd=tmp_path, env={**env, "GOOS": goos}, capture_output=True, text=True
        )
        if p.returncode != 0:
            failures.append(f"GOOS={goos}:\n{p.stdout}{p.stderr}")
    assert not failures, "\n".join(failures)
