"""Where edits go: in a go.mod or go.work file (the go line, the place for a new godebug line), and in a
Go main file (the place for a new `//go:debug` line). `scan` reports these lines and `fix` writes there."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.discovery import parse_header

_GO = re.compile(r"^go\s+(\S+)")
_TOOLCHAIN = re.compile(r"^toolchain\s+\S+")
_GODEBUG_BLOCK = re.compile(r"^godebug\s*\(\s*$")
_GODEBUG_LINE = re.compile(r"^godebug\s+([A-Za-z0-9_.-]+)=(\S+)")
_LICENSE = re.compile(r"copyright|licen[cs]e|spdx", re.I)


@dataclass(frozen=True)
class ModFileAnchors:
    go_line: int | None  # line of the `go` directive
    go_version: str | None
    insert_line: int  # a new `godebug k=v` goes before this line (or into the block: before its `)`)
    in_block: bool
    godebug: tuple[tuple[str, str, int], ...] = ()  # (key, value, line) of existing godebug settings


def mod_file_anchors(text: str) -> ModFileAnchors:
    """Anchors of a go.mod / go.work text (1-based lines)."""
    lines = split_lines(text)
    go_line = None
    go_version = None
    after = None
    block_end = None
    settings: list[tuple[str, str, int]] = []
    in_block = False
    for i, raw in enumerate(lines, start=1):
        line = raw.split("//", 1)[0].strip()
        if in_block:
            if line == ")":
                in_block = False
                block_end = i
            elif "=" in line:
                k, v = line.split("=", 1)
                settings.append((k.strip(), v.strip(), i))
            continue
        if m := _GO.match(line):
            go_line, go_version, after = i, m.group(1), i + 1
        elif _TOOLCHAIN.match(line):
            after = i + 1
        elif _GODEBUG_BLOCK.match(line):
            in_block = True
        elif m := _GODEBUG_LINE.match(line):
            settings.append((m.group(1), m.group(2), i))
            after = i + 1
    if block_end is not None:
        return ModFileAnchors(go_line, go_version, block_end, True, tuple(settings))
    return ModFileAnchors(
        go_line, go_version, after if after is not None else len(lines) + 1, False, tuple(settings)
    )


# --------------------------------------------------------------------------- //go:debug in a main file


@dataclass(frozen=True)
class DirectivePlace:
    """Where a `//go:debug key=value` line goes in a Go file (1-based lines of the original text)."""

    at: int  # the new line goes before this line; in place: the line whose value changes
    blank_before: bool = False  # a blank line goes first (a header glued to the package clause)
    blank_after: bool = False  # a blank line follows it (it goes above `package` or the doc comment)
    in_place: bool = False  # the key is set there already

    @property
    def line(self) -> int:
        """The line the directive has in the edited text."""
        return self.at + 1 if self.blank_before else self.at


def split_lines(text: str) -> list[str]:
    """Lines with their endings (only `\\n` splits, as the go command reads files)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _is_comment(body: str) -> bool:
    s = body.strip()
    return s.startswith("//") or s.startswith("/*") or s.endswith("*/")


def _doc_start(lines: list[str], package_line: int) -> int:
    """First line of the comment group directly above the package clause (the doc comment), or the
    package line itself when there is none."""
    i = package_line - 1  # 1-based line above `package`
    start = package_line
    in_block = False
    while i >= 1:
        s = lines[i - 1].rstrip("\r\n").strip()
        if in_block:
            start = i
            if "/*" in s:
                in_block = False
            i -= 1
            continue
        if s.endswith("*/") and "/*" not in s:
            in_block, start = True, i
        elif _is_comment(s):
            start = i
        else:
            break
        i -= 1
    return start


def directive_place(text: str, key: str) -> DirectivePlace:
    """Where `//go:debug key=...` goes in a Go file: on the line that sets key already, after the
    existing directives, else above the package doc comment (Go wants it before the package clause,
    and a directive inside the doc comment becomes part of the doc) with a blank line after it, or
    below a licence header / //go:build line glued to the package clause (blank lines around it).
    Raises HeaderError when the package clause cannot be read."""
    h = parse_header(text)
    placed = [d for d in h.directives if d.placed]
    same = [d for d in placed if d.key == key]
    if same:
        return DirectivePlace(same[-1].line, in_place=True)
    if placed:
        return DirectivePlace(max(d.line for d in placed) + 1)
    lines = split_lines(text)
    start = _doc_start(lines, h.package_line)
    group = lines[start - 1 : h.package_line - 1]
    if start < h.package_line and any(_LICENSE.search(g) or "go:build" in g or "+build" in g for g in group):
        return DirectivePlace(h.package_line, blank_before=True, blank_after=True)
    return DirectivePlace(start, blank_after=True)
