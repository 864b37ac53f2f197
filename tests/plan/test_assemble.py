"""assemble() over hand-made repository views and matches: statuses, reach, call graph, workspace."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from analyzer.model import (
    Effect,
    GoFile,
    GoLinePolicy,
    Match,
    Module,
    Package,
    Plan,
    Repo,
    Use,
    UseKind,
    Workspace,
)
from analyzer.plan.audit import assemble
from analyzer.report import render
from analyzer.versions import GoVersion
from tests.plan.conftest import ENTRIES, SETTINGS

V = GoVersion.parse
SCHEMA = Path(__file__).resolve().parents[2] / "analyzer" / "schemas" / "report.schema.json"

FILES = {
    "go.mod": "module example.com/m\n\ngo 1.21.0\n",
    "go.work": "go 1.21.0\n\nuse (\n\t.\n\t./lib\n)\n",
    "cmd/app/main.go": (
        '//go:debug httpmuxgo121=1\npackage main\n\nimport (\n\t"os"\n\t"example.com/m/pkg/x"\n)\n\n'
        'func main() {\n\tos.Setenv("GODEBUG", "urlstrictcolons=0")\n\tx.Run()\n}\n'
    ),
    "cmd/other/main.go": "package main\n\nfunc main() {}\n",
    "pkg/x/x.go": "package x\n\nfunc Run() { serve() }\nfunc serve() {}\nfunc unused() {}\n",
    "lib/go.mod": "module example.com/lib\n\ngo 1.21.0\n",
    "lib/l.go": "package lib\n\nfunc Parse() {}\n",
}


def _pkg(
    ip: str, d: str, name: str, module: str, files: tuple[str, ...], imports: tuple[str, ...] = ()
) -> Package:
    mdir = "lib" if module == "example.com/lib" else "."
    gofiles = tuple(GoFile(f, d, ip, name, name=f.rsplit("/", 1)[-1]) for f in files)
    return Package(d, ip, name, module, mdir, gofiles, imports=imports, main_module=module)


def _repo(workspace: bool) -> Repo:
    ws = Workspace("go.work", ".", V("1.21.0"), "1.21.0", uses=(".", "lib"), go_line=1) if workspace else None
    pkgs = (
        _pkg(
            "example.com/m/cmd/app",
            "cmd/app",
            "main",
            "example.com/m",
            ("cmd/app/main.go",),
            ("os", "example.com/m/pkg/x"),
        ),
        _pkg("example.com/m/cmd/other", "cmd/other", "main", "example.com/m", ("cmd/other/main.go",)),
        _pkg("example.com/m/pkg/x", "pkg/x", "x", "example.com/m", ("pkg/x/x.go",)),
        _pkg("example.com/lib", "lib", "lib", "example.com/lib", ("lib/l.go",)),
    )
    if workspace:
        pkgs = tuple(replace(p, workspace="go.work") for p in pkgs)
    return Repo(
        "/nowhere",
        "linux",
        "amd64",
        (
            Module("example.com/m", ".", "go.mod", V("1.21.0"), "1.21.0", go_line=3),
            Module("example.com/lib", "lib", "lib/go.mod", V("1.21.0"), "1.21.0", go_line=3),
        ),
        ws,
        pkgs,
    )


def _use(file: str, line: int, pkg: str, sym: str, function: str, pkg_dir: str, test: bool = False) -> Use:
    return Use(file, line, 1, pkg, sym, UseKind.CALL, pkg_dir, function, text=f"{sym}()", test=test)


MATCHES = [
    Match("httpmux", _use("pkg/x/x.go", 3, "net/http", "ServeMux.Handle", "Run", "pkg/x"), Effect.CERTAIN),
    Match("colons", _use("pkg/x/x.go", 4, "net/url", "Parse", "serve", "pkg/x"), Effect.CERTAIN),
    Match("tls10", _use("pkg/x/x.go", 5, "crypto/tls", "Config", "unused", "pkg/x"), Effect.POSSIBLE),
    Match("tls10", _use("lib/l.go", 3, "crypto/tls", "Config", "Parse", "lib"), Effect.POSSIBLE),
    Match(
        "errdot", _use("pkg/x/x.go", 3, "os/exec", "LookPath", "Run", "pkg/x"), Effect.NEUTRALIZED, "ErrDot"
    ),
    Match(
        "tls10",
        _use("pkg/x/x_test.go", 9, "crypto/tls", "Config", "TestX", "pkg/x", test=True),
        Effect.CERTAIN,
    ),
]


def _doc(plan: Plan, workspace: bool = True) -> dict:  # type: ignore[type-arg]
    return assemble(
        plan, list(ENTRIES.values()), SETTINGS, [_repo(workspace)], MATCHES, lambda f: FILES[f].encode()
    )


def _finding(doc: dict, file: str, line: int, entry: str) -> dict:  # type: ignore[type-arg]
    return next(f for f in doc["findings"] if (f["file"], f["line"], f["entry"]) == (file, line, entry))


def test_bumped_go_line_in_a_workspace() -> None:
    plan = Plan(V("1.22.10"), V("1.26.6"), GoLinePolicy.BUMP, V("1.26.0"))
    doc = _doc(plan)
    jsonschema.validate(doc, __import__("json").loads(SCHEMA.read_text()))
    app = next(b for b in doc["binaries"] if b["dir"] == "cmd/app")
    assert app["workspace"] == "go.work"
    changes = {c["entry"]: c for c in app["changes"]}
    # //go:debug httpmuxgo121=1 keeps the old mux although the go line crosses 1.22
    assert changes["httpmux"]["status"] == "mitigated"
    # os.Setenv in main works for urlstrictcolons (read on each use)
    assert changes["colons"]["status"] == "mitigated"
    other = {c["entry"]: c for c in next(b for b in doc["binaries"] if b["dir"] == "cmd/other")["changes"]}
    assert other["httpmux"]["status"] == "changed"
    assert other["httpmux"]["tier"] == "no-use" and other["httpmux"]["mitigations"] == []
    # pkg/x is only reached by cmd/app
    assert _finding(doc, "pkg/x/x.go", 3, "httpmux")["binaries"] == ["cmd/app"]
    # tls10server: changed by the go line; the use sits in a function nothing calls
    assert _finding(doc, "pkg/x/x.go", 5, "tls10")["status"] == "imported-not-called"
    # a library module with no binary: advice for its consumers
    assert _finding(doc, "lib/l.go", 3, "tls10")["status"] == "advice"
    # a neutralized use is mitigated although execerrdot is not in the bump at all -> no finding
    assert not [f for f in doc["findings"] if f["entry"] == "errdot"]
    test_use = _finding(doc, "pkg/x/x_test.go", 9, "tls10")
    assert test_use["test"] and test_use["binaries"] == []
    gomod = [m for m in test_use["mitigations"] if m["kind"] == "godebug-gomod"]
    assert gomod[0]["edits"][0]["file"] == "go.work"  # workspace: go.mod godebug lines are ignored
    assert {t["entry"] for t in doc["tests"]} == {"tls10"}
    text = render(doc, "text")
    assert text.startswith("Plan: Go 1.22.10 -> Go 1.26.6")
    assert "pkg/x/x.go:5:1: [imported-not-called] crypto/tls.Config  (cmd/app)" in text


def test_kept_go_line_to_127_removals() -> None:
    plan = Plan(V("1.22.10"), V("1.27.3"))
    doc = _doc(plan, workspace=False)
    app = {c["entry"]: c for c in next(b for b in doc["binaries"] if b["dir"] == "cmd/app")["changes"]}
    assert app["tls10"]["status"] == "not-preservable"
    assert app["asynctimer"]["status"] == "not-preservable"
    assert app["colons"]["status"] == "mitigated"
    assert "httpmux" not in app  # 1.22 is not in (22, 27]
    assert app["tls10"]["mitigations"][0]["kind"] == "none"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_rendering_is_deterministic(fmt: str) -> None:
    plan = Plan(V("1.22.10"), V("1.26.6"), GoLinePolicy.BUMP, V("1.26.0"))
    assert render(_doc(plan), fmt) == render(_doc(plan), fmt)


def test_removed_setting_in_the_environment_is_startup_fatal() -> None:
    plan = Plan(V("1.26.6"), V("1.27.3"))
    doc = assemble(
        plan,
        list(ENTRIES.values()),
        SETTINGS,
        [_repo(False)],
        MATCHES,
        lambda f: FILES[f].encode(),
        deploy_env=[
            ("asynctimerchan", "1", "deploy/app.yaml:12", ()),
            ("asynctimerchan", "0", "deploy/ok.yaml:3", ()),
            ("x509sha1", "1", "deploy/other.yaml:3", ("other",)),
        ],
    )
    for b in doc["binaries"]:
        c = next(c for c in b["changes"] if c["entry"] == "asynctimer")
        assert c["status"] == "startup-fatal" and "deploy/app.yaml:12" in c["reason"]
    sha1 = {b["dir"]: {c["entry"]: c["status"] for c in b["changes"]}.get("sha1") for b in doc["binaries"]}
    assert sha1 == {"cmd/app": None, "cmd/other": "startup-fatal"}
