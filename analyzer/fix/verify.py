"""`fix --verify-with-go`: the proof again, with the real `go list` on a temp copy of the edited tree.

One `go list -e -f '{{.ImportPath}} {{.DefaultGODEBUG}}'` over every binary, with GOTOOLCHAIN=local,
GOPROXY=off, GOFLAGS= empty, GOENV=off and a scrubbed environment (the repository's or the user's
variables cannot redirect it; nothing is downloaded). The go found on PATH must be the plan's target
toolchain; its answer is compared with the model's compiled string after the fix, and each setting the
bump flips is read from it (or from the toolchain default when the string does not list it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyzer.fix.proof import Outcome, Proof
from analyzer.model import GodebugSetting
from analyzer.versions import GoVersion


@dataclass(frozen=True)
class Verification:
    go: str  # path of the go binary, "" when none
    version: str  # its GOVERSION without `go`
    skipped: str = ""  # why nothing was compared
    real: Mapping[str, str] = field(default_factory=dict)  # binary dir -> go list DefaultGODEBUG
    mismatches: tuple[str, ...] = ()  # one line each: model vs go list, or a flipped setting not kept
    unlisted: tuple[str, ...] = ()  # binaries go list could not load offline (missing modules), with why

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.mismatches

    def lines(self) -> list[str]:
        if self.skipped:
            return [f"Verification with go: skipped ({self.skipped})"]
        out = [f"Verification with go {self.version} ({len(self.real)} binaries, go list on a temp copy):"]
        out += [f"  {m}" for m in self.mismatches]
        out += [f"  not verified: {u}" for u in self.unlisted]
        out.append("  go list agrees with the proof" if self.ok else "  go list DISAGREES")
        return out

    def doc(self) -> dict[str, Any]:
        return {
            "go": self.go,
            "version": self.version,
            "skipped": self.skipped,
            "real": dict(sorted(self.real.items())),
            "mismatches": list(self.mismatches),
            "unlisted": list(self.unlisted),
            "ok": self.ok,
        }


def go_env(tmp: Path, goos: str, goarch: str) -> dict[str, str]:
    """A scrubbed environment for the go command: nothing of the caller's GO* variables survives."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp),
        "GOENV": "off",
        "GOTOOLCHAIN": "local",
        "GOPROXY": "off",
        "GOFLAGS": "",
        "GONOSUMDB": "",
        "GOSUMDB": "off",
        "GOPATH": str(tmp / "gopath"),
        "GOCACHE": str(tmp / "gocache"),
        "GOMODCACHE": str(tmp / "gopath" / "pkg" / "mod"),
        "GOOS": goos,
        "GOARCH": goarch,
        "CGO_ENABLED": "0",
    }


def go_version(go: str) -> str:
    out = subprocess.run(
        [go, "env", "GOVERSION"],
        capture_output=True,
        text=True,
        check=False,
        env=go_env(Path("/"), "", "") | {"GOOS": "", "GOARCH": ""},
    )
    return out.stdout.strip().removeprefix("go")


def go_list(go: str, tree: Path, paths: Sequence[str], goos: str, goarch: str) -> dict[str, str]:
    """ImportPath -> DefaultGODEBUG (or `error: ...`) for `paths` (./dir patterns), in one go list."""
    with tempfile.TemporaryDirectory(prefix="godebug-audit-go-") as tmp:
        env = go_env(Path(tmp), goos, goarch)
        fmt = "{{.ImportPath}}\t{{.DefaultGODEBUG}}\t{{if .Error}}{{.Error}}{{end}}"
        out = subprocess.run(
            [go, "list", "-e", "-f", fmt, *paths],
            cwd=tree,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if out.returncode != 0 and not out.stdout:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "go list failed")
    real = {}
    for row in out.stdout.splitlines():
        ip, _, rest = row.partition("\t")
        value, _, err = rest.partition("\t")
        real[ip] = f"error: {err}" if err else value
    return real


def copy_edited(root: Path, edited: Mapping[str, str], dest: Path) -> None:
    """The tree under `root` with the edited texts written, at `dest` (VCS directories left out)."""
    shutil.copytree(root, dest, symlinks=True, ignore=shutil.ignore_patterns(".git", ".hg", ".svn"))
    for rel, text in edited.items():
        with open(dest / rel, "w", encoding="utf-8", newline="") as f:
            f.write(text)


def _value(godebug: str, name: str, table: Mapping[str, GodebugSetting], to: GoVersion) -> str | None:
    for kv in godebug.split(","):
        k, _, v = kv.partition("=")
        if k == name:
            return v
    s = table.get(name)
    if s is None or s.removed_by(to):
        return s.new if s is not None else None
    return s.new if s.known_by(to) else None


def verify(
    root: Path,
    edited: Mapping[str, str],
    proof: Proof,
    binaries: Mapping[str, tuple[str, str]],
    table: Mapping[str, GodebugSetting],
    goarch: str,
    go: str | None = None,
) -> Verification:
    """Compare the proof with `go list` on a temp copy of the edited tree, one go list per GOOS."""
    go = go or shutil.which("go")
    if go is None:
        return Verification("", "", "no go on PATH")
    version = go_version(go)
    if GoVersion.try_parse(version) != proof.to_toolchain:
        return Verification(
            go, version, f"go on PATH is go{version}, the plan's target is go{proof.to_toolchain}"
        )
    real: dict[str, str] = {}
    mismatches: list[str] = []
    unlisted: list[str] = []
    with tempfile.TemporaryDirectory(prefix="godebug-audit-fix-") as tmp:
        tree = Path(tmp) / "tree"
        copy_edited(root, edited, tree)
        groups = sorted({(b.goos, binaries.get(b.binary, ("", "."))[1]) for b in proof.binaries})
        for goos, cwd in groups:  # one go list per GOOS and main module (or workspace)
            rows = [
                b for b in proof.binaries if (b.goos, binaries.get(b.binary, ("", "."))[1]) == (goos, cwd)
            ]
            paths = [binaries.get(b.binary, ("", ""))[0] or "./" + b.binary for b in rows]
            try:
                listed = go_list(go, tree / cwd, paths, goos, goarch)
            except RuntimeError as err:
                return Verification(go, version, f"go list failed in {cwd}: {err}")
            for b in rows:
                got = listed.get(binaries.get(b.binary, ("", ""))[0], "error: not listed")
                real[b.binary if len({x.goos for x in proof.binaries}) == 1 else f"{b.binary} ({goos})"] = got
                if got.startswith("error: "):
                    unlisted.append(f"{b.binary}: {got.removeprefix('error: ')}")
                    continue
                if got != b.compiled_after:
                    mismatches.append(f"{b.binary}: model {b.compiled_after!r}, go list {got!r}")
                for s in b.settings:
                    v = _value(got, s.name, table, proof.to_toolchain)
                    if s.outcome == Outcome.KEPT and v != s.before:
                        mismatches.append(
                            f"{b.binary}: {s.name}={v} with go list, {s.before} before the bump"
                        )
    return Verification(go, version, "", real, tuple(mismatches), tuple(unlisted))
