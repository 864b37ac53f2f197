"""Turn scan options into a Plan: which toolchain is current, which patch `1.N` means, the new go line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from analyzer.model import Entry, GodebugSetting, GoLinePolicy, Plan, Repo
from analyzer.plan.options import ScanOptions, check_order
from analyzer.versions import GoVersion


def newest_patch(
    minor: int, settings: Mapping[str, GodebugSetting], entries: Iterable[Entry] = ()
) -> GoVersion:
    """The newest 1.minor.P modelled: the GODEBUG model's toolchains, else what the KB knows about."""
    try:
        from analyzer.godebug import MODELLED

        for m in MODELLED:
            if m.minor == minor:
                return m
    except ImportError:
        pass
    patches = [
        v.patch for s in settings.values() for v in s.known_since if v.minor == minor and v.patch is not None
    ]
    patches += [e.go.patch for e in entries if e.go.minor == minor and e.go.patch is not None]
    return GoVersion(minor, max(patches, default=0))


def target_toolchain(
    to: GoVersion, settings: Mapping[str, GodebugSetting], entries: Iterable[Entry] = ()
) -> GoVersion:
    """The toolchain `--to` names: itself, or for 1.N the newest 1.N.P modelled."""
    return _as_toolchain(to, settings, tuple(entries))


def _as_toolchain(
    v: GoVersion, settings: Mapping[str, GodebugSetting], entries: Iterable[Entry]
) -> GoVersion:
    return v if v.patch is not None else newest_patch(v.minor, settings, entries)


def current_toolchain(
    opts: ScanOptions, repo: Repo, go_version_file: GoVersion | None = None
) -> tuple[GoVersion | None, str]:
    """--from, else .go-version, else the main module's toolchain line, else its go line."""
    if opts.from_ is not None:
        return opts.from_, "--from"
    if go_version_file is not None:
        return go_version_file, ".go-version"
    root = next((m for m in repo.modules if m.dir == "."), None) or (
        repo.modules[0] if repo.modules else None
    )
    toolchain = GoVersion.try_parse(root.toolchain) if root is not None and root.toolchain else None
    if root is not None and toolchain is not None:
        return toolchain, f"toolchain line in {root.file}"
    if repo.workspace is not None and repo.workspace.go is not None:
        return repo.workspace.go, f"go line in {repo.workspace.file}"
    if root is not None and root.go is not None:
        return root.go, f"go line in {root.file}"
    return None, ""


def resolve_plan(
    opts: ScanOptions,
    repo: Repo,
    settings: Mapping[str, GodebugSetting],
    entries: Iterable[Entry] = (),
    go_version_file: GoVersion | None = None,
) -> tuple[Plan, list[str]]:
    """The plan and notes to print with it; UsageError when the toolchains are out of order."""
    from analyzer.errors import UsageError

    entries = tuple(entries)
    notes: list[str] = []
    frm, source = current_toolchain(opts, repo, go_version_file)
    if frm is None:
        raise UsageError(
            "cannot tell the current toolchain: give --from (no .go-version, toolchain or go line)"
        )
    frm_t = _as_toolchain(frm, settings, entries)
    if frm_t != frm:
        notes.append(
            f"current toolchain {frm} ({source}) read as {frm_t}, the newest {frm.lang} patch modelled"
        )
    to_t = target_toolchain(opts.to, settings, entries)
    if opts.to.patch is None:
        notes.append(f"target {opts.to} read as {to_t}, the newest patch modelled")
    check_order(frm_t, to_t)
    if opts.go_line == GoLinePolicy.BUMP:
        line: GoVersion | None = GoVersion(to_t.minor, 0)
    elif opts.go_line == GoLinePolicy.SET:
        line = opts.go_line_version
        if line is not None and line.patch is None and line.minor >= 21:
            line = GoVersion(line.minor, 0)
    else:
        line = None
        notes.append("go lines are kept (KEP-3744): defaults gated by the go line keep their old values")
    if line is not None and line.minor > to_t.minor:
        raise UsageError(f"--go-line {line} is newer than the target toolchain {to_t}")
    plan = Plan(frm_t, to_t, opts.go_line, line, opts.goos, opts.goarch, source)
    return plan, notes
