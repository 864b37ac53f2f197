"""The narrow view of a discovered repository the planner needs (filled from analyzer.discovery)."""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.versions import GoVersion


@dataclass(frozen=True)
class ModuleView:
    path: str
    dir: str  # relative to the root, "." for the root module
    file: str  # its go.mod, relative
    go: GoVersion | None
    toolchain: GoVersion | None = None
    godebug: tuple[tuple[str, str, int], ...] = ()  # (key, value, line)


@dataclass(frozen=True)
class WorkspaceView:
    file: str  # go.work, relative
    go: GoVersion | None
    godebug: tuple[tuple[str, str, int], ...] = ()
    module_dirs: tuple[str, ...] = ()


@dataclass(frozen=True)
class PackageView:
    import_path: str
    dir: str
    name: str
    module: str  # module path ("" when unknown)
    files: tuple[str, ...] = ()  # non-test .go files for this GOOS, relative to the root
    imports: tuple[str, ...] = ()
    test_imports: tuple[str, ...] = ()
    vendor: bool = False

    @property
    def is_main(self) -> bool:
        return self.name == "main"


@dataclass(frozen=True)
class RepoView:
    goos: str
    modules: tuple[ModuleView, ...]
    packages: tuple[PackageView, ...]
    workspace: WorkspaceView | None = None
    go_version_file: GoVersion | None = None  # .go-version at the root

    def module(self, path: str) -> ModuleView | None:
        return next((m for m in self.modules if m.path == path), None)

    def in_workspace(self, module: ModuleView) -> bool:
        ws = self.workspace
        return ws is not None and module.dir in ws.module_dirs
