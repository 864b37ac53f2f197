"""A Repo from a plain walk of the tree, for when discovery fails on a tree (or is not installed).

Reads go.mod / go.work, groups files into packages with `analyzer.scan.files.walk`, and reads each
file's import block. Coarser than discovery: no replace handling, no modules.txt checks, no
//go:debug placement rules.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

from analyzer.model import GodebugLine, GoFile, Module, Package, Repo, SourceFile, Workspace
from analyzer.plan.anchors import mod_file_anchors
from analyzer.versions import GoVersion

_MODULE = re.compile(r"(?m)^module\s+(\S+)")
_TOOLCHAIN = re.compile(r"(?m)^toolchain\s+(go\S+)")
_USE_ONE = re.compile(r"(?m)^use\s+([^\s(]+)\s*$")
_USE_BLOCK = re.compile(r"(?ms)^use\s*\((.*?)\)")
_IMPORT_BLOCK = re.compile(r"(?ms)^import\s*\((.*?)\)")
_IMPORT_ONE = re.compile(r'(?m)^import\s+(?:[\w.]+\s+)?"([^"]+)"')
_STRING = re.compile(r'"([^"]+)"')
_DECL = re.compile(r"(?m)^(?:func|type|var|const)\b")


def imports_of(source: str) -> list[str]:
    """Import paths of one Go file (only the import declarations before the first top-level decl)."""
    head = source[: m.start()] if (m := _DECL.search(source)) else source
    head = re.sub(r"(?m)//.*$", "", head)
    out = [s for block in _IMPORT_BLOCK.findall(head) for s in _STRING.findall(block)]
    out += _IMPORT_ONE.findall(head)
    return out


def _version(text: str | None) -> GoVersion | None:
    return GoVersion.try_parse(text) if text else None


def _lines(file: str, godebug: tuple[tuple[str, str, int], ...]) -> tuple[GodebugLine, ...]:
    return tuple(GodebugLine(k, v, file, n) for k, v, n in godebug)


def _module(root: Path, rel_dir: str) -> Module | None:
    file = "go.mod" if rel_dir == "." else f"{rel_dir}/go.mod"
    try:
        text = (root / file).read_text(errors="replace")
    except OSError:
        return None
    m = _MODULE.search(text)
    if m is None:
        return None
    a = mod_file_anchors(text)
    tc = _TOOLCHAIN.search(text)
    return Module(
        m.group(1),
        rel_dir,
        file,
        _version(a.go_version),
        a.go_version or "",
        tc.group(1) if tc else "",
        _lines(file, a.godebug),
        go_line=a.go_line or 0,
    )


def _workspace(root: Path) -> Workspace | None:
    try:
        text = (root / "go.work").read_text(errors="replace")
    except OSError:
        return None
    clean = re.sub(r"(?m)//.*$", "", text)
    uses = [u.strip() for b in _USE_BLOCK.findall(clean) for u in b.split() if u.strip()]
    uses += _USE_ONE.findall(clean)
    dirs = tuple(sorted({u.removeprefix("./").rstrip("/") or "." for u in uses}))
    a = mod_file_anchors(text)
    return Workspace(
        "go.work",
        ".",
        _version(a.go_version),
        a.go_version or "",
        "",
        _lines("go.work", a.godebug),
        dirs,
        go_line=a.go_line or 0,
    )


def walk_repo(root: Path, goos: str, goarch: str = "amd64", files: list[SourceFile] | None = None) -> Repo:
    """The Repo of `root` for one GOOS, from a walk of its files."""
    from analyzer.match.constraints import built_for
    from analyzer.scan.files import walk

    all_files = files if files is not None else walk(root)
    mod_dirs: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [
            d for d in dirnames if d not in ("vendor", "testdata") and not d.startswith((".", "_"))
        ]
        if "go.mod" in filenames:
            mod_dirs.add(os.path.relpath(dirpath, root).replace(os.sep, "/"))
    modules = tuple(m for d in sorted(mod_dirs) if (m := _module(root, d)) is not None)
    ws = _workspace(root)

    def module_for(d: str) -> Module | None:
        inside = [m for m in modules if m.dir == "." or d == m.dir or d.startswith(m.dir + "/")]
        return max(inside, key=lambda m: 0 if m.dir == "." else len(m.dir), default=None)

    groups: dict[str, list[SourceFile]] = defaultdict(list)
    for f in all_files:
        if built_for(f.rel, f.constraint, goos) is not False:
            groups[f.pkg_dir].append(f)
    packages = []
    for d, fs in sorted(groups.items()):
        gofiles: list[GoFile] = []
        imports: set[str] = set()
        test_imports: set[str] = set()
        for f in fs:
            try:
                found = imports_of((root / f.rel).read_text(errors="replace"))
            except OSError:
                found = []
            (test_imports if f.test else imports).update(found)
            gofiles.append(
                GoFile(
                    f.rel,
                    f.pkg_dir,
                    f.import_path,
                    f.package,
                    f.test,
                    f.xtest,
                    f.vendor,
                    f.generated,
                    f.constraint,
                    name=f.rel.rsplit("/", 1)[-1],
                    imports=tuple(found),
                )
            )
        first = fs[0]
        name = next((f.package for f in fs if f.package and not f.test), "")
        mod = None if first.vendor else module_for(d)
        in_ws = ws is not None and mod is not None and mod.dir in ws.uses
        packages.append(
            Package(
                d,
                first.import_path,
                name,
                mod.path if mod else "",
                mod.dir if mod else ".",
                tuple(gofiles),
                (),
                tuple(sorted(imports)),
                tuple(sorted(test_imports)),
                (),
                first.vendor,
                mod.path if mod else "",
                ws.file if in_ws and ws is not None else None,
            )
        )
    return Repo(str(root.resolve()), goos, goarch, modules, ws, tuple(packages))
