"""`godebug-audit convert REPORT.json --format FMT`: re-render a saved report (scan or uses output).

The exit status is 0 once rendered; the scan that wrote the report decided pass or fail. A file that is
not JSON, or a scan document of another schema version, is a one-line error with exit status 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from analyzer.errors import InputError
from analyzer.report import FORMATS, render
from analyzer.report.protocol import SCHEMA_VERSION
from analyzer.safeio import write_atomic


def load_report(text: str, where: str) -> dict[str, Any]:
    """Parse a saved report and check that this version can render it."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"not a JSON report: {err.msg}", file=where, line=err.lineno) from None
    except RecursionError:  # [[[[... 100,000 deep
        raise InputError("not a godebug-audit report: nested too deeply", file=where) from None
    if not isinstance(doc, dict):
        raise InputError("not a godebug-audit report: expected a JSON object", file=where)
    if "uses" in doc and "findings" not in doc:
        return doc  # the `uses` command's document
    version = doc.get("schema_version")
    if version != SCHEMA_VERSION:
        wanted = f"this godebug-audit reads {SCHEMA_VERSION!r}"
        raise InputError(f"unsupported schema_version {version!r} ({wanted})", file=where)
    return doc


@click.command(name="convert")
@click.argument("report", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
def command(report: str, fmt: str, output: str | None) -> None:
    """Re-render a saved JSON report (from `scan --format json` or `uses --format json`)."""
    where = "<stdin>" if report == "-" else report
    raw = sys.stdin.buffer.read() if report == "-" else Path(report).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("not a JSON report: not UTF-8 text", file=where) from None
    try:
        rendered = render(load_report(text, where), fmt)
    except (TypeError, KeyError, AttributeError, ValueError) as err:  # a hand-edited document's shape
        raise InputError(f"not a valid report ({type(err).__name__}: {str(err)[:80]})", file=where) from None
    if output:
        write_atomic(output, rendered)
    else:
        click.echo(rendered, nl=False)
