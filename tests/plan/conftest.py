"""Hand-made settings, entries and contexts for the planner tests (no KB, no discovery)."""

from __future__ import annotations

from analyzer.model import (
    Api,
    Binary,
    Entry,
    GodebugSetting,
    GoLinePolicy,
    Kind,
    MitigationAdvice,
    MitigationKind,
    Neutralizer,
    Plan,
    Severity,
)
from analyzer.plan.context import Anchors, Context
from analyzer.plan.state import Source, table_state
from analyzer.versions import GoVersion

V = GoVersion.parse


def setting(
    name: str, old: str, new: str, changed: int | None, since: str, removed: int | None = None
) -> GodebugSetting:
    return GodebugSetting(name, "pkg", old, new, changed, (V(since),), removed)


SETTINGS = {
    s.name: s
    for s in (
        setting("httpmuxgo121", "1", "0", 22, "1.22.0"),
        setting("asynctimerchan", "1", "0", 23, "1.23.0", removed=27),
        setting("x509sha1", "1", "0", None, "1.18.0", removed=24),
        setting("execerrdot", "0", "1", None, "1.19.0"),
        setting("tls10server", "1", "0", 22, "1.22.0", removed=27),
        setting("urlstrictcolons", "0", "1", 26, "1.26.0"),
    )
}


def entry(eid: str, godebug: str | None = None, go: str = "1.22", **kw: object) -> Entry:
    s = SETTINGS[godebug] if godebug else None
    return Entry(
        eid,
        eid.replace("-", " "),
        V(go),
        kw.pop("kind", Kind.LIBRARY),  # type: ignore[arg-type]
        Severity.MEDIUM,
        f"{eid} changed.",
        godebug=s,
        affects=kw.pop("affects", (Api("net/http", "ServeMux.Handle"),)),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


ENTRIES = {
    e.id: e
    for e in (
        entry("httpmux", "httpmuxgo121", "1.22"),
        entry("asynctimer", "asynctimerchan", "1.23", affects=(Api("time", "NewTimer"),)),
        entry("sha1", "x509sha1", "1.18", affects=(Api("crypto/x509", "Certificate.Verify"),)),
        entry("errdot", "execerrdot", "1.19", affects=(Api("os/exec", "LookPath"),)),
        entry("tls10", "tls10server", "1.22", affects=(Api("crypto/tls", "Config"),)),
        entry("colons", "urlstrictcolons", "1.26", affects=(Api("net/url", "Parse"),)),
        entry(
            "gcpacer",
            None,
            "1.18",
            kind=Kind.RUNTIME,
            affects=(),
            neutralizers=(Neutralizer("runtime/debug", "SetGCPercent", "package"),),
            mitigations=(MitigationAdvice(MitigationKind.MAIN_DEFAULT, "default GOGC in main"),),
        ),
        entry("parseip", None, "1.17", affects=(Api("net", "ParseIP"),)),
        entry("loopvar", None, "1.22", kind=Kind.LANGUAGE, affects=()),
    )
}

BIN = Binary("cmd/app", "example.com/m/cmd/app", "example.com/m")
ANCHORS = Anchors("go.mod", 4, False, "go.mod", 3, "cmd/app/main.go", 1, 5)


def plan(frm: str, to: str, new_line: str | None = None) -> Plan:
    if new_line is None:
        return Plan(V(frm), V(to), GoLinePolicy.KEEP)
    return Plan(V(frm), V(to), GoLinePolicy.SET, V(new_line))


def context(
    p: Plan,
    go_line: str,
    new_go_line: str | None = None,
    explicit: dict[str, tuple[str, Source, str]] | None = None,
    explicit_after: dict[str, tuple[str, Source, str]] | None = None,
    **kw: object,
) -> Context:
    g0 = V(go_line)
    g1 = V(new_go_line) if new_go_line else g0
    before = table_state(SETTINGS, p.from_toolchain, g0, explicit)
    after = table_state(SETTINGS, p.to_toolchain, g1, explicit if explicit_after is None else explicit_after)
    return Context(
        BIN,
        before,
        after,
        g0,
        g1,
        module_go_lines=kw.pop("module_go_lines", {"example.com/m": (g0, g1)}),  # type: ignore[arg-type]
        anchors=ANCHORS,
        **kw,  # type: ignore[arg-type]
    )
