"""`godebug-audit scan` end to end on small trees and the k8s-shaped example, against golden transcripts.

Each golden file starts with the command and its exit code. The scrub list below replaces what may
differ between machines and releases (tool version, absolute paths). Rewrite the goldens with
`pytest tests/e2e --update-golden` or GODEBUG_AUDIT_UPDATE_GOLDEN=1, then review the diff.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from analyzer import __version__
from analyzer.cli import main

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
SCHEMA = json.loads((REPO / "analyzer" / "schemas" / "report.schema.json").read_text())

SCENARIOS: dict[str, tuple[str, tuple[str, ...]]] = {
    # pre-1.21: the go line pins nothing; main() defaults and ErrDot handling do (kubernetes#113983)
    "pre121-117-to-119": ("testdata/e2e/pre121", ("--to", "1.19")),
    # 1.22 -> 1.24, go line kept: only removals and settings without a Changed version move
    "keep122-to-124-kept": ("testdata/e2e/keep122", ("--to", "1.24")),
    # same, go line bumped: every flipped setting with its uses and the godebug line that restores it
    "keep122-to-124-bumped": ("testdata/e2e/keep122", ("--to", "1.24", "--go-line", "bump")),
    # 1.23 -> 1.27 with x509sha1=1 pinned in go.mod (build error) and settings removed in 1.27
    "pinned123-to-127": ("testdata/e2e/pinned123", ("--to", "1.27")),
    # go.work decides: its godebug line counts, app/go.mod's is ignored
    "workspace-124-to-126-bumped": ("testdata/e2e/workspace", ("--to", "1.26", "--go-line", "bump")),
    # the README's command
    "k8s-shaped-to-127": ("examples/k8s-shaped", ("--to", "1.27")),
    "k8s-shaped-to-127-bumped": (
        "examples/k8s-shaped",
        ("--to", "1.27", "--go-line", "bump", "--goos", "linux,windows"),
    ),
}

# (pattern, replacement): applied to every transcript before comparing
SCRUB: tuple[tuple[str, str], ...] = (
    (re.escape(str(REPO)), "<repo>"),
    (r'"version": "' + re.escape(__version__) + '"', '"version": "<version>"'),
)


def scrub(text: str) -> str:
    for pattern, repl in SCRUB:
        text = re.sub(pattern, repl, text)
    return text


def _update(request: pytest.FixtureRequest) -> bool:
    opt = False
    with contextlib.suppress(ValueError):
        opt = bool(request.config.getoption("--update-golden"))
    return opt or os.environ.get("GODEBUG_AUDIT_UPDATE_GOLDEN") == "1"


def _run(tree: str, args: tuple[str, ...], fmt: str) -> tuple[int, str]:
    runner = CliRunner()
    result = runner.invoke(main, ["scan", tree, *args, "--no-cache", "--format", fmt], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_golden(name: str, fmt: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    tree, args = SCENARIOS[name]
    code, out = _run(tree, args, fmt)
    if fmt == "json":
        jsonschema.validate(json.loads(out), SCHEMA)
    transcript = scrub(f"$ godebug-audit scan {tree} {' '.join(args)} --format {fmt}\nexit: {code}\n{out}")
    path = GOLDEN / f"{name}.{'txt' if fmt == 'text' else 'json.txt'}"
    if _update(request):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(transcript, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with GODEBUG_AUDIT_UPDATE_GOLDEN=1"
    assert transcript == path.read_text(encoding="utf-8")


def test_same_bytes_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    tree, args = SCENARIOS["k8s-shaped-to-127"]
    assert _run(tree, args, "json") == _run(tree, args, "json")


@pytest.mark.parametrize(
    "args, message",
    [
        (("--to", "1.19", "--from", "1.22"), "older than"),
        (("--to", "1.27", "--goos", "linux,beos"), "unknown GOOS beos"),
        (("--to", "banana"), "not a Go version"),
        (("--to", "1.27", "--fail-on", "sometimes"), "unknown status"),
        (("--to", "1.24", "--go-line", "1.26"), "newer than the target"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["scan", "examples/k8s-shaped", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
