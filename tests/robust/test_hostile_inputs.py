"""Every bad input has a clear failure mode: one line naming file and line, an entry in the report's
skipped list, the documented exit code, and the rest of the scan still reported.

Each case adds one hostile thing to a small module whose binary has a finding that needs action
(BASE); the real CLI runs in a subprocess (a hang fails the test after a timeout instead of blocking).
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from analyzer.safeio import MAX_SOURCE_BYTES
from tests.robust.cli import BASE, BASE_FINDING, Run, run_cli, write_tree

SECRET = "SECRET-CONTENT-0451"  # in files outside the scanned tree: must never show up in a report


@dataclass(frozen=True)
class Case:
    setup: Callable[[Path, Path], None]  # (root, outside) -> None
    file: str  # the skipped input
    line: int | None
    reason: str  # a substring of the skipped reason


def _w(rel: str, content: str | bytes) -> Callable[[Path, Path], None]:
    def setup(root: Path, _out: Path) -> None:
        write_tree(root, {rel: content})

    return setup


def _ws(files: dict[str, str | bytes]) -> Callable[[Path, Path], None]:
    def setup(root: Path, _out: Path) -> None:
        write_tree(root, files)

    return setup


def _fifos(*rels: str) -> Callable[[Path, Path], None]:
    def setup(root: Path, out: Path) -> None:
        for rel in rels:
            _fifo(rel)(root, out)

    return setup


def _fifo(rel: str) -> Callable[[Path, Path], None]:
    def setup(root: Path, _out: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(root / rel)

    return setup


def _link_out(
    rel: str, target_name: str, content: str = f"package main\n// {SECRET}\n"
) -> Callable[[Path, Path], None]:
    def setup(root: Path, out: Path) -> None:
        (out / target_name).write_text(content)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).symlink_to(out / target_name)

    return setup


def _link_loop(root: Path, _out: Path) -> None:
    (root / "loop").mkdir()
    (root / "loop" / "up").symlink_to("..")  # a directory loop: never followed
    (root / "cmd/app/a.go").symlink_to("b.go")
    (root / "cmd/app/b.go").symlink_to("a.go")


def _vendor_out(root: Path, out: Path) -> None:
    v = out / "vendor"
    write_tree(v, {"modules.txt": f"# {SECRET} v1.0.0\n", "x.io/y/y.go": f"package y\n// {SECRET}\n"})
    (root / "vendor").symlink_to(v)


BINARY = bytes(range(256)) * 4
DEEP_CALLS = (
    'package main\n\nimport "net"\n\nfunc deep() {\n\t_ = net.ParseIP("1")' + ".To4()" * 20000 + "\n}"
)
TRUNCATED = 'package main\n\nimport "net/http"\n\nfunc t() {\n\thttp.NewServeMux('
SUB_GOMOD = "module example.com/sub\n\ngo 1.22\nrequire (\n"

CASES: dict[str, Case] = {
    "non-utf8": Case(
        _w("cmd/app/bad.go", b"package main\n\n// \xff\xfe\n"), "cmd/app/bad.go", 3, "not valid UTF-8"
    ),
    "binary-named-go": Case(
        _w("cmd/app/blob.go", BINARY),
        "cmd/app/blob.go",
        BINARY[: BINARY.index(0x80)].count(b"\n") + 1,
        "not valid UTF-8",
    ),
    "not-go": Case(
        _w("cmd/app/notes.go", "# not Go at all\n{{{\n"), "cmd/app/notes.go", 1, "expected 'package'"
    ),
    "huge": Case(
        _w(
            "cmd/app/huge.go",
            "package main\n" + "// padding padding padding\n" * (MAX_SOURCE_BYTES // 27 + 10),
        ),
        "cmd/app/huge.go",
        None,
        f"larger than {MAX_SOURCE_BYTES} bytes",
    ),
    "deeply-nested": Case(_w("cmd/app/deep.go", DEEP_CALLS), "cmd/app/deep.go", None, "nested too deeply"),
    "truncated": Case(_w("cmd/app/trunc.go", TRUNCATED), "cmd/app/trunc.go", 5, "parse error"),
    "deep-go-build": Case(
        _w("cmd/app/tags.go", "//go:build " + "(" * 2000 + "linux" + ")" * 2000 + "\n\npackage main\n"),
        "cmd/app/tags.go",
        None,
        "build expression too large",
    ),
    "many-plus-build": Case(
        _w("cmd/app/plus.go", "// +build linux\n" * 5000 + "\npackage main\n"), "", None, ""
    ),
    "fifo-go": Case(_fifo("cmd/app/pipe.go"), "cmd/app/pipe.go", None, "not a regular file (a named pipe)"),
    "fifo-go-mod": Case(_fifo("sub/go.mod"), "sub/go.mod", None, "not a regular file (a named pipe)"),
    "fifo-elsewhere": Case(
        _fifos(".go-version", "deploy/pod.yaml"),
        "deploy/pod.yaml",
        None,
        "not a regular file (a named pipe)",
    ),
    "link-out-file": Case(
        _link_out("cmd/app/passwd.go", "passwd"),
        "cmd/app/passwd.go",
        None,
        "symbolic link to a file outside the scanned tree",
    ),
    "link-to-device": Case(
        lambda r, _o: (r / "cmd/app/zero.go").symlink_to("/dev/zero"),
        "cmd/app/zero.go",
        None,
        "outside the scanned tree",
    ),
    "link-out-gomod": Case(
        _link_out("sub/go.mod", "go.mod", f"module {SECRET}\n\ngo 1.22\n"),
        "sub/go.mod",
        None,
        "outside the scanned tree",
    ),
    "link-out-vendor": Case(_vendor_out, "vendor", None, "symbolic link to a directory outside"),
    "link-loop": Case(_link_loop, "cmd/app/a.go", None, "symbolic link loop"),
    "bad-go-mod": Case(_w("sub/go.mod", SUB_GOMOD), "sub/go.mod", 4, "unterminated block"),
    "bad-go-work": Case(
        _w("go.work", 'go 1.22\n\nuse (\n\t./cmd\n\t"unterminated\n)\n'), "go.work", 5, "string"
    ),
    "bad-modules-txt": Case(
        _ws({"vendor/modules.txt": "# x.io/y v1.0.0\n#bad\n", "vendor/x.io/y/y.go": "package y\n"}),
        "vendor/modules.txt",
        2,
        "malformed",
    ),
}


# cases whose files do not overlap (the others write sub/go.mod, go.work or vendor too)
ALL_AT_ONCE = [
    *("non-utf8", "binary-named-go", "not-go", "huge", "deeply-nested", "truncated", "deep-go-build"),
    *("many-plus-build", "fifo-go", "fifo-elsewhere", "link-out-file", "link-to-device", "bad-go-mod"),
    "link-loop",
]


@pytest.fixture
def outside() -> Iterator[Path]:
    d = Path(tempfile.mkdtemp(prefix="godebug-audit-outside-"))
    yield d
    shutil.rmtree(d, ignore_errors=True)


def _repo(tmp_path: Path, outside: Path, case: Case) -> Path:
    root = write_tree(tmp_path / "repo", dict(BASE))
    case.setup(root, outside)
    return root


def _no_traceback(run: Run) -> None:
    assert "Traceback (most recent call last)" not in run.output, run.output[-3000:]


def _line_pattern(case: Case) -> re.Pattern[str]:
    where = f"{case.file}:{case.line}" if case.line else case.file
    return re.compile(rf"^  {re.escape(where)}: [^\n]*{re.escape(case.reason)}[^\n]*$", re.M)


@pytest.mark.parametrize("name", sorted(CASES))
def test_scan_reports_the_bad_input_and_goes_on(tmp_path: Path, outside: Path, name: str) -> None:
    case = CASES[name]
    root = _repo(tmp_path, outside, case)
    run = run_cli(["scan", str(root), "--to", "1.27", "--no-cache", "--jobs", "1", "--format", "json"])
    _no_traceback(run)
    assert run.code == 1, run.stderr  # the base finding still needs action
    doc = run.json()
    found = {(f["entry"], f["file"], f["line"]) for f in doc["findings"]}
    assert BASE_FINDING in found
    assert SECRET not in run.output and str(outside) not in run.output
    if not case.file:  # accepted input (Go accepts it too): nothing skipped
        assert doc["skipped"] == []
        return
    hits = [s for s in doc["skipped"] if s["file"] == case.file and case.reason in s["reason"]]
    assert hits, doc["skipped"]
    assert hits[0]["line"] == case.line
    assert all("\n" not in s["reason"] and len(s["reason"]) < 200 for s in doc["skipped"])

    text = run_cli(["scan", str(root), "--to", "1.27", "--no-cache", "--strict", "--fail-on", "none"])
    _no_traceback(text)
    assert text.code == 3  # documented: --strict exits 3 when inputs were skipped
    assert _line_pattern(case).search(text.stdout), text.stdout[-2000:]
    assert BASE_FINDING[1] in text.stdout
    assert SECRET not in text.output and str(outside) not in text.output


def test_every_command_survives_all_cases_at_once(tmp_path: Path, outside: Path) -> None:
    """uses, godebug, env (and fix, once it exists) over a tree holding every hostile input."""
    root = write_tree(tmp_path / "repo", dict(BASE))
    for name in ALL_AT_ONCE:
        CASES[name].setup(root, outside)
    uses = run_cli(["uses", str(root), "--no-cache", "--format", "json"])
    _no_traceback(uses)
    assert uses.code == 0
    doc = uses.json()
    assert any(u["file"] == "cmd/app/main.go" and u["symbol"] == "NewServeMux" for u in doc["uses"])
    skipped = {s["file"] for s in doc["skipped"]}
    assert {"cmd/app/bad.go", "cmd/app/pipe.go", "cmd/app/passwd.go", "cmd/app/a.go"} <= skipped
    assert {"cmd/app/huge.go", "cmd/app/deep.go", "cmd/app/tags.go", "sub/go.mod"} <= skipped
    all_files = run_cli(["uses", str(root), "--no-cache", "--all-files", "--format", "json"])
    _no_traceback(all_files)
    assert {"cmd/app/pipe.go", "cmd/app/passwd.go", "cmd/app/zero.go"} <= {
        s["file"] for s in all_files.json()["skipped"]
    }
    for run in (uses, all_files):
        assert SECRET not in run.output and str(outside) not in run.output

    godebug = run_cli(["godebug", str(root)])
    _no_traceback(godebug)
    assert godebug.code == 2  # documented: a malformed go.mod is an input error for `godebug`
    assert re.fullmatch(r"godebug-audit: error: sub/go.mod(:\d+)?: [^\n]+\n", godebug.stderr), godebug.stderr

    env = run_cli(["env", str(root), "--format", "json"])
    _no_traceback(env)
    assert env.code == 0
    assert "deploy/pod.yaml" in {s["file"] for s in env.json()["skipped"]}
    assert SECRET not in env.output

    if Path(__file__).resolve().parents[2].joinpath("analyzer/commands/fix.py").is_file():
        fix = run_cli(["fix", str(root), "--to", "1.27"])
        _no_traceback(fix)
        assert fix.code in (0, 1, 2, 3)
        assert SECRET not in fix.output


def _deny(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Root reads everything: make opening files called `name` fail as for another user."""
    real_os_open, real_open = os.open, io.open

    def os_open(path: Any, *a: Any, **kw: Any) -> int:
        if os.fspath(path).endswith(name):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_os_open(path, *a, **kw)

    def io_open(path: Any, *a: Any, **kw: Any) -> Any:
        if isinstance(path, (str, os.PathLike)) and os.fspath(path).endswith(name):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, *a, **kw)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr(builtins, "open", io_open)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unreadable file (and directory) is skipped with the OS's reason, the rest is scanned.

    Not root: real modes, the CLI in a subprocess. Root (which reads everything): the CLI in-process
    with opens of that file failing with EACCES."""
    more: dict[str, str | bytes] = {"cmd/app/secret.go": "package main\n", "locked/x.go": "x"}
    root = write_tree(tmp_path / "r", dict(BASE) | more)
    args = ["scan", str(root), "--to", "1.27", "--no-cache", "--jobs", "1", "--format", "json"]
    if os.geteuid() != 0:
        (root / "cmd/app/secret.go").chmod(0)
        (root / "locked").chmod(0)
        try:
            run = run_cli(args)
        finally:
            (root / "locked").chmod(0o755)
    else:
        from click.testing import CliRunner

        from analyzer.cli import main

        _deny(monkeypatch, "secret.go")
        result = CliRunner().invoke(main, args)
        monkeypatch.undo()
        run = Run(result.exit_code, result.stdout, result.stderr)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    _no_traceback(run)
    assert run.code == 1, run.stderr
    doc = run.json()
    assert BASE_FINDING in {(f["entry"], f["file"], f["line"]) for f in doc["findings"]}
    reasons = {s["file"]: s["reason"] for s in doc["skipped"]}
    assert "Permission denied" in reasons.get("cmd/app/secret.go", ""), doc["skipped"]


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_device_named_go(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "repo", dict(BASE))
    os.mknod(root / "cmd/app/null.go", 0o644 | stat.S_IFCHR, os.makedev(1, 3))
    run = run_cli(["scan", str(root), "--to", "1.27", "--no-cache", "--format", "json"])
    _no_traceback(run)
    assert run.code == 1
    reasons = {s["file"]: s["reason"] for s in run.json()["skipped"]}
    assert reasons.get("cmd/app/null.go") == "not a regular file (a character device)"
