"""The scanner's file read: sized by fstat, the same bytes as reading up to the cap."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from analyzer.scan import workers
from analyzer.scan.workers import _read_capped


def test_reads_the_whole_file(tmp_path: Path) -> None:
    p = tmp_path / "a.go"
    for data in (b"", b"package p\n", b"x" * 100_000):
        p.write_bytes(data)
        with p.open("rb") as fh:
            assert _read_capped(fh) == data


def test_a_file_longer_than_its_stat_is_read_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "a.go"
    p.write_bytes(b"0123456789" * 10)
    monkeypatch.setattr(workers.os, "fstat", lambda fd: SimpleNamespace(st_size=3))
    with p.open("rb") as fh:
        assert _read_capped(fh) == b"0123456789" * 10


def test_reads_one_byte_past_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "a.go"
    p.write_bytes(b"0123456789")
    monkeypatch.setattr(workers, "MAX_SOURCE_BYTES", 4)
    with p.open("rb") as fh:
        assert _read_capped(fh) == b"01234"  # the caller sees it is over the cap
    real = os.fstat
    monkeypatch.setattr(workers.os, "fstat", lambda fd: SimpleNamespace(st_size=min(real(fd).st_size, 2)))
    with p.open("rb") as fh:
        assert _read_capped(fh) == b"01234"
