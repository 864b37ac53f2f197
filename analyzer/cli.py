"""The command line: parses options, calls the core, maps outcomes to exit codes. Nothing else.

Each subcommand lives in `analyzer/commands/<name>.py` and exposes a click command named `command`;
modules load lazily so that start-up stays fast.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

from analyzer import __version__
from analyzer.errors import AuditError, ExitCode

# name -> module under analyzer.commands
COMMANDS: dict[str, str] = {
    "scan": "scan",
    "uses": "uses",
    "godebug": "godebug",
    "fix": "fix",
    "env": "env",
    "kb": "kb",
    "explain": "explain",
    "convert": "convert",
    "cache": "cache",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n in COMMANDS if importlib.util.find_spec(f"analyzer.commands.{COMMANDS[n]}"))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        try:
            mod = importlib.import_module(f"analyzer.commands.{module}")
        except ModuleNotFoundError:
            return None
        cmd: click.Command = mod.command
        return cmd

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AuditError as err:
            click.echo(f"godebug-audit: error: {err}", err=True)
            sys.exit(int(err.exit_code))
        except OSError as err:
            click.echo(f"godebug-audit: error: {err.filename or ''}: {err.strerror or err}", err=True)
            sys.exit(int(ExitCode.INPUT_ERROR))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="godebug-audit")
def main() -> None:
    """Audit a Go repository for behavior changes on a Go toolchain or go-line bump."""


if __name__ == "__main__":
    main()
