"""The set of (package, symbol) the scanner reports, from KB entries, and what the prefilter looks for."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from analyzer.model import Entry

Key = tuple[str, str]


@dataclass(frozen=True)
class Targets:
    """(package path, KB symbol) pairs: `("net", "ParseIP")`, `("crypto/tls", "Config.MinVersion")`."""

    keys: frozenset[Key]

    @classmethod
    def of(cls, pairs: Iterable[Key]) -> Targets:
        return cls(frozenset(pairs))

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> Targets:
        """Every affected API and neutralizer of the entries."""
        out: set[Key] = set()
        for e in entries:
            out.update((a.package, a.symbol) for a in e.affects)
            out.update((n.package, n.symbol) for n in e.neutralizers)
        return cls(frozenset(out))

    @cached_property
    def members(self) -> frozenset[str]:
        """Names that follow a dot in a use: functions, vars, types, methods and fields."""
        return frozenset(s.rsplit(".", 1)[-1] for _, s in self.keys)

    @cached_property
    def fields(self) -> frozenset[str]:
        """Member names of `Type.member` targets (they may appear as literal keys)."""
        return frozenset(s.split(".", 1)[1] for _, s in self.keys if "." in s)

    @cached_property
    def owners(self) -> frozenset[str]:
        """Type names of `Type.member` targets (a literal of the type may set a field)."""
        return frozenset(s.split(".", 1)[0] for _, s in self.keys if "." in s)

    @cached_property
    def words(self) -> frozenset[str]:
        """Every identifier a use of some target must contain."""
        return self.members | self.owners

    @cached_property
    def digest(self) -> str:
        h = hashlib.sha1()
        for p, s in sorted(self.keys):
            h.update(f"{p}\x00{s}\n".encode())
        return h.hexdigest()

    def __contains__(self, key: object) -> bool:
        return key in self.keys
