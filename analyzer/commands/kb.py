"""`godebug-audit kb`: list, show, validate, check-upstream and scaffold knowledge-base entries."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from analyzer.errors import ExitCode, InputError, KnowledgeError, UsageError
from analyzer.model import Entry

_DIR = click.Path(file_okay=False, path_type=Path)


def _kb_dir(directory: Path | None) -> Path:
    from analyzer.kb import default_dir

    d = directory or default_dir()
    if not (d / "entries").is_dir():
        raise InputError(f"{d}: not a knowledge base (no entries/ directory)")
    return d


def _default_fixtures(kb_dir: Path) -> Path | None:
    candidate = kb_dir.resolve().parent / "testdata" / "kb"
    return candidate if candidate.is_dir() else None


@click.group("kb")
def command() -> None:
    """Inspect and maintain the knowledge base (knowledge/entries/*.yaml)."""


@command.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--dir", "directory", type=_DIR, default=None, help="KB directory (default: the shipped KB).")
def list_cmd(fmt: str, directory: Path | None) -> None:
    """List every entry: id, Go version, kind, setting, number of APIs, title."""
    from analyzer.kb import load_entries
    from analyzer.kb.render import list_document, list_text

    entries = load_entries(_kb_dir(directory) if directory else None)
    if fmt == "json":
        click.echo(json.dumps(list_document(entries), indent=2, sort_keys=False))
    else:
        click.echo(list_text(entries), nl=False)


@command.command("show")
@click.argument("entry_id", metavar="ID")
@click.option("--dir", "directory", type=_DIR, default=None, help="KB directory (default: the shipped KB).")
def show_cmd(entry_id: str, directory: Path | None) -> None:
    """Print the YAML source of entry ID (a setting name works too)."""
    from analyzer.kb import load_entries

    entry = _find(load_entries(_kb_dir(directory) if directory else None), entry_id)
    click.echo(Path(entry.source).read_text(encoding="utf-8"), nl=False)


def _find(items: Sequence[Entry], entry_id: str) -> Entry:
    """The entry with that id, else the entry of the setting with that name; UsageError otherwise."""
    from analyzer.kb import entry_by_id

    try:
        return entry_by_id(items, entry_id)
    except KnowledgeError:
        named = sorted(e.id for e in items if e.godebug is not None and e.godebug.name == entry_id)
        if named:
            return entry_by_id(items, named[0])
        raise UsageError(f"no knowledge-base entry {entry_id!r} (see `godebug-audit kb list`)") from None


@command.command("validate")
@click.argument("directory", required=False, type=_DIR)
@click.option("--fixtures", type=_DIR, default=None,
              help="Fixture root that entries with APIs must have a directory in (default: ../testdata/kb).")
def validate_cmd(directory: Path | None, fixtures: Path | None) -> None:
    """Check every entry of DIRECTORY (default: the shipped KB): schema and cross-field rules.

    Prints FILE:LINE: message per problem; exits 2 when there is any.
    """
    from analyzer.kb.validate import validate_directory

    d = _kb_dir(directory)
    problems = validate_directory(d, fixtures or _default_fixtures(d))
    for p in problems:
        click.echo(str(p))
    count = len(list((d / "entries").glob("*.yaml")))
    click.echo(f"{count} entries, {len(problems)} problem(s)", err=True)
    if problems:
        sys.exit(int(ExitCode.INPUT_ERROR))


@command.command("check-upstream")
@click.argument("goroot", type=_DIR)
@click.option("--dir", "directory", type=_DIR, default=None, help="KB directory (default: the shipped KB).")
def check_upstream_cmd(goroot: Path, directory: Path | None) -> None:
    """Diff the KB's settings against GOROOT/src/internal/godebugs/table.go.

    Missing settings, settings the KB says that toolchain knows but its table does not list, and
    mismatched Package, Changed, Old, Opaque, Immutable or Removed. Exits 1 when they differ.
    """
    from analyzer.kb import load_entries
    from analyzer.kb.table import TABLE_PATH, read_table
    from analyzer.kb.upstream import compare

    try:
        table = read_table(goroot)
    except OSError:
        raise InputError(f"{goroot / TABLE_PATH}: no GODEBUG table (is {goroot} a GOROOT?)") from None
    diffs = compare(load_entries(_kb_dir(directory) if directory else None), table)
    for d in diffs:
        click.echo(str(d))
    version = table.version or "unknown version"
    click.echo(f"{goroot} ({version}): {len(table.all)} settings, {len(table.removed)} removed, "
               f"{len(diffs)} difference(s)", err=True)
    if diffs:
        sys.exit(int(ExitCode.FINDINGS))


@command.command("new")
@click.argument("entry_id", metavar="ID")
@click.option("--dir", "directory", type=_DIR, default=None, help="KB directory (default: the shipped KB).")
@click.option("--fixtures", type=_DIR, default=None, help="Fixture root (default: ../testdata/kb).")
def new_cmd(entry_id: str, directory: Path | None, fixtures: Path | None) -> None:
    """Scaffold knowledge/entries/ID.yaml and testdata/kb/ID/ (refuses existing ones)."""
    from analyzer.kb.scaffold import ID_PATTERN, entry_skeleton, fixture_skeleton

    if not ID_PATTERN.match(entry_id):
        raise UsageError(f"invalid id {entry_id!r}: letters, digits, '.', '_' and '-' only")
    d = _kb_dir(directory)
    if directory is None and not (d.resolve().parent / "pyproject.toml").is_file():
        raise UsageError(f"{d} is the installed KB; run kb new in a checkout or pass --dir")
    fx = fixtures or (d.resolve().parent / "testdata" / "kb")
    entry = d / "entries" / f"{entry_id}.yaml"
    fixture = fx / entry_id
    for existing in (entry, fixture):
        if existing.exists():
            raise UsageError(f"{existing} already exists")
    entry.write_text(entry_skeleton(entry_id), encoding="utf-8")
    fixture.mkdir(parents=True)
    (fixture / "main.go").write_text(fixture_skeleton(entry_id), encoding="utf-8")
    click.echo(f"created {entry}\ncreated {fixture / 'main.go'}")
