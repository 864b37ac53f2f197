"""`godebug-audit uses`: every use of every API the KB names (no bump plan)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from json.encoder import encode_basestring_ascii
from pathlib import Path
from typing import Any

import click

from analyzer.errors import InputError, UsageError
from analyzer.jsontext import scalar
from analyzer.model import Entry, Skipped, SourceFile


@click.command("uses")
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", default="text", show_default=True, help="text, json, sarif, markdown, github."
)
@click.option("--goos", default="linux", show_default=True, help="GOOS whose files are scanned.")
@click.option("--goarch", default="amd64", show_default=True)
@click.option("--jobs", type=int, default=None, help="Parallel parse jobs (default: CPU count).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--no-cache", is_flag=True, help="Parse everything again.")
@click.option(
    "--targets",
    "targets_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    hidden=True,
    help="Scan for these [{package, symbol}] instead of the KB's APIs (accuracy runs).",
)
@click.option("--all-files", is_flag=True, hidden=True, help="Ignore build constraints (accuracy runs).")
def command(
    path: Path,
    fmt: str,
    goos: str,
    goarch: str,
    jobs: int | None,
    cache_dir: Path | None,
    no_cache: bool,
    targets_file: Path | None,
    all_files: bool,
) -> None:
    """List every use in PATH of an API a KB entry names: file:line:col: package.symbol [entries]."""
    from analyzer.cacheroot import after_run
    from analyzer.report import FORMATS
    from analyzer.scan import Targets, scan_repo
    from analyzer.scan.progress import terminal_progress

    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(sorted(FORMATS))}, not {fmt!r}")
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if not path.is_dir():
        raise InputError(f"{path}: not a directory")
    entries = [] if targets_file is not None else _load_entries()
    targets = _read_targets(targets_file) if targets_file is not None else Targets.from_entries(entries)
    if no_cache:
        cache = None
    else:
        from analyzer.scan.cache import default_cache_dir

        cache = cache_dir if cache_dir is not None else default_cache_dir()
    files, unread = _files(path, goos, goarch, all_files, cache)
    result = scan_repo(files, targets, root=path, jobs=jobs, cache_dir=cache, progress=terminal_progress())
    affects, neutralizes = _entry_index(entries)
    skipped = sorted({*result.skipped, *unread}, key=lambda s: (s.file, s.line or 0, s.reason))
    if fmt == "json":
        click.echo(render_json(result.uses, skipped, affects, neutralizes))
    elif fmt == "text":
        click.echo(render_text(result.uses, skipped, affects, neutralizes), nl=False)
    else:  # the CI formats render the JSON document, as `convert` does
        from analyzer.report import render

        doc = json.loads(render_json(result.uses, skipped, affects, neutralizes))
        click.echo(render(doc, fmt), nl=False)
    after_run(cache)  # the daily trim, after the output (analyzer/cacheroot.py)


Index = dict[tuple[str, str], list[str]]


def _entry_index(entries: Iterable[Entry]) -> tuple[Index, Index]:
    affects: Index = defaultdict(list)
    neutralizes: Index = defaultdict(list)
    for e in entries:
        for a in e.affects:
            affects[(a.package, a.symbol)].append(e.id)
        for n in e.neutralizers:
            neutralizes[(n.package, n.symbol)].append(e.id)
    return affects, neutralizes


def render_json(uses: Iterable[Any], skipped: Iterable[Any], affects: Index, neutralizes: Index) -> str:
    """The uses document: {"uses": [...], "skipped": [...]}, keys and order stable.

    Byte for byte `json.dumps(doc, indent=1)` of that document (tests/scan/test_uses_command.py
    checks it), written directly: json's indenting encoder is pure Python and took a tenth of a
    warm run of the corpus.
    """
    lists: dict[tuple[str, str], str] = {}
    objs: list[str] = []
    for u in uses:
        key = (u.package, u.symbol)
        ids = lists.get(key)
        if ids is None:
            ids = lists[key] = (
                f'   "entries": {_strings(sorted(set(affects.get(key, ()))))},\n'
                f'   "neutralizes": {_strings(sorted(set(neutralizes.get(key, ()))))},\n'
            )
        objs.append(
            f'  {{\n   "file": {_scalar(u.file)},\n   "line": {_scalar(u.line)},\n'
            f'   "column": {_scalar(u.column)},\n   "package": {_scalar(u.package)},\n'
            f'   "symbol": {_scalar(u.symbol)},\n{ids}   "kind": {_scalar(u.kind.value)},\n'
            f'   "test": {_scalar(u.test)},\n   "vendor": {_scalar(u.vendor)},\n'
            f'   "generated": {_scalar(u.generated)}\n  }}'
        )
    skips = [
        f'  {{\n   "file": {_scalar(s.file)},\n   "line": {_scalar(s.line)},\n'
        f'   "reason": {_scalar(s.reason)}\n  }}'
        for s in skipped
    ]
    return f'{{\n "uses": {_items(objs)},\n "skipped": {_items(skips)}\n}}'


def _scalar(v: Any) -> str:
    """json.dumps of a str, int, bool or None."""
    return scalar(v if isinstance(v, (bool, int, type(None))) else str(v))


def _strings(xs: list[str]) -> str:
    """A list of strings as json.dumps(indent=1) writes it at the depth of a use's fields."""
    if not xs:
        return "[]"
    return "[\n" + ",\n".join("    " + encode_basestring_ascii(x) for x in xs) + "\n   ]"


def _items(objs: list[str]) -> str:
    return "[\n" + ",\n".join(objs) + "\n ]" if objs else "[]"


def render_text(uses: Iterable[Any], skipped: Iterable[Any], affects: Index, neutralizes: Index) -> str:
    """One `file:line:col: package.symbol [entries]` line per use, then skipped files."""
    lines = []
    for u in uses:
        ids = sorted(set(affects.get((u.package, u.symbol), ())))
        pins = sorted(set(neutralizes.get((u.package, u.symbol), ())))
        tags = ids + [f"neutralizes {i}" for i in pins]
        suffix = f" [{', '.join(tags)}]" if tags else ""
        lines.append(f"{u.file}:{u.line}:{u.column}: {u.package}.{u.symbol}{suffix}\n")
    for s in skipped:
        where = f"{s.file}:{s.line}" if s.line else s.file
        lines.append(f"{where}: skipped: {s.reason}\n")
    return "".join(lines)


def _load_entries() -> list[Entry]:
    try:
        from analyzer.kb import load_entries  # type: ignore[attr-defined,import-not-found,unused-ignore]
    except ImportError as err:
        raise InputError("the knowledge base is not available in this build") from err
    entries: list[Entry] = list(load_entries())
    return entries


def _read_targets(path: Path) -> Any:
    from analyzer.scan import Targets

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(f"{path}: cannot read targets: {err}") from err
    if isinstance(data, dict):
        entries = data.get("entries", [])
        items = [x for e in entries for x in (e.get("affects", []) + e.get("neutralizers", []))]
    else:
        items = data
    try:
        return Targets.of((str(x["package"]), str(x["symbol"])) for x in items)
    except (KeyError, TypeError) as err:
        raise InputError(f"{path}: targets must be [{{package, symbol}}]") from err


def _files(
    root: Path, goos: str, goarch: str, all_files: bool, cache: Path | None
) -> tuple[list[SourceFile], list[Skipped]]:
    """The files discovery selects for goos/goarch, or every .go file (`--all-files`, accuracy runs),
    and the files discovery could not read (they are reported as skipped). Discovery keeps its header
    cache in `cache` (the scan's cache directory; None: no cache)."""
    from analyzer.scan.files import from_repo, walk

    if all_files:
        return walk(root), []
    from analyzer.discovery import discover

    repo = discover(root, goos=goos, goarch=goarch, cache_dir=cache)
    return from_repo(repo), list(repo.skipped)

