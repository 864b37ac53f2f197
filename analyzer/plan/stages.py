"""The edge of the audit: calls the upstream stages (KB, discovery, scanner, matcher, GODEBUG model,
deployment scan) and hands their results to `assemble` as the planner's views.

Adapters here are the only code that knows the other stages' shapes; when one is missing (or a tree
trips it) the audit falls back to a plain walk (walkrepo) and to the table alone (table_state).
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from analyzer.errors import AuditError, InputError
from analyzer.model import Entry, GodebugSetting, Match, Skipped, Use
from analyzer.plan.audit import BuildInputs, StateFn, assemble, table_state_for
from analyzer.plan.options import ScanOptions
from analyzer.plan.resolve import resolve_plan
from analyzer.plan.state import BuildState
from analyzer.plan.views import ModuleView, PackageView, RepoView, WorkspaceView
from analyzer.plan.walkrepo import walk_repo
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


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    for n in names:
        if obj is not None and hasattr(obj, n):
            v = getattr(obj, n)
            if v is not None:
                return v
    return default


def _ver(v: Any) -> GoVersion | None:
    if v is None or isinstance(v, GoVersion):
        return v
    return GoVersion.try_parse(str(v))


def _rel(root: Path, p: Any) -> str:
    s = str(p)
    with contextlib.suppress(ValueError):
        s = str(Path(s).resolve().relative_to(root.resolve())) if Path(s).is_absolute() else s
    s = s.replace("\\", "/")
    return "." if s in ("", "./") else s.removeprefix("./")


def _godebug_lines(obj: Any) -> tuple[tuple[str, str, int], ...]:
    raw = _get(obj, "godebug", "godebugs", default=())
    out = []
    items = raw.items() if isinstance(raw, Mapping) else raw
    for item in items:
        if isinstance(item, tuple) and len(item) == 2 and not hasattr(item[1], "value"):
            k, v = item
            out.append((str(k), str(v), 0))
        elif isinstance(item, tuple) and len(item) >= 3:
            out.append((str(item[0]), str(item[1]), int(item[2] or 0)))
        else:
            out.append(
                (str(_get(item, "key", "name")), str(_get(item, "value")), int(_get(item, "line", default=0)))
            )
    return tuple(out)


def repo_view(repo: Any, root: Path, goos: str) -> RepoView:
    """Discovery's Repo as the planner's RepoView."""
    modules = []
    for m in _get(repo, "modules", default=()):
        d = _rel(root, _get(m, "dir", "rel_dir", default="."))
        file = _rel(
            root, _get(m, "file", "gomod", "path_to_gomod", default=("go.mod" if d == "." else f"{d}/go.mod"))
        )
        if not file.endswith("go.mod"):
            file = "go.mod" if d == "." else f"{d}/go.mod"
        modules.append(
            ModuleView(
                str(_get(m, "path", "module", "module_path")),
                d,
                file,
                _ver(_get(m, "go", "go_version", "go_line")),
                _ver(str(_get(m, "toolchain", default="")).removeprefix("go") or None),
                _godebug_lines(m),
            )
        )
    ws_raw = _get(repo, "workspace", "work")
    ws = None
    if ws_raw is not None:
        uses = _get(ws_raw, "use", "uses", "module_dirs", "dirs", default=())
        ws = WorkspaceView(
            _rel(root, _get(ws_raw, "file", "path", default="go.work")),
            _ver(_get(ws_raw, "go", "go_version", "go_line")),
            _godebug_lines(ws_raw),
            tuple(sorted({_rel(root, u if not hasattr(u, "dir") else u.dir) for u in uses})),
        )
    packages = []
    for p in _get(repo, "packages", default=()):
        files = [f for f in _get(p, "files", default=()) if not _get(f, "test", default=False)]
        rel_files = tuple(sorted(_rel(root, _get(f, "rel", "path", default=f)) for f in files))
        module = _get(p, "module", default="")
        packages.append(
            PackageView(
                str(_get(p, "import_path", "path")),
                _rel(root, _get(p, "dir", "rel_dir", default=".")),
                str(_get(p, "name", "package", default="")),
                str(_get(module, "path", default=module) if not isinstance(module, str) else module),
                rel_files,
                tuple(_get(p, "imports", default=())),
                tuple(_get(p, "test_imports", default=())) + tuple(_get(p, "xtest_imports", default=())),
                bool(_get(p, "vendor", default=False)),
            )
        )
    gv = _ver(_get(repo, "go_version_file", "go_version"))
    if gv is None:
        try:
            gv = _ver((root / ".go-version").read_text().strip())
        except OSError:
            gv = None
    return RepoView(goos, tuple(modules), tuple(packages), ws, gv)


def discover_views(
    root: Path, goos: Sequence[str], goarch: str
) -> tuple[list[Any], list[RepoView], list[str]]:
    """One view per GOOS (and discovery's Repo objects for the scanner, or [] after a fallback)."""
    notes: list[str] = []
    disc = _optional("analyzer.discovery")
    if disc is not None and hasattr(disc, "discover"):
        try:
            repos = [disc.discover(root, goos=g, goarch=goarch) for g in goos]
            return repos, [repo_view(r, root, g) for r, g in zip(repos, goos, strict=True)], notes
        except AuditError:
            raise
        except Exception as err:  # a discovery bug must not lose the audit
            notes.append(f"discovery failed ({type(err).__name__}: {err}); packages read by a plain walk")
    return [], [walk_repo(root, g) for g in goos], notes


# --------------------------------------------------------------------------- GODEBUG model


def model_state_fn(settings: Mapping[str, GodebugSetting], repos: Sequence[Any]) -> StateFn:
    """The GODEBUG model's answer per build, falling back to the table where the model is absent."""
    fallback = table_state_for(settings)
    return fallback


# --------------------------------------------------------------------------- scanning and matching


def scan_and_match(
    root: Path, repos: Sequence[Any], entries: Sequence[Entry], opts: ScanOptions
) -> tuple[list[Use], list[Match], list[Skipped]]:
    from analyzer.match import match_uses, targets
    from analyzer.scan import scan_repo
    from analyzer.scan.files import walk

    if opts.no_cache:
        cache = None
    else:
        from analyzer.scan.cache import default_cache_dir

        cache = opts.cache_dir if opts.cache_dir is not None else default_cache_dir()
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
    result = scan_repo(files, t, root=root, jobs=opts.jobs, cache_dir=cache)
    matches = list(match_uses(entries, result.uses))
    return list(result.uses), matches, list(result.skipped)


# --------------------------------------------------------------------------- deployment


def deploy_findings(
    root: Path, to: GoVersion
) -> tuple[list[dict[str, Any]], list[tuple[str, str, str, tuple[str, ...]]]]:
    """The deployment stage's findings as dicts, and (key, value, where, binary names) of the settings it
    says kill a binary at startup (or, when it gives no category, of every GODEBUG key)."""
    dep = _optional("analyzer.deploy")
    if dep is None or not hasattr(dep, "find_deploy_settings"):
        return [], []
    found: Iterable[Any] = dep.find_deploy_settings(root, to)
    docs: list[dict[str, Any]] = []
    env: list[tuple[str, str, str, tuple[str, ...]]] = []
    for d in found:
        doc = _jsonable(d)
        docs.append(doc)
        where_of = doc.get("setting") if isinstance(doc.get("setting"), Mapping) else doc
        key, value = doc.get("key") or doc.get("name"), doc.get("value")
        if key is None or value is None:
            continue
        if doc.get("category") not in (None, "startup-fatal"):
            continue
        file, line = where_of.get("file", ""), where_of.get("line")
        names = tuple(str(b) for b in where_of.get("binaries", ()) or ())
        env.append((str(key), str(value), f"{file}:{line}" if line else str(file), names))
    return docs, env


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
    repos, views, notes = discover_views(root, opts.goos, opts.goarch)
    plan, plan_notes = resolve_plan(opts, views[0], settings, entries)
    uses, matches, skipped = scan_and_match(root, repos, entries, opts)
    deploy, env = deploy_findings(root, plan.to_toolchain)

    def read(rel: str) -> bytes:
        return (root / rel).read_bytes()

    return assemble(
        plan,
        entries,
        settings,
        views,
        matches,
        read,
        skipped=skipped,
        deploy=deploy,
        notes=[*plan_notes, *notes],
        state_fn=model_state_fn(settings, repos),
        uses=uses,
        deploy_env=env,
    )


__all__ = ["BuildInputs", "BuildState", "PackageView", "load_kb", "repo_view", "run_audit"]
