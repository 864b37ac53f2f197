"""The scanner: finds every use of the KB's APIs in a Go tree, resolved to package-level symbols.

Public API: `scan_repo(repo, targets, ...) -> ScanResult`, `scan_tree(root, targets, ...)`, `Targets`.

Per file (workers.py, in a process pool over chunks of 32 files): stat index or read + sha1, byte
prefilter (prefilter.py), then a tree-sitter parse of the file's skeleton (parse.py: bodies without a
target word blanked), scoped resolution (resolve.py, scope.py) with lazy type inference (infer.py) over
std facts (stdlib.py, data/stdlib.json) and the repo's own declarations (decls.py, world.py: loaded per
name, only from files that mention it). Results are cached per file content + the digests of the
packages the resolution consulted (cache.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from analyzer.model import Entry, Skipped, SourceFile, Use
from analyzer.scan.targets import Targets


@dataclass(frozen=True)
class ScanResult:
    uses: tuple[Use, ...]
    skipped: tuple[Skipped, ...]


Progress = Callable[[int, int], None]


def _use_key(u: Use) -> tuple[Any, ...]:
    return (u.file, u.line, u.column, u.package, u.symbol, u.kind.value, u.write)


def scan_repo(
    repo: Any,
    targets: Targets | Iterable[tuple[str, str]] | Iterable[Entry],
    *,
    root: Path | None = None,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    progress: Progress | Literal["auto"] | None = "auto",
) -> ScanResult:
    """Scan a discovered repo (or a list of SourceFiles under `root`) for uses of the targets.

    `repo` is discovery's Repo (its `root` and packages' files are used) or a sequence of SourceFile;
    `targets` a Targets, (package, symbol) pairs, or KB entries. `jobs`: worker processes (default:
    the cores); `cache_dir`: persistent cache directory (None: no cache); `progress`: an observer of
    (files done, files), "auto" for a progress bar on stderr when it is a terminal (progress.py), None
    for none. Output is sorted and the same for any `jobs` and with or without the cache.
    """
    from analyzer.scan.files import from_repo
    from analyzer.scan.workers import Job, default_jobs, run_job

    t = _targets(targets)
    base = root if root is not None else Path(getattr(repo, "root", "."))
    files = tuple(sorted(from_repo(repo), key=lambda f: f.rel))
    job = Job(str(base), files, t, str(cache_dir) if cache_dir is not None else None)
    uses: list[Use] = []
    skipped: list[Skipped] = []
    if progress == "auto":
        from analyzer.scan.progress import terminal_progress

        progress = terminal_progress()
    for u, s in run_job(job, jobs if jobs is not None else default_jobs(), progress):
        uses.extend(u)
        skipped.extend(s)
    uses.sort(key=_use_key)
    skipped.sort(key=lambda s: (s.file, s.line or 0, s.reason))
    return ScanResult(tuple(uses), tuple(skipped))


def scan_tree(root: Path, targets: Any, **kw: Any) -> ScanResult:
    """Scan every .go file under root (without discovery): walk + scan_repo."""
    from analyzer.scan.files import walk

    return scan_repo(walk(root), targets, root=root, **kw)


def _targets(t: Any) -> Targets:
    if isinstance(t, Targets):
        return t
    items = list(t)
    if items and isinstance(items[0], Entry):
        return Targets.from_entries(items)
    return Targets.of((str(p), str(s)) for p, s in items)


__all__ = ["ScanResult", "SourceFile", "Targets", "scan_repo", "scan_tree"]
