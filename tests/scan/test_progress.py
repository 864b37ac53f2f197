"""Scan progress: the observer sees every file done; the terminal bar only on a terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from analyzer.scan import scan_tree
from analyzer.scan.progress import terminal_progress
from tests.scan.conftest import TARGETS, TESTDATA


def test_the_observer_sees_files_done_up_to_all(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    scan_tree(TESTDATA, TARGETS, jobs=1, progress=lambda done, total: seen.append((done, total)))
    assert seen
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1][0] == seen[-1][1] > 0


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert terminal_progress() is None
    assert scan_tree(TESTDATA, TARGETS, jobs=1).uses  # "auto" draws nothing and still scans


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _Tty()
    monkeypatch.setattr("sys.stderr", fake)
    update = terminal_progress()
    assert update is not None
    update(1, 2)
    update(2, 2)
