"""The GODEBUG model: from a binary's inputs to the default string cmd/go compiles in (`DefaultGODEBUG`).

Pure: `effective_godebug(inputs, toolchain, table)`; helpers that try a changed go line or added godebug
lines build a modified `GodebugInputs` (dataclasses.replace) and call it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.godebug.rules import Table, check_godebug, default_version, go_line_defaults, toolchain_default
from analyzer.model import (
    Diagnostic,
    DiagnosticSeverity,
    Directive,
    GodebugLine,
    GodebugResult,
    SettingValue,
    Source,
    SourceKind,
)
from analyzer.versions import GoVersion

DEFAULT_GOMOD_VERSION = GoVersion(16)  # gover.DefaultGoModVersion: a go.mod without a go line
DEFAULT_GOWORK_VERSION = GoVersion(18)  # a go.work without a go line "implicitly requires go 1.18"
GO_STRICT_VERSION = GoVersion(21)  # gover.GoStrictVersion


@dataclass(frozen=True)
class ModuleGoLine:
    """A workspace module's go.mod as the workspace checks see it."""

    file: str
    go: GoVersion | None
    line: int = 0
    godebug: tuple[GodebugLine, ...] = ()  # ignored in workspace mode; Go < 1.23 rejects them anyway


@dataclass(frozen=True)
class GodebugInputs:
    """Everything cmd/go reads to compute one binary's DefaultGODEBUG.

    `go_version`: the main module's go line, or go.work's in workspace mode (None: the line is absent).
    `godebug`: go.mod godebug lines, or go.work's in workspace mode.
    `directives`: //go:debug lines in go/build order (package files, then _test.go, then x_test files),
    placed and selected ones only; `units`: the same directives grouped per compiled package (for the
    repeated-key check); `ignored`: directives go build ignores, with the reason, for diagnostics.
    """

    go_version: GoVersion | None
    go_file: str = "go.mod"
    go_line: int = 0
    godebug: tuple[GodebugLine, ...] = ()
    directives: tuple[Directive, ...] = ()
    units: tuple[tuple[Directive, ...], ...] = ()
    ignored: tuple[tuple[Directive, str], ...] = ()
    fips140: str | None = None  # GOFIPS140 at build time; None or "off": off
    workspace: bool = False
    modules: tuple[ModuleGoLine, ...] = ()  # workspace mode: every used module's go.mod
    outside_workspace: str = ""  # the module dir when a go.work exists but does not use it
    test: bool = False
    toolchain_line: str = ""  # the main go.mod's `toolchain` name (module mode), "" when absent


def _err(kind: str, message: str, file: str = "", line: int = 0) -> Diagnostic:
    return Diagnostic(DiagnosticSeverity.ERROR, kind, message, file, line)


def _module_checks(inp: GodebugInputs, toolchain: GoVersion, table: Table) -> list[Diagnostic]:
    """go.mod / go.work loading errors: too-new go lines, workspace go line too old, godebug lines."""
    out: list[Diagnostic] = []
    what = "go.work" if inp.workspace else "go.mod"
    if inp.outside_workspace:
        out.append(
            _err(
                "outside-workspace",
                f"directory {inp.outside_workspace} is contained in a module that is not one of the "
                f"workspace modules listed in go.work",
                inp.go_file,
            )
        )
    if inp.go_version is not None and inp.go_version > toolchain:
        out.append(
            _err(
                "go-line-too-new",
                f"{what} requires go >= {inp.go_version} (running go {toolchain}; GOTOOLCHAIN=local)",
                inp.go_file,
                inp.go_line,
            )
        )
    if inp.toolchain_line and not inp.workspace:
        tv = GoVersion.try_parse(inp.toolchain_line.removeprefix("go").split("-")[0])
        bad = not inp.toolchain_line.startswith("go") or tv is None or tv < GO_STRICT_VERSION
        if bad or inp.toolchain_line == f"go{inp.go_version}":
            # go mod tidy would drop the line; -mod=readonly commands refuse ("updates to go.mod needed")
            out.append(
                _err(
                    "gomod-needs-update",
                    f"updates to go.mod needed: toolchain {inp.toolchain_line} is redundant with the go line "
                    "or older than go1.21 (go mod tidy drops it)",
                    inp.go_file,
                )
            )
    if inp.workspace:
        wv = inp.go_version or DEFAULT_GOWORK_VERSION
        verb = "lists" if inp.go_version is not None else "implicitly requires"
        for m in inp.modules:
            mv = m.go or DEFAULT_GOMOD_VERSION
            if mv > toolchain:
                out.append(
                    _err(
                        "go-line-too-new",
                        f"{m.file} requires go >= {mv} (running go {toolchain}; GOTOOLCHAIN=local)",
                        m.file,
                        m.line,
                    )
                )
            elif mv > wv and mv >= GO_STRICT_VERSION:
                out.append(
                    _err(
                        "workspace-go-too-old",
                        f"module {m.file.rsplit('/', 1)[0] if '/' in m.file else '.'} listed in go.work "
                        f"file requires go >= {mv}, but go.work {verb} go {wv}",
                        inp.go_file,
                        inp.go_line,
                    )
                )
            if toolchain.minor < 23:
                out += [_unsupported(g) for g in m.godebug]
    if toolchain.minor < 23:
        out += [_unsupported(g) for g in inp.godebug]
    else:
        for g in inp.godebug:
            msg = check_godebug("godebug", g.key, g.value, toolchain, table)
            if msg is not None:
                out.append(_err(_kind(msg), msg, g.file, g.line))
    return out


def _unsupported(g: GodebugLine) -> Diagnostic:
    """Go < 1.23 has no godebug directive (x/mod names a block by its opening line)."""
    if g.block_line:
        return _err("godebug-unsupported", "unknown block type: godebug", g.file, g.block_line)
    return _err("godebug-unsupported", "unknown directive: godebug", g.file, g.line)


def _kind(msg: str) -> str:
    if msg.startswith(("removed", "use of removed")):
        return "removed-setting"
    if msg.startswith("unknown"):
        return "unknown-setting"
    if msg.startswith("default=") or msg.startswith("value for default"):
        return "bad-default"
    return "invalid-setting"


def directive_diagnostics(
    unit: tuple[Directive, ...], toolchain: GoVersion, table: Table
) -> list[Diagnostic]:
    """cmd/go's checkDirectives over one compiled package's //go:debug lines: invalid ones, then repeats.

    It runs for every package a build compiles (libraries too), so an invalid //go:debug anywhere in the
    import graph fails the build, although only main packages' lines reach the default string.
    """
    out: list[Diagnostic] = []
    seen: dict[str, Directive] = {}
    for d in unit:
        msg = d.error or check_godebug("//go:debug setting", d.key, d.value, toolchain, table)
        if msg:
            kind = "invalid-directive" if d.error else _kind(msg)
            out.append(_err(kind, f"invalid //go:debug: {msg}", d.file, d.line))
            continue
        if d.key in seen:
            p = seen[d.key]
            out.append(
                _err(
                    "repeated-directive",
                    f"repeated //go:debug for {d.key} (previous at {p.file}:{p.line})",
                    d.file,
                    d.line,
                )
            )
            continue
        seen[d.key] = d
    return out


def effective_godebug(inputs: GodebugInputs, toolchain: GoVersion, table: Table) -> GodebugResult:
    """The DefaultGODEBUG `toolchain` compiles into the binary described by `inputs`, with provenance.

    Errors the go command would report (go list / go build / go vet) come back as ERROR diagnostics; the
    string is still computed the way `go list` does (invalid //go:debug lines dropped).
    """
    diags = _module_checks(inputs, toolchain, table)
    m: dict[str, tuple[str, Source]] = {}

    if inputs.fips140 not in (None, "", "off") and toolchain.minor >= 24:
        m["fips140"] = ("on", Source(SourceKind.ENV))
    if toolchain.minor >= 23:
        kind = SourceKind.GOWORK if inputs.workspace else SourceKind.GOMOD
        for g in inputs.godebug:
            m[g.key] = (g.value, Source(kind, g.file, g.line))
    for d in inputs.directives:
        if not d.error and check_godebug("//go:debug setting", d.key, d.value, toolchain, table) is None:
            m[d.key] = (d.value, Source(SourceKind.DIRECTIVE, d.file, d.line))
    for unit in inputs.units or (inputs.directives,):
        diags += [x for x in directive_diagnostics(unit, toolchain, table) if x not in diags]
    for d, why in inputs.ignored:
        diags.append(Diagnostic(DiagnosticSeverity.WARNING, "ignored-directive", why, d.file, d.line))

    version = inputs.go_version or (DEFAULT_GOWORK_VERSION if inputs.workspace else DEFAULT_GOMOD_VERSION)
    vsource = Source(SourceKind.GO_LINE, inputs.go_file, inputs.go_line)
    if "default" in m:
        value, src = m.pop("default")
        v = default_version(value)
        if v is not None:
            version, vsource = v, Source(SourceKind.GO_LINE, src.file, src.line)
    defaults = go_line_defaults(version, toolchain, table)
    if defaults is None:
        diags.append(
            Diagnostic(
                DiagnosticSeverity.INFO,
                "prerelease-go-line",
                f"go {version} is a pre-release version: no go-line defaults apply",
                vsource.file,
                vsource.line,
            )
        )
    merged: dict[str, tuple[str, Source]] = {k: (v, vsource) for k, v in (defaults or {}).items()}
    merged.update(m)
    settings = tuple(SettingValue(k, merged[k][0], merged[k][1]) for k in sorted(merged))
    text = ",".join(f"{s.name}={s.value}" for s in settings)
    return GodebugResult(
        default_godebug=text,
        settings=settings,
        diagnostics=tuple(diags),
        go_version=None if defaults is None else version,
    )


def toolchain_value(
    result: GodebugResult, name: str, table: Table, toolchain: GoVersion
) -> SettingValue | None:
    """A setting's compiled-in value, or its toolchain default (rules.toolchain_default) when the string
    does not list it."""
    for s in result.settings:
        if s.name == name:
            return s
    st = table.get(name)
    value = toolchain_default(st, toolchain) if st is not None and st.known_by(toolchain) else None
    if value is None:
        return None
    return SettingValue(name, value, Source(SourceKind.TOOLCHAIN))
