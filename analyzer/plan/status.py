"""Status of every (entry, binary) and every matched use, with the reason, for one plan."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from analyzer.model import (
    STATUS_ORDER,
    Change,
    Effect,
    Entry,
    Finding,
    GodebugSetting,
    Kind,
    Match,
    Mitigation,
    MitigationKind,
    Plan,
    Status,
    UseKind,
)
from analyzer.plan.context import Context
from analyzer.plan.mitigate import fix_build_error, plan_mitigations
from analyzer.plan.state import EXPLICIT, Source, Value, exists_in
from analyzer.versions import GoVersion

# statuses that mean the behavior of shipped code changes
ACTION = frozenset({Status.BUILD_ERROR, Status.STARTUP_FATAL, Status.NOT_PRESERVABLE, Status.CHANGED})


def worst(statuses: Iterable[Status]) -> Status:
    """The most severe status (STATUS_ORDER is worst first)."""
    return min(statuses, key=STATUS_ORDER.index)


def crosses(low: GoVersion | None, minor: int, high: GoVersion | None) -> bool:
    """low < 1.minor <= high, by language version (a missing go line is Go 1.16's)."""
    lo = low.minor if low is not None else 16
    hi = high.minor if high is not None else 16
    return lo < minor <= hi


def _applies(entry: Entry, ctx: Context) -> bool:
    return not entry.platforms or bool(set(entry.platforms) & set(ctx.goos))


def _describe(v: Value) -> str:
    if v.source == Source.MAIN:
        return f"{v.value} (os.Setenv in main() at {v.where})"
    where = f" ({v.source.value} {v.where})" if v.where else ""
    return f"{v.value}{where}" if v.value is not None else "unset"


def _setting_change(entry: Entry, s: GodebugSetting, ctx: Context, plan: Plan) -> Change | None:
    b, a = ctx.before.value(s, entry.go), ctx.after.value(s, entry.go)
    final = dict(entry.extra).get(REMOVED_VALUE)
    if final is not None:
        b, a = (replace(v, value=final) if v.source == Source.REMOVED else v for v in (b, a))
    binary = ctx.binary.dir

    def make(status: Status, reason: str, mitigations: tuple[Mitigation, ...] = ()) -> Change:
        return Change(entry.id, binary, status, reason, s.name, b.value, a.value, mitigations)

    if s.name in ctx.after.errors:
        msg = ctx.after.errors[s.name]
        return make(Status.BUILD_ERROR, msg, fix_build_error(ctx, s, msg))
    window = (
        (s.changed is not None and crosses(plan.from_toolchain, s.changed, plan.to_toolchain))
        or (s.removed is not None and crosses(plan.from_toolchain, s.removed, plan.to_toolchain))
        or (s.changed is not None and crosses(ctx.go_line_before, s.changed, ctx.go_line_after))
        or (exists_in(s, plan.to_toolchain, entry.go) and not exists_in(s, plan.from_toolchain, entry.go))
    )
    if b.value == a.value:
        if not window or (a.value == s.new and a.source not in EXPLICIT):
            return None
        if a.source in EXPLICIT:
            how = f"{a.source.value} {a.where}".strip()
            return make(Status.MITIGATED, f"{s.name}={a.value} is set explicitly ({how})")
        if a.source == Source.GO_LINE:
            go = ctx.after.go_version
            # a `godebug default=goX` (or //go:debug default=) selects the version, not the go line
            by = f"the go line ({go})" if go == ctx.go_line_after else f"default=go{go}"
            return make(
                Status.PRESERVED,
                f"{by} keeps {s.name}={a.value}; Go 1.{s.changed} changed the default",
            )
        return None
    if a.source == Source.REMOVED:
        lost = ""
        if b.source in EXPLICIT:
            lost = f"; {s.name}={_describe(b)} no longer has effect"
        return make(
            Status.NOT_PRESERVABLE,
            f"Go 1.{s.removed} removed the {s.name} setting: {s.name}={b.value} is no longer available{lost}",
            plan_mitigations(entry, ctx, plan, go_line_caused=False),
        )
    g0, g1 = ctx.before.go_version, ctx.after.go_version
    # the old go line would have kept the old value: the go line moving is the cause
    go_line_caused = (
        a.source == Source.TOOLCHAIN
        and s.changed is not None
        and g0 != g1
        and crosses(g0, s.changed, g1)
        and (
            b.source == Source.GO_LINE
            # before the setting existed: the old go line restores it only if `old` is that behavior
            or (b.source == Source.NOT_INTRODUCED and b.value == s.old)
            # the old toolchain predates the change: its own default was the old value
            or (b.source == Source.TOOLCHAIN and plan.from_toolchain.minor < s.changed)
        )
    )
    if go_line_caused:
        reason = (
            f"the go line moves from {g0} to {g1}, past Go 1.{s.changed} "
            f"where {s.name} changed from {s.old} to {s.new}"
        )
    elif b.source == Source.NOT_INTRODUCED:
        was = f"Go {plan.from_toolchain} has no {s.name} setting and behaves as {s.name}={b.value}"
        if a.source == Source.GO_LINE:
            reason = (
                f"Go {plan.to_toolchain} compiles in {s.name}={a.value} for go lines before 1.{s.changed} "
                f"(the go line is {g1}); {was}"
            )
        elif s.changed is None:
            reason = f"Go {plan.to_toolchain} has {s.name}={a.value} whatever the go line; {was}"
        elif plan.to_toolchain.minor < 21:
            pre = "go lines select defaults only from Go 1.21 on"
            reason = f"Go {plan.to_toolchain} has {s.name}={a.value} ({pre}); {was}"
        else:
            reason = (
                f"Go {plan.to_toolchain} has {s.name}={a.value} for go lines from 1.{s.changed} ({g1}); {was}"
            )
    elif b.source in EXPLICIT:
        reason = f"{s.name}={_describe(b)} no longer applies; the binary gets {s.name}={_describe(a)}"
    else:
        reason = f"{s.name} goes from {_describe(b)} to {_describe(a)}"
    return make(Status.CHANGED, reason, plan_mitigations(entry, ctx, plan, go_line_caused, restore=b.value))


def _toolchain_change(entry: Entry, ctx: Context, plan: Plan) -> Change | None:
    if not (plan.from_toolchain < entry.go <= plan.to_toolchain):
        return None
    binary = ctx.binary.dir
    where = ctx.main_neutralizers.get(entry.id)
    if where:
        return Change(entry.id, binary, Status.MITIGATED, f"main() keeps the old behavior: {where}")
    return Change(
        entry.id,
        binary,
        Status.NOT_PRESERVABLE,
        f"Go {entry.go} changes this without a GODEBUG setting",
        mitigations=plan_mitigations(entry, ctx, plan, go_line_caused=False),
    )


def _language_change(entry: Entry, ctx: Context, plan: Plan) -> Change | None:
    crossed = sorted(m for m, (g0, g1) in ctx.module_go_lines.items() if crosses(g0, entry.go.minor, g1))
    binary = ctx.binary.dir
    if crossed:
        lines = ", ".join(f"{m} ({g[0]} -> {g[1]})" for m in crossed if (g := ctx.module_go_lines[m]))
        return Change(
            entry.id,
            binary,
            Status.CHANGED,
            f"the go line of {lines} crosses Go {entry.go.lang}, where the language changed",
            mitigations=plan_mitigations(
                entry, ctx, plan, True, tuple((m, ctx.module_go_lines[m][0]) for m in crossed)
            ),
        )
    if crosses(plan.from_toolchain, entry.go.minor, plan.to_toolchain) and ctx.module_go_lines:
        return Change(
            entry.id,
            binary,
            Status.PRESERVED,
            f"language version follows each module's go line (< {entry.go.lang})",
        )
    return None


OPT_IN = "x-opt-in"  # `key=v1|v2`: the change is observable only when the binary runs with key at one of them
REMOVED_VALUE = "x-removed-value"  # the behavior after the setting's removal, when it is not `new`


def _opted_in(entry: Entry, ctx: Context) -> bool:
    """Whether the binary selects the mode an opt-in entry is about (before or after the bump)."""
    spec = dict(entry.extra).get(OPT_IN)
    if spec is None:
        return True
    key, _, values = spec.partition("=")
    wanted = set(values.split("|"))
    return any((v := st.values.get(key)) is not None and v.value in wanted for st in (ctx.before, ctx.after))


def change_for(entry: Entry, ctx: Context, plan: Plan) -> Change | None:
    """What the plan does to `entry` in `ctx`; None when the entry is outside the bump or describes a
    mode (x-opt-in) the binary does not select."""
    if not _applies(entry, ctx) or not _opted_in(entry, ctx):
        return None
    if entry.godebug is not None:
        return _setting_change(entry, entry.godebug, ctx, plan)
    if entry.kind == Kind.LANGUAGE:
        return _language_change(entry, ctx, plan)
    return _toolchain_change(entry, ctx, plan)


def changes_for(entries: Iterable[Entry], contexts: Iterable[Context], plan: Plan) -> tuple[Change, ...]:
    """Every relevant (entry, context) change, sorted by context then entry."""
    out = [c for ctx in contexts for e in entries if (c := change_for(e, ctx, plan)) is not None]
    return tuple(sorted(out, key=lambda c: (c.binary, c.entry)))


def use_status(
    match: Match,
    changes: Mapping[str, Change],
    called: bool,
) -> tuple[Status, str, tuple[Mitigation, ...]] | None:
    """Status of one matched use in one context, given that context's change for the entry.

    `called`: the call graph cannot rule out that the function holding the use runs.
    """
    change = changes.get(match.entry)
    if change is None:
        return None
    if match.effect == Effect.UNAFFECTED:
        return None
    if change.status in ACTION:
        if match.effect == Effect.NEUTRALIZED:
            return Status.MITIGATED, match.reason or "the code already keeps the old behavior", ()
        if not called:
            why = with_why(match, change.reason)
            return Status.NOT_CALLED, f"{why}; but nothing calls {match.use.function}", ()
    return change.status, with_why(match, change.reason), change.mitigations


def with_why(match: Match, reason: str) -> str:
    """A finding's reason: for a loop variable, what makes its semantics change comes first."""
    if match.use.kind == UseKind.LOOP_VAR and match.reason:
        return f"{match.reason}; {reason}"
    return reason


def finding(match: Match, per_binary: Mapping[str, tuple[Status, str, tuple[Mitigation, ...]]]) -> Finding:
    """One finding over every binary that reaches the use: the worst status wins."""
    status = worst(s for s, _, _ in per_binary.values())
    first = sorted(b for b, v in per_binary.items() if v[0] == status)[0]
    _, reason, mitigations = per_binary[first]
    return Finding(
        match.entry,
        match.use,
        status,
        reason,
        match.effect,
        tuple(sorted(per_binary)),
        mitigations,
        per_binary=tuple(sorted((b, v[0]) for b, v in per_binary.items())),
    )


def with_status(f: Finding, status: Status, reason: str) -> Finding:
    return replace(f, status=status, reason=reason)


def fatal_in_environment(setting: GodebugSetting, value: str, to: GoVersion) -> bool:
    """Whether $GODEBUG `setting=value` at process start kills a binary built by `to` (Go 1.27+)."""
    return to.minor >= 27 and setting.removed_by(to) and value != setting.new


def startup_fatal(
    changes: Mapping[tuple[str, str], Change],
    entries: Iterable[Entry],
    deploy: Iterable[tuple[str, str, str, tuple[str, ...]]],
    binaries: Iterable[str],
    plan: Plan,
) -> dict[tuple[str, str], Change]:
    """Changes after the deployment environment is taken into account.

    `deploy`: (key, value, where, binary names) of GODEBUG settings found in manifests, units,
    Dockerfiles. A removed setting at an old value there makes a Go 1.27+ binary exit at startup; when
    the deployment file names no binary, every binary is marked.
    """
    out = dict(changes)
    by_setting = {e.godebug.name: e for e in entries if e.godebug is not None}
    for key, value, where, names in deploy:
        e = by_setting.get(key)
        if e is None or e.godebug is None or not fatal_in_environment(e.godebug, value, plan.to_toolchain):
            continue
        s = e.godebug
        reason = (
            f"GODEBUG={key}={value} in {where}: a binary built by Go {plan.to_toolchain} exits at startup "
            f"(removed GODEBUG {key!r} set to old value {value!r})"
        )
        fix = Mitigation(
            MitigationKind.CODE_CHANGE,
            f"remove {key}={value} from the environment in {where} (or set {key}={s.new}); "
            f"Go 1.{s.removed} has no old behavior to restore",
        )
        for b in binaries:
            if names and b.rsplit("/", 1)[-1] not in names:
                continue
            prev = out.get((b, e.id))
            out[(b, e.id)] = Change(
                e.id, b, Status.STARTUP_FATAL, reason, key, prev.before if prev else value, s.new, (fix,)
            )
    return out
