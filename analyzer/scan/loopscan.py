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
from analyzer.scan.workers import pool_context
from analyzer.statcache import code_version

CACHE_KIND = "loopvar"
POOL_MIN = 256  # files to analyse below which a pool's start-up costs more than it saves


@cache
def _version() -> bytes:
    """The pass's code: cached results never outlive a change to it."""
    here = Path(__file__).parent
    return code_version(here / name for name in ("loopvar.py", "loopvar_types.py", "parse.py")).encode()


def own_language_version(f: SourceFile) -> int | None:
    """The Go minor a file's `//go:build` line sets as its language version, None when it sets none."""
    if not f.constraint:
        return None
    try:
        return go_version_minor(parse_expr(f.constraint))
    except ConstraintError:
        return None


def _key(data: bytes) -> str:
    return hashlib.sha1(_version() + data).hexdigest()


def _cached(store: Cache, key: str) -> FileLoops | None:
    hit = store.get(CACHE_KIND, key)
    if isinstance(hit, dict):
        try:
            return from_json(hit)
        except (KeyError, TypeError, ValueError):
            return None
    return None


def _analyse(data: bytes) -> FileLoops | None:
    """file_loops, or None when the file nests deeper than Python's stack."""
    try:
        return file_loops(data)
    except RecursionError:
        return None


def _analyse_all(datas: list[bytes], jobs: int) -> list[FileLoops | None]:
    """file_loops of each file: here when they are few or jobs is 1, else over a pool (in order)."""
    if jobs <= 1 or len(datas) < POOL_MIN:
        return [_analyse(d) for d in datas]
    with pool_context().Pool(min(jobs, len(datas) // (POOL_MIN // 2))) as pool:
        return pool.map(_analyse, datas, chunksize=16)


def scan_loop_vars(
    files: Sequence[SourceFile], root: Path, cache_dir: Path | None = None, jobs: int = 1
) -> tuple[list[LoopVarUse], list[Skipped]]:
    """Loop variables of `files` (vendored ones and those with a go1.N build line left out), sorted.
    Files not in the cache are analysed over `jobs` processes when there are many; the answer is the
    same for any `jobs`, with or without the cache."""
    store = Cache(cache_dir)
    skipped: list[Skipped] = []
    members: dict[tuple[str, bool], list[SourceFile]] = defaultdict(list)
    loops: dict[str, FileLoops] = {}
    misses: list[tuple[SourceFile, str, bytes]] = []
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
        key = _key(data)
        hit = _cached(store, key)
        if hit is not None:
            loops[f.rel] = hit
        else:
            misses.append((f, key, data))
    for (f, key, _), fl in zip(misses, _analyse_all([d for _, _, d in misses], jobs), strict=True):
        if fl is None:  # nesting deeper than Python's stack: say so, scan the rest
            skipped.append(Skipped(f.rel, "nested too deeply to analyse"))
            continue
        store.put(CACHE_KIND, key, to_json(fl))
        loops[f.rel] = fl
    by_package: dict[tuple[str, bool], list[tuple[SourceFile, FileLoops]]] = defaultdict(list)
    for f in sorted(files, key=lambda f: f.rel):
        fl = loops.get(f.rel)
        if fl is None:
            continue
        if fl.error_line is not None:
            skipped.append(Skipped(f.rel, "parse error", fl.error_line))
        if fl.vars:
            by_package[(f.pkg_dir, f.xtest)].append((f, fl))
    out: list[LoopVarUse] = []
    for pkg, found in sorted(by_package.items()):
        facts: frozenset[tuple[str, str]] = frozenset()
        if any(needs_methods(fl) for _, fl in found):
            facts = _package_type_facts(members[pkg], root)
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
