"""Scanner inputs: discovery's packages as SourceFiles, or a plain walk when discovery is not at hand."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from analyzer.model import SourceFile
from analyzer.safeio import read_head

_GENERATED = re.compile(rb"(?m)^// Code generated .* DO NOT EDIT\.$")
_BUILD = re.compile(rb"(?m)^//go:build (.+)$")
_PACKAGE = re.compile(rb"(?m)^package\s+(\w+)")
_MODULE = re.compile(r"(?m)^module\s+(\S+)")
SKIP_DIRS = frozenset({".git", "testdata", "node_modules"})


def from_repo(repo: Any) -> list[SourceFile]:
    """SourceFiles of a discovered repo (anything with `.packages`, each with `.files`), or a list as is."""
    if isinstance(repo, (list, tuple)):
        return [f if isinstance(f, SourceFile) else _adapt(f, None) for f in repo]
    out: list[SourceFile] = []
    for pkg in getattr(repo, "packages", ()):
        for f in getattr(pkg, "files", ()):
            out.append(f if isinstance(f, SourceFile) else _adapt(f, pkg))
    return out


def _adapt(f: Any, pkg: Any) -> SourceFile:
    def get(name: str, *alts: str, default: Any = "") -> Any:
        for n in (name, *alts):
            for src in (f, pkg):
                if src is not None and hasattr(src, n):
                    return getattr(src, n)
        return default

    rel = str(get("rel", "path", "file"))
    return SourceFile(
        rel=rel,
        pkg_dir=str(get("pkg_dir", "dir", default=os.path.dirname(rel) or ".")) or ".",
        import_path=str(get("import_path")),
        package=str(get("package", "name")),
        test=bool(get("test", default=rel.endswith("_test.go"))),
        xtest=bool(get("xtest", default=False)),
        vendor=bool(get("vendor", default=False)),
        generated=bool(get("generated", default=False)),
        constraint=str(get("constraint", "build_constraint", default="") or ""),
    )


def walk(root: Path) -> list[SourceFile]:
    """Every .go file under root (testdata and dot dirs skipped), with import paths from go.mod files."""
    out: list[SourceFile] = []
    modules: list[tuple[str, str]] = []  # (rel dir, module path), deepest first when looked up

    def module_of(rel_dir: str) -> str:
        parts = rel_dir.split("/") if rel_dir != "." else []
        if "vendor" in parts:
            i = len(parts) - 1 - parts[::-1].index("vendor")
            return "/".join(parts[i + 1 :])
        best = ("", "")
        for mdir, mpath in modules:
            if (rel_dir == mdir or mdir == "." or rel_dir.startswith(mdir + "/")) and len(mdir) >= len(
                best[0]
            ):
                best = (mdir, mpath)
        mdir, mpath = best
        if not mpath:
            return rel_dir
        sub = rel_dir if mdir == "." else rel_dir[len(mdir) + 1 :] if rel_dir != mdir else ""
        return f"{mpath}/{sub}" if sub and sub != "." else mpath

    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith((".", "_")))
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        if "go.mod" in filenames:
            try:
                m = _MODULE.search((Path(dirpath) / "go.mod").read_text(errors="replace"))
            except OSError:
                m = None
            if m:
                modules.append((rel_dir, m.group(1)))
        for name in sorted(filenames):
            if not name.endswith(".go"):
                continue
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            try:
                head = read_head(os.path.join(dirpath, name), 4096, root)  # no FIFO, no link out
            except OSError:
                head = b""
            pkg = _PACKAGE.search(head)
            pname = pkg.group(1).decode() if pkg else ""
            build = _BUILD.search(head.split(b"\npackage ", 1)[0])
            vendor = rel.startswith("vendor/") or "/vendor/" in rel
            out.append(
                SourceFile(
                    rel=rel,
                    pkg_dir=rel_dir,
                    import_path=module_of(rel_dir),
                    package=pname,
                    test=name.endswith("_test.go"),
                    xtest=pname.endswith("_test") and name.endswith("_test.go"),
                    vendor=vendor,
                    generated=_GENERATED.search(head.split(b"\npackage ", 1)[0]) is not None,
                    constraint=build.group(1).decode().strip() if build else "",
                )
            )
    return out


def by_package(files: Iterable[SourceFile]) -> dict[str, list[SourceFile]]:
    """Files per declaration unit: a package's import path (its external tests: path + `_test`)."""
    out: dict[str, list[SourceFile]] = {}
    for f in files:
        out.setdefault(unit_of(f), []).append(f)
    return out


def unit_of(f: SourceFile) -> str:
    path = f.import_path or f.pkg_dir
    return path + "_test" if f.xtest else path
