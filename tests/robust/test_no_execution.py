"""Nothing from the scanned tree runs: a repository whose every hook would write a marker file leaves
none after scan, uses, godebug, env and fix; and the code base itself only runs git (PR mode) and go
(fix --verify-with-go) with a scrubbed environment, loads YAML safely, and opens no sockets."""

from __future__ import annotations

import ast
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.robust.cli import BASE, REPO, run_cli, write_tree


def _hostile_repo(root: Path, marker: Path) -> Path:
    touch = f"touch {marker}"
    script = f"#!/bin/sh\n{touch}\n"
    write_tree(
        root,
        dict(BASE)
        | {
            # a toolchain line the go command would download and run (GOTOOLCHAIN=auto)
            "go.mod": "module example.com/h\n\ngo 1.22\n\ntoolchain go1.23.99\n",
            "Makefile": f"all:\n\t{touch}\n\ninclude $(shell {touch})\n",
            ".envrc": f"{touch}\nexport GOFLAGS=-toolexec={root}/bin/go\n",
            "cmd/app/gen.go": f"package main\n\n//go:generate sh -c '{touch}'\n//go:generate {root}/bin/go\n",
            "tools/tools.go": '//go:build tools\n\npackage tools\n\nimport _ "example.com/evil"\n',
            "bin/go": script,
            "bin/git": script,
            "bin/gofmt": script,
            ".git-hooks/post-checkout": script,
            "Dockerfile": f"FROM golang\nRUN {touch}\nENV GODEBUG=x509sha1=1\n",
            "run.sh": script,
            "cmd/app/cgo.go": f'package main\n\n// #cgo LDFLAGS: -fplugin=/x\n// {touch}\nimport "C"\n',
        },
    )
    for rel in ("bin/go", "bin/git", "bin/gofmt", ".git-hooks/post-checkout", "run.sh"):
        (root / rel).chmod(0o755)
    return root


def test_nothing_in_the_tree_is_executed(tmp_path: Path) -> None:
    marker = tmp_path / "MARKER"
    root = _hostile_repo(tmp_path / "repo", marker)
    # the repository's bin/ first on PATH, and GO* variables pointing into it
    env = dict(os.environ)
    env["PATH"] = f"{root / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env |= {"GOFLAGS": f"-toolexec={root}/bin/go", "GOTOOLCHAIN": "auto", "BASH_ENV": str(root / "run.sh")}
    env["ENV"] = str(root / "run.sh")
    commands = [
        ["scan", str(root), "--to", "1.27", "--no-cache"],
        ["scan", str(root), "--to", "1.27", "--no-cache", "--format", "sarif"],
        ["uses", str(root), "--no-cache"],
        ["uses", str(root), "--no-cache", "--all-files"],
        ["godebug", str(root)],
        ["env", str(root)],
    ]
    if (REPO / "analyzer/commands/fix.py").is_file():
        commands.append(["fix", str(root), "--to", "1.27"])
    for args in commands:
        run = run_cli(args, env=env)
        assert "Traceback (most recent call last)" not in run.output, (args, run.output[-2000:])
        assert run.code in (0, 1), (args, run.output[-2000:])
        assert not marker.exists(), f"{args[0]} ran something from the tree"


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_pr_mode_runs_no_git_hook_of_the_checkout(tmp_path: Path) -> None:
    """Bug: a .git/config core.fsmonitor command ran on `scan --base` (git diff refreshes the index)."""
    marker = tmp_path / "MARKER"
    root = write_tree(tmp_path / "repo", dict(BASE))
    hook = tmp_path / "fsmonitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    git = ["git", "-C", str(root), "-c", "user.email=a@b", "-c", "user.name=a"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run([*git, *args], check=True, capture_output=True)
    subprocess.run([*git, "config", "core.fsmonitor", str(hook)], check=True)
    subprocess.run([*git, "config", "core.hooksPath", str(tmp_path)], check=True)
    run = run_cli(["scan", str(root), "--to", "1.27", "--no-cache", "--base", "HEAD"])
    assert "Traceback (most recent call last)" not in run.output
    assert run.code in (0, 1), run.output[-2000:]
    assert not marker.exists()


# --------------------------------------------------------------------------- the code base itself

SOURCES = sorted((REPO / "analyzer").rglob("*.py"))
NETWORK = {"socket", "urllib.request", "http.client", "requests", "httpx", "ftplib", "smtplib", "telnetlib"}


def _calls(tree: ast.AST) -> list[tuple[str, ast.Call]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = (
                f"{f.value.id}.{f.attr}"
                if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name)
                else f.id
                if isinstance(f, ast.Name)
                else ""
            )
            out.append((name, node))
    return out


def test_only_git_and_go_are_run_and_go_with_a_scrubbed_environment() -> None:
    runners = {
        "subprocess.run",
        "subprocess.Popen",
        "subprocess.call",
        "subprocess.check_output",
        "subprocess.check_call",
        "os.system",
        "os.popen",
        "os.execv",
        "os.execvp",
        "os.spawnv",
    }
    found: dict[str, list[int]] = {}
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, call in _calls(tree):
            if name in runners:
                rel = path.relative_to(REPO).as_posix()
                found.setdefault(rel, []).append(call.lineno)
                kw = {k.arg for k in call.keywords}
                if rel != "analyzer/pr/git.py":  # git: argv is ["git", "-c", "core.fsmonitor=false", ...]
                    assert "env" in kw, f"{rel}:{call.lineno}: a subprocess without a scrubbed env="
    assert set(found) <= {"analyzer/pr/git.py", "analyzer/fix/verify.py"}, found
    if "analyzer/fix/verify.py" in found:
        from analyzer.fix.verify import go_env

        env = go_env(Path("/tmp/x"), "linux", "amd64")
        assert (env["GOTOOLCHAIN"], env["GOPROXY"], env["GOFLAGS"], env["GOENV"]) == (
            "local",
            "off",
            "",
            "off",
        )
        assert not {k for k in env if k.startswith("GO")} - {
            "GOENV",
            "GOTOOLCHAIN",
            "GOPROXY",
            "GOFLAGS",
            "GONOSUMDB",
            "GOSUMDB",
            "GOPATH",
            "GOCACHE",
            "GOMODCACHE",
            "GOOS",
            "GOARCH",
        }


def test_yaml_is_loaded_safely_and_nothing_opens_a_socket() -> None:
    for path in SOURCES:
        rel = path.relative_to(REPO).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not set(names) & NETWORK, f"{rel}:{node.lineno}: imports {names}"
        for name, call in _calls(tree):
            if name in ("yaml.load", "yaml.load_all", "yaml.compose", "yaml.compose_all"):
                loader = {k.arg: k.value for k in call.keywords}.get("Loader")
                text = ast.unparse(loader) if loader is not None else ""
                assert "Safe" in text or text == "_Loader", f"{rel}:{call.lineno}: {name} with {text!r}"
            assert name not in ("yaml.unsafe_load", "yaml.full_load", "eval", "exec", "pickle.loads"), (
                f"{rel}:{call.lineno}: {name}"
            )
    # the custom loaders are SafeLoader subclasses
    import yaml

    from analyzer.kb import yamlnodes
    from analyzer.suppress import config

    assert issubclass(config._Loader, yaml.SafeLoader) or "Safe" in config._Loader.__mro__[1].__name__
    assert "Safe" in yamlnodes._Loader.__mro__[1].__name__
