"""The proof printed after every fix: per binary, the effective GODEBUG under the old toolchain before the
fix against the new toolchain after it, from the GODEBUG model run on the edited tree.

Pure over the planner's contexts: `prove` takes each binary's context on the original tree (before and,
unfixed, after the bump) and on the edited tree (after the bump), and compares every setting the KB
knows. A setting the bump flips must come back to its old value unless it is listed as having no
GODEBUG fix; a setting it does not flip must not move; a binary that needed nothing must compile in
exactly the string it had without the fix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from analyzer.model import GodebugSetting
from analyzer.plan.context import Context
from analyzer.versions import GoVersion


class Outcome(StrEnum):
    KEPT = "kept"  # flipped by the bump, back at its old value after the fix
    UNFIXABLE = "unfixable"  # flipped, and listed as having no GODEBUG fix
    NOT_KEPT = "not-kept"  # flipped, fixable, and still flipped: the fix failed
    MOVED = "moved"  # not flipped by the bump, but the fix moved it


@dataclass(frozen=True)
class SettingProof:
    name: str
    before: str | None  # old toolchain, tree before the fix
    unfixed: str | None  # new toolchain, tree before the fix (what the bump alone gives)
    after: str | None  # new toolchain, edited tree
    outcome: Outcome
    source: str = ""  # what sets it after the fix: `go.work:4`, `cmd/x/main.go:3`, go-line, ...


@dataclass(frozen=True)
class BinaryProof:
    binary: str
    goos: str
    compiled_before: str  # DefaultGODEBUG, old toolchain, original tree
    compiled_unfixed: str  # new toolchain, original tree
    compiled_after: str  # new toolchain, edited tree
    settings: tuple[SettingProof, ...]  # the flipped ones and any the fix moved, by name
    errors: tuple[str, ...] = ()  # build errors with the new toolchain on the edited tree

    @property
    def needed(self) -> bool:
        return any(s.outcome != Outcome.MOVED for s in self.settings)

    @property
    def ok(self) -> bool:
        bad = any(s.outcome in (Outcome.NOT_KEPT, Outcome.MOVED) for s in self.settings)
        untouched = self.needed or self.compiled_after == self.compiled_unfixed
        return not bad and not self.errors and untouched


@dataclass(frozen=True)
class Proof:
    from_toolchain: GoVersion
    to_toolchain: GoVersion
    binaries: tuple[BinaryProof, ...]

    @property
    def ok(self) -> bool:
        return all(b.ok for b in self.binaries)


def prove_binary(
    goos: str,
    original: Context,
    edited: Context,
    compiled: tuple[str, str, str],
    settings: Mapping[str, GodebugSetting],
    since: Mapping[str, GoVersion],
    unfixable: frozenset[str],
    relevant: frozenset[str] | None = None,
) -> BinaryProof:
    """One binary's proof. `compiled`: DefaultGODEBUG before / unfixed / after; `unfixable`: settings
    the fix reported as having no GODEBUG fix for this binary; `relevant`: settings whose behavior the
    planner says this binary has (None: all; fips140ems only matters in FIPS mode). An irrelevant
    setting that flips is not listed, but the fix must not move it either."""
    rows: list[SettingProof] = []
    for name in sorted(settings):
        s = settings[name]
        b = original.before.value(s, since.get(name))
        u = original.after.value(s, since.get(name))
        a = edited.after.value(s, since.get(name))
        src = a.where or a.source.value
        broken = name in original.after.errors  # the bump alone makes the pinned old value a build error
        counts = relevant is None or name in relevant
        if (b.value != u.value or broken) and counts:
            if a.value == b.value and not broken:
                outcome = Outcome.KEPT
            elif name in unfixable:
                outcome = Outcome.UNFIXABLE
            else:
                outcome = Outcome.NOT_KEPT
            rows.append(
                SettingProof(name, b.value, "build error" if broken else u.value, a.value, outcome, src)
            )
        elif a.value != u.value:
            rows.append(SettingProof(name, b.value, u.value, a.value, Outcome.MOVED, src))
    errors = tuple(sorted(set(edited.after.errors.values())))
    return BinaryProof(original.binary.dir, goos, *compiled, tuple(rows), errors)


def prove(from_toolchain: GoVersion, to_toolchain: GoVersion, binaries: Sequence[BinaryProof]) -> Proof:
    return Proof(from_toolchain, to_toolchain, tuple(sorted(binaries, key=lambda b: (b.binary, b.goos))))
