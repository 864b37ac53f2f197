"""What each deployment file holds, kept by the file's stat (analyzer/statcache.py) between runs.

A warm run stats every file of the tree and reads only those whose stat changed: reading and sniffing
every file was most of the deployment stage on a tree the size of kops. Only facts derived from a
file's content are kept, never a read error.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from analyzer.deploy.walk import Candidate, FileKind
from analyzer.model import EnvOp, EnvSetting, EnvSource, Skipped
from analyzer.statcache import StatCache, code_version


@dataclass(frozen=True)
class FileFacts:
    """One file's kind (None: not a deployment file) and the settings and problems its content holds."""

    kind: FileKind | None
    settings: tuple[EnvSetting, ...] = ()
    skipped: tuple[Skipped, ...] = ()


@cache
def finders_version() -> str:
    """A digest of the code that reads deployment files (and of YAML's loader): entries never outlive it."""
    import yaml

    here = Path(__file__).parent
    loader = "c" if getattr(yaml, "__with_libyaml__", False) else "py"
    files = [*here.glob("*.py"), here.parent / "model.py", here.parent / "safeio.py"]
    return f"{code_version(files)}-{yaml.__version__}-{loader}"


def _setting_json(s: EnvSetting) -> list[Any]:
    return [
        s.file, s.line, s.column, s.variable, s.value, s.source.value, s.op.value, list(s.binaries),
        s.context, s.note, s.verbatim,
    ]


def _setting_of(x: list[Any]) -> EnvSetting:
    if len(x) != 11:
        raise ValueError("a setting has 11 fields")
    return EnvSetting(
        str(x[0]), int(x[1]), int(x[2]), str(x[3]), x[4], EnvSource(x[5]), EnvOp(x[6]), tuple(x[7]),
        str(x[8]), str(x[9]), bool(x[10]),
    )


def to_json(f: FileFacts) -> Any:
    """The JSON form of a file's facts."""
    return [
        f.kind.value if f.kind is not None else None,
        [_setting_json(s) for s in f.settings],
        [[s.file, s.reason, s.line] for s in f.skipped],
    ]


def from_json(x: Any) -> FileFacts:
    """The facts of their JSON form (KeyError, TypeError, ValueError or IndexError when malformed)."""
    kind, settings, skipped = x
    return FileFacts(
        FileKind(kind) if kind is not None else None,
        tuple(_setting_of(s) for s in settings),
        tuple(Skipped(str(f), str(r), line if line is None else int(line)) for f, r, line in skipped),
    )


class FindingsCache:
    """The stored facts of one root's files; without a directory it stores nothing."""

    def __init__(self, cache_dir: Path | None, root: Path) -> None:
        self._cache = StatCache(cache_dir, "deploy", finders_version(), root.resolve())

    def get(self, c: Candidate) -> FileFacts | None:
        """The stored facts of a file whose stat is unchanged, else None."""
        return self._cache.load(c.rel, c.stat, from_json)

    def put(self, c: Candidate, facts: FileFacts | Skipped) -> None:
        """Remember a file's facts read from its content (a Skipped, a read error, is never kept)."""
        if not isinstance(facts, Skipped):
            self._cache.put(c.rel, c.stat, to_json(facts))

    def save(self) -> None:
        self._cache.save()
