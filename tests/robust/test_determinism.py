"""The same input gives the same bytes: every report format of a scan of the example repository, over
1 and 2 workers, a cold and a warm cache, and the file system listing directories in another order."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.robust.cli import REPO, run_cli

EXAMPLE = REPO / "examples" / "k8s-shaped"
FORMATS = ("json", "text", "sarif", "markdown", "github")


def _copy(src: Path, dest: Path, reverse: bool) -> Path:
    """A copy whose files and directories are created in sorted (or reverse sorted) order: on most file
    systems that is also the order readdir returns them in, so the two copies list differently."""
    entries = sorted(src.rglob("*"), key=lambda p: p.relative_to(src).as_posix(), reverse=reverse)
    dest.mkdir(parents=True)
    for p in sorted(entries, key=lambda p: len(p.relative_to(src).parts)):  # parents first
        target = dest / p.relative_to(src)
        if p.is_dir():
            target.mkdir(exist_ok=True)
    for p in entries:
        if p.is_file():
            shutil.copyfile(p, dest / p.relative_to(src))
    return dest


def _scan(root: Path, fmt: str, jobs: int, cache: Path | None) -> str:
    args = ["scan", str(root), "--to", "1.27", "--format", fmt, "--jobs", str(jobs)]
    args += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    run = run_cli(args, cwd=root)
    assert run.code in (0, 1), run.stderr
    return run.stdout.replace(str(root), "ROOT")


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    base = tmp_path_factory.mktemp("determinism")
    forward = _copy(EXAMPLE, base / "forward" / "k8s-shaped", reverse=False)
    backward = _copy(EXAMPLE, base / "backward" / "k8s-shaped", reverse=True)
    yield forward, backward


def test_listing_order_really_differs(trees: tuple[Path, Path]) -> None:
    listings = [[e.name for e in os.scandir(t / "pkg")] for t in trees]
    if listings[0] == listings[1]:
        pytest.skip("this file system lists directories in one order whatever the creation order")
    assert sorted(listings[0]) == sorted(listings[1])


def test_json_bytes_across_workers_cache_and_listing_order(trees: tuple[Path, Path], tmp_path: Path) -> None:
    forward, backward = trees
    cache = tmp_path / "cache"
    reference = _scan(forward, "json", 1, None)
    variants = {
        "2 workers, no cache": _scan(forward, "json", 2, None),
        "2 workers, cold cache": _scan(forward, "json", 2, cache),
        "1 worker, warm cache": _scan(forward, "json", 1, cache),
        "2 workers, warm cache": _scan(forward, "json", 2, cache),
        "reverse listing, 2 workers, cold cache": _scan(backward, "json", 2, tmp_path / "cache2"),
        "reverse listing, 1 worker, warm cache (of the other tree)": _scan(backward, "json", 1, cache),
    }
    assert '"findings": [' in reference and len(reference) > 10_000
    for name, got in variants.items():
        assert got == reference, name


def test_every_format_across_workers_and_listing_order(trees: tuple[Path, Path], tmp_path: Path) -> None:
    forward, backward = trees
    for fmt in FORMATS[1:]:
        a = _scan(forward, fmt, 1, None)
        b = _scan(backward, fmt, 2, tmp_path / "cache")
        assert a == b, fmt
        assert a.strip(), fmt


def test_in_process_scandir_reversed(monkeypatch: pytest.MonkeyPatch, trees: tuple[Path, Path]) -> None:
    """os.scandir/os.listdir returning every directory backwards (os.walk and glob use them)."""
    from click.testing import CliRunner

    from analyzer.cli import main

    forward, _ = trees
    args = ["scan", str(forward), "--to", "1.27", "--format", "json", "--jobs", "1", "--no-cache"]
    normal = CliRunner().invoke(main, args)
    real_scandir, real_listdir = os.scandir, os.listdir

    class Reversed:
        def __init__(self, path: Any = ".") -> None:
            self._it = real_scandir(path)
            self._entries = iter(list(self._it)[::-1])

        def __iter__(self) -> Reversed:
            return self

        def __next__(self) -> os.DirEntry[str]:
            return next(self._entries)

        def __enter__(self) -> Reversed:
            return self

        def __exit__(self, *exc: object) -> None:
            self._it.close()

        def close(self) -> None:
            self._it.close()

    monkeypatch.setattr(os, "scandir", Reversed)
    monkeypatch.setattr(os, "listdir", lambda path=".": real_listdir(path)[::-1])
    backwards = CliRunner().invoke(main, args)
    monkeypatch.undo()
    assert backwards.exception is None or isinstance(backwards.exception, SystemExit), backwards.exception
    assert normal.exit_code in (0, 1) and backwards.exit_code == normal.exit_code, backwards.output[-2000:]
    assert backwards.stdout == normal.stdout
