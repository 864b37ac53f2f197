"""GodebugInputs of a discovered package: the go line, godebug and //go:debug lines its build reads."""

from __future__ import annotations

from collections.abc import Iterable

from analyzer.godebug.compute import GodebugInputs, ModuleGoLine, directive_diagnostics
from analyzer.godebug.rules import Table
from analyzer.model import Diagnostic, Directive, GoFile, Package, Repo
from analyzer.versions import GoVersion

MISPLACED = "//go:debug directive only valid before package declaration: ignored"
NOT_MAIN = "//go:debug directive only valid in package main or test: ignored in this build"
EXCLUDED = "//go:debug in a file the build constraints exclude for {goos}/{goarch}: ignored"


def _placed(files: list[GoFile]) -> tuple[Directive, ...]:
    return tuple(d for f in files for d in f.directives if d.placed)


def inputs_for(
    repo: Repo, package: Package, *, test: bool = False, fips140: str | None = None
) -> GodebugInputs:
    """The inputs of `package`'s binary (its test binary with `test=True`) in `repo`.

    In workspace mode (discovered with workspace=True and a go.work at the root) the go.work go line and
    godebug lines decide, and go.mod godebug lines are ignored.
    """
    files = sorted(package.files, key=lambda f: f.name)
    base = [f for f in files if not f.test]
    tests = [f for f in files if f.test and not f.xtest]
    xtests = [f for f in files if f.xtest]
    units: tuple[tuple[Directive, ...], ...]
    if test:
        directives = _placed(base) + _placed(tests) + _placed(xtests)
        units = (_placed(base) + _placed(tests), _placed(xtests))
        considered = files
    else:
        directives = _placed(base)
        units = (directives,)
        considered = base
    ignored: list[tuple[Directive, str]] = [
        (d, MISPLACED) for f in considered for d in f.directives if not d.placed
    ]
    if not package.is_main and not test:
        ignored += [(d, NOT_MAIN) for d in directives]
        directives, units = (), ()
    excluded = EXCLUDED.format(goos=repo.goos, goarch=repo.goarch)
    ignored += [
        (d, excluded)
        for f in sorted(package.ignored_files, key=lambda f: f.name)
        if test or not f.test
        for d in f.directives
        if d.placed
    ]
    ignored.sort(key=lambda x: (x[0].file, x[0].line))

    module = repo.module_at(package.module_dir)
    ws = repo.workspace
    if package.workspace is not None and ws is not None:
        used = [m for m in repo.modules if m.dir in ws.uses]
        return GodebugInputs(
            go_version=ws.go,
            go_file=ws.file,
            go_line=ws.go_line,
            godebug=ws.godebug,
            directives=directives,
            units=units,
            ignored=tuple(ignored),
            fips140=fips140,
            workspace=True,
            modules=tuple(ModuleGoLine(m.file, m.go, m.go_line, m.godebug) for m in used),
            outside_workspace="" if package.module_dir in ws.uses else package.module_dir,
            test=test,
        )
    return GodebugInputs(
        go_version=module.go if module is not None else None,
        go_file=module.file if module is not None else "go.mod",
        go_line=module.go_line if module is not None else 0,
        godebug=module.godebug if module is not None else (),
        directives=directives,
        units=units,
        ignored=tuple(ignored),
        fips140=fips140,
        workspace=False,
        test=test,
        toolchain_line=module.toolchain if module is not None else "",
    )


def binaries(repo: Repo, *, test: bool = False) -> list[Package]:
    """Packages that link a binary: main packages, or with `test` every package with test files."""
    if test:
        return [p for p in repo.packages if not p.vendor and any(f.test for f in p.files)]
    return [p for p in repo.packages if p.is_main and not p.vendor]


def package_units(package: Package, *, test: bool = False) -> tuple[tuple[Directive, ...], ...]:
    """The //go:debug lines of each package a build compiles from `package` (checkDirectives' input):
    its non-test files, or with `test` the package with its _test.go files and the external test package."""
    files = sorted(package.files, key=lambda f: f.name)
    base = _placed([f for f in files if not f.test])
    if not test:
        return (base,)
    return (
        base + _placed([f for f in files if f.test and not f.xtest]),
        _placed([f for f in files if f.xtest]),
    )


def library_diagnostics(
    packages: Iterable[Package], toolchain: GoVersion, table: Table
) -> list[tuple[Package, Diagnostic]]:
    """The invalid //go:debug lines of the library packages a binary compiles (vendored ones too):
    cmd/go checks every package it loads, so each fails the build of every binary that imports it."""
    out: list[tuple[Package, Diagnostic]] = []
    for p in sorted(packages, key=lambda p: p.import_path):
        if p.is_main or not p.name or not any(f.directives for f in p.files):  # most have none
            continue
        for unit in package_units(p):
            out += [(p, d) for d in directive_diagnostics(unit, toolchain, table)]
    return out
