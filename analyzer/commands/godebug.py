"""`godebug-audit godebug`: the DefaultGODEBUG each main package (or test binary) gets, with provenance."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from analyzer.errors import ExitCode, InputError, UsageError


@click.command("godebug")
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--toolchain", default="1.27", show_default=True, help="Go toolchain: 1.21 .. 1.27 or 1.26.6.")
@click.option("--goos", default="linux", show_default=True)
@click.option("--goarch", default="amd64", show_default=True)
@click.option("--no-workspace", is_flag=True, help="Ignore go.work (GOWORK=off).")
@click.option("--test", "test", is_flag=True, help="Test binaries (go list -test) instead of commands.")
@click.option("--fips140", default=None, help="GOFIPS140 at build time (off, latest, ...).")
@click.option("--format", "fmt", default="text", show_default=True, help="text or json.")
def command(
    path: Path,
    toolchain: str,
    goos: str,
    goarch: str,
    no_workspace: bool,
    test: bool,
    fips140: str | None,
    fmt: str,
) -> None:
    """Print the default GODEBUG string of every binary under PATH and where each setting comes from.

    Exit status 1 when the go command would fail for some binary (an error diagnostic), 2 on malformed
    go.mod / go.work or bad options.
    """
    from analyzer.discovery import KNOWN_ARCH, KNOWN_OS, discover
    from analyzer.godebug import binaries, effective_godebug, inputs_for, resolve_toolchain, table_of
    from analyzer.godebug.report import BinaryResult, render_text, to_doc
    from analyzer.kb import load_entries, settings
    from analyzer.model import DiagnosticSeverity

    if fmt not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not {fmt!r}")
    if goos not in KNOWN_OS:
        raise UsageError(f"--goos: unknown GOOS {goos!r}")
    if goarch not in KNOWN_ARCH:
        raise UsageError(f"--goarch: unknown GOARCH {goarch!r}")
    try:
        tc = resolve_toolchain(toolchain)
    except ValueError as err:
        raise UsageError(f"--toolchain: {err}") from err
    if not path.is_dir():
        raise InputError(f"{path}: not a directory")
    repo = discover(path, goos=goos, goarch=goarch, workspace=not no_workspace, toolchain=tc)
    for p in repo.problems:
        if p.file.endswith(("go.mod", "go.work")):
            raise InputError(p.reason, p.file, p.line)
    table = table_of(settings(load_entries()))
    results = [
        BinaryResult(
            pkg, test, effective_godebug(inputs_for(repo, pkg, test=test, fips140=fips140), tc, table)
        )
        for pkg in binaries(repo, test=test)
    ]
    ws = repo.workspace.file if repo.workspace is not None else None
    doc = to_doc(toolchain.removeprefix("go"), str(tc), goos, goarch, ws, results)
    if fmt == "json":
        click.echo(json.dumps(doc, indent=2, sort_keys=False))
    elif sys.stdout.isatty():
        _rich(doc)
    else:
        click.echo(render_text(doc), nl=False)
    if any(d.severity is DiagnosticSeverity.ERROR for b in results for d in b.result.diagnostics):
        sys.exit(int(ExitCode.FINDINGS))


def _rich(doc: dict[str, object]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"toolchain go{doc['toolchain_version']} ({doc['goos']}/{doc['goarch']})")
    pkgs = doc["main_packages"]
    assert isinstance(pkgs, list)
    for b in pkgs:
        t = Table(title=f"{b['dir']}  {b['import_path']}", title_justify="left")
        for col in ("setting", "value", "source", "where"):
            t.add_column(col)
        for s in b["settings"]:
            src = s["source"]
            t.add_row(
                s["name"], s["value"], src["kind"], f"{src['file']}:{src['line']}" if src["file"] else ""
            )
        console.print(t)
        for d in b["diagnostics"]:
            console.print(f"  {d['severity']}: {d['file']}:{d['line']}: {d['message']}")
