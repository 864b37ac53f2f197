"""Go's GODEBUG tables: parse `src/internal/godebugs/table.go` (All and Removed) of a GOROOT."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.versions import GoVersion

_FIELD = re.compile(r'(\w+):\s*("(?:[^"\\]|\\.)*"|true|false|\d+|\w+)')
TABLE_PATH = Path("src") / "internal" / "godebugs" / "table.go"


@dataclass(frozen=True)
class TableInfo:
    """One row of `godebugs.All`."""

    name: str
    package: str = ""
    changed: int | None = None
    old: str | None = None
    opaque: bool = False
    immutable: bool = False
    line: int = 0


@dataclass(frozen=True)
class RemovedInfo:
    """One row of `godebugs.Removed` (Go 1.26+); `old` from the row's `// Old: "1"` comment or predicate."""

    name: str
    removed: int
    old: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Table:
    """A toolchain's table: its version (from GOROOT/VERSION) and rows by name."""

    version: GoVersion | None
    all: dict[str, TableInfo] = field(default_factory=dict)
    removed: dict[str, RemovedInfo] = field(default_factory=dict)
    path: str = ""


def _rows(text: str, var: str) -> list[tuple[int, str]]:
    start = text.find(f"var {var} = []")
    if start < 0:
        return []
    end = text.find("\n}\n", start)
    first = text.count("\n", 0, start) + 1
    out = []
    for i, line in enumerate(text[start:end].splitlines()):
        s = line.strip()
        if s.startswith("{Name:"):
            out.append((first + i, s))
    return out


def _unquote(s: str) -> str:
    return s[1:-1] if len(s) >= 2 and s[0] == s[-1] == '"' else s


def parse_table(text: str, version: GoVersion | None = None, path: str = "") -> Table:
    """The All and Removed lists of one table.go (commented-out rows are skipped)."""
    all_rows: dict[str, TableInfo] = {}
    for n, row in _rows(text, "All"):
        f = dict(_FIELD.findall(row.split("}", 1)[0]))
        name = _unquote(f["Name"])
        all_rows[name] = TableInfo(
            name=name,
            package=_unquote(f.get("Package", '""')),
            changed=int(f["Changed"]) if "Changed" in f else None,
            old=_unquote(f["Old"]) if "Old" in f else None,
            opaque=f.get("Opaque") == "true",
            immutable=f.get("Immutable") == "true",
            line=n,
        )
    removed: dict[str, RemovedInfo] = {}
    for n, row in _rows(text, "Removed"):
        f = dict(_FIELD.findall(row.split("}", 1)[0]))
        name = _unquote(f["Name"])
        m = re.search(r'//\s*Old:\s*"([^"]*)"', row)
        old = m.group(1) if m else {"one": "1", "zero": "0"}.get(f.get("Old", ""))
        removed[name] = RemovedInfo(name=name, removed=int(f["Removed"]), old=old, line=n)
    return Table(version=version, all=all_rows, removed=removed, path=path)


def goroot_version(goroot: Path) -> GoVersion | None:
    """The toolchain version named by GOROOT/VERSION (`go1.27.3`), None when absent or unparsable."""
    try:
        first = (goroot / "VERSION").read_text(encoding="utf-8").splitlines()[0].strip()
    except (OSError, IndexError):
        return None
    return GoVersion.try_parse(first)


def read_table(goroot: Path) -> Table:
    """The table of a GOROOT; OSError when it has no src/internal/godebugs/table.go."""
    path = goroot / TABLE_PATH
    return parse_table(path.read_text(encoding="utf-8"), goroot_version(goroot), str(path))
