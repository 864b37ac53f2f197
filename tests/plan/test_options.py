"""Option validation in one place, and how the current and target toolchains are resolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.errors import UsageError
from analyzer.model import GoLinePolicy, Module, Repo
from analyzer.plan.options import validate
from analyzer.plan.resolve import resolve_plan
from analyzer.versions import GoVersion
from tests.plan.conftest import SETTINGS

V = GoVersion.parse


def _opts(tmp: Path, **kw: object):  # type: ignore[no-untyped-def]
    base: dict[str, object] = {
        "path": tmp,
        "to": "1.27",
        "from_": None,
        "go_line": "keep",
        "goos": "linux",
        "goarch": "amd64",
        "fmt": "text",
        "fail_on": "changed",
        "jobs": None,
        "cache_dir": None,
        "no_cache": False,
        "strict": False,
    }
    base.update(kw)
    return validate(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kw, message",
    [
        ({"to": "1.19", "from_": "1.22.3"}, "older than"),
        ({"to": "2.0"}, "not a Go version"),
        ({"to": "1.27rc1"}, "pre-release"),
        ({"goos": "linux,beos"}, "unknown GOOS beos"),
        ({"goarch": "vax"}, "unknown GOARCH"),
        ({"fmt": "yaml"}, "unknown format"),
        ({"fail_on": "changed,sometimes"}, "unknown status sometimes"),
        ({"go_line": "1.28"}, "newer than the target"),
        ({"go_line": "soon"}, "not a Go version"),
        ({"jobs": 0}, "--jobs"),
        ({"no_cache": True, "cache_dir": Path("/tmp/x")}, "exclude each other"),
    ],
)
def test_bad_combinations_are_usage_errors(tmp_path: Path, kw: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        _opts(tmp_path, **kw)


def test_goos_list_and_fail_on_none(tmp_path: Path) -> None:
    o = _opts(tmp_path, goos="windows, linux", fail_on="none", go_line="1.25")
    assert o.goos == ("linux", "windows")
    assert o.fail_on == frozenset()
    assert (o.go_line, o.go_line_version) == (GoLinePolicy.SET, V("1.25"))


def _repo(go_version_file: str | None, toolchain: str | None, go: str) -> tuple[Repo, GoVersion | None]:
    m = Module("example.com/m", ".", "go.mod", V(go), go, f"go{toolchain}" if toolchain else "")
    return Repo("/x", "linux", "amd64", (m,)), V(go_version_file) if go_version_file else None


def _resolve(o, gvf: str | None, toolchain: str | None, go: str):  # type: ignore[no-untyped-def]
    repo, gv = _repo(gvf, toolchain, go)
    return resolve_plan(o, repo, SETTINGS, (), gv)


def test_current_toolchain_precedence(tmp_path: Path) -> None:
    o = _opts(tmp_path)
    plan, _ = _resolve(o, "1.22.10", "1.23.4", "1.21.0")
    assert (str(plan.from_toolchain), plan.from_source) == ("1.22.10", ".go-version")
    plan, _ = _resolve(o, None, "1.23.4", "1.21.0")
    assert (str(plan.from_toolchain), plan.from_source) == ("1.23.4", "toolchain line in go.mod")
    plan, _ = _resolve(o, None, None, "1.21.0")
    assert plan.from_source == "go line in go.mod"
    plan, _ = _resolve(_opts(tmp_path, from_="1.24.2"), "1.22.10", None, "1.21.0")
    assert str(plan.from_toolchain) == "1.24.2"


def test_target_older_than_resolved_current_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="older than the current"):
        _resolve(_opts(tmp_path, to="1.21"), "1.22.10", None, "1.21.0")


def test_bump_moves_go_line_to_target_minor(tmp_path: Path) -> None:
    plan, notes = _resolve(_opts(tmp_path, go_line="bump"), "1.22.10", None, "1.21.0")
    assert str(plan.new_go_line) == "1.27.0"
    assert any("newest patch" in n for n in notes)


def test_known_ports_are_go_tool_dist_lists() -> None:
    import os
    import shutil
    import subprocess

    from analyzer.plan.options import KNOWN_GOARCH, KNOWN_GOOS

    go = shutil.which("go")
    if go is None:
        pytest.skip("no go on PATH")
    env = {**os.environ, "GOTOOLCHAIN": "local", "GOFLAGS": ""}
    ports = subprocess.run([go, "tool", "dist", "list"], env=env, capture_output=True, text=True, check=True)
    pairs = [line.split("/") for line in ports.stdout.split()]
    assert {p[0] for p in pairs} == KNOWN_GOOS
    assert {p[1] for p in pairs} == KNOWN_GOARCH
