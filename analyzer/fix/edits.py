"""Text edits of go.mod / go.work files and Go main files that keep formatting, comments, order and CRLF.

Pure: text in, text out. Each edit is idempotent (applying it to its own output changes nothing), so
re-running `fix` on a fixed tree gives an empty diff. `apply_edits` takes the planner's `Edit`s (the
ones `scan --format json` and SARIF show) and places them with the same anchors the planner used
(`analyzer.plan.anchors.mod_file_anchors` for go.mod/go.work, `directive_place` for //go:debug: before
the package clause, above the package doc comment, with a blank line before `package`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from analyzer.discovery import HeaderError
from analyzer.errors import InputError
from analyzer.model import Edit
from analyzer.plan.anchors import directive_place, mod_file_anchors, split_lines

GODEBUG_KINDS = frozenset({"go-mod-godebug", "go-work-godebug"})
DIRECTIVE_KIND = "go-debug-directive"
REMOVE_KIND = "remove"
GO_LINE_KIND = "go-line"  # fix's own: `text` is the new go version

_PAIR = re.compile(r"^\s*(?:godebug\s+|//go:debug\s+)?([A-Za-z0-9_.-]+)=(\S*)\s*$")
_GO_LINE = re.compile(r"^(\s*go\s+)(\S+)")


def pair_of(edit: Edit) -> tuple[str, str]:
    """The `key=value` an insert edit adds (`godebug k=v`, a block's `\\tk=v`, `//go:debug k=v`)."""
    m = _PAIR.match(edit.text.strip())
    if m is None:
        raise InputError(f"not a key=value edit: {edit.text.strip()!r}", edit.file, edit.line)
    return m.group(1), m.group(2)


def newline_of(text: str) -> str:
    """The file's line ending: CRLF when most lines end with it."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


_lines = split_lines


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _insert(lines: list[str], at: int, new: Sequence[str], nl: str) -> None:
    """Insert `new` (bodies) before 1-based line `at` (len+1: at the end)."""
    i = at - 1
    if i >= len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += nl
    lines[i:i] = [s + nl for s in new]


def _replace_value(line: str, key: str, value: str) -> str:
    return re.sub(rf"(^|\s|//go:debug\s)({re.escape(key)})=(\S*)", rf"\g<1>\g<2>={value}", line, count=1)


# --------------------------------------------------------------------------- go.mod / go.work


def add_godebug(text: str, pairs: Iterable[tuple[str, str]]) -> str:
    """Add `godebug k=v` settings to a go.mod / go.work text: a value already there is changed in place,
    a new one goes into an existing `godebug (` block (before its `)`, with the block's indentation), or
    after the last `godebug` / `toolchain` / `go` line, as `go mod edit -godebug` places it."""
    nl = newline_of(text)
    for key, value in pairs:
        a = mod_file_anchors(text)
        lines = _lines(text)
        have = {k: (v, line) for k, v, line in a.godebug}
        if key in have:
            old, line = have[key]
            if old != value:
                lines[line - 1] = _replace_value(lines[line - 1], key, value)
            text = "".join(lines)
            continue
        if a.in_block:
            inside = [ln for _, _, ln in a.godebug if ln < a.insert_line]
            indent = re.match(r"\s*", lines[inside[-1] - 1]).group(0) if inside else "\t"  # type: ignore[union-attr]
            _insert(lines, a.insert_line, [f"{indent}{key}={value}"], nl)
        else:
            _insert(lines, a.insert_line, [f"godebug {key}={value}"], nl)
        text = "".join(lines)
    return text


def set_go_line(text: str, version: str) -> str:
    """The `go` directive set to `version` (never added when absent: the caller says so)."""
    a = mod_file_anchors(text)
    if a.go_line is None or a.go_version == version:
        return text
    lines = _lines(text)
    lines[a.go_line - 1] = _GO_LINE.sub(rf"\g<1>{version}", lines[a.go_line - 1], count=1)
    return "".join(lines)


def remove_setting(text: str, line: int, key: str) -> str:
    """Delete the `godebug` / block / `//go:debug` line `line` that sets `key` (no-op when it does not)."""
    lines = _lines(text)
    if not (1 <= line <= len(lines)):
        return text
    body = _body(lines[line - 1]).split("//go:debug", 1)[-1] if "//go:debug" in lines[line - 1] else None
    if body is None:
        body = _body(lines[line - 1]).split("//", 1)[0]
    if not re.search(rf"(^|\s){re.escape(key)}=", body):
        return text
    del lines[line - 1]
    return "".join(lines)


# --------------------------------------------------------------------------- //go:debug in a main file


def add_directives(text: str, pairs: Iterable[tuple[str, str]], file: str = "") -> str:
    """Add `//go:debug k=v` lines before the package clause where `directive_place` says (the line
    `scan` reports): next to existing ones, else above the package doc comment (after any copyright
    header and //go:build line), with a blank line before `package` or the doc comment. A key already
    set is changed in place."""
    nl = newline_of(text)
    for key, value in pairs:
        try:
            place = directive_place(text, key)
        except HeaderError as err:
            raise InputError(str(err), file or None, err.line) from None
        lines = _lines(text)
        if place.in_place:
            lines[place.at - 1] = _replace_value(lines[place.at - 1], key, value)
        else:
            new = [""] * place.blank_before + [f"//go:debug {key}={value}"] + [""] * place.blank_after
            _insert(lines, place.at, new, nl)
        text = "".join(lines)
    return text


# --------------------------------------------------------------------------- dispatch


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply one file's edits: removals first (bottom up), then the go line, then added settings
    (sorted by key, so the output does not depend on the order the binaries were visited in)."""
    for e in sorted((e for e in edits if e.kind == REMOVE_KIND), key=lambda e: -(e.line or 0)):
        key = (e.old or "").rstrip("=")
        if e.line is not None and key:
            text = remove_setting(text, e.line, key)
    for e in edits:
        if e.kind == GO_LINE_KIND:
            text = set_go_line(text, e.text.strip())
    godebug = sorted({pair_of(e) for e in edits if e.kind in GODEBUG_KINDS})
    if godebug:
        text = add_godebug(text, godebug)
    directives = sorted({pair_of(e) for e in edits if e.kind == DIRECTIVE_KIND})
    if directives:
        text = add_directives(text, directives, edits[0].file)
    return text
