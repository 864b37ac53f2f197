"""analyzer.safeio: regular files only, never through a link out of the tree, never over the cap."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analyzer.safeio import Unreadable, check_regular, outside_link, read_bytes, read_head


def test_regular_file_inside(tmp_path: Path) -> None:
    (tmp_path / "a.go").write_bytes(b"package a\n")
    (tmp_path / "l.go").symlink_to("a.go")
    assert read_bytes(tmp_path / "a.go", tmp_path) == b"package a\n"
    assert read_bytes(tmp_path / "l.go", tmp_path) == b"package a\n"  # a link inside the tree is fine
    assert read_head(tmp_path / "a.go", 3, tmp_path) == b"pac"


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.go")
    with pytest.raises(Unreadable, match=r"^not a regular file \(a named pipe\)$"):
        read_bytes(tmp_path / "p.go", tmp_path)
    with pytest.raises(Unreadable):
        read_head(tmp_path / "p.go", 10)


def test_links_out_of_the_tree_loops_and_dangling(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "secret").write_text("SECRET")
    (root / "out.go").symlink_to(tmp_path / "secret")
    (root / "dev.go").symlink_to("/dev/zero")
    (root / "a.go").symlink_to("b.go")
    (root / "b.go").symlink_to("a.go")
    (root / "gone.go").symlink_to("nowhere.go")
    (root / "d").symlink_to(tmp_path)
    for name, reason in [
        ("out.go", "symbolic link to a file outside the scanned tree"),
        ("dev.go", "symbolic link to a file outside the scanned tree"),
        ("a.go", "symbolic link loop"),
        ("gone.go", "broken symbolic link"),
    ]:
        with pytest.raises(Unreadable) as err:
            read_bytes(root / name, root)
        assert str(err.value) == reason
        assert "SECRET" not in str(err.value) and str(tmp_path / "secret") not in str(err.value)
    assert outside_link(root / "d", root) and not outside_link(root / "a.go", root)
    # without a root, a link out is followed (the caller's own files, e.g. --config)
    assert read_bytes(root / "out.go") == b"SECRET"


def test_size_cap(tmp_path: Path) -> None:
    (tmp_path / "big.go").write_bytes(b"x" * 101)
    with pytest.raises(Unreadable, match=r"larger than 100 bytes \(the size cap\)"):
        read_bytes(tmp_path / "big.go", tmp_path, limit=100)
    assert len(read_bytes(tmp_path / "big.go", tmp_path, limit=101)) == 101


def test_directory_and_missing(tmp_path: Path) -> None:
    with pytest.raises(Unreadable, match="a directory"):
        check_regular(tmp_path)
    with pytest.raises(FileNotFoundError):
        read_bytes(tmp_path / "missing.go")
