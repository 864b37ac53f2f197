"""The bump audit end to end: stages in, the scan document out.

`run_audit` is the edge (it calls discovery, the scanner, the matcher and reads main packages);
`assemble` is the core over already-discovered views and matches, and is what the tests drive.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from analyzer.model import (
    STATUS_ORDER,
    Binary,
    Change,
    Effect,
    Entry,
    Finding,
    GodebugSetting,
    GoLinePolicy,
    Kind,
    Match,
    Module,
    Package,
    Plan,
    Repo,
    Skipped,
    Status,
    Use,
    Workspace,
)
from analyzer.plan.anchors import mod_file_anchors
from analyzer.plan.context import Anchors, Context
from analyzer.plan.mainfacts import MainFacts, main_facts
from analyzer.plan.state import BuildState, Source, Value, table_state, with_main_defaults
from analyzer.plan.status import ACTION, change_for, finding, startup_fatal, use_status, with_why, worst
from analyzer.reach import PackageNode, closure, import_graph, uncalled_functions
from analyzer.reach.calls import is_called
from analyzer.report.protocol import build_document
from analyzer.versions import GoVersion

Reader = Callable[[str], bytes]
Uncalled = Callable[[Sequence[bytes]], frozenset[str]]  # a package's sources -> functions nothing calls
CONSUMER = Anchors(
    "the consuming main module's go.mod (go.work in workspace mode)", None, False, "its go.mod"
)
StateFn = Callable[["BuildInputs"], BuildState]
_QUOTED = re.compile(r'"([^"]+)"')  # the setting a cmd/go //go:debug message names


@dataclass(frozen=True)
class BuildInputs:
    """What decides one build's compiled GODEBUG: for the model (or the table fallback)."""

    toolchain: GoVersion
    go_line: GoVersion | None
    godebug: tuple[tuple[str, str, str], ...]  # (key, value, "file:line") of go.mod / go.work lines
    directives: tuple[tuple[str, str, str], ...]  # (key, value, "file:line") of //go:debug lines
    godebug_file: str
    mode: str  # module | workspace
    package: Package | None = None
    repo: Repo | None = None
    module: Module | None = None
    go_line_moved: bool = False  # the plan moves go lines (workspace modules' go lines move too)


def table_state_for(settings: Mapping[str, GodebugSetting]) -> StateFn:
    """A StateFn that uses only the table (no GODEBUG model): the fallback and the tests' model."""

    def state(inp: BuildInputs) -> BuildState:
        explicit: dict[str, tuple[str, Source, str]] = {}
        version = inp.go_line
        for k, v, where in inp.godebug:
            if k == "default":
                version = GoVersion.try_parse(v) or version
            else:
                explicit[k] = (v, Source.GODEBUG_LINE, where)
        for k, v, where in inp.directives:
            if k == "default":
                version = GoVersion.try_parse(v) or version
            else:
                explicit[k] = (v, Source.DIRECTIVE, where)
        return table_state(
            settings, inp.toolchain, version, explicit, mode=inp.mode, godebug_file=inp.godebug_file
        )

    return state


def new_go_line(plan: Plan, current: GoVersion | None) -> GoVersion | None:
    """A module's go line after the plan: kept, or raised (never lowered) to the plan's line."""
    if plan.go_line == GoLinePolicy.KEEP or plan.new_go_line is None:
        return current
    if current is not None and plan.new_go_line < current:
        return current
    return plan.new_go_line


def compiled_godebug(state: BuildState) -> str:
    """The DefaultGODEBUG string this state compiles in (sorted k=v, explicit and go-line values)."""
    keep = (Source.GO_LINE, Source.GODEBUG_LINE, Source.DIRECTIVE)
    return ",".join(f"{k}={v.value}" for k, v in sorted(state.values.items()) if v.source in keep)


def source_files(p: Package) -> tuple[str, ...]:
    """The package's non-test files built for this GOOS (root-relative paths)."""
    return tuple(sorted(f.rel for f in p.files if not f.test))


def _lines(lines: Iterable[Any]) -> tuple[tuple[str, str, str], ...]:
    """godebug lines as (key, value, "file:line")."""
    return tuple((g.key, g.value, f"{g.file}:{g.line}" if g.line else g.file) for g in lines)


def _fill(
    state: BuildState, settings: Mapping[str, GodebugSetting], since: Mapping[str, GoVersion]
) -> BuildState:
    """Every KB setting's value listed (so compiled_godebug sees go-line values too)."""
    values: dict[str, Value] = {s.name: state.value(s, since.get(s.name)) for s in settings.values()}
    return replace(state, values=values)


def since_map(entries: Iterable[Entry]) -> dict[str, GoVersion]:
    """Setting name -> the earliest release whose behavior change it controls."""
    out: dict[str, GoVersion] = {}
    for e in entries:
        if e.godebug is not None:
            prev = out.get(e.godebug.name)
            out[e.godebug.name] = e.go if prev is None or e.go < prev else prev
    return out


def relevant_entries(entries: Iterable[Entry]) -> list[Entry]:
    """Entries about binaries: go-command settings out, and a generated setting-only entry out when a
    reviewed entry with APIs carries the same setting (one change, one entry)."""
    entries = list(entries)
    rich = {e.godebug.name for e in entries if e.godebug is not None and e.affects}
    out = []
    for e in entries:
        if e.kind == Kind.TOOLCHAIN and e.godebug is not None:
            continue  # read by the go command, not by the programs it builds
        if e.godebug is not None and not e.affects and e.godebug.name in rich:
            continue
        out.append(e)
    return out


@dataclass
class _Goos:
    """One GOOS's results, merged afterwards."""

    binaries: dict[str, Binary]
    changes: dict[tuple[str, str], Change]
    findings: dict[tuple[str, str, int, int], Finding]
    tests: dict[tuple[str, str], Change]
    info: dict[str, dict[str, Any]]


class Auditor:
    """Builds contexts and findings for one plan over one GOOS's view of the repository."""

    def __init__(
        self,
        plan: Plan,
        entries: Sequence[Entry],
        settings: Mapping[str, GodebugSetting],
        repo: Repo,
        read: Reader,
        state_fn: StateFn,
        uses: Iterable[Use] = (),
        deploy_env: Sequence[tuple[str, str, str, tuple[str, ...]]] = (),
        uncalled: Uncalled = uncalled_functions,
    ) -> None:
        self.deploy_env = deploy_env
        self.uncalled = uncalled  # reach.calls.uncalled_functions, or one that keeps its answers
        self.uses: dict[tuple[str, str], list[Use]] = defaultdict(list)
        for u in sorted(uses, key=lambda u: (u.file, u.line, u.column)):
            self.uses[(u.package, u.symbol)].append(u)
        self.plan = plan
        self.entries = relevant_entries(entries)
        self.since = since_map(entries)
        self.settings = settings
        self.repo = repo
        self.read = read
        self.state_fn = state_fn
        self.by_dir = {p.dir: p for p in repo.packages}
        self.by_path = {p.import_path: p for p in repo.packages}
        same_path: dict[str, list[Package]] = defaultdict(list)
        for p in repo.packages:
            same_path[p.import_path].append(p)
        # import path -> its packages, where two modules declare one module path
        self.same_path = {ip: ps for ip, ps in same_path.items() if len(ps) > 1}
        nodes = [
            PackageNode(
                p.import_path, p.dir, p.imports, p.test_imports + p.xtest_imports, p.module, p.is_main
            )
            for p in repo.packages
        ]
        self.graph = import_graph(nodes)
        self.mains = sorted(
            (p for p in repo.packages if p.is_main and not p.vendor and "testdata" not in p.dir.split("/")),
            key=lambda p: p.dir,
        )
        self.closures = {p.dir: closure(self.graph, p.import_path) for p in self.mains}
        self.modules_with_mains = {p.module_dir for p in self.mains}  # module dirs
        self._uncalled: dict[str, frozenset[str]] = {}

    # ------------------------------------------------------------------ contexts

    def _module_of(self, pkg: Package | None) -> Module | None:
        """The package's module: by its directory first (two go.mod files may declare one path,
        kops' tools/metal/storage and tools/metal/dhcp do)."""
        m = self.repo.module_at(pkg.module_dir) if pkg is not None else None
        if m is None and pkg is not None and pkg.module:
            m = self.repo.module(pkg.module)
        if m is None:
            m = next((x for x in self.repo.modules if x.dir == "."), None)
        return m

    def _build_settings(
        self, module: Module | None, pkg: Package | None = None
    ) -> tuple[Workspace | None, GoVersion | None, tuple[tuple[str, str, str], ...], str]:
        ws = self.repo.workspace
        if pkg is not None:
            in_ws = pkg.workspace is not None
        else:
            in_ws = module is not None and ws is not None and module.dir in ws.uses
        if ws is not None and in_ws:
            return ws, ws.go, _lines(ws.godebug), ws.file
        if module is None:
            return None, None, (), "go.mod"
        return None, module.go, _lines(module.godebug), module.file

    def _anchors(self, godebug_file: str, go_file: str, facts: MainFacts | None) -> Anchors:
        try:
            a = mod_file_anchors(self.read(godebug_file).decode(errors="replace"))
        except OSError:
            a = None
        try:
            g = (
                mod_file_anchors(self.read(go_file).decode(errors="replace"))
                if go_file != godebug_file
                else a
            )
        except OSError:
            g = None
        return Anchors(
            godebug_file,
            a.insert_line if a else None,
            a.in_block if a else False,
            go_file,
            g.go_line if g else None,
            facts.main_file if facts else None,
            facts.package_line if facts else None,
            facts.main_body_line if facts else None,
            facts.directive_place if facts else None,
            facts.main_directives if facts else {},
        )

    def _module_lines(self, packages: Iterable[str]) -> dict[str, tuple[GoVersion | None, GoVersion | None]]:
        out: dict[str, tuple[GoVersion | None, GoVersion | None]] = {}
        for ip in packages:
            p = self.by_path.get(ip)
            if p is None or p.vendor:
                continue
            m = self.repo.module_at(p.module_dir) if p.module else None
            if m is not None and m.path not in out:
                out[m.path] = (m.go, new_go_line(self.plan, m.go))
        return out

    def _facts(self, pkg: Package) -> MainFacts:
        sources = {}
        for f in source_files(pkg):
            try:
                sources[f] = self.read(f)
            except OSError:
                continue
        return main_facts(sources)

    def binary_context(self, pkg: Package) -> tuple[Context, dict[str, Any]]:
        module = self._module_of(pkg)
        ws, go0, lines, gfile = self._build_settings(module, pkg)
        go1 = new_go_line(self.plan, go0)
        facts = self._facts(pkg)
        directives = tuple((k, v, w) for k, (v, w) in sorted(facts.directives.items()))
        mode = "workspace" if ws is not None else "module"
        before_in = BuildInputs(
            self.plan.from_toolchain, go0, lines, directives, gfile, mode, pkg, self.repo, module
        )
        after_in = replace(before_in, toolchain=self.plan.to_toolchain, go_line=go1, go_line_moved=go1 != go0)
        before = _fill(self.state_fn(before_in), self.settings, self.since)
        after = _fill(self.state_fn(after_in), self.settings, self.since)
        info: dict[str, Any] = {
            "godebug_before": compiled_godebug(before),
            "godebug_after": compiled_godebug(after),
        }
        before = with_main_defaults(before, self.settings, facts.setenv, self.since)
        after = with_main_defaults(after, self.settings, facts.setenv, self.since)
        explicit = [(k, v, Source.GODEBUG_LINE.value, w) for k, v, w in lines]
        explicit += [(k, v, Source.DIRECTIVE.value, w) for k, v, w in directives]
        explicit += [(k, v, Source.MAIN.value, w) for k, (v, w) in sorted(facts.setenv.items())]
        info["settings"] = [{"key": k, "value": v, "source": s, "where": w} for k, v, s, w in explicit]
        notes = list(dict.fromkeys((*before.warnings, *after.warnings)))
        if ws is not None and module is not None:
            notes += [
                f"{g.file}:{g.line}: godebug {g.key}={g.value} is ignored: the build uses {ws.file}"
                for g in module.godebug
            ]
        after, lib_notes = self._library_directives(pkg, before, after)
        notes += lib_notes
        errors = sorted(set(before.errors.values()))
        notes += [f"build error with Go {self.plan.from_toolchain} already: {e}" for e in errors]
        info["notes"] = notes
        neutral = self._binary_neutralizers(pkg, facts)
        binary = Binary(
            pkg.dir,
            pkg.import_path,
            module.path if module else "",
            module.dir if module else ".",
            ws.file if ws else None,
            (self.repo.goos,),
        )
        ctx = Context(
            binary,
            before,
            after,
            go0,
            go1,
            self._module_lines(self.closures.get(pkg.dir, frozenset())),
            neutral,
            (self.repo.goos,),
            self._anchors(gfile, ws.file if ws else gfile, facts),
        )
        info["go_line_before"] = str(go0) if go0 else None
        info["go_line_after"] = str(go1) if go1 else None
        return ctx, info

    def _library_directives(
        self, pkg: Package, before: BuildState, after: BuildState
    ) -> tuple[BuildState, list[str]]:
        """Invalid //go:debug lines in the packages the binary imports fail its build: notes, and the
        after state's build errors for KB settings they name (so the entry is a build error here)."""
        from analyzer.godebug import library_diagnostics

        libs = [self.by_path[ip] for ip in sorted(self.closures.get(pkg.dir, ())) if ip in self.by_path]
        notes: list[str] = []
        errors = dict(after.errors)
        for label, state in (("already", before), ("", after)):
            for p, d in library_diagnostics(libs, state.toolchain, self.settings):
                text = f"{d.file}:{d.line}: {d.message} (imported package {p.import_path})"
                notes.append(f"build error with Go {state.toolchain}{' ' + label if label else ''}: {text}")
                key = _QUOTED.search(d.message)
                if state is after and key is not None and key.group(1) in self.settings:
                    errors.setdefault(key.group(1), text)
        return replace(after, errors=errors), notes

    def module_context(self, module: Module, consumer: bool = False) -> Context:
        """The context of a module's own test binaries, or (consumer) of a program that imports it."""
        ws, go0, lines, gfile = self._build_settings(module)
        go1 = new_go_line(self.plan, go0)
        mode = "workspace" if ws is not None else "module"
        before_in = BuildInputs(
            self.plan.from_toolchain, go0, lines, (), gfile, mode, None, self.repo, module
        )
        after_in = replace(before_in, toolchain=self.plan.to_toolchain, go_line=go1, go_line_moved=go1 != go0)
        binary = Binary(
            module.dir, module.path, module.path, module.dir, ws.file if ws else None, (self.repo.goos,)
        )
        return Context(
            binary,
            _fill(self.state_fn(before_in), self.settings, self.since),
            _fill(self.state_fn(after_in), self.settings, self.since),
            go0,
            go1,
            {module.path: (module.go, new_go_line(self.plan, module.go))},
            {},
            (self.repo.goos,),
            CONSUMER if consumer else self._anchors(gfile, ws.file if ws else gfile, None),
            is_test=True,
        )

    def _binary_neutralizers(self, pkg: Package, facts: MainFacts) -> dict[str, str]:
        """Entries whose behavior the binary pins for itself: in main()/init() (a binary-wide entry's
        neutralizers, or scope `main`), or anywhere it links in (scope `binary`)."""
        out: dict[str, str] = {}
        reach = self.closures.get(pkg.dir, frozenset())
        for e in self.entries:
            for n in e.neutralizers:
                name = f"{n.package.rsplit('/', 1)[-1]}.{n.symbol}"
                where = None
                if not e.affects or n.scope in ("main", "binary"):
                    where = facts.calls.get((n.package, n.symbol))
                if where is None and n.scope == "binary":
                    hits = [
                        u
                        for u in self.uses.get((n.package, n.symbol), ())
                        if not u.test
                        and (u.kind.value != "field" or u.write)
                        and self._dir_in(u.pkg_dir, reach)
                    ]
                    if hits:
                        where = f"{hits[0].file}:{hits[0].line}"
                if where is not None:
                    out[e.id] = f"{where}: {name}" + (f" ({n.reason})" if n.reason else "")
                    break
        return out

    def _dir_in(self, d: str, reach: frozenset[str]) -> bool:
        p = self._package_of(d)
        return p is not None and p.import_path in reach

    # ------------------------------------------------------------------ uses

    def _uncalled_in(self, pkg: Package) -> frozenset[str]:
        if pkg.dir not in self._uncalled:
            sources = []
            for f in source_files(pkg):
                try:
                    sources.append(self.read(f))
                except OSError:
                    continue
            self._uncalled[pkg.dir] = self.uncalled(sources) if sources else frozenset()
        return self._uncalled[pkg.dir]

    def _called(self, pkg: Package, function: str) -> bool:
        """Whether the function may run; only unexported top-level functions can be ruled out."""
        if not function[:1].islower() or function in ("main", "init"):
            return True
        return is_called(function, self._uncalled_in(pkg))

    def _in_build(self, binary_dir: str, pkg: Package) -> bool:
        """Whether the binary's build resolves pkg's import path to pkg: where two go.mod files declare
        one module path, a binary's own module's copy wins over the other's."""
        twins = self.same_path.get(pkg.import_path)
        if twins is None:
            return True
        main_dir = self.by_dir[binary_dir].module_dir
        own = [p.dir for p in twins if p.module_dir == main_dir]
        return not own or pkg.dir in own

    def _package_of(self, use_dir: str) -> Package | None:
        pkg = self.by_dir.get(use_dir)
        if pkg is None and use_dir.startswith("vendor/"):
            pkg = self.by_path.get(use_dir[len("vendor/") :])
        return pkg

    def run(self, matches: Sequence[Match]) -> _Goos:
        contexts: dict[str, Context] = {}
        info: dict[str, dict[str, Any]] = {}
        for p in self.mains:
            contexts[p.dir], info[p.dir] = self.binary_context(p)
        changes: dict[tuple[str, str], Change] = {}
        for b, ctx in contexts.items():
            for e in self.entries:
                c = change_for(e, ctx, self.plan)
                if c is not None:
                    changes[(b, e.id)] = c
        changes = startup_fatal(changes, self.entries, self.deploy_env, contexts, self.plan)
        per_binary: dict[str, dict[str, Change]] = defaultdict(dict)
        for (b, eid), c in changes.items():
            per_binary[b][eid] = c
        module_ctx: dict[tuple[str, bool], dict[str, Change]] = {}  # (module dir, consumer)

        def module_changes(module: Module, consumer: bool = False) -> dict[str, Change]:
            key = (module.dir, consumer)
            if key not in module_ctx:
                ctx = self.module_context(module, consumer)
                module_ctx[key] = {
                    e.id: c for e in self.entries if (c := change_for(e, ctx, self.plan)) is not None
                }
            return module_ctx[key]

        goos_files = {f.rel for p in self.repo.packages for f in p.files}
        findings: dict[tuple[str, str, int, int], Finding] = {}
        tests: dict[tuple[str, str], Change] = {}
        for m in matches:
            u = m.use
            if m.effect == Effect.UNAFFECTED:
                continue
            pkg = self._package_of(u.pkg_dir)
            if not u.test and goos_files and u.file not in goos_files and pkg is not None:
                continue  # not built for this GOOS
            key = (m.entry, u.file, u.line, u.column)
            module = self._module_of(pkg) if pkg is not None else self._module_for_dir(u.pkg_dir)
            if u.test:
                if module is None:
                    continue
                mc = module_changes(module)
                st = use_status(m, mc, called=True)
                if st is not None and st[0] in ACTION | {Status.MITIGATED}:
                    findings[key] = Finding(m.entry, u, st[0], st[1], m.effect, (), st[2])
                    tests[(module.dir, m.entry)] = mc[m.entry]
                continue
            reaching = [
                b
                for b, c in self.closures.items()
                if pkg is not None and pkg.import_path in c and self._in_build(b, pkg)
            ]
            called = pkg is None or self._called(pkg, u.function)
            statuses = {
                b: st for b in reaching if (st := use_status(m, per_binary.get(b, {}), called)) is not None
            }
            if statuses:
                findings[key] = finding(m, statuses)
                continue
            if reaching or module is None:
                continue
            consumer = module.dir not in self.modules_with_mains
            mchange = module_changes(module, consumer).get(m.entry)
            if mchange is None or mchange.status not in ACTION:
                continue
            if module.dir in self.modules_with_mains:
                status, reason = (
                    Status.UNREACHED,
                    f"no binary here imports {pkg.import_path if pkg else u.pkg_dir}",
                )
            else:
                status, reason = Status.ADVICE, f"for consumers of {module.path}: {mchange.reason}"
            reason = with_why(m, reason)
            findings[key] = Finding(m.entry, u, status, reason, m.effect, (), mchange.mitigations)
        binaries = {b: ctx.binary for b, ctx in contexts.items()}
        return _Goos(binaries, changes, findings, tests, info)

    def _module_for_dir(self, d: str) -> Module | None:
        """The innermost module whose directory holds d."""
        inside = [m for m in self.repo.modules if m.dir == "." or d == m.dir or d.startswith(m.dir + "/")]
        return max(inside, key=lambda m: 0 if m.dir == "." else len(m.dir), default=None)


def _merge(results: Sequence[_Goos], goos: Sequence[str]) -> _Goos:
    if len(results) == 1:
        return results[0]
    binaries: dict[str, Binary] = {}
    changes: dict[tuple[str, str], list[tuple[str, Change]]] = defaultdict(list)
    findings: dict[tuple[str, str, int, int], Finding] = {}
    tests: dict[tuple[str, str], Change] = {}
    info: dict[str, dict[str, Any]] = {}
    for g, r in zip(goos, results, strict=True):
        for d, b in r.binaries.items():
            prev = binaries.get(d)
            binaries[d] = b if prev is None else replace(prev, goos=(*prev.goos, *b.goos))
            info.setdefault(d, r.info.get(d, {}))
        for k, c in r.changes.items():
            changes[k].append((g, c))
        for fk, f in r.findings.items():
            prev_f = findings.get(fk)
            if prev_f is None:
                findings[fk] = f
            else:
                status = worst((prev_f.status, f.status))
                keep = prev_f if prev_f.status == status else f
                findings[fk] = replace(keep, binaries=tuple(sorted(set(prev_f.binaries) | set(f.binaries))))
        tests.update(r.tests)
    merged: dict[tuple[str, str], Change] = {}
    for k, items in changes.items():
        status = worst(c.status for _, c in items)
        c0 = next(c for _, c in items if c.status == status)
        on = [g for g, c in items if c.status == status]
        if len(on) < len(binaries[k[0]].goos):
            c0 = replace(c0, reason=f"{c0.reason} (GOOS {','.join(on)})")
        merged[k] = c0
    return _Goos(binaries, merged, findings, tests, info)


def assemble(
    plan: Plan,
    entries: Sequence[Entry],
    settings: Mapping[str, GodebugSetting],
    repos: Sequence[Repo],
    matches: Sequence[Match],
    read: Reader,
    *,
    skipped: Iterable[Skipped] = (),
    deploy: Iterable[Mapping[str, Any]] = (),
    notes: Sequence[str] = (),
    state_fn: StateFn | None = None,
    uses: Sequence[Use] = (),
    deploy_env: Sequence[tuple[str, str, str, tuple[str, ...]]] = (),
    uncalled: Uncalled = uncalled_functions,
) -> dict[str, Any]:
    """The scan document for already-discovered repositories (one view per GOOS) and matched uses.

    `uses`: every scanned use (neutralizer uses included), for neutralizers scoped to a whole binary;
    `uncalled`: the call-graph pass (reach.calls.uncalled_functions, or reach.cache's cached one).
    """
    fn = state_fn or table_state_for(settings)
    results = [
        Auditor(plan, entries, settings, r, read, fn, uses, deploy_env, uncalled).run(matches) for r in repos
    ]
    merged = _merge(results, [r.goos for r in repos])
    repo = repos[0]
    go_lines: list[dict[str, Any]] = []
    if repo.workspace is not None:
        go_lines.append(
            {
                "file": repo.workspace.file,
                "before": _s(repo.workspace.go),
                "after": _s(new_go_line(plan, repo.workspace.go)),
            }
        )
    for m in sorted(repo.modules, key=lambda m: m.file):
        go_lines.append({"file": m.file, "before": _s(m.go), "after": _s(new_go_line(plan, m.go))})
    return build_document(
        plan=plan,
        binaries=list(merged.binaries.values()),
        changes=merged.changes.values(),
        findings=merged.findings.values(),
        entries={e.id: e for e in entries},
        skipped=skipped,
        deploy=named_like_binaries(deploy, merged.binaries),
        plan_notes=notes,
        go_lines=go_lines,
        binary_info=merged.info,
        tests=sorted(merged.tests.values(), key=lambda c: (c.binary, c.entry)),
    )


def named_like_binaries(
    deploy: Iterable[Mapping[str, Any]], binaries: Iterable[str]
) -> list[dict[str, Any]]:
    """Deployment findings with their binaries named as the rest of the report names them, by main
    package directory (a manifest's `kube-apiserver` is `cmd/kube-apiserver`); a name no binary here
    has (built elsewhere) stays as written."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for b in sorted(binaries):
        by_name[b.rsplit("/", 1)[-1]].append(b)
    out = []
    for f in deploy:
        names = [str(n) for n in f.get("binaries") or ()]
        out.append({**f, "binaries": list(dict.fromkeys(b for n in names for b in by_name.get(n, [n])))})
    return out


def _s(v: GoVersion | None) -> str | None:
    return str(v) if v is not None else None


__all__ = ["STATUS_ORDER", "Auditor", "BuildInputs", "assemble", "new_go_line", "table_state_for"]
