"""Where edits go in a go.mod or go.work file: the go line, and the place for a new godebug line."""

from __future__ import annotations

import re
from dataclasses import dataclass

_GO = re.compile(r"^go\s+(\S+)")
_TOOLCHAIN = re.compile(r"^toolchain\s+\S+")
_GODEBUG_BLOCK = re.compile(r"^godebug\s*\(\s*$")
_GODEBUG_LINE = re.compile(r"^godebug\s+([A-Za-z0-9_.-]+)=(\S+)")


@dataclass(frozen=True)
class ModFileAnchors:
    go_line: int | None  # line of the `go` directive
    go_version: str | None
    insert_line: int  # a new `godebug k=v` goes before this line (or into the block: before its `)`)
    in_block: bool
    godebug: tuple[tuple[str, str, int], ...] = ()  # (key, value, line) of existing godebug settings


def mod_file_anchors(text: str) -> ModFileAnchors:
    """Anchors of a go.mod / go.work text (1-based lines)."""
    lines = text.splitlines()
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
