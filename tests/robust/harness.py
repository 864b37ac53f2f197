"""Property checks shared by the hypothesis tests (tests/robust/test_properties.py) and the atheris
fuzz targets (fuzz/): each takes one input, runs one parser (or the scanner) on it, and raises
AssertionError when the outcome is not a result or one of the parser's documented errors.
"""

from __future__ import annotations

import contextlib
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from analyzer.discovery import (
    BuildContext,
    ConstraintError,
    HeaderError,
    evaluate,
    parse_expr,
    parse_go_debug,
    parse_gomod,
    parse_gowork,
    parse_header,
    parse_modules_txt,
    parse_plus_build,
)
from analyzer.discovery.header import constraint_expr, misplaced_directives
from analyzer.errors import InputError
from analyzer.versions import GoVersion

CTX = BuildContext("linux", "amd64", GoVersion(27, 3), False, frozenset({"custom"}))


def _lines(text: str) -> int:
    return text.count("\n") + 1


def _input_error(err: InputError, file: str, text: str) -> None:
    assert err.file == file, (err.file, file)
    assert err.line is None or 1 <= err.line <= _lines(text) + 1, (err.line, _lines(text))
    assert err.message and "\n" not in err.message, err.message


def check_gomod(text: str) -> None:
    try:
        m = parse_gomod(text, "go.mod", ".")
    except InputError as err:
        _input_error(err, "go.mod", text)
        return
    assert m.file == "go.mod" and m.dir == "."
    for g in m.godebug:
        assert 1 <= g.line <= _lines(text)  # an empty key parses, as in x/mod/modfile


def check_gowork(text: str) -> None:
    try:
        w = parse_gowork(text, "go.work", ".")
    except InputError as err:
        _input_error(err, "go.work", text)
        return
    assert w.file == "go.work"
    assert all(isinstance(u, str) for u in w.uses)


def check_modules_txt(text: str) -> None:
    try:
        mods = parse_modules_txt(text, "vendor/modules.txt")
    except InputError as err:
        _input_error(err, "vendor/modules.txt", text)
        return
    assert all(p and isinstance(v, str) and isinstance(e, bool) for p, v, e in mods)


def check_header(text: str) -> None:
    """parse_header, its constraint and the directives (//go:debug) after the package clause."""
    try:
        h = parse_header(text)
    except HeaderError as err:
        assert isinstance(err.line, int) and 0 <= err.line <= _lines(text) + 1, err.line
        return
    try:
        _, expr = constraint_expr(h)
        if expr is not None:
            assert isinstance(evaluate(expr, CTX), bool)
    except ConstraintError as err:
        assert str(err) and "\n" not in str(err)
    for d in (*h.directives, *misplaced_directives(text, h.package_end)):
        assert d.key is not None
    for line in text.splitlines()[:50]:
        got = parse_go_debug(line)
        assert got is None or len(got) == 3


def check_constraint(text: str) -> None:
    """A //go:build expression, a // +build line, and the matcher's three-valued reading of it."""
    from analyzer.match.constraints import constraint_allows

    try:
        expr = parse_expr(text)
    except ConstraintError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert isinstance(evaluate(expr, CTX), bool)
        assert constraint_allows(text, "linux") in (True, False, None)
    plus = parse_plus_build("// +build " + text)
    if plus is not None:
        assert isinstance(evaluate(plus, CTX), bool)


def check_inline_ignores(text: str) -> None:
    from analyzer.suppress.inline import parse_inline_ignores

    try:
        got = parse_inline_ignores("a.go", text)
    except InputError as err:
        _input_error(err, "a.go", text)
        return
    for ig in got:
        assert ig.entry and ig.reason and 1 <= ig.line <= _lines(text)


def check_config(data: bytes, directory: Path) -> None:
    """`.godebug-audit.yaml` loading: a Config or an InputError naming the file."""
    from analyzer.suppress.config import load_config

    path = directory / ".godebug-audit.yaml"
    path.write_bytes(data)
    try:
        load_config(path, directory)
    except InputError as err:
        assert err.file == str(path)
        assert err.message and "\n" not in err.message.strip(), err.message


@cache
def _schema() -> dict[str, Any]:
    from analyzer.kb import default_dir
    from analyzer.kb.loader import read_schema, schema_path

    return read_schema(schema_path(default_dir()))


def check_kb_entry(data: bytes, directory: Path) -> None:
    """One KB entry file: a Problem at a line, or schema problems, or an Entry."""
    from analyzer.errors import KnowledgeError
    from analyzer.kb.convert import entry_from
    from analyzer.kb.loader import Problem, load_problems, parse_file

    path = directory / "e.yaml"
    path.write_bytes(data)
    doc = parse_file(path, "e.yaml")
    if isinstance(doc, Problem):
        assert doc.file == "e.yaml" and doc.line >= 1 and doc.message and "\n" not in doc.message
        return
    problems = load_problems(doc, _schema())
    for p in problems:
        assert p.file == "e.yaml" and p.line >= 1 and p.message
    if not problems:
        with contextlib.suppress(KnowledgeError):
            entry_from(doc.data, "e.yaml")


@cache
def _targets() -> Any:
    from analyzer.kb import load_entries
    from analyzer.scan.targets import Targets

    return Targets.from_entries(load_entries())


def check_scan(data: bytes, directory: Path | None = None) -> None:
    """One Go file through the scanner (prefilter, tree-sitter, resolution): uses on real lines, skipped
    entries for what it cannot analyse, never an exception."""
    from analyzer.model import SourceFile
    from analyzer.scan.workers import Job, Scanner

    with tempfile.TemporaryDirectory() if directory is None else _keep(directory) as d:
        (Path(d) / "a.go").write_bytes(data)
        f = SourceFile("a.go", ".", "example.com/m", "main", False, False, False, False, "")
        uses, skipped = Scanner(Job(str(d), (f,), _targets(), None)).scan_file(f)
    lines = data.count(b"\n") + 1
    for u in uses:
        assert u.file == "a.go" and 1 <= u.line <= lines and u.column >= 1, u
    for s in skipped:
        assert s.file == "a.go" and s.reason and (s.line is None or 1 <= s.line <= lines), s


class _keep:
    def __init__(self, d: Path) -> None:
        self.d = d

    def __enter__(self) -> str:
        return str(self.d)

    def __exit__(self, *exc: object) -> None:
        return None
