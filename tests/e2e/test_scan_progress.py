"""scan shows a progress bar only on a terminal: the planner hands scan_repo an observer, and the
terminal check gives none under CliRunner (stderr is not a terminal)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.scan import progress as progress_mod

FILES = {
    "go.mod": "module example.com/m\n\ngo 1.21.0\n",
    "main.go": 'package main\n\nimport "time"\n\nfunc main() { _ = time.NewTimer(time.Second) }\n',
}


def _tree(root: Path) -> Path:
    for rel, text in FILES.items():
        (root / rel).write_text(text)
    return root


def _scan(root: Path) -> str:
    r = CliRunner().invoke(main, ["scan", str(root), "--to", "1.27", "--from", "1.26.6", "--no-cache"])
    assert r.exit_code == 1, r.output
    return r.output + (r.stderr if r.stderr_bytes is not None else "")


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    out = _scan(_tree(tmp_path))
    assert "files/s" not in out and "scanning" not in out


def test_scan_reports_files_done_to_the_observer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, int, int]] = []

    def observer(label: str = "scanning") -> progress_mod.Progress:
        return lambda done, total: seen.append((label, done, total))

    monkeypatch.setattr(progress_mod, "terminal_progress", observer)
    _scan(_tree(tmp_path))
    assert seen and seen[-1] == ("scanning", 1, 1)
