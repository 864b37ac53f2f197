"""`godebug-audit explain ID`: one knowledge-base entry, for people."""

from __future__ import annotations

import click


@click.command("explain")
@click.argument("entry_id", metavar="ID")
def command(entry_id: str) -> None:
    """Explain entry ID (or the entry of a GODEBUG setting): what changed and how to keep the old behavior."""
    from analyzer.commands.kb import _find
    from analyzer.kb import load_entries
    from analyzer.kb.render import explain_text

    click.echo(explain_text(_find(load_entries(), entry_id)), nl=False)
