"""`godebug-audit scan`: the bump audit. Parses and validates options, runs the audit, renders, exits."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from analyzer.errors import ExitCode, UsageError
from analyzer.model import Status
from analyzer.plan.options import ScanOptions, validate
from analyzer.safeio import write_atomic

DEFAULT_FAIL_ON = "build-error,startup-fatal,not-preservable,changed"


@click.command("scan")
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--to", "to", default=None, help="Target toolchain: 1.N (its newest patch modelled) or 1.N.P.")
@click.option(
    "--from", "from_", default=None, help="Current toolchain (default: .go-version, toolchain line, go line)."
)
@click.option(
    "--go-line",
    default="keep",
    show_default=True,
    help="keep: every go line stays (KEP-3744); bump: move go lines to the target; 1.K: move them to 1.K.",
)
@click.option("--goos", default="linux", show_default=True, help="Comma-separated GOOS values to build for.")
@click.option("--goarch", default="amd64", show_default=True)
@click.option(
    "--format", "fmt", default="text", show_default=True, help="text, json, sarif, markdown, github."
)
@click.option(
    "--fail-on",
    default=DEFAULT_FAIL_ON,
    show_default=True,
    help="Statuses that make the exit code 1 (comma-separated, or none): "
    + ", ".join(s.value for s in Status),
)
@click.option("--jobs", type=int, default=None, help="Parallel parse jobs (default: CPU count).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--no-cache", is_flag=True, help="Parse everything again.")
@click.option("--strict", is_flag=True, help="Exit 3 when files were skipped.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--config", "config_path", default=None, help="Config file (else the nearest one).")
@click.option("--base", default=None, help="PR mode: report only what is new against this git revision.")
@click.pass_context
def command(ctx: click.Context, /, **params: Any) -> None:
    """Audit PATH for the behavior changes of a toolchain (and go line) bump."""
    from dataclasses import replace

    from analyzer.cacheroot import after_run
    from analyzer.plan.memo import memoized_audit
    from analyzer.plan.options import scan_cache_dir
    from analyzer.report import render
    from analyzer.report.protocol import action_needed
    from analyzer.suppress import plan_overrides, resolve_config, suppress_document

    path: Path = params["path"]
    config = resolve_config(path, params["config_path"]) if path.is_dir() else None
    if config is not None:
        given = {
            name
            for name in ("to", "from_", "go_line", "goos", "fail_on")
            if ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE
        }
        params.update(plan_overrides(config.plan, given))
    if params["to"] is None:
        raise UsageError("--to is required (or `plan: to:` in .godebug-audit.yaml)")
    output: Path | None = params["output"]
    base: str | None = params["base"]
    # every other option is validate()'s, by the same name
    opts: ScanOptions = validate(
        **{k: v for k, v in params.items() if k not in ("output", "config_path", "base")}
    )
    # an unchanged tree's audit is read back whole (plan/memo.py); the PR base below is always computed
    cache = scan_cache_dir(opts)
    document = suppress_document(memoized_audit(opts, cache, _run_audit), path, config, cache_dir=cache)
    if base is not None:
        from analyzer.pr import scan_pr

        document = scan_pr(path, base, lambda root: _run_audit(replace(opts, root=root)), head=document)
    text = render(document, opts.fmt)
    if output is not None:
        try:
            write_atomic(output, text)  # a reader never sees half a report
        except OSError as err:
            raise UsageError(f"cannot write {output}: {err.strerror}") from None
    elif opts.fmt == "text" and sys.stdout.isatty():
        from analyzer.report.colour import print_text

        print_text(text)  # colour on a terminal (not with NO_COLOR); pipes get the plain text
    else:
        click.echo(text, nl=False)
    after_run(cache)  # the daily trim, after the report: it never delays or changes the outcome
    if action_needed(document, opts.fail_on):
        sys.exit(int(ExitCode.FINDINGS))
    if opts.strict and document.get("skipped"):
        sys.exit(int(ExitCode.INCOMPLETE))


def _run_audit(opts: ScanOptions) -> dict[str, Any]:
    """The audit (imported on first use: a run read back from the memo never loads the pipeline)."""
    from analyzer.plan.stages import run_audit

    return run_audit(opts)
