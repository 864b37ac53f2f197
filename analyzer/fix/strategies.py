"""Which edits keep each flipped behavior, per strategy: the planner's own mitigations, chosen per binary.

Pure: the planner's contexts and changes in (one `BinaryPlan` per binary and GOOS), `Choice` out. The
edits are the `Edit`s of the planner's mitigations (what `scan --format json` and SARIF show), so scan
and fix cannot disagree about what to write or where.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from analyzer.model import Change, Edit, Entry, GoLinePolicy, Mitigation, MitigationKind, Plan, Status
from analyzer.plan.context import Context
from analyzer.plan.state import Source
from analyzer.versions import GoVersion

GODEBUG_LINE_MIN = GoVersion(23)
DIRECTIVE_MIN = GoVersion(21)


class Strategy(StrEnum):
    AUTO = "auto"
    GO_LINE = "go-line"
    GODEBUG = "godebug"
    GO_DEBUG = "go-debug"


@dataclass(frozen=True)
class BinaryPlan:
    """One binary under one GOOS: the planner's context and its changes (entry id -> Change)."""

    goos: str
    context: Context
    changes: Mapping[str, Change]

    @property
    def dir(self) -> str:
        return self.context.binary.dir


@dataclass(frozen=True)
class Pin:
    """A setting kept at its old value by one mitigation, for the binaries listed."""

    setting: str
    value: str
    kind: MitigationKind  # GODEBUG_GOMOD (go.mod / go.work line), GODEBUG_DIRECTIVE or GO_LINE
    file: str  # where the edit goes ("" for a kept go line)
    binaries: tuple[str, ...]
    entries: tuple[str, ...]
    edits: tuple[Edit, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Unfixed:
    """A flipped behavior fix cannot keep, with what the KB says to do instead."""

    entry: str
    setting: str | None
    status: Status
    binaries: tuple[str, ...]
    reason: str
    advice: tuple[str, ...]  # code changes from the KB, or ("none exists",)


@dataclass(frozen=True)
class Choice:
    """Everything one strategy does to the tree."""

    strategy: Strategy
    pins: tuple[Pin, ...]
    unfixed: tuple[Unfixed, ...]
    edits: tuple[Edit, ...]  # every edit to apply, pins' and go-line moves' and build-error removals
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Need:
    binary: str
    goos: str
    entry: str
    setting: str
    value: str
    change: Change
    bp: BinaryPlan


def _offered(change: Change, kind: MitigationKind, setting: str) -> Mitigation | None:
    """The planner's mitigation of `kind` that pins `setting` (not `default=`) with edits."""
    for m in change.mitigations:
        if m.kind != kind or not m.edits:
            continue
        if kind == MitigationKind.GODEBUG_GOMOD and not any(
            f" {setting}=" in f" {e.text.strip()}" or e.text.strip().startswith(f"{setting}=")
            for e in m.edits
        ):
            continue
        return m
    return None


def _default_offer(change: Change) -> Mitigation | None:
    """The planner's `godebug default=go1.OLD` mitigation (offered when the go line moves)."""
    for m in change.mitigations:
        if m.kind == MitigationKind.GODEBUG_GOMOD and m.edits and "default=" in m.edits[0].text:
            return m
    return None


def pair_text(m: Mitigation) -> str:
    """The value of the `key=value` a one-edit mitigation adds."""
    return m.edits[0].text.strip().rsplit("=", 1)[-1]


def _kb_kinds(entry: Entry | None, to: GoVersion) -> frozenset[MitigationKind]:
    """The pin kinds the KB offers for the entry and the target toolchain."""
    if entry is None:
        return frozenset()
    return frozenset(
        m.kind
        for m in entry.mitigations
        if (m.min_go is None or m.min_go <= to) and (m.until is None or to < m.until)
    )


def _advice(change: Change) -> tuple[str, ...]:
    texts = tuple(m.text for m in change.mitigations if m.kind == MitigationKind.CODE_CHANGE)
    nones = tuple(m.text for m in change.mitigations if m.kind == MitigationKind.NONE)
    return texts or nones or ("none exists",)


def _go_line_caused(change: Change) -> bool:
    return any(m.kind == MitigationKind.GO_LINE for m in change.mitigations)


def go_line_edits(
    plan: Plan, go_lines: Sequence[tuple[str, GoVersion | None, GoVersion | None]]
) -> list[Edit]:
    """The plan's go-line move as edits: (file, before, after) of go.work and every go.mod."""
    if plan.go_line == GoLinePolicy.KEEP:
        return []
    return [
        Edit(file, "go-line", str(after))
        for file, before, after in go_lines
        if after is not None and before is not None and after != before
    ]


def choose(
    strategy: Strategy,
    plan: Plan,
    binaries: Sequence[BinaryPlan],
    entries: Mapping[str, Entry],
    go_lines: Sequence[tuple[str, GoVersion | None, GoVersion | None]] = (),
) -> Choice:
    """The pins `strategy` makes for every flipped behavior, and what stays unfixed.

    godebug (and auto, when the KB offers it): a go.mod / go.work `godebug` line when every binary that
    reads that file needs the same old value (or pins the key itself with //go:debug); otherwise a
    //go:debug line in the main package of each binary that needs it. go-line: keep every go line.
    """
    to = plan.to_toolchain
    needs: list[_Need] = []
    unfixed: dict[tuple[str, Status, str], list[tuple[str, Change]]] = defaultdict(list)
    removals: list[Edit] = []
    for bp in binaries:
        for eid, c in sorted(bp.changes.items()):
            if c.status == Status.BUILD_ERROR:
                removals += [e for m in c.mitigations for e in m.edits if e.kind == "remove"]
                unfixed[(eid, c.status, c.reason)].append((bp.dir, c))
            elif c.status == Status.CHANGED and c.godebug is not None and c.before is not None:
                e = entries.get(eid)
                if e is not None and e.godebug is not None and not e.godebug.known_by(to):
                    # never add a setting the target toolchain does not know (or has removed)
                    unfixed[(eid, c.status, f"{c.reason}; Go {to} does not know {c.godebug}")].append(
                        (bp.dir, c)
                    )
                    continue
                needs.append(_Need(bp.dir, bp.goos, eid, c.godebug, c.before, c, bp))
            elif c.status in (Status.CHANGED, Status.NOT_PRESERVABLE, Status.STARTUP_FATAL):
                unfixed[(eid, c.status, c.reason)].append((bp.dir, c))

    pins: list[Pin] = []
    notes: list[str] = []
    # binaries sharing a godebug file (go.mod of the main module, or go.work), over every GOOS
    sharers: dict[str, set[str]] = defaultdict(set)
    for bp in binaries:
        sharers[bp.context.anchors.godebug_file].add(bp.dir)
    by_setting: dict[str, list[_Need]] = defaultdict(list)
    for n in needs:
        by_setting[n.setting].append(n)

    def miss(n: _Need, why: str) -> None:
        unfixed[(n.entry, n.change.status, f"{n.change.reason}; {why}")].append((n.binary, n.change))

    # go-line strategy with a go-line move: `godebug default=go1.OLD` restores the old line's defaults
    restore = strategy == Strategy.GO_LINE and plan.go_line != GoLinePolicy.KEEP and to >= GODEBUG_LINE_MIN
    defaults: dict[str, list[tuple[_Need, Mitigation]]] = defaultdict(list)
    for setting, group in sorted(by_setting.items()):
        values: dict[str, set[str]] = defaultdict(set)
        for n in group:
            values[n.binary].add(n.value)
        conflict = {b for b, v in values.items() if len(v) > 1}
        for n in group:
            if n.binary in conflict:
                miss(n, "the old value differs between GOOS values: pin it by hand per platform")
        group = [n for n in group if n.binary not in conflict]
        if strategy == Strategy.GO_LINE:
            for n in group:
                m = _default_offer(n.change) if restore else None
                if m is not None:
                    defaults[n.bp.context.anchors.godebug_file].append((n, m))
                elif restore:
                    miss(n, "restoring the old go line's defaults does not keep it (try --strategy godebug)")
                else:
                    miss(n, "the go line is kept already; the toolchain flips it (try --strategy godebug)")
            continue
        directive_only: list[_Need] = []
        by_file: dict[str, list[_Need]] = defaultdict(list)
        for n in group:
            kb = _kb_kinds(entries.get(n.entry), to)
            line_ok = to >= GODEBUG_LINE_MIN and (
                strategy == Strategy.GODEBUG
                or (strategy == Strategy.AUTO and (MitigationKind.GODEBUG_GOMOD in kb or not kb & _PINS))
            )
            if line_ok and _offered(n.change, MitigationKind.GODEBUG_GOMOD, setting) is not None:
                by_file[n.bp.context.anchors.godebug_file].append(n)
            else:
                directive_only.append(n)
        for file, fgroup in sorted(by_file.items()):
            wanted = {n.value for n in fgroup}
            need_bins = {n.binary for n in fgroup}
            tolerant = {
                bp.dir
                for bp in binaries
                if bp.context.anchors.godebug_file == file
                and (v := bp.context.after.values.get(setting)) is not None
                and v.source == Source.DIRECTIVE
            }
            if len(wanted) == 1 and sharers[file] <= need_bins | tolerant:
                m = _offered(fgroup[0].change, MitigationKind.GODEBUG_GOMOD, setting)
                assert m is not None
                pins.append(
                    Pin(
                        setting,
                        fgroup[0].value,
                        MitigationKind.GODEBUG_GOMOD,
                        file,
                        tuple(sorted(need_bins)),
                        tuple(sorted({n.entry for n in fgroup})),
                        m.edits,
                    )
                )
            else:
                others = sorted(sharers[file] - need_bins - tolerant)
                why = (
                    f"binaries that do not need it read {file} too ({', '.join(others)})"
                    if others
                    else (f"the binaries reading {file} need different old values")
                )
                notes.append(f"{setting}: //go:debug instead of a {file} line: {why}")
                directive_only += fgroup
        # per binary and main file: a main package may hold func main in one file per GOOS
        per_binary: dict[tuple[str, str], list[_Need]] = defaultdict(list)
        for n in directive_only:
            per_binary[(n.binary, n.bp.context.anchors.main_file or "")].append(n)
        for (b, _), bgroup in sorted(per_binary.items()):
            n = bgroup[0]
            m = _offered(n.change, MitigationKind.GODEBUG_DIRECTIVE, setting) if to >= DIRECTIVE_MIN else None
            if m is None:
                miss(
                    n,
                    "no main file to put a //go:debug line in"
                    if to >= DIRECTIVE_MIN
                    else f"Go {to} has no //go:debug",
                )
                continue
            pins.append(
                Pin(
                    setting,
                    n.value,
                    MitigationKind.GODEBUG_DIRECTIVE,
                    m.edits[0].file,
                    (b,),
                    tuple(sorted({x.entry for x in bgroup})),
                    m.edits,
                )
            )

    for file, offers in sorted(defaults.items()):
        by_value: dict[str, list[tuple[_Need, Mitigation]]] = defaultdict(list)
        for n, m in offers:
            by_value[pair_text(m)].append((n, m))
        if len(by_value) > 1:
            for n, _ in offers:
                miss(n, f"the binaries reading {file} had different go lines")
            continue
        value, chosen = next(iter(by_value.items()))
        pins.append(
            Pin(
                "default",
                value,
                MitigationKind.GODEBUG_GOMOD,
                file,
                tuple(sorted({n.binary for n, _ in chosen})),
                tuple(sorted({n.entry for n, _ in chosen})),
                chosen[0][1].edits,
                note="restores the defaults of the go line before the move",
            )
        )

    edits: list[Edit] = []
    edits += go_line_edits(plan, go_lines)
    edits += removals
    for p in pins:
        edits += p.edits
    out_unfixed = []
    for (eid, status, reason), items in sorted(unfixed.items()):
        bins = tuple(sorted({b for b, _ in items}))
        out_unfixed.append(Unfixed(eid, items[0][1].godebug, status, bins, reason, _advice(items[0][1])))
    return Choice(
        strategy,
        tuple(sorted(pins, key=lambda p: (p.file, p.setting, p.binaries))),
        tuple(out_unfixed),
        tuple(dict.fromkeys(edits)),
        tuple(notes),
    )


_PINS = frozenset({MitigationKind.GODEBUG_GOMOD, MitigationKind.GODEBUG_DIRECTIVE})
