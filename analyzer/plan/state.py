"""The effective GODEBUG of one build, as the planner reads it: a value and its source per setting.

The GODEBUG model (analyzer.godebug) computes the compiled defaults; `state_for` turns its answer, plus
the defaults a `main()` sets at run time, into the value each KB setting has when the binary runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from analyzer.godebug import go_line_defaults, toolchain_default
from analyzer.model import GodebugSetting
from analyzer.versions import GoVersion


class Source(StrEnum):
    """Where a setting's effective value comes from."""

    TOOLCHAIN = "toolchain"  # the toolchain's default (newest behavior)
    GO_LINE = "go-line"  # the go line (or `default=`) selects the old value
    GODEBUG_LINE = "godebug-line"  # a go.mod / go.work `godebug` line
    DIRECTIVE = "directive"  # a `//go:debug` line in the main package
    MAIN = "main"  # os.Setenv("GODEBUG", ...) at the top of main()
    NOT_INTRODUCED = "not-introduced"  # the toolchain predates the setting: behavior before it existed
    REMOVED = "removed"  # the toolchain removed the setting: its final behavior, whatever is pinned


EXPLICIT = frozenset({Source.GODEBUG_LINE, Source.DIRECTIVE, Source.MAIN})


@dataclass(frozen=True)
class Value:
    value: str | None
    source: Source
    where: str = ""  # `go.mod:5`, `cmd/x/main.go:1`: the line that sets it, for explicit sources


@dataclass(frozen=True)
class BuildState:
    """What one binary runs with under one toolchain and go line."""

    toolchain: GoVersion
    go_version: GoVersion | None  # the version that selects go-line defaults (go line or default=)
    values: Mapping[str, Value] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)  # setting -> build error text
    mode: str = "module"  # module | workspace
    godebug_file: str = "go.mod"  # where godebug lines go for this build (go.mod or go.work)
    warnings: tuple[str, ...] = ()  # accepted but ignored or surprising (the model's warnings)

    def value(self, setting: GodebugSetting, since: GoVersion | None = None) -> Value:
        """The value of `setting`, falling back to what the table says when the model did not list it.

        `since`: the release whose behavior change the setting controls (the entry's `go`), for
        toolchains before the table existed (Go 1.21) that already honored the key.
        """
        got = self.values.get(setting.name)
        if got is not None:
            return got
        return fallback_value(setting, self.toolchain, self.go_version, since)


def old_behavior(setting: GodebugSetting) -> str | None:
    """The value that describes the behavior before the setting existed."""
    return setting.before_introduced if setting.before_introduced is not None else setting.old


def exists_in(setting: GodebugSetting, toolchain: GoVersion, since: GoVersion | None = None) -> bool:
    """Whether the toolchain honors the key: listed in its table, or (before the table, Go 1.21) at or
    after the release `since` whose change the key controls."""
    if setting.removed_by(toolchain):
        return False
    if setting.known_by(toolchain):
        return True
    first = min((v for v in setting.known_since), default=None)
    pre_table = toolchain.minor < 21 and (first is None or first.minor >= 21)
    return pre_table and since is not None and toolchain >= since


def fallback_value(
    setting: GodebugSetting,
    toolchain: GoVersion,
    go_version: GoVersion | None,
    since: GoVersion | None = None,
) -> Value:
    """The GODEBUG model's answer for a setting nobody pinned explicitly.

    The go line gates a default only on toolchains at or after the setting's Changed release
    (analyzer.godebug.go_line_defaults); before it the toolchain itself has the old behavior.
    """
    if setting.removed_by(toolchain):
        return Value(setting.new, Source.REMOVED)
    if not exists_in(setting, toolchain, since):
        return Value(old_behavior(setting), Source.NOT_INTRODUCED)
    if toolchain.minor >= 21:
        gated = go_line_defaults(go_version, toolchain, {setting.name: setting}) or {}
        if setting.name in gated:
            return Value(gated[setting.name], Source.GO_LINE)
    default = toolchain_default(setting, toolchain) if setting.known_by(toolchain) else setting.new
    return Value(default, Source.TOOLCHAIN)


# Settings read once (package init, process start, first use): os.Setenv in main() comes too late
# (godebug-semantics.md §6, experiment R09).
READ_ONCE: frozenset[str] = frozenset(
    {
        "httpmuxgo121",
        "http2debug",
        "containermaxprocs",
        "updatemaxprocs",
        "decoratemappings",
        "dataindependenttiming",
        "disablethp",
        "asyncpreemptoff",
        "madvdontneed",
        "http2client",
        "http2server",
        "netdns",
        "x509usefallbackroots",
        "x509sslcertoverrideplatform",
        "randautoseed",
        "fips140",
    }
)


def setenv_works(setting: GodebugSetting, toolchain: GoVersion) -> bool:
    """Whether os.Setenv("GODEBUG", ...) at the top of main() changes this setting's behavior."""
    if setting.immutable or setting.name in READ_ONCE:
        return False
    # Before go1.21 every GODEBUG-reading package parsed $GODEBUG on use; from 1.21 on the runtime
    # re-reads it on os.Setenv (golang/go#56436, in 1.19.4+ for the settings of the time).
    return not setting.removed_by(toolchain)


def with_main_defaults(
    state: BuildState,
    settings: Mapping[str, GodebugSetting],
    main_defaults: Mapping[str, tuple[str, str]],
    since: Mapping[str, GoVersion] | None = None,
) -> BuildState:
    """Overlay the `os.Setenv("GODEBUG", ...)` values main() sets (name -> (value, where)) where they work.

    `since`: setting name -> the release whose change it controls (see exists_in).
    """
    if not main_defaults:
        return state
    values = dict(state.values)
    for name, (value, where) in main_defaults.items():
        setting = settings.get(name)
        if setting is None or not exists_in(setting, state.toolchain, (since or {}).get(name)):
            continue
        if setenv_works(setting, state.toolchain):
            values[name] = Value(value, Source.MAIN, where)
    return replace(state, values=values)


# Go 1.27 turned a removed setting at an old value into a build error (go.dev/issue/76163).
REMOVED_IS_ERROR = GoVersion(27)


def table_state(
    settings: Mapping[str, GodebugSetting],
    toolchain: GoVersion,
    go_version: GoVersion | None,
    explicit: Mapping[str, tuple[str, Source, str]] | None = None,
    *,
    mode: str = "module",
    godebug_file: str = "go.mod",
) -> BuildState:
    """The state the table alone predicts, with explicit settings (name -> (value, source, where)) on top.

    Used when no GODEBUG model result is at hand (and by tests): go-line defaults, `default=` already
    folded into `go_version`, removed settings inert, and old values of removed settings an error
    from Go 1.27 on.
    """
    values: dict[str, Value] = {}
    errors: dict[str, str] = {}
    for name, (value, source, where) in (explicit or {}).items():
        s = settings.get(name)
        if s is None:
            continue
        if s.removed_by(toolchain):
            checked = source in (Source.GODEBUG_LINE, Source.DIRECTIVE)  # os.Setenv is not checked
            if checked and toolchain >= REMOVED_IS_ERROR and value != s.new:
                errors[name] = (
                    f"{where}: removed GODEBUG {name!r} set to old value {value!r} "
                    f"(https://go.dev/doc/godebug#go-1{s.removed})"
                )
            continue
        if source == Source.DIRECTIVE and toolchain.minor < 21:
            continue  # toolchains before 1.21 ignore //go:debug
        values[name] = Value(value, source, where)
    return BuildState(toolchain, go_version, values, errors, mode, godebug_file)
