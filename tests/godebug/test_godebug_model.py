"""The GODEBUG model on hand-made inputs: the semantics notes' experiments, per-toolchain rules, what-ifs."""

from __future__ import annotations

import dataclasses

import pytest

from analyzer.godebug import (
    GodebugInputs,
    ModuleGoLine,
    check_godebug,
    effective_godebug,
    resolve_toolchain,
    table_of,
    toolchain_value,
)
from analyzer.kb import load_entries, settings
from analyzer.model import Directive, GodebugLine, GodebugSetting, SourceKind
from analyzer.versions import GoVersion

TABLE: dict[str, GodebugSetting] = table_of(settings(load_entries()))
T27 = resolve_toolchain("1.27")
V = GoVersion.parse


def gd(text: str, line: int = 5, file: str = "go.mod") -> GodebugLine:
    k, _, v = text.partition("=")
    return GodebugLine(k, v, file, line)


def dv(text: str, line: int = 1, file: str = "main.go") -> Directive:
    k, _, v = text.partition("=")
    return Directive(k, v, file, line, f"//go:debug {text}")


def run(
    go: str | None,
    *,
    godebug: tuple[str, ...] = (),
    directives: tuple[str, ...] = (),
    tc: str = "1.27",
    **kw: object,
) -> str:
    inp = GodebugInputs(
        V(go) if go else None,
        go_line=3,
        godebug=tuple(gd(g, 5 + i) for i, g in enumerate(godebug)),
        directives=tuple(dv(d, 1 + i) for i, d in enumerate(directives)),
        **kw,  # type: ignore[arg-type]
    )
    return effective_godebug(inp, resolve_toolchain(tc), TABLE).default_godebug


def test_go_line_sweep() -> None:
    assert run("1.27") == run("1.27.3") == ""
    assert run("1.26") == "tracebacklabels=0,x509sslcertoverrideplatform=0"
    assert run("1.25") == (
        "cryptocustomrand=1,httpservecontentmaxranges=1,tlssecpmlkem=0,tracebacklabels=0,urlstrictcolons=0,"
        "x509sslcertoverrideplatform=0"
    )
    assert "netedns0=0" in run(None) and "netedns0=0" in run("1.18") and "netedns0=0" not in run("1.19")
    assert run(None) == run("1.16")
    assert run("1.21.0") == run("1.21") and "panicnil" not in run("1.21") and "panicnil=1" in run("1.20")
    for pre in ("1.20rc1", "1.21rc2", "1.23rc1"):
        assert run(pre) == ""


def test_godebug_lines_and_default() -> None:
    assert run("1.27", godebug=("panicnil=1",)) == "panicnil=1"
    assert run("1.27", godebug=("default=go1.22",)) == run("1.22")
    assert run("1.27", godebug=("panicnil=1", "default=go1.20")) == run("1.20")  # position does not matter
    assert run("1.27", godebug=("panicnil=1", "panicnil=0")) == "panicnil=0"
    assert run("1.27", godebug=("default=go1.21rc1",)) == ""
    assert run("1.27", godebug=("x509sha1=0",)) == "x509sha1=0"  # removed, final value: kept, inert
    assert run("1.27", fips140="latest") == "fips140=on"
    assert run("1.27", fips140="off") == ""
    assert run("1.23", fips140="latest", tc="1.23") == ""  # GOFIPS140 arrived with Go 1.24


def test_directives_override_godebug_lines() -> None:
    got = run(
        "1.27",
        godebug=("default=go1.21", "panicnil=1", "httpmuxgo121=1"),
        directives=("default=go1.25", "panicnil=0"),
    )
    assert got == (
        "cryptocustomrand=1,httpmuxgo121=1,httpservecontentmaxranges=1,panicnil=0,tlssecpmlkem=0,"
        "tracebacklabels=0,urlstrictcolons=0,x509sslcertoverrideplatform=0"
    )
    # invalid directives are dropped from the string, as go list does
    assert run("1.27", directives=("x509sha1=1", "foo=1")) == ""
    assert run("1.27", directives=("panicnil=1", "panicnil=0")) == "panicnil=0"


def test_provenance() -> None:
    inp = GodebugInputs(V("1.21"), go_line=3, godebug=(gd("panicnil=1"),), directives=(dv("http2client=0"),))
    r = effective_godebug(inp, T27, TABLE)
    src = {s.name: (s.source.kind, s.source.file, s.source.line) for s in r.settings}
    assert src["panicnil"] == (SourceKind.GOMOD, "go.mod", 5)
    assert src["http2client"] == (SourceKind.DIRECTIVE, "main.go", 1)
    assert src["httpmuxgo121"] == (SourceKind.GO_LINE, "go.mod", 3)
    ws = effective_godebug(dataclasses.replace(inp, workspace=True, go_file="go.work"), T27, TABLE)
    assert {s.name: s.source.kind for s in ws.settings}["panicnil"] is SourceKind.GOWORK
    tv = toolchain_value(r, "httpmuxgo121", TABLE, T27)
    assert tv is not None and tv.value == "1"
    tv = toolchain_value(
        effective_godebug(dataclasses.replace(inp, go_version=V("1.27")), T27, TABLE),
        "httpmuxgo121",
        TABLE,
        T27,
    )
    assert tv is not None and (tv.value, tv.source.kind) == ("0", SourceKind.TOOLCHAIN)


def errors(inp: GodebugInputs, tc: str = "1.27") -> list[tuple[str, str, int]]:
    r = effective_godebug(inp, resolve_toolchain(tc), TABLE)
    return [(d.kind, d.file, d.line) for d in r.errors]


def test_module_errors() -> None:
    assert errors(GodebugInputs(V("1.28"), go_line=3)) == [("go-line-too-new", "go.mod", 3)]
    assert errors(GodebugInputs(V("1.27"), godebug=(gd("foo=1"),))) == [("unknown-setting", "go.mod", 5)]
    assert errors(GodebugInputs(V("1.27"), godebug=(gd("default=go1.28"),))) == [("bad-default", "go.mod", 5)]
    assert errors(GodebugInputs(V("1.27"), godebug=(gd("default=1.22"),))) == [("bad-default", "go.mod", 5)]
    assert errors(GodebugInputs(V("1.27"), godebug=(gd("asynctimerchan=2"),))) == [
        ("removed-setting", "go.mod", 5)
    ]
    assert errors(GodebugInputs(V("1.22"), godebug=(gd("panicnil=1"),)), "1.22") == [
        ("godebug-unsupported", "go.mod", 5)
    ]
    # workspace: go.work go line older than a module's >= 1.21 go line; 1.20 modules may be newer
    ws = GodebugInputs(
        V("1.21"),
        go_file="go.work",
        go_line=1,
        workspace=True,
        modules=(ModuleGoLine("a/go.mod", V("1.22"), 3),),
    )
    assert errors(ws) == [("workspace-go-too-old", "go.work", 1)]
    assert (
        errors(dataclasses.replace(ws, go_version=V("1.19"), modules=(ModuleGoLine("a/go.mod", V("1.20")),)))
        == []
    )
    assert errors(dataclasses.replace(ws, go_version=None)) == [("workspace-go-too-old", "go.work", 1)]
    # Go 1.21/1.22 reject godebug lines even in a workspace module's go.mod
    wsm = dataclasses.replace(
        ws,
        go_version=V("1.22"),
        modules=(ModuleGoLine("a/go.mod", V("1.22"), 3, (gd("panicnil=1", 5, "a/go.mod"),)),),
    )
    assert errors(wsm, "1.22") == [("godebug-unsupported", "a/go.mod", 5)]
    assert errors(wsm, "1.23") == []
    # a toolchain line equal to the go line, or older than go1.21, makes go list fail
    assert errors(GodebugInputs(V("1.27"), toolchain_line="go1.27")) == [("gomod-needs-update", "go.mod", 0)]
    assert errors(GodebugInputs(V("1.22"), toolchain_line="go1.22.0")) == []


@pytest.mark.parametrize(
    ("tc", "key", "value", "want"),
    [
        (
            "1.27",
            "x509sha1",
            "1",
            'removed GODEBUG "x509sha1" set to old value "1" (https://go.dev/doc/godebug#go-124)',
        ),
        ("1.27", "x509sha1", "0", None),
        ("1.27", "tlskyber", "1", None),
        ("1.27", "asynctimerchan", "0", None),
        ("1.27", "x509ignoreCN", "0", 'unknown godebug "x509ignoreCN"'),
        ("1.26", "x509sha1", "0", 'use of removed godebug "x509sha1", see https://go.dev/doc/godebug#go-124'),
        ("1.26", "tlskyber", "1", 'unknown godebug "tlskyber"'),
        ("1.26", "httpservecontentmaxranges", "0", 'unknown godebug "httpservecontentmaxranges"'),
        ("1.25", "x509sha1", "0", 'unknown godebug "x509sha1"'),
        ("1.25", "urlmaxqueryparams", "0", 'unknown godebug "urlmaxqueryparams"'),
        ("1.26", "urlmaxqueryparams", "0", None),
        ("1.24.11", "urlmaxqueryparams", "0", 'unknown godebug "urlmaxqueryparams"'),
        ("1.24.12", "urlmaxqueryparams", "0", None),
        ("1.23", "tlskyber", "0", None),
        ("1.23", "default", "go1.24", "default=go1.24 too new (toolchain is go1.23.9)"),
        ("1.27", "default", "go1.27.5", "default=go1.27.5 too new (toolchain is go1.27.3)"),
        ("1.27", "panicnil", "1,2", "value contains comma"),
    ],
)
def test_check_godebug(tc: str, key: str, value: str, want: str | None) -> None:
    assert check_godebug("godebug", key, value, resolve_toolchain(tc), TABLE) == want


def test_go121_directives() -> None:
    t21 = resolve_toolchain("1.21")
    assert check_godebug("//go:debug setting", "default", "go1.20", t21, TABLE) == (
        'unknown //go:debug setting "default"'
    )
    # so `//go:debug default=` is dropped by 1.21/1.22 but honoured by 1.23+
    assert run("1.21", directives=("default=go1.20",), tc="1.21") == ""
    assert run("1.21", directives=("default=go1.20",), tc="1.23") == run("1.20", tc="1.23")
    # Changed is per toolchain: Go 1.22's table had no Changed for x509usepolicies / multipathtcp
    assert "x509usepolicies" not in run("1.21", tc="1.22") and "multipathtcp" not in run("1.21", tc="1.23")
    assert "x509usepolicies=0" in run("1.21", tc="1.24")


def test_directive_diagnostics() -> None:
    units = (
        (
            dv("panicnil=1", 1, "a.go"),
            dv("foo=1", 2, "a.go"),
            dv("foo=2", 1, "b.go"),
            dv("panicnil=0", 3, "b.go"),
        ),
    )
    inp = GodebugInputs(V("1.27"), directives=units[0], units=units)
    got = [(d.kind, d.file, d.line) for d in effective_godebug(inp, T27, TABLE).errors]
    # invalid lines are not "seen": foo=2 is invalid again, not repeated
    assert got == [
        ("unknown-setting", "a.go", 2),
        ("unknown-setting", "b.go", 1),
        ("repeated-directive", "b.go", 3),
    ]


def test_resolve_toolchain() -> None:
    assert [str(resolve_toolchain(f"1.{m}")) for m in range(21, 28)] == [
        "1.21.13",
        "1.22.10",
        "1.23.9",
        "1.24.11",
        "1.25.5",
        "1.26.6",
        "1.27.3",
    ]
    assert str(resolve_toolchain("go1.26.1")) == "1.26.1"
    for bad in ("1.20", "1.28", "x"):
        with pytest.raises(ValueError):
            resolve_toolchain(bad)
