"""`godebug-audit cache`: where the scanner's persistent cache is, what it holds, trimming and cleaning it."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import click

from analyzer.errors import CacheError, UsageError

_CACHE_DIR = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The cache directory (default: the user cache directory, as for scan and uses).",
)
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_DURATION = re.compile(r"(?:\d+[dhms])+")


@click.group("cache")
def command() -> None:
    """See and manage the scanner's persistent cache (the one `scan` and `uses` keep; --cache-dir,
    --no-cache).

    \b
    Like Go's build cache (cmd/go/internal/cache: mtimeInterval, trimInterval, trimLimit), a hit
    refreshes an entry's mtime (at most once an hour), and at the end of a run, at most once a day (the
    root's trim.txt), entries unused for 5 days are deleted. Every key includes the tool's version, so
    that is also what clears out an older version's entries. Only a directory marked with CACHEDIR.TAG
    (written by the runs that create the cache) is ever trimmed or cleaned.
    Exit codes: 0 done; 2 bad option, or a directory that is not a godebug-audit cache (no CACHEDIR.TAG).
    """


@command.command("dir")
@_CACHE_DIR
def dir_cmd(cache_dir: Path | None) -> None:
    """Print the cache directory."""
    click.echo(str(_root(cache_dir)))


@command.command("info")
@_CACHE_DIR
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def info_cmd(cache_dir: Path | None, fmt: str) -> None:
    """Entries and bytes per kind, temp files, and the last trim."""
    from analyzer.cacheroot import info, is_cache

    root = _root(cache_dir)
    held = info(root)
    if held.exists and not is_cache(root):
        raise CacheError("not a godebug-audit cache (no CACHEDIR.TAG; a scan with it marks one)", str(root))
    doc: dict[str, Any] = {
        "root": str(root),
        "kinds": [{"kind": k.kind, "entries": k.entries, "bytes": k.bytes} for k in held.kinds],
        "entries": held.entries,
        "bytes": held.bytes,
        "temp_files": held.temp_files,
        "last_trim": _when(held.last_trim),
    }
    if fmt == "json":
        click.echo(json.dumps(doc, indent=2))
        return
    lines = [f"cache: {root}" + ("" if held.exists else " (empty: not created yet)")]
    rows = [(k.kind, k.entries, k.bytes) for k in held.kinds] + [("total", held.entries, held.bytes)]
    lines += [f"  {kind:<12} {n:>8} entries {_size(b):>10}" for kind, n, b in rows]
    lines.append(f"temp files: {held.temp_files}")
    lines.append(f"last trim: {doc['last_trim'] or 'never'}")
    click.echo("\n".join(lines))


@command.command("trim")
@_CACHE_DIR
@click.option(
    "--older-than",
    default="5d",
    show_default=True,
    help="Delete entries not used for this long: a duration such as 5d, 12h, 1d12h, 30m.",
)
def trim_cmd(cache_dir: Path | None, older_than: str) -> None:
    """Delete entries unused for --older-than, temp files of interrupted writes older than an hour, and
    empty shard directories (what a run does by itself once a day, with 5d)."""
    from analyzer.cacheroot import trim

    limit = parse_duration(older_than)
    root = _existing_cache(cache_dir)
    got = trim(root, limit)
    click.echo(
        f"trimmed {root}: removed {got.removed} entries ({_size(got.removed_bytes)}), "
        f"{got.temp_files} temp files, {got.directories} empty directories; "
        f"kept {got.kept} entries ({_size(got.kept_bytes)})"
    )


@command.command("clean")
@_CACHE_DIR
def clean_cmd(cache_dir: Path | None) -> None:
    """Remove everything in the cache (like `go clean -cache`); refuses a directory without the marker."""
    from analyzer.cacheroot import clean

    root = _existing_cache(cache_dir)
    held = clean(root)
    click.echo(f"cleaned {root}: removed {held.entries} entries ({_size(held.bytes)})")


def parse_duration(text: str) -> int:
    """Seconds in a duration such as 5d, 12h, 1d12h, 30m, 45s."""
    if not _DURATION.fullmatch(text):
        raise UsageError(f"--older-than: invalid duration {text!r} (use e.g. 5d, 12h, 1d12h, 30m)")
    return sum(int(n) * _UNITS[u] for n, u in re.findall(r"(\d+)([dhms])", text))


def _root(cache_dir: Path | None) -> Path:
    from analyzer.scan.cache import default_cache_dir

    return cache_dir if cache_dir is not None else default_cache_dir()


def _existing_cache(cache_dir: Path | None) -> Path:
    from analyzer.cacheroot import is_cache

    root = _root(cache_dir)
    if not root.exists():
        raise CacheError("no such directory", str(root))
    if not root.is_dir():
        raise CacheError("not a directory", str(root))
    if not is_cache(root):
        raise CacheError("not a godebug-audit cache (no CACHEDIR.TAG), refusing to touch it", str(root))
    return root


def _when(t: int | None) -> str | None:
    return None if t is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def _size(n: int) -> str:
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"
