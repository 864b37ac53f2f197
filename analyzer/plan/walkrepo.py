"""A RepoView from a plain walk of the tree, for when discovery is not at hand (or fails on a tree).

Reads go.mod / go.work / .go-version, groups files into packages with `analyzer.scan.files.walk`, and
reads each file's import block. Coarser than discovery: no go.work `replace`, no modules.txt checks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from analyzer.model import SourceFile
from analyzer.plan.anchors import mod_file_anchors
from analyzer.plan.views import ModuleView, PackageView, RepoView, WorkspaceView
from analyzer.versions import GoVersion

_MODULE = re.compile(r"(?m)^module\s+(\S+)")
_TOOLCHAIN = re.compile(r"(?m)^toolchain\s+go(\S+)")
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


def _module(root: Path, rel_dir: str) -> ModuleView | None:
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
    return ModuleView(
        m.group(1), rel_dir, file, _version(a.go_version), _version(tc.group(1) if tc else None), a.godebug
    )


def _workspace(root: Path) -> WorkspaceView | None:
    try:
        text = (root / "go.work").read_text(errors="replace")
    except OSError:
        return None
    clean = re.sub(r"(?m)//.*$", "", text)
    uses = [u.strip() for b in _USE_BLOCK.findall(clean) for u in b.split() if u.strip()]
    uses += _USE_ONE.findall(clean)
    dirs = tuple(sorted({u.removeprefix("./").rstrip("/") or "." for u in uses}))
    a = mod_file_anchors(text)
    return WorkspaceView("go.work", _version(a.go_version), a.godebug, dirs)


def walk_repo(root: Path, goos: str, files: list[SourceFile] | None = None) -> RepoView:
    """The RepoView of `root` for one GOOS, from a walk of its files."""
    from analyzer.match.constraints import built_for
    from analyzer.scan.files import walk

    all_files = files if files is not None else walk(root)
    mod_dirs = sorted(
        {
            str(p.parent.relative_to(root)).replace("\\", "/")
            for p in root.rglob("go.mod")
            if not any(
                part in ("vendor", "testdata") or part.startswith(".") for part in p.relative_to(root).parts
            )
        }
    )
    modules = tuple(m for d in mod_dirs if (m := _module(root, d)) is not None)

    def module_for(d: str) -> str:
        inside = [m for m in modules if m.dir == "." or d == m.dir or d.startswith(m.dir + "/")]
        best = max(inside, key=lambda m: 0 if m.dir == "." else len(m.dir), default=None)
        return best.path if best is not None else ""

    groups: dict[str, list[SourceFile]] = defaultdict(list)
    for f in all_files:
        if built_for(f.rel, f.constraint, goos) is False:
            continue
        groups[f.pkg_dir].append(f)
    packages = []
    for d, fs in sorted(groups.items()):
        src = [f for f in fs if not f.test]
        tests = [f for f in fs if f.test]
        if not src and not tests:
            continue
        imports: set[str] = set()
        test_imports: set[str] = set()
        for f in fs:
            try:
                text = (root / f.rel).read_text(errors="replace")
            except OSError:
                continue
            (test_imports if f.test else imports).update(imports_of(text))
        first = src[0] if src else tests[0]
        name = next((f.package for f in src if f.package), first.package)
        packages.append(
            PackageView(
                first.import_path,
                d,
                name,
                "" if first.vendor else module_for(d),
                tuple(sorted(f.rel for f in src)),
                tuple(sorted(imports)),
                tuple(sorted(test_imports)),
                first.vendor,
            )
        )
    try:
        gv = _version((root / ".go-version").read_text().strip())
    except OSError:
        gv = None
    return RepoView(goos, modules, tuple(packages), _workspace(root), gv)
