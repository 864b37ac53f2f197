"""The loop-variable pass over files (the edge of loopvar.py): read, prefilter, cache, per package.

`scan_loop_vars(files, root, cache_dir)` returns one `LoopVarUse` per loop variable whose semantics a
move of its file to language version 1.22 changes. The caller hands it only the files whose language
version moves (the planner: the own files of modules whose go line crosses 1.22); a file whose
`//go:build` line names a Go version has that language version whatever the go line, so it is left
out here. Each file's result is cached by its content; results do not depend on the cache.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from analyzer.discovery.constraints import ConstraintError, go_version_minor, parse_expr
from analyzer.model import LoopVarUse, Skipped, SourceFile, Use, UseKind
from analyzer.safeio import read_bytes
from analyzer.scan.cache import Cache
from analyzer.scan.loopvar import (
    FileLoops,
    file_loops,
    from_json,
    has_loops,
    needs_methods,
    package_loop_vars,
    to_json,
)
from analyzer.scan.loopvar_types import type_facts

CACHE_KIND = "loopvar"


@cache
def _version() -> bytes:
    """The pass's code: cached results never outlive a change to it."""
    here = Path(__file__).parent
    h = hashlib.sha1()
    for name in ("loopvar.py", "loopvar_types.py", "parse.py"):
        h.update((here / name).read_bytes())
    return h.digest()


def own_language_version(f: SourceFile) -> int | None:
    """The Go minor a file's `//go:build` line sets as its language version, None when it sets none."""
    if not f.constraint:
        return None
    try:
        return go_version_minor(parse_expr(f.constraint))
    except ConstraintError:
        return None


def _loops(data: bytes, store: Cache) -> FileLoops:
    key = hashlib.sha1(_version() + data).hexdigest()
    hit = store.get(CACHE_KIND, key)
    if isinstance(hit, dict):
        try:
            return from_json(hit)
        except (KeyError, TypeError, ValueError):
            pass
    fl = file_loops(data)
    store.put(CACHE_KIND, key, to_json(fl))
    return fl


def scan_loop_vars(
    files: Sequence[SourceFile], root: Path, cache_dir: Path | None = None
) -> tuple[list[LoopVarUse], list[Skipped]]:
    """Loop variables of `files` (vendored ones and those with a go1.N build line left out), sorted."""
    store = Cache(cache_dir)
    by_package: dict[tuple[str, bool], list[tuple[SourceFile, FileLoops]]] = defaultdict(list)
    skipped: list[Skipped] = []
    members: dict[tuple[str, bool], list[SourceFile]] = defaultdict(list)
    for f in sorted(files, key=lambda f: f.rel):
        members[(f.pkg_dir, f.xtest)].append(f)
        if f.vendor or own_language_version(f) is not None:
            continue
        try:
            data = read_bytes(root / f.rel, root)
        except OSError as err:
            skipped.append(Skipped(f.rel, f"unreadable: {err.strerror or err}"))
            continue
        if not has_loops(data):
            continue
        try:
            fl = _loops(data, store)
        except RecursionError:  # nesting deeper than Python's stack: say so, scan the rest
            skipped.append(Skipped(f.rel, "nested too deeply to analyse"))
            continue
        if fl.error_line is not None:
            skipped.append(Skipped(f.rel, "parse error", fl.error_line))
        if fl.vars:
            by_package[(f.pkg_dir, f.xtest)].append((f, fl))
    out: list[LoopVarUse] = []
    for key, found in sorted(by_package.items()):
        facts: frozenset[tuple[str, str]] = frozenset()
        if any(needs_methods(fl) for _, fl in found):
            facts = _package_type_facts(members[key], root)
        meta = {f.rel: f for f, _ in found}
        for rel, v, r in package_loop_vars([(f.rel, fl) for f, fl in found], facts):
            f = meta[rel]
            use = Use(
                rel,
                v.line,
                v.column,
                "",
                v.name,
                UseKind.LOOP_VAR,
                pkg_dir=f.pkg_dir,
                function=v.function,
                test=f.test,
                generated=f.generated,
                constraint=f.constraint,
                text=v.text,
            )
            out.append(LoopVarUse(use, f"loop variable {v.name} is {r.why}"))
    out.sort(key=lambda x: (x.use.file, x.use.line, x.use.column))
    return out, sorted(skipped, key=lambda s: (s.file, s.line or 0))


def _package_type_facts(files: Sequence[SourceFile], root: Path) -> frozenset[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for f in files:
        try:
            out |= type_facts(read_bytes(root / f.rel, root))
        except OSError:
            continue
    return frozenset(out)


__all__ = ["own_language_version", "scan_loop_vars"]
