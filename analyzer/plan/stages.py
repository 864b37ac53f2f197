"""The edge of the audit: calls the upstream stages (KB, discovery, scanner, matcher, GODEBUG model,
deployment scan) and hands their results to `assemble` as the planner's views.

Adapters here are the only code that knows the other stages' shapes; when one is missing (or a tree
trips it) the audit falls back to a plain walk (walkrepo) and to the table alone (table_state).
"""

from __future__ import annotations

import dataclasses
import importlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from analyzer.errors import AuditError, InputError
from analyzer.model import Entry, GodebugSetting, Match, Plan, Repo, Skipped, SourceFile, Syntax, Use
from analyzer.plan.audit import BuildInputs, StateFn, assemble, new_go_line, table_state_for
from analyzer.plan.background import Background
from analyzer.plan.options import ScanOptions, scan_cache_dir
from analyzer.plan.resolve import resolve_plan, target_toolchain
from analyzer.plan.state import BuildState, Source, Value
from analyzer.plan.status import crosses
from analyzer.plan.walkrepo import walk_repo
from analyzer.reach.cache import UncalledCache
from analyzer.safeio import read_bytes
from analyzer.versions import GoVersion


def _optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


# --------------------------------------------------------------------------- knowledge base


def load_kb() -> tuple[tuple[Entry, ...], dict[str, GodebugSetting]]:
    """KB entries and every GODEBUG setting the table knows (name -> setting)."""
    kb = _optional("analyzer.kb")
    if kb is None:
        raise InputError("the knowledge base (analyzer.kb) is not available in this build")
    loaded: Any = kb.load_entries()
    entries = tuple(loaded.values() if isinstance(loaded, Mapping) else loaded)
    settings: dict[str, GodebugSetting] = {}
    table: Any = kb.settings(entries) if hasattr(kb, "settings") else ()
    for s in table.values() if isinstance(table, Mapping) else table:
        settings[s.name] = s
    for e in entries:
        if e.godebug is not None:
            settings.setdefault(e.godebug.name, e.godebug)
    return tuple(sorted(entries, key=lambda e: e.id)), settings


# --------------------------------------------------------------------------- discovery


def go_version_file(root: Path) -> GoVersion | None:
    """The toolchain `.go-version` at the root names (Kubernetes, kind pin the build toolchain there)."""
    try:
        text = read_bytes(root / ".go-version", root, 4096).decode(errors="replace")
        return GoVersion.try_parse(text.strip())
    except OSError:
        return None


def discover_repos(
    root: Path, goos: Sequence[str], goarch: str, cache_dir: Path | None = None
) -> tuple[list[Repo], list[str], list[Skipped]]:
    """One Repo per GOOS (discovery's, or a plain walk's when discovery fails), notes, and problems.
    Discovery keeps its header cache in `cache_dir` (the scan's cache directory; None: no cache)."""
    notes: list[str] = []
    disc = _optional("analyzer.discovery")
    if disc is not None and hasattr(disc, "discover"):
        try:
            repos: list[Repo] = [
                disc.discover(root, goos=g, goarch=goarch, cache_dir=cache_dir) for g in goos
            ]
            problems = sorted(
                {p for r in repos for p in (*r.problems, *r.skipped)}, key=lambda p: (p.file, p.line or 0)
            )
            return repos, notes, problems
        except AuditError:
            raise
        except Exception as err:  # a discovery bug must not lose the audit
            notes.append(f"discovery failed ({type(err).__name__}: {err}); packages read by a plain walk")
    return [walk_repo(root, g, goarch) for g in goos], notes, []


# --------------------------------------------------------------------------- GODEBUG model

_KEY = re.compile(r'(?:GODEBUG|setting|godebug|for) "?([A-Za-z0-9_.-]+)"?')
_KIND = {
    "go-line": Source.GO_LINE,
    "gomod": Source.GODEBUG_LINE,
    "gowork": Source.GODEBUG_LINE,
    "directive": Source.DIRECTIVE,
    "toolchain": Source.TOOLCHAIN,
    "env": Source.GODEBUG_LINE,
}


def state_from_result(result: Any, inp: BuildInputs) -> BuildState:
    """A GodebugResult as the planner's BuildState (errors keyed by the setting they name)."""
    values: dict[str, Value] = {}
    for sv in result.settings:
        kind = _KIND.get(getattr(sv.source.kind, "value", str(sv.source.kind)), Source.GO_LINE)
        where = f"{sv.source.file}:{sv.source.line}" if sv.source.line else sv.source.file
        values[sv.name] = Value(sv.value, kind, where if kind is not Source.GO_LINE else "")
    errors: dict[str, str] = {}
    for d in result.errors:
        m = _KEY.search(d.message)
        key = m.group(1) if m else ""
        where = f"{d.file}:{d.line}: " if d.line else (f"{d.file}: " if d.file else "")
        errors.setdefault(key, f"{where}{d.message}")
    warnings = tuple(
        (f"{d.file}:{d.line}: " if d.line else "") + d.message
        for d in result.diagnostics
        if getattr(d.severity, "value", d.severity) == "warning"
    )
    return BuildState(inp.toolchain, result.go_version, values, errors, inp.mode, inp.godebug_file, warnings)


def model_state_fn(settings: Mapping[str, GodebugSetting]) -> StateFn:
    """The GODEBUG model's answer per build; the table alone for toolchains before Go 1.21 (which have
    no go-line defaults) or when the model is not installed."""
    fallback = table_state_for(settings)
    godebug = _optional("analyzer.godebug")
    if godebug is None:
        return fallback

    def state(inp: BuildInputs) -> BuildState:
        if inp.toolchain.minor < 21 or inp.repo is None:
            return fallback(inp)
        repo: Repo = inp.repo
        if inp.package is not None:
            gi = godebug.inputs_for(repo, inp.package)
        else:
            gi = _module_inputs(godebug, repo, inp)
        bumped = tuple(replace(m, go=_new(inp, m.go)) for m in gi.modules)
        gi = replace(gi, go_version=inp.go_line, modules=bumped)
        return state_from_result(godebug.effective_godebug(gi, inp.toolchain, settings), inp)

    return state


def _new(inp: BuildInputs, go: GoVersion | None) -> GoVersion | None:
    """A workspace module's go line after the plan: raised with the workspace's, never lowered."""
    if inp.go_line is None or go is None or inp.go_line <= go or inp.go_line_moved is False:
        return go
    return inp.go_line


def _module_inputs(godebug: Any, repo: Repo, inp: BuildInputs) -> Any:
    """Inputs of a module's own test binaries (no //go:debug lines considered)."""
    ws = repo.workspace
    m = inp.module
    if inp.mode == "workspace" and ws is not None:
        used = [x for x in repo.modules if x.dir in ws.uses]
        return godebug.GodebugInputs(
            go_version=ws.go,
            go_file=ws.file,
            go_line=ws.go_line,
            godebug=ws.godebug,
            workspace=True,
            modules=tuple(godebug.ModuleGoLine(x.file, x.go, x.go_line, x.godebug) for x in used),
            test=True,
        )
    return godebug.GodebugInputs(
        go_version=m.go if m else None,
        go_file=m.file if m else "go.mod",
        go_line=m.go_line if m else 0,
        godebug=m.godebug if m else (),
        test=True,
    )


# --------------------------------------------------------------------------- scanning and matching


def scan_and_match(
    root: Path, repos: Sequence[Repo], entries: Sequence[Entry], opts: ScanOptions
) -> tuple[list[Use], list[Match], list[Skipped]]:
    from analyzer.match import match_uses, targets
    from analyzer.scan import scan_repo
    from analyzer.scan.files import walk
    from analyzer.scan.progress import terminal_progress

    cache = scan_cache_dir(opts)
    t = targets(entries)
    # every GOOS's files: uses in files built for only some of them are filtered per GOOS later
    if repos:
        from analyzer.scan.files import from_repo

        seen: dict[str, Any] = {}
        for r in repos:
            for f in from_repo(r):
                seen.setdefault(f.rel, f)
        files = [seen[k] for k in sorted(seen)]
    else:
        files = walk(root)
    # files done / all, rate and time left on stderr when it is a terminal; nothing on a pipe or in CI
    progress = terminal_progress("scanning")
    result = scan_repo(files, t, root=root, jobs=opts.jobs, cache_dir=cache, progress=progress)
    matches = list(match_uses(entries, result.uses))
    return list(result.uses), matches, list(result.skipped)


def crossing_modules(repo: Repo, plan: Plan, minor: int) -> frozenset[str]:
    """Directories of the modules whose go line the plan moves across Go 1.minor (vendored code keeps
    its own module's go line, so it never crosses here)."""
    return frozenset(m.dir for m in repo.modules if crosses(m.go, minor, new_go_line(plan, m.go)))


def loop_var_matches(
    root: Path,
    repos: Sequence[Repo],
    entries: Sequence[Entry],
    plan: Plan,
    cache_dir: Path | None,
    jobs: int | None = None,
) -> tuple[list[Match], list[Skipped]]:
    """Matches of the language entries with a loop-variable pass (`syntax: loopvar`), over the own
    files of the modules whose go line crosses the entry's release; nothing is read when none does."""
    matches: list[Match] = []
    skipped: list[Skipped] = []
    for e in entries:
        if e.syntax != Syntax.LOOPVAR or not repos:
            continue
        dirs = crossing_modules(repos[0], plan, e.go.minor)
        if not dirs:
            continue
        from analyzer.match import match_loop_vars
        from analyzer.scan.files import from_repo
        from analyzer.scan.loopscan import scan_loop_vars

        seen: dict[str, SourceFile] = {}
        for r in repos:  # every GOOS's files; the planner keeps each GOOS's own
            own = tuple(p for p in r.packages if p.module_dir in dirs and not p.vendor)
            for f in from_repo(replace(r, packages=own)):
                seen.setdefault(f.rel, f)
        from analyzer.scan.workers import default_jobs

        found, problems = scan_loop_vars(
            [seen[k] for k in sorted(seen)], root, cache_dir, jobs if jobs is not None else default_jobs()
        )
        matches += match_loop_vars([e], found)
        skipped += problems
    return matches, skipped


# --------------------------------------------------------------------------- deployment


def deploy_findings(
    root: Path, to: GoVersion, cache_dir: Path | None = None
) -> tuple[list[dict[str, Any]], list[tuple[str, str, str, tuple[str, ...]]], list[Skipped]]:
    """The deployment stage's findings as flat dicts (sorted), the (key, value, where, binary names) of
    the settings it says kill a binary at startup, and the deployment files it could not read.
    Each file's findings are kept by its stat in `cache_dir` (None: no cache)."""
    dep = _optional("analyzer.deploy")
    if dep is None or not hasattr(dep, "find_deploy_settings"):
        return [], [], []
    report: Any = dep.find_deploy_settings(root, to, cache_dir=cache_dir)
    docs: list[dict[str, Any]] = []
    env: list[tuple[str, str, str, tuple[str, ...]]] = []
    for d in report:
        raw = _jsonable(d)
        setting = raw.get("setting") if isinstance(raw.get("setting"), Mapping) else {}
        doc = {
            "file": setting.get("file", raw.get("file", "")),
            "line": setting.get("line", raw.get("line")),
            "variable": setting.get("variable", ""),
            "key": raw.get("key"),
            "value": raw.get("value"),
            "category": raw.get("category"),
            "severity": raw.get("severity"),
            "reason": raw.get("reason", ""),
            "binaries": list(setting.get("binaries", ()) or ()),
            "context": setting.get("context", ""),
            "verification": raw.get("verification", []),
        }
        docs.append(doc)
        if doc["category"] == "startup-fatal" and doc["key"] is not None and doc["value"] is not None:
            where = f"{doc['file']}:{doc['line']}" if doc["line"] else str(doc["file"])
            env.append((str(doc["key"]), str(doc["value"]), where, tuple(doc["binaries"])))
    docs.sort(key=lambda d: (str(d["file"]), d["line"] or 0, str(d["key"])))
    skipped = list(getattr(report, "skipped", ()))
    return docs, env, skipped


def _jsonable(x: Any) -> Any:
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {f.name: _jsonable(getattr(x, f.name)) for f in dataclasses.fields(x)}
    if isinstance(x, Mapping):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if isinstance(x, GoVersion):
        return str(x)
    if hasattr(x, "value") and isinstance(x.value, str):
        return x.value
    return x


# --------------------------------------------------------------------------- the audit


def run_audit(opts: ScanOptions) -> dict[str, Any]:
    """Scan opts.root for opts' bump and return the scan document."""
    root = opts.root
    entries, settings = load_kb()
    cache = scan_cache_dir(opts)
    # the deployment scan needs only the target (the plan's, resolved the same way): beside the rest
    to = target_toolchain(opts.to, settings, entries)
    with Background(deploy_findings, root, to, cache, parallel=opts.jobs != 1) as pending:
        repos, notes, problems = discover_repos(root, opts.goos, opts.goarch, cache)
        plan, plan_notes = resolve_plan(opts, repos[0], settings, entries, go_version_file(root))
        assert plan.to_toolchain == to
        uses, matches, skipped = scan_and_match(root, repos, entries, opts)
        loops, loop_skipped = loop_var_matches(root, repos, entries, plan, cache, opts.jobs)
        matches += loops
        known = {(s.file, s.line) for s in skipped}  # the scanner's parse errors are the same files'
        skipped += [s for s in loop_skipped if (s.file, s.line) not in known]
        deploy, env, deploy_skipped = pending.result()

    def read(rel: str) -> bytes:
        return read_bytes(root / rel, root)  # regular files in the tree, under the size cap

    return assemble(
        plan,
        entries,
        settings,
        repos,
        matches,
        read,
        skipped=[*problems, *skipped, *deploy_skipped],
        deploy=deploy,
        notes=[*plan_notes, *notes],
        state_fn=model_state_fn(settings),
        uses=uses,
        deploy_env=env,
        uncalled=UncalledCache(cache),
    )


__all__ = ["BuildInputs", "BuildState", "load_kb", "model_state_fn", "run_audit", "state_from_result"]
