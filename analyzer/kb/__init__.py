"""The knowledge base: reviewed YAML entries (knowledge/entries/*.yaml) loaded into `analyzer.model.Entry`.

Public API: `default_dir`, `load_entries`, `settings`, `entry_by_id`. The format is documented in
knowledge/FORMAT.md and checked against knowledge/schema.json (JSON Schema draft 2020-12).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from analyzer.errors import KnowledgeError
from analyzer.model import Entry, GodebugSetting

__all__ = ["KnowledgeError", "default_dir", "entry_by_id", "load_entries", "settings"]

_PACKAGE = Path(__file__).resolve().parent.parent  # analyzer/


def default_dir() -> Path:
    """The shipped KB: the checkout's `knowledge/` in a source tree, `analyzer/knowledge` in a wheel.

    (`analyzer/knowledge` is a symlink to `../knowledge` in the repository, so setuptools packs the KB
    into the wheel as package data.)
    """
    checkout = _PACKAGE.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "knowledge" / "entries").is_dir():
        return checkout / "knowledge"
    return _PACKAGE / "knowledge"


@lru_cache(maxsize=8)
def _load(directory: Path) -> tuple[Entry, ...]:
    from analyzer.kb.loader import load_directory

    return load_directory(directory)


def load_entries(directory: Path | None = None) -> tuple[Entry, ...]:
    """Every entry of a KB directory (default: the shipped KB), sorted by id.

    Raises KnowledgeError naming the file and line of the first invalid entry. Results are cached per
    directory.
    """
    return _load((directory or default_dir()).resolve())


def settings(entries: Iterable[Entry]) -> tuple[GodebugSetting, ...]:
    """The GODEBUG settings the entries describe, sorted by name (one per name).

    When several entries carry a setting, the one whose id is the setting name wins (it is the entry
    tools/gen_settings.py keeps in sync with Go's tables), else the first by id.
    """
    by_name: dict[str, GodebugSetting] = {}
    for e in sorted(entries, key=lambda e: (e.godebug is None or e.id != e.godebug.name, e.id)):
        if e.godebug is not None:
            by_name.setdefault(e.godebug.name, e.godebug)
    return tuple(by_name[k] for k in sorted(by_name))


def entry_by_id(entries: Iterable[Entry], entry_id: str) -> Entry:
    """The entry with that id; KnowledgeError when there is none."""
    for e in entries:
        if e.id == entry_id:
            return e
    raise KnowledgeError(f"no knowledge-base entry {entry_id!r}")
