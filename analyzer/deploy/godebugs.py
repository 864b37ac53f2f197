"""What Go toolchains know about GODEBUG keys: the KB's settings over the packaged table.go snapshot.

The KB (analyzer.kb) is authoritative where it has an entry; the packaged table (godebugs_table.py,
generated from the real toolchains) fills in every other key, so that a real setting the KB does not
describe (netdns, http2client, ...) is never called "unknown".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from analyzer.deploy import godebugs_table
from analyzer.model import GodebugSetting
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


@dataclass(frozen=True)
class SettingsTable:
    """GODEBUG keys by name, with the old values the runtime's Removed predicates reject."""

    settings: Mapping[str, GodebugSetting]
    old_values: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def lookup(self, key: str) -> GodebugSetting | None:
        return self.settings.get(key)

    def is_old_value(self, key: str, value: str) -> bool:
        """Whether `value` restores the behavior from before the change (any of the old values)."""
        s = self.settings.get(key)
        return value in self.old_values.get(key, frozenset()) or (s is not None and s.old == value)


def _complement(value: str | None) -> str | None:
    return {"0": "1", "1": "0"}.get(value or "")


def _packaged() -> dict[str, GodebugSetting]:
    out: dict[str, GodebugSetting] = {}
    for name, row in godebugs_table.ALL.items():
        rem = godebugs_table.REMOVED.get(name, {})
        old = row.get("old")
        changed = row.get("changed")
        since = row.get("since")
        removed = rem.get("removed")
        old_str = str(old) if old is not None else None
        out[name] = GodebugSetting(
            name=name,
            package=str(row.get("package", "")),
            old=old_str,
            new=_complement(old_str),
            changed=changed if isinstance(changed, int) else None,
            known_since=(GoVersion(since),) if isinstance(since, int) else (),
            removed=removed if isinstance(removed, int) else None,
            opaque=bool(row.get("opaque")),
            immutable=bool(row.get("immutable")),
        )
    return out


def _packaged_old_values() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for name, rem in godebugs_table.REMOVED.items():
        values = rem.get("old_values")
        if isinstance(values, tuple):
            out[name] = frozenset(str(v) for v in values)
    return out


def build_table(kb_settings: Iterable[GodebugSetting] = ()) -> SettingsTable:
    """The packaged table with the KB's settings laid over it (the KB wins field by field: whole setting)."""
    settings = _packaged()
    old_values = _packaged_old_values()
    for s in kb_settings:
        settings[s.name] = s
        if s.removed is not None and s.old is not None:
            old_values[s.name] = old_values.get(s.name, frozenset()) | {s.old}
    return SettingsTable(settings=dict(sorted(settings.items())), old_values=old_values)


def default_table() -> SettingsTable:
    """The shipped KB over the packaged table."""
    from analyzer import kb

    return build_table(kb.settings(kb.load_entries()))
