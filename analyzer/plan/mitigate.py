"""Mitigations for a change, least visible first, as text to paste and as machine-applicable edits."""

from __future__ import annotations

import re

from analyzer.model import Edit, Entry, GodebugSetting, Mitigation, MitigationKind, Plan
from analyzer.plan.context import Anchors, Context
from analyzer.plan.state import exists_in, setenv_works
from analyzer.versions import GoVersion

GODEBUG_LINE_MIN = GoVersion(23)
DIRECTIVE_MIN = GoVersion(21)


def _until(setting: GodebugSetting) -> GoVersion | None:
    return GoVersion(setting.removed) if setting.removed is not None else None


def _lasts(setting: GodebugSetting) -> str:
    if setting.removed is not None:
        return f"; stops working in Go 1.{setting.removed}, which removes the setting"
    return ""


def _go_line_text(version: GoVersion | None) -> str:
    return f"go {version}" if version is not None else "the current go line"


def keep_go_line(ctx: Context, modules: tuple[tuple[str, GoVersion | None], ...] = ()) -> Mitigation:
    """Keep the go line where it is (KEP-3744): the toolchain then keeps the old defaults.

    `modules`: (module, go line) whose own go lines matter (language changes follow each module's).
    """
    if modules:
        lines = ", ".join(f"`{_go_line_text(g)}` in {m}" for m, g in modules)
        return Mitigation(MitigationKind.GO_LINE, f"keep the go line of each module: {lines}")
    where = ctx.anchors.go_line_file
    return Mitigation(
        MitigationKind.GO_LINE,
        f"keep `{_go_line_text(ctx.go_line_before)}` in {where} (do not bump the go line)",
    )


def _unknown_before(plan: Plan, key: str) -> str:
    """Go 1.21+ toolchains reject a godebug line or //go:debug naming a setting they do not know."""
    return f"Go {plan.from_toolchain} does not know {key} and fails the build: add it with the bump"


def godebug_line(
    ctx: Context, plan: Plan, key: str, value: str, setting: GodebugSetting | None
) -> Mitigation:
    """A `godebug key=value` line in go.mod, or in go.work when the build uses a workspace."""
    a = ctx.anchors
    where = a.godebug_file
    notes = []
    if where == "go.work" or where.endswith("/go.work"):
        notes.append("the build uses a workspace, so go.mod godebug lines are ignored")
    if plan.from_toolchain < GODEBUG_LINE_MIN:
        notes.append(f"Go {plan.from_toolchain} rejects godebug lines: add it with the bump")
    elif setting is not None and not setting.known_by(plan.from_toolchain):
        notes.append(_unknown_before(plan, key))
    text = f"add `godebug {key}={value}` to {where}"
    if notes:
        text += " (" + "; ".join(notes) + ")"
    if setting is not None:
        text += _lasts(setting)
    edit_text = f"\t{key}={value}\n" if a.godebug_block else f"godebug {key}={value}\n"
    kind = "go-work-godebug" if where == "go.work" or where.endswith("/go.work") else "go-mod-godebug"
    edits = (Edit(where, kind, edit_text, a.godebug_line),) if a.godebug_line is not None else ()
    return Mitigation(
        MitigationKind.GODEBUG_GOMOD,
        text,
        edits,
        min_go=GODEBUG_LINE_MIN,
        until=_until(setting) if setting is not None else None,
    )


def _directive_edit(a: Anchors, key: str, value: str) -> Edit | None:
    """The //go:debug edit as `fix` writes it (anchors.directive_place): the key's own line changed in
    place, else a new line with the blank lines that keep it out of the package doc comment."""
    line = f"//go:debug {key}={value}"
    if a.main_file is None:
        return None
    if key in a.main_directives:
        at, old = a.main_directives[key]
        return Edit(a.main_file, "go-debug-directive", line + "\n", at, old)
    p = a.directive_place
    if p is None:
        return Edit(a.main_file, "go-debug-directive", line + "\n", a.package_line)
    text = "\n" * p.blank_before + line + "\n" + "\n" * p.blank_after
    return Edit(a.main_file, "go-debug-directive", text, p.at)


def directive(ctx: Context, plan: Plan, key: str, value: str, setting: GodebugSetting) -> Mitigation | None:
    """A `//go:debug key=value` line before the package clause of the main package (that binary only)."""
    a = ctx.anchors
    edit = _directive_edit(a, key, value)
    if edit is None or a.main_file is None:
        return None
    text = f"add `//go:debug {key}={value}` before the package clause of {a.main_file} (this binary only)"
    if plan.from_toolchain < DIRECTIVE_MIN:
        text += f"; Go {plan.from_toolchain} ignores it"
    elif not setting.known_by(plan.from_toolchain):
        text += f" ({_unknown_before(plan, key)})"
    text += _lasts(setting)
    return Mitigation(
        MitigationKind.GODEBUG_DIRECTIVE,
        text,
        (edit,),
        min_go=DIRECTIVE_MIN,
        until=_until(setting),
    )


def main_default(
    ctx: Context, key: str, value: str, setting: GodebugSetting, since: GoVersion | None = None
) -> Mitigation | None:
    """`os.Setenv("GODEBUG", ...)` at the top of main(), for settings read on each use."""
    a = ctx.anchors
    to = ctx.after.toolchain
    if a.main_file is None or not setenv_works(setting, to) or not exists_in(setting, to, since):
        return None
    code = (
        f'if v := os.Getenv("GODEBUG"); !strings.Contains(v, "{key}=") '
        f'{{ os.Setenv("GODEBUG", strings.TrimPrefix(v+",{key}={value}", ",")) }}'
    )
    return Mitigation(
        MitigationKind.MAIN_DEFAULT,
        f"default {key}={value} at the top of main() in {a.main_file}: `{code}` "
        f"(child processes inherit it){_lasts(setting)}",
        (Edit(a.main_file, "main-default", code + "\n", a.main_body_line),),
        until=_until(setting),
    )


def from_entry(
    entry: Entry, kinds: frozenset[MitigationKind], to: GoVersion | None = None
) -> list[Mitigation]:
    """The KB's own advice of the given kinds (that works with toolchain `to`, when given)."""
    return [
        Mitigation(m.kind, m.text.strip(), min_go=m.min_go, until=m.until)
        for m in entry.mitigations
        if m.kind in kinds
        and (to is None or ((m.min_go is None or m.min_go <= to) and (m.until is None or to < m.until)))
    ]


def plan_mitigations(
    entry: Entry,
    ctx: Context,
    plan: Plan,
    go_line_caused: bool,
    modules: tuple[tuple[str, GoVersion | None], ...] = (),
    restore: str | None = None,
) -> tuple[Mitigation, ...]:
    """Everything that keeps the old behavior of `entry` in this context, least visible first.

    `go_line_caused`: the change comes from the go line moving (so keeping it is a mitigation);
    `modules`: for language changes, the modules whose go lines cross the change; `restore`: the
    setting's value before the bump (default: the table's old value).
    """
    out: list[Mitigation] = []
    s = entry.godebug
    if go_line_caused:
        out.append(keep_go_line(ctx, modules))
    to = plan.to_toolchain
    value = restore if restore is not None else (s.old if s is not None else None)
    if s is not None and exists_in(s, to, entry.go) and value is not None:
        if to >= GODEBUG_LINE_MIN:
            out.append(godebug_line(ctx, plan, s.name, value, s))
            if go_line_caused and ctx.go_line_before is not None and ctx.go_line_before.minor >= 20:
                out.append(godebug_line(ctx, plan, "default", f"go{ctx.go_line_before.lang}", None))
        if not ctx.is_test and to >= DIRECTIVE_MIN:
            d = directive(ctx, plan, s.name, value, s)
            if d is not None:
                out.append(d)
        if not ctx.is_test:
            md = main_default(ctx, s.name, value, s, entry.go)
            if md is not None:
                out.append(md)
    kb_kinds = {MitigationKind.CODE_CHANGE}
    if not any(m.kind == MitigationKind.MAIN_DEFAULT for m in out):  # the KB's generic text, not twice
        kb_kinds.add(MitigationKind.MAIN_DEFAULT)
    out.extend(from_entry(entry, frozenset(kb_kinds), to))
    if not out or all(m.kind == MitigationKind.CODE_CHANGE for m in out):
        none = from_entry(entry, frozenset({MitigationKind.NONE}))
        out.extend(none or [Mitigation(MitigationKind.NONE, "no setting restores the old behavior")])
    order = list(MitigationKind)
    return tuple(sorted(out, key=lambda m: order.index(m.kind)))


_WHERE = re.compile(r"^([^\s:]+):(\d+): ")


def fix_build_error(ctx: Context, setting: GodebugSetting, message: str) -> tuple[Mitigation, ...]:
    """A pinned old value of a removed setting: remove the line (the old behavior is gone)."""
    m = _WHERE.match(message)
    edits: tuple[Edit, ...] = ()
    if m is not None:
        file, line = m.group(1), int(m.group(2))
        edits = (Edit(file, "remove", "", line, old=f"{setting.name}="),)
    gone = (
        f"Go 1.{setting.removed} has no old behavior to restore"
        if setting.removed
        else "the value is rejected"
    )
    return (
        Mitigation(
            MitigationKind.CODE_CHANGE,
            f"remove the `{setting.name}` setting ({message}); {gone}, or set it to its final value "
            f"`{setting.name}={setting.new}`",
            edits,
        ),
    )
