"""Oracle: what the real Go toolchain does at startup with each environment value vs. our classification.

One tiny program is built once with the `go` on PATH (Go 1.27.3 in CI) and run from a temp dir with every
case in one loop; a case is fatal when the program exits non-zero with `fatal error`. Our answer: some
finding is `startup-fatal`. Also checks the KB's settings (deploy's only table) against that toolchain's
table.go, including every value each Removed row's Old predicate accepts.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analyzer.deploy import classify, godebugs
from analyzer.deploy.godebugs import default_table
from analyzer.model import DeployCategory, EnvSetting, EnvSource
from analyzer.versions import GoVersion

GO = shutil.which("go")
pytestmark = pytest.mark.skipif(GO is None, reason="no go on PATH")


def _go_env(*names: str) -> list[str]:
    assert GO is not None
    env = {**os.environ, "GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": ""}
    out = subprocess.run([GO, "env", *names], env=env, capture_output=True, text=True, check=True).stdout
    return out.splitlines()


@pytest.fixture(scope="module")
def toolchain() -> GoVersion:
    return GoVersion.parse(_go_env("GOVERSION")[0])


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert GO is not None
    src = tmp_path_factory.mktemp("prog")
    (src / "go.mod").write_text("module example.com/prog\n\ngo 1.21\n")
    (src / "main.go").write_text('package main\n\nfunc main() { println("ok") }\n')
    exe = src / "prog"
    env = {
        **os.environ,
        "GOTOOLCHAIN": "local",
        "GOPROXY": "off",
        "GOFLAGS": "",
        "GOPATH": str(src / "gopath"),
    }
    subprocess.run([GO, "build", "-o", str(exe), "."], cwd=src, env=env, check=True, capture_output=True)
    return exe


_REMOVED_ROW = re.compile(r'^\s*\{Name:\s*"([^"]+)",\s*Removed:\s*(\d+),\s*Old:\s*([^/\n]*)', re.M)


def _removed_rows(goroot: Path) -> dict[str, tuple[int, frozenset[str]]]:
    """table.go's Removed rows: name -> (minor, the values its Old predicate accepts)."""
    text = (goroot / "src/internal/godebugs/table.go").read_text()
    text = text[text.index("var Removed = []RemovedInfo{") :]
    out = {}
    for name, minor, old in _REMOVED_ROW.findall(text[: text.index("\n}\n")]):
        named = {"one": "1", "zero": "0"}.get(old.strip().rstrip("},").strip())
        values = {named} if named else set(re.findall(r'==\s*"([^"]*)"', old))
        out[name] = (int(minor), frozenset(values))
    return out


def _cases() -> list[tuple[str, str]]:
    cases: list[tuple[str, str]] = []
    table = default_table()
    for name in sorted(table.old_values):
        for v in (*sorted(table.old_values[name]), "0", "1", "2", "x", ""):
            cases.append(("GODEBUG", f"{name}={v}"))
    cases += [
        ("GODEBUG", "x509sha1=1,x509sha1=0"),  # every field is checked, not the last one
        ("GODEBUG", "x509sha1=0,x509sha1=1"),
        ("GODEBUG", "panicnil=1,asynctimerchan=2,http2client=0"),
        ("GODEBUG", " x509sha1=1"),  # keys are not trimmed
        ("GODEBUG", "X509SHA1=1"),  # nor case-folded
        ("GODEBUG", "x509sha1"),  # no `=`: skipped
        ("GODEBUG", "x509ignoreCN=0"),
        ("GODEBUG", "tls10default=1"),
        ("GODEBUG", "tls13=0"),
        ("GODEBUG", "nosuchsetting=1"),
        ("GODEBUG", "panicnil=1"),
        ("GODEBUG", "httpmuxgo121=1"),
        ("GODEBUG", "gctrace=0"),
        ("GODEBUG", "tracebacklabels=0"),
    ]
    for v in (
        "1G",
        "1GiB",
        "1Gi",
        "100",
        "off",
        "1.5GiB",
        "-1",
        "1gib",
        "10KB",
        "5B",
        "0",
        "2TiB",
        "9999999TiB",
    ):
        cases.append(("GOMEMLIMIT", v))
    for v in ("off", "abc", "-1", "50%", "200"):
        cases.append(("GOGC", v))
    for v in ("0", "-2", "four", "4"):
        cases.append(("GOMAXPROCS", v))
    return cases


def test_startup_fatal_matches_the_real_runtime(program: Path, toolchain: GoVersion) -> None:
    table = default_table()
    mismatches = []
    runs = 0
    for var, value in _cases():
        env = {"PATH": "/usr/bin:/bin", var: value}
        r = subprocess.run([str(program)], env=env, capture_output=True, text=True, cwd=program.parent)
        runs += 1
        real = r.returncode != 0 and "fatal error" in r.stderr
        setting = EnvSetting("t", 1, 1, var, value, EnvSource.SHELL)
        found = classify.classify_setting(setting, table, toolchain)
        fatal = [f for f in found if f.category is DeployCategory.STARTUP_FATAL]
        if bool(fatal) != real:
            mismatches.append((var, value, r.returncode, r.stderr.strip()[:120], [f.reason for f in found]))
        if real and var == "GODEBUG":
            m = re.search(r'removed GODEBUG "([^"]+)" set to old value "([^"]*)"', r.stderr)
            assert m is not None, r.stderr
            assert (m.group(1), m.group(2)) in {(f.key, f.value) for f in fatal}
    assert runs > 60
    assert not mismatches, mismatches


def test_kb_table_matches_the_toolchain_sources(toolchain: GoVersion) -> None:
    from analyzer.kb.table import read_table

    goroot = Path(_go_env("GOROOT")[0])
    real = read_table(goroot)
    table = default_table()
    assert len(real.all) > 40 and real.removed
    for info in real.all.values():
        st = table.lookup(info.name)
        assert st is not None, info.name
        assert (st.changed, st.opaque, st.package) == (info.changed, info.opaque, info.package), info.name
        assert info.old is None or st.old == info.old, info.name
        assert table.knows(info.name, toolchain), info.name
    removed = _removed_rows(goroot)
    assert removed.keys() == real.removed.keys()
    for name, (minor, olds) in removed.items():
        st = table.lookup(name)
        assert st is not None and st.removed == minor, name
        assert table.old_values[name] == olds, name
    assert any(len(v) > 1 for _, v in removed.values())  # asynctimerchan: "1" or "2"


def test_runtime_knobs_match_the_runtime_sources() -> None:
    goroot = Path(_go_env("GOROOT")[0])
    src = (goroot / "src/runtime/runtime1.go").read_text()
    block = src[src.index("var dbgvars = ") :]
    block = block[: block.index("\n}\n")]
    names = set(re.findall(r'\{name: "([a-z0-9]+)"', block))
    assert names and names | {"memprofilerate"} == set(godebugs.RUNTIME_KNOBS)
