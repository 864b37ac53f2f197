"""What each toolchain accepts: the checks of cmd/go's `CheckGodebug` / `ParseGoDebug`, per toolchain version.

The settings table (analyzer.kb.settings) says which toolchain knows which setting; the few facts it does
not carry (which removed settings a toolchain still lists, and which values count as "old") are below,
read from each toolchain's src/internal/godebugs/table.go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from analyzer.model import GodebugSetting
from analyzer.versions import GoVersion

# Newest patch release modelled per minor: `--toolchain 1.26` means this one.
MODELLED: tuple[GoVersion, ...] = tuple(
    GoVersion.parse(v) for v in ("1.21.13", "1.22.10", "1.23.9", "1.24.11", "1.25.5", "1.26.6", "1.27.3")
)

# Go 1.26's `Removed` list holds only x509sha1, without old values: any value is an error there.
_REMOVED_LIST_126 = frozenset({"x509sha1"})
# Go 1.27's RemovedInfo.Old predicates accept more than the table's single `old` value for these.
_EXTRA_OLD_VALUES: Mapping[str, frozenset[str]] = {"asynctimerchan": frozenset({"1", "2"})}

Table = Mapping[str, GodebugSetting]


def resolve_toolchain(text: str) -> GoVersion:
    """`1.27` -> the newest modelled 1.27 patch; `1.26.6`/`go1.26.6` as given. ValueError otherwise."""
    v = GoVersion.parse(text)
    if v.minor < 21:
        raise ValueError(f"toolchain {text} predates GODEBUG defaults (Go 1.21)")
    if v.patch is None and not v.prerelease:
        for m in MODELLED:
            if m.minor == v.minor:
                return m
        raise ValueError(f"toolchain {text} is newer than the newest modelled (go{MODELLED[-1]})")
    return v


def table_of(settings: Iterable[GodebugSetting]) -> dict[str, GodebugSetting]:
    return {s.name: s for s in settings}


def known(table: Table, toolchain: GoVersion) -> list[GodebugSetting]:
    """The settings in the toolchain's `godebugs.All`, sorted by name."""
    return sorted((s for s in table.values() if s.known_by(toolchain)), key=lambda s: s.name)


def go_line_defaults(version: GoVersion | None, toolchain: GoVersion, table: Table) -> dict[str, str] | None:
    """godebugForGoVersion: old values of settings changed after `version`; None for a pre-release.

    A toolchain's table carries `Changed` only from the release that changed the default (Go 1.22's
    table lists x509usepolicies without one), so a setting gates go lines only on toolchains >= changed.
    """
    if version is None or version.is_prerelease:
        return None
    out: dict[str, str] = {}
    for s in known(table, toolchain):
        if s.changed is None or s.old is None or toolchain.minor < s.changed:
            continue
        if version.minor < s.changed:
            out[s.name] = s.old
    return out


def toolchain_default(s: GodebugSetting, toolchain: GoVersion) -> str | None:
    """The value a toolchain that knows `s` runs with when its DefaultGODEBUG does not name it.

    Before the release that changed the default (1.changed) the toolchain still has the old behavior:
    Go 1.22 lists gotypesalias and x509usepolicies without a Changed version, and defaults them to 0.
    """
    if s.changed is not None and toolchain.minor < s.changed:
        return s.old
    return s.new


def old_values(s: GodebugSetting) -> frozenset[str]:
    """The values that select the old behavior (a Removed row's Old predicate may accept several)."""
    return _EXTRA_OLD_VALUES.get(s.name, frozenset({s.old} if s.old is not None else ()))


def _in_removed_list(s: GodebugSetting, toolchain: GoVersion) -> bool:
    if toolchain.minor >= 27:
        return s.removed is not None and bool(s.known_since) and toolchain.minor >= s.removed
    if toolchain.minor == 26:
        return s.name in _REMOVED_LIST_126
    return False


def is_old_value(s: GodebugSetting, value: str) -> bool:
    return value in old_values(s)


def _valid_version(text: str) -> GoVersion | None:
    return GoVersion.try_parse(text) if re.fullmatch(r"1\.\d+(\.\d+|(rc|beta)\d+)?", text) else None


def check_godebug(verb: str, key: str, value: str, toolchain: GoVersion, table: Table) -> str | None:
    """The toolchain's complaint about `key=value` (verb `godebug` or `//go:debug setting`), None if accepted.

    Go 1.21 and 1.22 check only that a //go:debug key is in their table (`default` is unknown there).
    """
    if re.search(r"[ \t]", key):
        return "key contains space"
    if re.search(r"[ \t]", value):
        return "value contains space"
    if "," in key:
        return "key contains comma"
    if "," in value:
        return "value contains comma"
    s = table.get(key)
    if toolchain.minor < 23:
        if s is not None and s.known_by(toolchain):
            return None
        return f'unknown //go:debug setting "{key}"'
    if key == "default":
        v = _valid_version(value[2:]) if value.startswith("go") else None
        if v is None:
            return "value for default= must be goVERSION"
        if v > toolchain:
            return f"default={value} too new (toolchain is go{toolchain})"
        return None
    if s is not None and s.known_by(toolchain):
        return None
    if s is not None and _in_removed_list(s, toolchain):
        if toolchain.minor == 26:
            return f'use of removed {verb} "{key}", see https://go.dev/doc/godebug#go-1{s.removed}'
        if is_old_value(s, value):
            return f'removed GODEBUG "{key}" set to old value "{value}" (https://go.dev/doc/godebug#go-1{s.removed})'
        return None
    return f'unknown {verb} "{key}"'


def default_version(value: str) -> GoVersion | None:
    """The version a `default=goX.Y` selects (defaultGODEBUG: trim `go`, keep when gover.IsValid)."""
    return _valid_version(value.removeprefix("go"))
