"""One test per robustness bug found (and fixed) in the stages: each names the bug it pins."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from analyzer.discovery import discover
from tests.robust.cli import write_tree


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail (instead of blocking the run) when the test takes over 30 s: a FIFO read blocks forever."""

    def alarm(_sig: int, _frame: object) -> None:
        raise TimeoutError("blocked: a read that never returns")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_discovery_skips_fifos_links_out_and_reports_utf8_lines(tmp_path: Path, no_hang: None) -> None:
    """Bug: a FIFO named x.go (or go.mod) blocked discovery forever; a symlink to /etc/passwd was read;
    a non-UTF-8 file was reported without its line."""
    root = write_tree(
        tmp_path / "r",
        {"go.mod": "module m\n\ngo 1.22\n", "a.go": "package a\n", "bad.go": b"package a\n\n// \xff\n"},
    )
    os.mkfifo(root / "pipe.go")
    (root / "sub").mkdir()
    os.mkfifo(root / "sub" / "go.mod")
    (tmp_path / "secret").write_text("package secret\n")
    (root / "out.go").symlink_to(tmp_path / "secret")
    repo = discover(root)
    skipped = {(s.file, s.line, s.reason) for s in repo.skipped}
    assert skipped == {
        ("bad.go", 3, "not valid UTF-8"),
        ("out.go", None, "symbolic link to a file outside the scanned tree"),
        ("pipe.go", None, "not a regular file (a named pipe)"),
        ("sub/go.mod", None, "cannot read: not a regular file (a named pipe)"),
    }
    assert [f.rel for p in repo.packages for f in p.files] == ["a.go"]


def test_discovery_does_not_walk_a_vendor_link_out_of_the_tree(tmp_path: Path) -> None:
    """Bug: os.walk(vendor) follows its top directory when it is a symlink: a `vendor` link to a
    directory elsewhere was walked and its modules.txt read."""
    vendored: dict[str, str | bytes] = {"modules.txt": "# x.io/y v1\n", "x.io/y/y.go": "package y\n"}
    outside = write_tree(tmp_path / "elsewhere", vendored)
    root = write_tree(tmp_path / "r", {"go.mod": "module m\n\ngo 1.22\n", "a.go": "package a\n"})
    (root / "vendor").symlink_to(outside)
    repo = discover(root)
    assert [p.dir for p in repo.packages] == ["."]
    assert repo.modules[0].vendor_modules == ()
    assert [(s.file, s.reason) for s in repo.skipped] == [
        ("vendor", "symbolic link to a directory outside the scanned tree")
    ]


def _scan(root: Path, rels: list[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    from analyzer.model import SourceFile
    from analyzer.scan import scan_repo

    files = [SourceFile(rel, ".", "m", "main", False, False, False, False, "") for rel in rels]
    got = scan_repo(files, [("net", "ParseIP")], root=root, jobs=1, cache_dir=None)
    return [(u.file, u.symbol) for u in got.uses], [(s.file, s.reason) for s in got.skipped]


def test_scanner_refuses_fifos_links_out_and_huge_files(tmp_path: Path, no_hang: None) -> None:
    """Bug: the scanner opened any file it was given (a FIFO blocked it, a link out of the tree was read,
    a 10 GB file was read whole) and reported each failure as a bare "unreadable"."""
    from analyzer.safeio import MAX_SOURCE_BYTES

    use = 'package main\n\nimport "net"\n\nfunc f() { net.ParseIP("1") }\n'
    root = write_tree(tmp_path / "r", {"a.go": use, "huge.go": use + "//" + "x" * MAX_SOURCE_BYTES + "\n"})
    os.mkfifo(root / "pipe.go")
    (tmp_path / "out.go").write_text(use)
    (root / "out.go").symlink_to(tmp_path / "out.go")
    uses, skipped = _scan(root, ["a.go", "huge.go", "out.go", "pipe.go"])
    assert uses == [("a.go", "ParseIP")]
    assert skipped == [
        ("huge.go", f"larger than {MAX_SOURCE_BYTES} bytes (the size cap)"),
        ("out.go", "symbolic link to a file outside the scanned tree"),
        ("pipe.go", "not a regular file (a named pipe)"),
    ]


def test_scanner_survives_nesting_deeper_than_the_python_stack(tmp_path: Path) -> None:
    """Bug: `x.To4().To4()...` 20,000 times (and 2,000 nested `if` blocks) raised RecursionError out of
    the resolver and the declaration summary: a traceback for the whole command."""
    chain = 'package main\n\nimport "net"\n\nfunc f() {\n\t_ = net.ParseIP("1")' + ".To4()" * 20000 + "\n}\n"
    ifs = 'package main\n\nimport "net"\n\nfunc g() {' + " if true {" * 2000 + 'net.ParseIP("1")' + "}" * 2000
    plain = 'package main\n\nimport "net"\n\nfunc h() {\n\t_ = net.ParseIP("1")\n}\n'
    root = write_tree(tmp_path / "r", {"chain.go": chain, "ifs.go": ifs + "}\n", "a.go": plain})
    uses, skipped = _scan(root, ["a.go", "chain.go", "ifs.go"])
    assert ("a.go", "ParseIP") in uses
    assert ("chain.go", "nested too deeply to analyse") in skipped
    assert {f for f, _ in skipped} <= {"chain.go", "ifs.go"}


def test_deploy_walk_survives_fifos_and_symlink_loops(tmp_path: Path, no_hang: None) -> None:
    """Bug: `env` blocked forever on a FIFO named pod.yaml, and a symlink loop (a.yaml -> b.yaml ->
    a.yaml) raised RuntimeError from Path.resolve: a traceback."""
    from analyzer.deploy import find_deploy_settings
    from analyzer.versions import GoVersion

    pod = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    env:\n    - name: GODEBUG\n"
    root = write_tree(tmp_path / "r", {"ok.yaml": pod + "      value: x509sha1=1\n"})
    os.mkfifo(root / "pod.yaml")
    os.mkfifo(root / "run")  # no extension: its head would be read to guess the kind
    (root / "a.yaml").symlink_to("b.yaml")
    (root / "b.yaml").symlink_to("a.yaml")
    report = find_deploy_settings(root, GoVersion(27, 3))
    assert [(f.setting.file, f.key) for f in report.findings] == [("ok.yaml", "x509sha1")]
    assert sorted((s.file, s.reason) for s in report.skipped) == [
        ("pod.yaml", "not a regular file (a named pipe)"),
        ("run", "not a regular file (a named pipe)"),
    ]


def test_build_constraints_too_large_double_negation_and_many_plus_build_lines(tmp_path: Path) -> None:
    """Bug: `//go:build ((((...linux))))` 2,000 deep and 5,000 `// +build` lines raised RecursionError
    (a traceback in `godebug` and `uses`, a discovery fallback in `scan`); `!!linux` was accepted where
    go/build/constraint says "double negation not allowed"."""
    from analyzer.discovery import ConstraintError, parse_expr
    from analyzer.match.constraints import constraint_allows

    for text, message in [
        ("(" * 2000 + "linux" + ")" * 2000, "build expression too large"),
        (" || ".join(["linux"] * 1001), "build expression too large"),  # Go's maxSize counts operands
        ("!!linux", "double negation not allowed"),
    ]:
        with pytest.raises(ConstraintError, match=message):
            parse_expr(text)
    assert parse_expr(" || ".join(["linux"] * 1000))[0] == "or"
    assert constraint_allows("(" * 2000 + "linux" + ")" * 2000, "linux") is None
    root = write_tree(
        tmp_path / "r",
        {
            "go.mod": "module m\n\ngo 1.22\n",
            "a.go": "// +build linux\n" * 5000 + "\npackage a\n",
            "b.go": "//go:build " + "(" * 2000 + "linux" + ")" * 2000 + "\n\npackage a\n",
            "c.go": "// +build " + " ".join(["windows"] * 102) + "\n\npackage a\n",
        },
    )
    repo = discover(root)
    # c.go: over 100 operators, Go ignores the line ("expression too complex for // +build lines")
    assert [f.rel for p in repo.packages for f in p.files] == ["a.go", "c.go"]
    assert [(s.file, s.reason) for s in repo.skipped] == [
        ("b.go", "parsing //go:build line: build expression too large")
    ]


def _bomb(levels: int = 9) -> list[str]:
    """A "billion laughs" document: 10**levels values through aliases, a few hundred bytes of text."""
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return lines


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (b'plan:\n  to: "1.27\xff"\n', 2, "not valid UTF-8"),
        (b"plan: {to: " + b"9" * 5000 + b"}\n", 1, "invalid YAML: bad value: Exceeds the limit"),
        (b"ignore: [{entry: x, reason: r, until: 2020-13-45}]\n", 1, "invalid YAML: bad value: month"),
        (b"plan: " + b"[" * 5000 + b"]" * 5000 + b"\n", None, "nested too deeply"),
        (b"plan: !!python/object/apply:os.system [true]\n", 1, "could not determine a constructor"),
        (b"plan:\n  to: x\x00\n", 2, "unacceptable character #x0000"),  # was a two-line message
        (b'plan:\n? t{: "1"\nignore:\n', 1, "found unhashable key"),  # was TypeError (atheris)
    ],
)
def test_config_yaml_errors_are_input_errors(
    tmp_path: Path, text: bytes, line: int | None, message: str
) -> None:
    """Bug: a non-UTF-8 config, a 5,000-digit integer, a bad date and deep nesting raised
    UnicodeDecodeError / ValueError / RecursionError from `scan` (a traceback) instead of exit 2."""
    from analyzer.errors import InputError
    from analyzer.suppress.config import load_config

    (tmp_path / "c.yaml").write_bytes(text)
    with pytest.raises(InputError) as err:
        load_config(tmp_path / "c.yaml")
    assert err.value.line == line and message in err.value.message
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("\n".join([*_bomb(), "id: e", "affects: *a8"]) + "\n", 1, "aliases expand to more than 100000"),
        ("a: &a [*a]\nid: e\n", 1, "refer to themselves"),
        ("id: e\ngo: " + "9" * 5000 + "\n", 2, "bad value: Exceeds the limit"),
        ("id: e\nadded: 2020-13-45\n", 2, "bad value: month must be in 1..12"),
        (b"id: e\ntitle: '\xff'\n", 2, "not valid UTF-8"),
        (b"id: e\ntitle: \x07\n", 2, "unacceptable character #x0007"),  # was a two-line message at line 1
        ("id: e\nnotes:\n  - {1: x}\n", 3, "key 1 is not a string"),  # TypeError in jsonschema (atheris)
        ("?\n", 1, "key None is not a string"),
    ],
)
def test_kb_yaml_bombs_and_bad_values_are_problems(
    tmp_path: Path, text: str | bytes, line: int, message: str
) -> None:
    """Bug: an alias bomb in an entry made `kb validate` (JSON Schema over 10**8 values) run for ever,
    a recursive alias would loop, a bad date or huge integer raised ValueError (a traceback)."""
    from analyzer.kb.loader import Problem, load_problems, parse_file

    path = tmp_path / "e.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    got = parse_file(path, "e.yaml")
    if not isinstance(got, Problem):
        from tests.robust.harness import _schema

        got = next(iter(load_problems(got, _schema())), got)
    assert (got.file, got.line) == ("e.yaml", line) and message in got.message, got
    assert "\n" not in got.message


def test_uses_reports_what_discovery_could_not_read_and_scan_lists_each_once(tmp_path: Path) -> None:
    """Bug: `uses` dropped discovery's skipped files (a non-UTF-8 file was silently not scanned), and
    `scan` listed a FIFO twice (discovery and the deployment walk); a FIFO .go-version blocked `scan`."""
    from tests.robust.cli import BASE, run_cli

    root = write_tree(tmp_path / "r", dict(BASE) | {"cmd/app/bad.go": b"package main\n\n// \xff\n"})
    os.mkfifo(root / "cmd/app/pipe.go")
    os.mkfifo(root / ".go-version")
    uses = run_cli(["uses", str(root), "--no-cache", "--format", "json"])
    assert uses.code == 0, uses.stderr
    assert [(s["file"], s["line"], s["reason"]) for s in uses.json()["skipped"]] == [
        ("cmd/app/bad.go", 3, "not valid UTF-8"),
        ("cmd/app/pipe.go", None, "not a regular file (a named pipe)"),
    ]
    scan = run_cli(["scan", str(root), "--to", "1.27", "--no-cache", "--format", "json"])
    assert scan.code == 1, scan.stderr
    assert [s["file"] for s in scan.json()["skipped"]] == [".go-version", "cmd/app/bad.go", "cmd/app/pipe.go"]


def test_output_is_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bug: `scan --output` wrote the report in place: an interrupted write left half a report (a CI
    step reading it saw truncated JSON). Now a temp file and a rename: the old report or the new one."""
    from analyzer import safeio
    from tests.robust.cli import BASE, run_cli

    root = write_tree(tmp_path / "r", dict(BASE))
    out = tmp_path / "report.json"
    out.write_text("OLD")
    run = run_cli(["scan", str(root), "--to", "1.27", "--no-cache", "--format", "json", "-o", str(out)])
    assert run.code == 1 and run.stdout == ""
    assert out.read_text().startswith("{") and sorted(p.name for p in tmp_path.iterdir()) == [
        "r",
        "report.json",
    ]

    def boom(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safeio.os, "replace", boom)
    with pytest.raises(OSError):
        safeio.write_atomic(out, "NEW" * 1000)
    monkeypatch.undo()
    assert out.read_text().startswith("{")  # the previous report, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r", "report.json"]  # no temp file left


def test_line_numbers_count_only_newlines() -> None:
    """Bug (found by fuzz/run.py modules_txt): str.splitlines() also breaks at \\x0c, \\x1c-\\x1e, \\x85
    and \\u2028, so a modules.txt error and an inline ignore after a form feed (legal in Go source, kept
    by gofmt) were put on the wrong line: the ignore then missed its finding."""
    from analyzer.discovery import parse_modules_txt
    from analyzer.errors import InputError
    from analyzer.suppress.inline import parse_inline_ignores

    with pytest.raises(InputError) as err:
        parse_modules_txt("# a.io/b v1\n## ex\x1e\x1e\x1ep\n#+ bad\n")
    assert err.value.line == 3
    with pytest.raises(InputError) as err:  # IndexError before (found by atheris)
        parse_modules_txt("# a.io/b v1\n# => ./staging/src/x\n")
    assert (err.value.line, err.value.message) == (2, "malformed module line")
    got = parse_inline_ignores("a.go", "package a\n\x0c\nvar x = f() //godebug-audit:ignore e reason\n")
    assert [(i.line, i.reason) for i in got] == [(3, "reason")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "not a godebug-audit report: nested too deeply"),
        (
            '{"schema_version": "1", "findings": 5}',
            "not a valid report (TypeError: 'int' object is not iterable)",
        ),
    ],
)
def test_convert_rejects_hostile_reports(tmp_path: Path, text: str, message: str) -> None:
    """Bug: `convert` on a 100,000-deep JSON array raised RecursionError, and on a hand-edited report
    ({"findings": 5}) a TypeError from the renderer: tracebacks instead of exit 2."""
    from tests.robust.cli import run_cli

    (tmp_path / "r.json").write_text(text)
    run = run_cli(["convert", str(tmp_path / "r.json"), "--format", "text"])
    assert run.code == 2 and "Traceback (most recent call last)" not in run.output
    assert run.stderr == f"godebug-audit: error: {tmp_path / 'r.json'}: {message}\n"


def test_plan_anchor_lines_count_only_newlines() -> None:
    """Bug (helper I's review): the plan's go.mod anchors and //go:debug reader split lines with
    str.splitlines(), which also breaks at a form feed, so a go line or directive after one was put on
    the wrong line (and fix's edits with it)."""
    from analyzer.plan.anchors import mod_file_anchors
    from analyzer.plan.mainfacts import directives_of

    anchors = mod_file_anchors("// a\x0c comment\nmodule m\n\ngo 1.22\n")
    assert (anchors.go_line, anchors.go_version, anchors.insert_line) == (4, "1.22", 5)
    got = directives_of("main.go", b"// x\x0c y\n//go:debug panicnil=1\npackage main\n", 3)
    assert got == {"panicnil": ("1", "main.go:2")}
