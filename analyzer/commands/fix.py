"""`godebug-audit fix`: write the edits that keep every GODEBUG-fixable behavior, and prove it.

Prints a unified diff (paths relative to PATH) and the proof; `--write` applies the diff. Exit 0 when
the proof holds (behaviors with no GODEBUG fix are listed, they do not fail it), 1 when it does not or
go list disagrees, 2 on bad options, 3 when `--verify-with-go` finds no usable go or go list cannot
load some binary offline (a module that is not vendored or in the module cache).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from analyzer.errors import ExitCode, UsageError


@click.command("fix")
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--to", "to", required=True, help="Target toolchain: 1.N (its newest patch modelled) or 1.N.P.")
@click.option(
    "--from", "from_", default=None, help="Current toolchain (default: .go-version, toolchain line, go line)."
)
@click.option(
    "--go-line",
    default="keep",
    show_default=True,
    help="keep: go lines stay; bump: move them to the target (written by the fix); 1.K: move them to 1.K.",
)
@click.option(
    "--strategy",
    type=click.Choice(["auto", "go-line", "godebug", "go-debug"]),
    default="auto",
    show_default=True,
    help="auto: the least visible fix the KB offers; go-line: keep go lines; godebug: go.mod/go.work "
    "lines; go-debug: //go:debug in the affected main packages.",
)
@click.option("--write", is_flag=True, help="Apply the diff (atomic writes).")
@click.option("--verify-with-go", is_flag=True, help="Check the proof with `go list` (go on PATH).")
@click.option("--goos", default="linux", show_default=True, help="Comma-separated GOOS values to build for.")
@click.option("--goarch", default="amd64", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(
    path: Path,
    to: str,
    from_: str | None,
    go_line: str,
    strategy: str,
    write: bool,
    verify_with_go: bool,
    goos: str,
    goarch: str,
    fmt: str,
) -> None:
    """Keep the old GODEBUG behavior of every binary in PATH across a toolchain (and go line) bump."""
    from analyzer.fix.render import json_report, text_report
    from analyzer.fix.run import plan_fix, unified_diff, write_fix
    from analyzer.fix.strategies import Strategy
    from analyzer.fix.verify import verify
    from analyzer.plan.options import validate
    from analyzer.plan.stages import load_kb
    from analyzer.versions import GoVersion

    opts = validate(
        path=path,
        to=to,
        from_=from_,
        go_line=go_line,
        goos=goos,
        goarch=goarch,
        fmt="json",
        fail_on="none",
        jobs=None,
        cache_dir=None,
        no_cache=True,
        strict=False,
    )
    chosen = Strategy(strategy)
    if chosen == Strategy.GODEBUG and opts.to < GoVersion(23):
        raise UsageError(f"--strategy godebug needs a target toolchain >= 1.23 (--to {to})")
    if chosen == Strategy.GO_DEBUG and opts.to < GoVersion(21):
        raise UsageError(f"--strategy go-debug needs a target toolchain >= 1.21 (--to {to})")
    result = plan_fix(opts, chosen)
    diff = unified_diff(result)
    verification = None
    if verify_with_go:
        _, settings = load_kb()
        verification = verify(path, result.edited, result.proof, result.binaries, settings, goarch)
    written = write_fix(path, result) if write else None
    if fmt == "json":
        click.echo(json_report(result, verification, diff), nl=False)
    else:
        if not write and diff:
            click.echo(diff, nl=False)
        click.echo(text_report(result, verification, written), nl=False)
    if not result.proof.ok or (verification is not None and verification.mismatches):
        sys.exit(int(ExitCode.FINDINGS))
    if verification is not None and (verification.skipped or verification.unlisted):
        sys.exit(int(ExitCode.INCOMPLETE))
