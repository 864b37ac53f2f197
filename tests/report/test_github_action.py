"""action.yml and .pre-commit-hooks.yaml: well-formed, and the action's scan script does what it says."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text())
    return loaded


def test_action_is_composite_and_uploads_sarif() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    uses = [s.get("uses", "") for s in action["runs"]["steps"]]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "inputs must reach scripts through env, not be spliced in"


def test_every_input_the_action_reads_is_declared() -> None:
    action = _action()
    text = (ROOT / "action.yml").read_text()
    used = set(re.findall(r"inputs\.([a-z-]+)", text))
    assert used == set(action["inputs"])


def test_pre_commit_hooks_are_well_formed() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["godebug-audit", "godebug-audit-pr"]
    for h in hooks:
        assert h["entry"].startswith("godebug-audit scan")
        assert h["language"] == "python" and h["pass_filenames"] is False
        files = re.compile(h["files"])
        assert files.search("cmd/app/main.go") and files.search("go.mod") and files.search("sub/go.work")
        assert not files.search("README.md") and not files.search("foo.gomod")


STUB = """#!/usr/bin/env bash
echo "$*" >> "$STUB_LOG"
if [ "$1" = scan ]; then echo '{"schema_version": "1"}'; exit "$STUB_CODE"; fi
echo "rendered $4"
"""


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash not installed")
@pytest.mark.parametrize("code", [0, 1, 2, 3])
def test_scan_step_passes_inputs_and_exit_code(tmp_path: Path, code: int) -> None:
    (step,) = [s for s in _action()["runs"]["steps"] if s.get("id") == "scan"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub = bin_dir / "godebug-audit"
    stub.write_text(STUB)
    stub.chmod(0o755)
    env = {k: "" for k in step["env"]}
    env.update(
        IN_PATH="my dir",
        IN_TO="1.27",
        IN_BASE="origin/main",
        IN_ARGS="--strict --goos linux",
        IN_SARIF=str(tmp_path / "out.sarif"),
        IN_SUMMARY="true",
        IN_ANNOTATIONS="true",
    )
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        RUNNER_TEMP=str(tmp_path),
        GITHUB_OUTPUT=str(tmp_path / "output"),
        GITHUB_STEP_SUMMARY=str(tmp_path / "summary"),
        STUB_LOG=str(tmp_path / "log"),
        STUB_CODE=str(code),
    )
    done = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", step["run"]], env=env, capture_output=True, text=True
    )
    calls = (tmp_path / "log").read_text().splitlines()
    scan = "scan my dir --format json --to 1.27 --strict --goos linux"
    assert calls[0] == f"{scan} --fail-on none"  # every finding, for code scanning
    outputs = (tmp_path / "output").read_text()
    assert f"exit-code={code}\n" in outputs
    if code == 2:
        assert done.returncode == 2 and len(calls) == 1  # nothing to render
        return
    assert calls[1] == f"{scan} --base origin/main"  # what the PR adds: exit code, annotations, summary
    assert done.returncode == 0, done.stderr  # the last step of the action exits with the code
    report, full = str(tmp_path / "godebug-audit.json"), str(tmp_path / "godebug-audit-full.json")
    assert calls[2:] == [
        f"convert {full} --format sarif",
        f"convert {report} --format github",
        f"convert {report} --format markdown",
    ]
    assert (tmp_path / "out.sarif").read_text() == "rendered sarif\n"
    assert (tmp_path / "summary").read_text() == "rendered markdown\n"
    assert "rendered github" in done.stdout


def test_scan_step_with_the_real_tool_on_the_example(tmp_path: Path) -> None:
    """The action's script, run as a runner would, with the real CLI: a schema-valid SARIF log, the
    Markdown summary, annotations, and the scan's exit code."""
    import json
    import sys

    from tests.report.fixture_docs import validate_sarif

    (step,) = [s for s in _action()["runs"]["steps"] if s.get("id") == "scan"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "godebug-audit"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m analyzer.cli "$@"\n')
    shim.chmod(0o755)
    env = {k: "" for k in step["env"]}
    env.update(
        IN_PATH="examples/k8s-shaped",
        IN_TO="1.27",
        IN_SARIF=str(tmp_path / "out.sarif"),
        IN_SUMMARY="true",
        IN_ANNOTATIONS="true",
    )
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        RUNNER_TEMP=str(tmp_path),
        GITHUB_OUTPUT=str(tmp_path / "output"),
        GITHUB_STEP_SUMMARY=str(tmp_path / "summary"),
        HOME=os.environ.get("HOME", str(tmp_path)),
        XDG_CACHE_HOME=str(tmp_path / "cache"),  # the suite's, never the developer's cache
    )
    done = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", step["run"]], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "exit-code=1\n" in (tmp_path / "output").read_text()  # the example has findings needing action
    report = json.loads((tmp_path / "godebug-audit.json").read_text())
    log = validate_sarif((tmp_path / "out.sarif").read_text())
    assert len(log["runs"][0]["results"]) >= len(
        [f for f in report["findings"] if f["status"] == "not-preservable"]
    )
    assert (tmp_path / "summary").read_text().startswith("<!-- godebug-audit -->")
    assert any(line.startswith("::error file=") for line in done.stdout.splitlines())


def _yaml_blocks(path: Path) -> list[Any]:
    text = path.read_text()
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, flags=re.S)]


def _steps(block: Any) -> list[dict[str, Any]]:
    """Steps of a workflow, or a bare list of steps, as a README snippet writes them."""
    if isinstance(block, list):
        return [s for s in block if isinstance(s, dict)]
    if isinstance(block, dict) and "jobs" in block:
        return [s for job in block["jobs"].values() for s in job.get("steps", [])]
    return []


@pytest.mark.parametrize("doc", ["README.md", "docs/ci.md"])
def test_copy_paste_examples_use_what_the_action_and_hooks_declare(doc: str) -> None:
    inputs = set(_action()["inputs"])
    hook_ids = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    used_action = used_hooks = 0
    for block in _yaml_blocks(ROOT / doc):
        for step in _steps(block):
            if str(step.get("uses", "")).startswith("godebug-audit/godebug-audit@"):
                used_action += 1
                assert set(step.get("with") or {}) <= inputs, step
        if isinstance(block, dict) and "repos" in block:
            for repo in block["repos"]:
                for hook in repo["hooks"]:
                    used_hooks += 1
                    assert hook["id"] in hook_ids
    assert used_action and used_hooks, f"{doc} should show the action and the pre-commit hooks"
