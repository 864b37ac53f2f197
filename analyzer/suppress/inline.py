"""Inline ignores: `//godebug-audit:ignore ENTRY[,ENTRY...] REASON` in Go source.

A trailing comment covers a finding on its own line; a comment on a line of its own, the next line.
A cheap text pass over the files that have findings and the Go files that mention the directive (so an
ignore left behind in a file that no longer has findings is reported unused).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from analyzer.errors import InputError
from analyzer.statcache import StatCache, code_version
from analyzer.suppress.ignores import InlineIgnore

DIRECTIVE = "godebug-audit:ignore"
_LINE = re.compile(r"(?:^|\s)//\s?" + re.escape(DIRECTIVE) + r"(?P<rest>\s.*|)$")


def parse_inline_ignores(file: str, text: str) -> list[InlineIgnore]:
    """The ignores written in one file's text; `file` is the path findings use. Raises InputError."""
    out: list[InlineIgnore] = []
    for n, line in enumerate(text.split("\n"), start=1):  # Go's lines (splitlines() breaks at \x0c too)
        if DIRECTIVE not in line:
            continue
        m = _LINE.search(line)
        if m is None:
            continue
        words = m.group("rest").split(None, 1)
        if not words:
            raise InputError(f"//{DIRECTIVE} needs an entry id and a reason", file=file, line=n)
        if len(words) < 2 or not words[1].strip():
            raise InputError(f"//{DIRECTIVE} {words[0]}: a reason is required", file=file, line=n)
        reason = words[1].strip()
        trailing = bool(line[: m.start()].strip())
        for entry in filter(None, words[0].split(",")):
            where = f"{file}:{n}"
            out.append(InlineIgnore(entry, reason, where, file=file, line=n, trailing=trailing))
    return out


def collect_inline_ignores(root: Path, files: Iterable[str]) -> list[InlineIgnore]:
    """Read `files` (relative to `root`) and return their inline ignores, in file order.

    A file that cannot be read is left out: the scan has already reported it as skipped.
    """
    out: list[InlineIgnore] = []
    for rel in sorted(set(files)):
        try:
            text = (root / rel).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        out.extend(parse_inline_ignores(rel, text))
    return out


# what `go build` never reads: vendored code is not yours to annotate
_SKIP_DIRS = frozenset({"vendor", "testdata", "node_modules"})
_MAX_BYTES = 4 * 1024 * 1024
_NEEDLE = DIRECTIVE.encode()


def files_with_ignores(root: Path, cache_dir: Path | None = None) -> Iterator[str]:
    """Go files under `root` (relative, sorted walk) whose text mentions the directive; vendor, testdata
    and directories Go ignores (`.x`, `_x`) are left out, and symlinks are not followed. With
    `cache_dir`, each file's answer is kept by its stat (analyzer/statcache.py): a re-run reads only
    the files that changed, not every Go file of the tree."""
    seen = StatCache(cache_dir, "ignores", _version(), root)
    stack = [("", os.fspath(root))]  # (rel, path): no Path per file, a tree has tens of thousands
    while stack:
        rel_dir, here = stack.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for e in entries:
            rel = f"{rel_dir}/{e.name}" if rel_dir else e.name
            if e.is_dir(follow_symlinks=False):
                if e.name not in _SKIP_DIRS and not e.name.startswith((".", "_")):
                    stack.append((rel, e.path))
            elif e.name.endswith(".go") and e.is_file(follow_symlinks=False):
                try:
                    st = e.stat()
                    if st.st_size > _MAX_BYTES:
                        continue
                    found = seen.get(rel, st)
                    if not isinstance(found, bool):
                        with open(e.path, "rb") as fh:
                            found = _NEEDLE in fh.read()
                        seen.put(rel, st, found)
                except OSError:
                    continue
                if found:
                    yield rel
    seen.save()


@cache
def _version() -> str:
    return code_version([Path(__file__)])
