"""`godebug-audit env`: GODEBUG, GOGC, GOMEMLIMIT, GOMAXPROCS where the tree deploys Go programs.

Exit codes: 0 no finding at or above --fail-on; 1 at least one; 2 usage or input error; 3 with --strict,
files were skipped (broken YAML, too big, unreadable).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from analyzer.errors import ExitCode, InputError, UsageError
from analyzer.model import Severity
from analyzer.versions import GoVersion


@click.command("env")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("--to", "to", default="1.27", show_default=True, help="Target toolchain: 1.N or 1.N.P.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    default=Severity.HIGH.value,
    show_default=True,
    help="Exit 1 when a finding has this severity or worse.",
)
@click.option("--verbose", "-v", is_flag=True, help="Text: also print how to verify each pinned setting.")
@click.option("--strict", is_flag=True, help="Exit 3 when files were skipped.")
def command(path: Path, to: str, fmt: str, fail_on: str, verbose: bool, strict: bool) -> None:
    """Find GODEBUG, GOGC, GOMEMLIMIT, GOMAXPROCS in manifests, Helm templates, Dockerfiles, systemd units,
    shell scripts, Makefiles and Go code under PATH, and say what each does to Go --to binaries.

    \b
    Exit codes: 0 no finding at or above --fail-on; 1 at least one; 2 usage or input error;
    3 with --strict, files were skipped (broken YAML, too big, unreadable).
    """
    from analyzer.deploy import find_deploy_settings
    from analyzer.deploy.render import at_least, render_json, render_text

    toolchain = GoVersion.try_parse(to)
    if toolchain is None:
        raise UsageError(f"--to: invalid Go version {to!r}")
    if not path.exists():
        raise InputError("no such file or directory", file=str(path))
    if not path.is_dir():
        raise InputError("not a directory", file=str(path))
    report = find_deploy_settings(path, toolchain)
    click.echo(render_json(report) if fmt == "json" else render_text(report, verbose), nl=False)
    level = Severity(fail_on)
    if any(at_least(f, level) for f in report.findings):
        sys.exit(int(ExitCode.FINDINGS))
    if strict and report.skipped:
        sys.exit(int(ExitCode.INCOMPLETE))
