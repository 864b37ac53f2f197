"""What Go toolchains know about GODEBUG keys: the KB's settings (analyzer.kb), one source of truth.

The KB holds every row of Go's `internal/godebugs` tables (`kb check-upstream` compares it with a
GOROOT's table.go); the GODEBUG model (analyzer.godebug) says which values a Removed row's
predicate accepts; this module adds when a pre-table setting arrived and the runtime's other knobs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from analyzer.model import Entry, GodebugSetting
from analyzer.versions import GoVersion

# The runtime rejects removed settings at an old value in $GODEBUG from this minor on (runtime/proc.go).
FATAL_SINCE_MINOR = 27

# Removed before internal/godebugs had a Removed list: silently ignored in $GODEBUG by every toolchain
# since (Go 1.17 release notes: x509ignoreCN; Go 1.14: tls13; Go 1.19: tls10default). Value: removal minor.
PRE_LIST_REMOVED: Mapping[str, int] = {"tls13": 14, "tls10default": 19, "x509ignoreCN": 17}

# runtime/runtime1.go dbgvars of Go 1.27.3 (plus memprofilerate, parsed beside them): debugging and tuning
# knobs the runtime reads from $GODEBUG that are not compatibility settings.
RUNTIME_KNOBS: frozenset[str] = frozenset(
    (
        "adaptivestackstart",
        "asyncpreemptoff",
        "cgocheck",
        "checkfinalizers",
        "clobberfree",
        "containermaxprocs",
        "dataindependenttiming",
        "decoratemappings",
        "disablethp",
        "dontfreezetheworld",
        "efence",
        "gccheckmark",
        "gcpacertrace",
        "gcshrinkstackoff",
        "gcstoptheworld",
        "gctrace",
        "harddecommit",
        "inittrace",
        "invalidptr",
        "madvdontneed",
        "memprofilerate",
        "panicnil",
        "profstackdepth",
        "sbrk",
        "scavtrace",
        "scheddetail",
        "schedtrace",
        "traceadvanceperiod",
        "traceallocfree",
        "tracebackancestors",
        "tracebacklabels",
        "tracecheckstackownership",
        "tracefpunwindoff",
        "updatemaxprocs",
    )
)

# Undocumented settings (`godebug.New("#name")` in the standard library and cmd/go of Go 1.27.3).
UNDOCUMENTED: frozenset[str] = frozenset(
    (
        "cmdgonetlimit",
        "execwait",
        "fuzzdebug",
        "gofsystrace",
        "gofsystracelog",
        "gofsystracestack",
        "goindex",
        "gotoolchainexec",
        "multipartfiles",
        "simd",
        "toolchaintrace",
    )
)


# Keys that libraries (not the toolchain) read from $GODEBUG: package -> what they do.
LIBRARY_KEYS: Mapping[str, str] = {
    "http2xconnect": "golang.org/x/net/http2 reads it at init (=1 enables extended CONNECT, RFC 8441)",
}


# The first toolchain with an internal/godebugs table; `known_since` says "1.21" for older settings.
FIRST_TABLE = GoVersion(21)


@dataclass(frozen=True)
class SettingsTable:
    """GODEBUG keys by name, with the old values the runtime's Removed predicates reject.

    `introduced`: the first toolchain that reads the key, where it predates the first table (from the
    KB entries' `go` version: x509sha1 arrived in Go 1.18, not 1.21).
    """

    settings: Mapping[str, GodebugSetting]
    old_values: Mapping[str, frozenset[str]] = field(default_factory=dict)
    introduced: Mapping[str, GoVersion] = field(default_factory=dict)

    def lookup(self, key: str) -> GodebugSetting | None:
        return self.settings.get(key)

    def is_old_value(self, key: str, value: str) -> bool:
        """Whether `value` restores the behavior from before the change (any of the old values)."""
        s = self.settings.get(key)
        return value in self.old_values.get(key, frozenset()) or (s is not None and s.old == value)

    def first_known(self, key: str) -> GoVersion | None:
        """The first toolchain that reads `key` (None when unknown or removed before any table)."""
        s = self.settings.get(key)
        if s is None or not s.known_since:
            return None
        return self.introduced.get(key, min(s.known_since))

    def knows(self, key: str, toolchain: GoVersion) -> bool:
        """Whether `toolchain` reads `key`: its table lists it, or (before 1.21) it had arrived."""
        s = self.settings.get(key)
        if s is None:
            return False
        if s.known_by(toolchain):
            return True
        first = self.first_known(key)
        return (
            toolchain.minor < FIRST_TABLE.minor
            and first is not None
            and first.minor <= toolchain.minor
            and not s.removed_by(toolchain)
        )


def build_table(entries: Iterable[Entry]) -> SettingsTable:
    """The settings of these KB entries (analyzer.kb.settings picks one per name), with old values."""
    from analyzer import godebug, kb

    entries = tuple(entries)
    settings = {s.name: s for s in kb.settings(entries)}
    old_values: dict[str, frozenset[str]] = {}
    for s in settings.values():
        if s.removed is not None and s.old is not None:
            old_values[s.name] = godebug.old_values(s)
    introduced: dict[str, GoVersion] = {}
    for e in entries:
        g = e.godebug
        if g is None or not g.known_since or min(g.known_since) != FIRST_TABLE or e.go >= FIRST_TABLE:
            continue
        introduced[g.name] = min(e.go, introduced.get(g.name, e.go))
    return SettingsTable(dict(sorted(settings.items())), old_values, introduced)


def default_table() -> SettingsTable:
    """The shipped KB's settings."""
    from analyzer import kb

    return build_table(kb.load_entries())
