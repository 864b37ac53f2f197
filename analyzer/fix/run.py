"""The edge of `fix`: runs the planner on the tree, picks the edits, applies them in memory, and proves them.

`plan_fix` reads the tree (discovery, the KB, go.mod / main files) and never writes; `write_fix` writes
a FixResult's files atomically (temp file + os.replace).
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from analyzer.errors import InputError
from analyzer.fix.edits import apply_edits
from analyzer.fix.overlay import edited_repo, overlay_reader
from analyzer.fix.proof import Outcome, Proof, prove, prove_binary
from analyzer.fix.strategies import BinaryPlan, Choice, Pin, Strategy, choose
from analyzer.model import Edit, Entry, GodebugSetting, GoLinePolicy, MitigationKind, Plan, Repo
from analyzer.plan.audit import Auditor, StateFn, new_go_line, relevant_entries
from analyzer.plan.options import ScanOptions
from analyzer.plan.resolve import resolve_plan
from analyzer.plan.stages import (
    deploy_findings,
    discover_repos,
    go_version_file,
    load_kb,
    model_state_fn,
)
from analyzer.versions import GoVersion


@dataclass(frozen=True)
class FixResult:
    plan: Plan
    choice: Choice
    original: Mapping[str, str]  # root-relative path -> text before, for every file edited
    edited: Mapping[str, str]  # root-relative path -> text after (only files that change)
    proof: Proof
    notes: tuple[str, ...] = ()
    binaries: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # dir -> (import path, go list cwd)

    @property
    def changed(self) -> bool:
        return bool(self.edited)


def _read_text(root: Path, rel: str) -> str:
    with open(root / rel, encoding="utf-8", newline="") as f:
        return f.read()


def _binary_plans(auditor: Auditor, goos: str) -> tuple[list[BinaryPlan], dict[str, tuple[str, str]]]:
    """Each main package's context and changes (as scan computes them), and its compiled strings."""
    result = auditor.run([])
    by_binary: dict[str, dict[str, object]] = defaultdict(dict)
    for (b, eid), c in result.changes.items():
        by_binary[b][eid] = c
    out = []
    compiled = {}
    for p in auditor.mains:
        ctx, info = auditor.binary_context(p)
        out.append(BinaryPlan(goos, ctx, dict(by_binary.get(p.dir, {}))))  # type: ignore[arg-type]
        compiled[p.dir] = (str(info["godebug_before"]), str(info["godebug_after"]))
    return out, compiled


def _apply(root: Path, all_edits: Sequence[Edit]) -> tuple[dict[str, str], dict[str, str]]:
    """(original, edited) texts of every file the edits change."""
    by_file: dict[str, list[Edit]] = defaultdict(list)
    for e in all_edits:
        by_file[e.file].append(e)
    original: dict[str, str] = {}
    edited: dict[str, str] = {}
    for file, edits in sorted(by_file.items()):
        text = _read_text(root, file)
        new = apply_edits(text, edits)
        if new != text:
            original[file], edited[file] = text, new
    return original, edited


def corrections(
    proof: Proof, binaries: Sequence[BinaryPlan], settings: Mapping[str, GodebugSetting], to: GoVersion
) -> list[Pin]:
    """godebug lines that put back settings the fix moved (to the value the bump alone gives), per
    godebug file, when every binary reading the file that moved it agrees on the value."""
    files = {bp.dir: bp.context.anchors.godebug_file for bp in binaries}
    moved: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for b in proof.binaries:
        for s in b.settings:
            known = s.name in settings and settings[s.name].known_by(to)
            if s.outcome == Outcome.MOVED and s.unfixed is not None and known:
                moved[(files[b.binary], s.name)][s.unfixed].add(b.binary)
    out = []
    for (file, name), values in sorted(moved.items()):
        if len(values) != 1:
            continue
        value, bins = next(iter(values.items()))
        kind = "go-work-godebug" if file.endswith("go.work") else "go-mod-godebug"
        out.append(
            Pin(
                name,
                value,
                MitigationKind.GODEBUG_GOMOD,
                file,
                tuple(sorted(bins)),
                (),
                (Edit(file, kind, f"godebug {name}={value}\n"),),
                note="the default= line would move it",
            )
        )
    return out


def _cwd(bp: BinaryPlan) -> str:
    """Where `go list` must run for this binary: the workspace root, else its main module."""
    b = bp.context.binary
    if b.workspace is not None:
        return b.workspace.rsplit("/", 1)[0] if "/" in b.workspace else "."
    return b.module_dir


def go_lines_of(repo: Repo, plan: Plan) -> list[tuple[str, GoVersion | None, GoVersion | None]]:
    """(file, go line before, after the plan) of go.work and every go.mod."""
    out: list[tuple[str, GoVersion | None, GoVersion | None]] = []
    if repo.workspace is not None:
        ws = repo.workspace
        out.append((ws.file, ws.go, new_go_line(plan, ws.go)))
    out += [(m.file, m.go, new_go_line(plan, m.go)) for m in sorted(repo.modules, key=lambda m: m.file)]
    return out


def plan_fix(opts: ScanOptions, strategy: Strategy) -> FixResult:
    """Plan, choose, apply in memory and prove the fix for opts' bump (nothing is written)."""
    root = opts.root
    entries, settings = load_kb()
    repos, notes, problems = discover_repos(root, opts.goos, opts.goarch)
    for bad in problems:
        if bad.file.endswith(("go.mod", "go.work", "modules.txt")):
            # never edit (or prove anything about) a tree the go command cannot load
            raise InputError(bad.reason, bad.file, bad.line)
    plan, plan_notes = resolve_plan(opts, repos[0], settings, entries, go_version_file(root))
    _, env, _ = deploy_findings(root, plan.to_toolchain)
    state_fn = model_state_fn(settings)

    def read(rel: str) -> bytes:
        return (root / rel).read_bytes()

    auditors = [Auditor(plan, entries, settings, r, read, state_fn, (), env) for r in repos]
    binaries: list[BinaryPlan] = []
    compiled: dict[tuple[str, str], tuple[str, str]] = {}
    for r, a in zip(repos, auditors, strict=True):
        bps, comp = _binary_plans(a, r.goos)
        binaries += bps
        compiled.update({(d, r.goos): v for d, v in comp.items()})
    by_id = {e.id: e for e in entries}
    choice = choose(strategy, plan, binaries, by_id, go_lines_of(repos[0], plan))

    for _ in range(2):
        original, edited = _apply(root, choice.edits)
        proof = _prove(
            plan, entries, settings, repos, auditors, binaries, compiled, choice, edited, read, state_fn, env
        )
        extra = corrections(proof, binaries, settings, plan.to_toolchain)
        if not extra:
            break
        # a `default=` restores whole go lines: pin back what it moved that the bump alone kept
        choice = replace(
            choice,
            pins=tuple(sorted((*choice.pins, *extra), key=lambda p: (p.file, p.setting, p.binaries))),
            edits=tuple(dict.fromkeys((*choice.edits, *(e for p in extra for e in p.edits)))),
        )
    names = {bp.dir: (bp.context.binary.import_path, _cwd(bp)) for bp in binaries}
    return FixResult(plan, choice, original, edited, proof, (*plan_notes, *notes, *choice.notes), names)


def _prove(
    plan: Plan,
    entries: Sequence[Entry],
    settings: Mapping[str, GodebugSetting],
    repos: Sequence[Repo],
    auditors: Sequence[Auditor],
    binaries: Sequence[BinaryPlan],
    compiled: Mapping[tuple[str, str], tuple[str, str]],
    choice: Choice,
    edited: Mapping[str, str],
    read: object,
    state_fn: StateFn,
    env: Sequence[tuple[str, str, str, tuple[str, ...]]],
) -> Proof:
    """The model on the edited tree: go lines as the edits wrote them (so the plan keeps them)."""
    kept = replace(plan, go_line=GoLinePolicy.KEEP, new_go_line=None)
    relevant = relevant_entries(entries)
    unfixable: dict[str, set[str]] = defaultdict(set)
    for u in choice.unfixed:
        if u.setting is not None:
            for b in u.binaries:
                unfixable[b].add(u.setting)
    originals = {(bp.dir, bp.goos): bp.context for bp in binaries}
    changes = {(bp.dir, bp.goos): bp.changes for bp in binaries}
    rows = []
    for repo, a0 in zip(repos, auditors, strict=True):
        # settings whose behavior exists on this GOOS (winsymlink does nothing on linux)
        names = {
            e.godebug.name
            for e in relevant
            if e.godebug is not None and (not e.platforms or repo.goos in e.platforms)
        }
        table = {n: settings[n] for n in sorted(names) if n in settings}
        repo1 = edited_repo(repo, edited)
        a1 = Auditor(kept, entries, settings, repo1, overlay_reader(a0.read, edited), state_fn, (), env)
        for p in a1.mains:
            ctx0 = originals.get((p.dir, repo.goos))
            if ctx0 is None:
                continue
            ctx1, info1 = a1.binary_context(p)
            before, unfixed_s = compiled[(p.dir, repo.goos)]
            rows.append(
                prove_binary(
                    repo.goos,
                    ctx0,
                    ctx1,
                    (before, unfixed_s, str(info1["godebug_after"])),
                    table,
                    a0.since,
                    frozenset(unfixable.get(p.dir, ())),
                    frozenset(c.godebug for c in changes[(p.dir, repo.goos)].values() if c.godebug),
                )
            )
    return prove(plan.from_toolchain, plan.to_toolchain, rows)


def unified_diff(result: FixResult) -> str:
    """The edits as one unified diff, paths relative to the root (`a/go.mod`, `b/go.mod`)."""
    out: list[str] = []
    for file in sorted(result.edited):
        out += difflib.unified_diff(
            result.original[file].splitlines(keepends=True),
            result.edited[file].splitlines(keepends=True),
            f"a/{file}",
            f"b/{file}",
        )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


def write_fix(root: Path, result: FixResult) -> list[str]:
    """Write the edited files (temp file in the same directory, then os.replace); the paths written."""
    written = []
    for file, text in sorted(result.edited.items()):
        path = root / file
        mode = path.stat().st_mode & 0o7777
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        written.append(file)
    return written
