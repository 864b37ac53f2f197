"""What a toolchain runs a GODEBUG setting with when the binary's compiled DefaultGODEBUG does not name it.

PR mode compares two binaries' DefaultGODEBUG strings; a change of the current toolchain adds or drops
entries that change no behavior (Go 1.22 has no asynctimerchan and behaves as asynctimerchan=1; Go 1.23
with a go 1.22 line compiles in asynctimerchan=1). Resolving an absent entry to the behavior it stands for
keeps only the real switches.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from analyzer.godebug import toolchain_default
from analyzer.model import GodebugSetting
from analyzer.versions import GoVersion

# (setting name, toolchain as the document writes it) -> the value it behaves as, None if unknown
DefaultValue = Callable[[str, str], str | None]


def implied_value(s: GodebugSetting, toolchain: GoVersion) -> str | None:
    """The value `toolchain` behaves as for `s` when its DefaultGODEBUG leaves `s` out."""
    if s.known_by(toolchain):
        return toolchain_default(s, toolchain)
    if s.removed is not None and toolchain.minor >= s.removed:
        return s.new  # removed: the new behavior, whatever the go line
    return s.before_introduced if s.before_introduced is not None else s.old


def default_value_from(table: Mapping[str, GodebugSetting]) -> DefaultValue:
    """A DefaultValue over a settings table (name -> setting)."""

    def value(name: str, toolchain: str) -> str | None:
        s = table.get(name)
        t = GoVersion.try_parse(toolchain)
        return implied_value(s, t) if s is not None and t is not None else None

    return value


def shipped_default_value() -> DefaultValue:
    """A DefaultValue over the shipped KB's settings table."""
    from analyzer.plan.stages import load_kb

    return default_value_from(load_kb()[1])
