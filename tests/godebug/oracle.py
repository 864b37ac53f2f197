"""Shared by the oracle tests and tools/record_go_list.py: our model's answers for a generated tree."""

from __future__ import annotations

from pathlib import Path

from analyzer.discovery import discover
from analyzer.godebug import binaries, effective_godebug, inputs_for, table_of
from analyzer.kb import load_entries, settings
from analyzer.model import DiagnosticSeverity, GodebugResult
from analyzer.versions import GoVersion
from tests.godebug.gentrees import Tree

MODULE_ERROR_KINDS = frozenset(
    {"go-line-too-new", "workspace-go-too-old", "godebug-unsupported", "outside-workspace"}
)


def table() -> dict[str, object]:
    return table_of(settings(load_entries()))  # type: ignore[return-value]


def ours(tree: Tree, dir: Path, toolchain: GoVersion) -> tuple[dict[str, str], list[str]]:
    """({import path or `path.test`: default string}, module-level error messages) for one tree."""
    t = table_of(settings(load_entries()))
    goos = tree.env.get("GOOS", "linux")
    # discovery reads only the root's go.work: a run below the root in workspace mode is the root's view
    # restricted to that directory; with GOWORK=off it is a discovery of the directory itself
    if tree.cwd and not tree.workspace:
        dir = dir / tree.cwd
    repo = discover(dir, goos=goos, workspace=tree.workspace, toolchain=toolchain)
    prefix = tree.cwd + "/" if tree.cwd and tree.workspace else ""
    out: dict[str, str] = {}
    errors: list[str] = []
    for test in (False, True):
        for p in binaries(repo, test=test):
            if prefix and not (p.dir + "/").startswith(prefix):
                continue
            if tree.workspace and not prefix and repo.workspace and p.module_dir not in repo.workspace.uses:
                continue  # the root run lists only the used modules' packages
            r: GodebugResult = effective_godebug(
                inputs_for(repo, p, test=test, fips140=tree.env.get("GOFIPS140")), toolchain, t
            )
            out[p.import_path + (".test" if test else "")] = r.default_godebug
            errors += [
                f"{d.file}:{d.line}: {d.message}"
                for d in r.diagnostics
                if d.severity is DiagnosticSeverity.ERROR
                and (d.kind in MODULE_ERROR_KINDS or d.file.endswith(("go.mod", "go.work")))
            ]
    return out, sorted(set(errors))
