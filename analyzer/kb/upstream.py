"""`kb check-upstream`: differences between the KB's settings and one toolchain's godebugs table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analyzer.kb.table import Table
from analyzer.model import Entry, GodebugSetting


@dataclass(frozen=True)
class Difference:
    """One disagreement: `name`'s `field` is `kb` in the KB and `upstream` in the table."""

    name: str
    field: str
    kb: str
    upstream: str
    file: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.name}: {self.field}: KB has {self.kb}, the table has {self.upstream}"


def _s(v: object) -> str:
    if v is None:
        return "null"
    if isinstance(v, str):
        return repr(v)
    return str(v).lower() if isinstance(v, bool) else str(v)


def compare(entries: Sequence[Entry], table: Table) -> list[Difference]:
    """Every difference, sorted: missing settings, extra settings, field mismatches (All and Removed)."""
    by_name: dict[str, tuple[GodebugSetting, str]] = {}
    for e in entries:
        if e.godebug is not None:
            by_name.setdefault(e.godebug.name, (e.godebug, e.source or e.id))
    out: list[Difference] = []
    for name, row in sorted(table.all.items()):
        found = by_name.get(name)
        if found is None:
            out.append(Difference(name, "setting", "no entry", f"{row.package} (All)", table.path, row.line))
            continue
        s, src = found
        expect: list[tuple[str, object, object]] = [
            ("package", s.package, row.package),
            ("changed", s.changed, row.changed),
            ("opaque", s.opaque, row.opaque),
            ("immutable", s.immutable, row.immutable),
        ]
        if row.old is not None:
            expect.append(("old", s.old, row.old))
        for fld, mine, theirs in expect:
            if mine != theirs:
                out.append(Difference(name, fld, _s(mine), _s(theirs), src))
        if table.version is not None and not s.known_by(table.version):
            out.append(Difference(name, "known_since", f"not known by {table.version}",
                                  f"listed by {table.version}", src))
    for name, rrow in sorted(table.removed.items()):
        found = by_name.get(name)
        if found is None:
            out.append(Difference(name, "setting", "no entry", f"removed in 1.{rrow.removed} (Removed)",
                                  table.path, rrow.line))
            continue
        s, src = found
        if s.removed != rrow.removed:
            out.append(Difference(name, "removed", _s(s.removed), str(rrow.removed), src))
        if rrow.old is not None and s.old != rrow.old:
            out.append(Difference(name, "old", _s(s.old), _s(rrow.old), src))
    if table.version is not None:
        for name, (s, src) in sorted(by_name.items()):
            if name not in table.all and s.known_by(table.version):
                out.append(Difference(name, "known_since", f"known by {table.version}",
                                      f"not in {table.version}'s All", src))
    return sorted(out, key=lambda d: (d.name, d.field))
