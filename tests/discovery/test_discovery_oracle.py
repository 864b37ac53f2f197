"""Oracle: discovery selects the same files, package names and imports as `go list` for many GOOS values.

A seeded tree of packages whose files carry GOOS/GOARCH name suffixes, `//go:build` and `// +build`
lines, cgo imports and test packages; one `go list` per GOOS/GOARCH.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from analyzer.discovery import discover

GO = shutil.which("go")
_SUFFIXES = [
    "",
    "",
    "",
    "_linux",
    "_windows",
    "_amd64",
    "_arm64",
    "_linux_amd64",
    "_windows_arm64",
    "_js",
    "_wasm",
    "_unix",
    "_ios",
    "_darwin",
    "_android",
    "_solaris",
    "_illumos",
    "_x_linux",
    "_linux_x",
    "_plan9_386",
    "_freebsd",
]
_TAGS = [
    "linux",
    "windows",
    "darwin",
    "unix",
    "amd64",
    "arm64",
    "cgo",
    "gc",
    "gccgo",
    "go1.21",
    "go1.30",
    "ios",
    "android",
    "foo",
    "solaris",
    "wasm",
    "js",
    "amd64.v1",
    "boringcrypto",
]
_TARGETS = [
    ("linux", "amd64"),
    ("windows", "amd64"),
    ("darwin", "arm64"),
    ("android", "arm64"),
    ("ios", "arm64"),
    ("illumos", "amd64"),
    ("js", "wasm"),
    ("plan9", "386"),
]


def _expr(rng: random.Random, depth: int = 0) -> str:
    r = rng.random()
    if depth > 2 or r < 0.4:
        return ("!" if rng.random() < 0.3 else "") + rng.choice(_TAGS)
    op = rng.choice(["&&", "||"])
    e = f"{_expr(rng, depth + 1)} {op} {_expr(rng, depth + 1)}"
    return f"({e})" if rng.random() < 0.5 else e


def _file(rng: random.Random, pkg: str) -> str:
    head = ""
    r = rng.random()
    if r < 0.35:
        head = f"//go:build {_expr(rng)}\n\n"
    elif r < 0.5:
        words = " ".join(
            ",".join(
                ("!" if rng.random() < 0.3 else "") + rng.choice(_TAGS) for _ in range(rng.randint(1, 2))
            )
            for _ in range(rng.randint(1, 3))
        )
        head = f"// +build {words}\n\n"
    elif r < 0.55:
        head = f"// +build {rng.choice(_TAGS)}\npackage {pkg}\n"  # no blank line: not a constraint
        return head
    imports = rng.sample(["fmt", "os", "net/http", "strings", "C"], rng.randint(0, 2))
    body = "".join(f'import "{i}"\n' for i in imports)
    return f"{head}package {pkg}\n\n{body}"


def _tree(root: Path, rng: random.Random) -> None:
    (root / "go.mod").write_text("module example.com/sel\n\ngo 1.22\n")
    for i in range(40):
        d = root / f"p{i}"
        d.mkdir()
        names: set[str] = set()
        for _ in range(rng.randint(2, 6)):
            base = rng.choice(["a", "b", "c", "zz", "x_y"]) + rng.choice(_SUFFIXES)
            test = rng.random() < 0.25
            name = base + ("_test" if test else "") + ".go"
            if name in names:
                continue
            names.add(name)
            pkg = f"p{i}" + ("_test" if test and rng.random() < 0.4 else "")
            (d / name).write_text(_file(rng, pkg))
    for skip in ("testdata/q", "_hidden/q", ".dot/q"):
        (root / skip).mkdir(parents=True)
        (root / skip / "q.go").write_text("package q\n")


def _go_list(root: Path, goos: str, goarch: str) -> dict[str, dict[str, list[str] | str]]:
    assert GO is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith("GO")}
    env.update(
        GOTOOLCHAIN="local",
        GOPROXY="off",
        GOFLAGS="",
        GOWORK="off",
        CGO_ENABLED="0",
        GOOS=goos,
        GOARCH=goarch,
        GOENV="off",
    )
    fields = (
        "Dir,ImportPath,Name,GoFiles,TestGoFiles,XTestGoFiles,IgnoredGoFiles,Imports,TestImports,XTestImports"
    )
    p = subprocess.run(
        [GO, "list", "-e", f"-json={fields}", "./..."],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    out: dict[str, dict[str, list[str] | str]] = {}
    dec, s, i = json.JSONDecoder(), p.stdout, 0
    while i < len(s):
        if s[i].isspace():
            i += 1
            continue
        obj, i = dec.raw_decode(s, i)
        out[Path(obj["Dir"]).relative_to(root).as_posix()] = obj
    return out


@pytest.mark.skipif(GO is None, reason="no go on PATH")
def test_file_selection_equals_go_list(tmp_path: Path) -> None:
    _tree(tmp_path, random.Random(1203))
    checked = 0
    problems = []
    for goos, goarch in _TARGETS:
        real = _go_list(tmp_path, goos, goarch)
        repo = discover(tmp_path, goos=goos, goarch=goarch)
        # `./...` skips directories whose files the constraints all exclude; discovery keeps them (with
        # only ignored_files) for the diagnostics
        ours = {p.dir: p for p in repo.packages if p.files}
        assert set(ours) == set(real), (goos, sorted(set(ours) ^ set(real)))
        for d, r in real.items():
            p = ours[d]
            sel = {f.name for f in p.files}
            want = {
                "GoFiles": sorted(f.name for f in p.files if not f.test),
                "TestGoFiles": sorted(f.name for f in p.files if f.test and not f.xtest),
                "XTestGoFiles": sorted(f.name for f in p.files if f.xtest),
                "IgnoredGoFiles": sorted(f.name for f in p.ignored_files),
                "Imports": sorted(set(p.imports)),
                "TestImports": sorted(set(p.test_imports)),
                "XTestImports": sorted(set(p.xtest_imports)),
            }
            for k, v in want.items():
                got = sorted(r.get(k, []))  # type: ignore[arg-type]
                if k == "Imports":
                    got = [x for x in got if x != "C"]
                    v = [x for x in v if x != "C"]
                if got != v:
                    problems.append(f"{goos}/{goarch} {d} {k}: go {got} ours {v}")
            if r.get("GoFiles") and r.get("Name") != p.name:
                problems.append(f"{goos}/{goarch} {d}: name go {r.get('Name')} ours {p.name}")
            if r["ImportPath"] != p.import_path:
                problems.append(f"{d}: import path go {r['ImportPath']} ours {p.import_path}")
            checked += len(sel)
    assert checked > 150
    assert not problems, "\n".join(problems[:20])
