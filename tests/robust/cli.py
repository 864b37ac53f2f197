"""Running the real command line in a subprocess (a hang becomes a test failure, not a stuck run)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(
    args: Sequence[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
) -> Run:
    """`python -m analyzer.cli ARGS` with a timeout; the environment is ours unless `env` is given."""
    base = dict(os.environ) if env is None else env
    base.setdefault("PYTHONPATH", str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "analyzer.cli", *args],
        cwd=cwd,
        env=base,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        preexec_fn=preexec,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (relative path -> text or bytes) under root; returns root."""
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    return root


# a module whose one binary has a finding that needs action (http.NewServeMux, Go 1.22 -> 1.27)
BASE: dict[str, str | bytes] = {
    "go.mod": "module example.com/h\n\ngo 1.22\n",
    "cmd/app/main.go": (
        'package main\n\nimport "net/http"\n\nfunc main() {\n\tmux := http.NewServeMux()\n\t_ = mux\n}\n'
    ),
}
BASE_FINDING = ("servemux-redirect-307-go126", "cmd/app/main.go", 6)
