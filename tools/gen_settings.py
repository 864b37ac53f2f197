#!/usr/bin/env python3
"""Write the `godebug` block of knowledge/entries/<name>.yaml for every setting Go's tables have had.

Reads `src/internal/godebugs/table.go` (All and Removed) of each GOROOT given (default: the seven toolchains
of this environment), and for every setting in any All or Removed list creates or updates its entry file.
Only the `godebug:` block is rewritten; every other field (and comment) stays as written by hand.

Table-derived fields (name, package, changed, old, opaque, immutable, removed) always follow the newest
table that lists the setting. Hand-written fields are kept: `new` (derived when old is "0"/"1"),
`before_introduced`, and `known_since` as long as it agrees with which installed toolchains list the
setting (it may name patch releases the tables here cannot show, e.g. backports). Disagreements and
gaps (a setting missing from an installed minor's table but present in an older one) are reported.

    python tools/gen_settings.py [--entries DIR] [--check] [GOROOT ...]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.kb.table import read_table  # noqa: E402
from analyzer.model import GodebugSetting  # noqa: E402
from analyzer.versions import GoVersion  # noqa: E402

OLDER = ("1.21.13", "1.22.10", "1.23.9", "1.24.11", "1.25.5", "1.26.6")
@dataclass
class Info:
    name: str
    package: str = ""
    changed: int | None = None
    old: str | None = None
    opaque: bool = False
    immutable: bool = False


@dataclass
class Table:
    version: GoVersion
    all: dict[str, Info] = field(default_factory=dict)
    removed: dict[str, tuple[int, str | None]] = field(default_factory=dict)  # name -> (minor, old)


def read_tables(goroots: list[Path]) -> list[Table]:
    """The tables of the GOROOTs, oldest toolchain first (analyzer.kb.table does the parsing)."""
    tables = []
    for g in goroots:
        t = read_table(g)
        if t.version is None:
            raise SystemExit(f"gen_settings: {g}/VERSION names no Go version")
        tables.append(Table(
            t.version,
            {n: Info(n, i.package, i.changed, i.old, i.opaque, i.immutable) for n, i in t.all.items()},
            {n: (r.removed, r.old) for n, r in t.removed.items()},
        ))
    return sorted(tables, key=lambda t: t.version)


def default_goroots() -> list[Path]:
    roots = [Path(f"/work/go/{v}/go") for v in OLDER]
    go = shutil.which("go") or "/work/venv/bin/go"
    try:
        out = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, check=False,
                             env={**os.environ, "GOTOOLCHAIN": "local", "GOFLAGS": ""})
    except OSError:
        out = None
    if out is not None and out.returncode == 0 and out.stdout.strip():
        roots.append(Path(out.stdout.strip()))
    return [r for r in roots if (r / "src/internal/godebugs/table.go").is_file()]


def computed_known_since(name: str, tables: list[Table]) -> tuple[list[str], list[str]]:
    """known_since from presence in All (one `1.M` for the first minor listing it) and warnings for gaps."""
    present = [t for t in tables if name in t.all]
    warnings: list[str] = []
    if not present:
        return [], warnings
    first = present[0].version
    for t in tables:
        if t.version > first and name not in t.all and not any(
            name in u.removed and u.removed[name][0] <= t.version.minor for u in tables
        ) and any(u.version > t.version and name in u.all for u in tables):
            warnings.append(f"absent from {t.version}'s table but listed by a later one: a later "
                            f"1.{t.version.minor} patch may have it (backport); set known_since by hand")
    info = present[-1].all[name]
    if info.changed is not None and info.changed < first.minor and first > tables[0].version:
        warnings.append(f"Changed is {info.changed} but no installed table before {first} lists it: "
                        f"probably backported to 1.{info.changed}..1.{first.minor - 1} patches; "
                        "set known_since by hand")
    return [f"1.{first.minor}"], warnings


def agrees(known_since: list[str], name: str, tables: list[Table], removed: int | None) -> bool:
    """Whether a known_since list predicts exactly which tables list the setting in All."""
    try:
        versions = tuple(GoVersion.parse(v) for v in known_since)
    except ValueError:
        return False
    s = GodebugSetting(name=name, package="", old=None, new=None, changed=None, known_since=versions,
                       removed=removed)
    return all(s.known_by(t.version) == (name in t.all) for t in tables)


_GODEBUG_LINE = re.compile(r"^godebug:.*$", re.M)


def _existing_block(text: str) -> dict[str, object]:
    import yaml

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return {}
    block = data.get("godebug") if isinstance(data, dict) else None
    return block if isinstance(block, dict) else {}


def _q(v: object) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_block(values: dict[str, object]) -> str:
    keys = ("name", "package", "old", "new", "changed", "known_since", "removed", "opaque", "immutable",
            "before_introduced")
    lines = ["godebug:"]
    for k in keys:
        v = values.get(k)
        if k == "known_since":
            items = v if isinstance(v, list) else []
            lines.append(f"  {k}: [{', '.join(_q(x) for x in items)}]")
        elif k == "name":
            lines.append(f"  {k}: {v}")
        else:
            lines.append(f"  {k}: {_q(v)}")
    return "\n".join(lines) + "\n"


def replace_block(text: str, block: str) -> str:
    """Put `block` in place of the file's top-level godebug mapping (or before `affects:`/at the end)."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if _GODEBUG_LINE.match(ln)), None)
    if start is None:
        at = next((i for i, ln in enumerate(lines) if re.match(r"^(affects|neutralizers|mitigations|metric|"
                                                                 r"references|notes):", ln)), len(lines))
        if at == len(lines) and lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        return "".join([*lines[:at], block, *lines[at:]])
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    # keep blank lines that separate the block from the next key
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return "".join([*lines[:start], block, *lines[end:]])


def skeleton(name: str, info: Info, go: str) -> str:
    """A new setting's entry: loads, but `kb validate` rejects its TODO placeholders until filled in."""
    kind = "library"
    if info.package.startswith("cmd/"):
        kind = "toolchain"
    elif info.package == "runtime":
        kind = "runtime"
    return (
        f"id: {name}\n"
        f'title: "TODO: what the new behavior of {info.package} is ({name})"\n'
        f'go: "{go}"\n'
        f"kind: {kind}\n"
        "severity: medium\n"
        "summary: >-\n"
        f"  TODO: what the {name} setting changed in {info.package}, for whom, and the old behavior.\n"
        "references:\n"
        f"  - https://go.dev/doc/godebug#go-{go.replace('.', '')[:3]}\n"
    )


def _opt_int(v: object) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _opt_str(v: object) -> str | None:
    return v if isinstance(v, str) else None


def setting_values(
    name: str, tables: list[Table], existing: dict[str, object]
) -> tuple[dict[str, object], list[str]]:
    """The godebug block of one setting: table facts where the given tables have them, else what exists."""
    listing = [t for t in tables if name in t.all]
    if listing:
        info = listing[-1].all[name]
    else:  # only in Removed lists, or in none of these tables: keep the recorded facts
        info = Info(name, package=str(existing.get("package", "")), changed=_opt_int(existing.get("changed")),
                    old=None, opaque=bool(existing.get("opaque")), immutable=bool(existing.get("immutable")))
    removed_rows = [t.removed[name] for t in tables if name in t.removed]
    removed = removed_rows[-1][0] if removed_rows else _opt_int(existing.get("removed"))
    old = info.old if info.old is not None else (removed_rows[-1][1] if removed_rows else None)
    if old is None:
        old = _opt_str(existing.get("old"))
    new = existing.get("new")
    if new is None and old in ("0", "1"):
        new = "1" if old == "0" else "0"
    computed, warnings = computed_known_since(name, tables)
    hand = existing.get("known_since")
    known: list[str] = computed
    if isinstance(hand, list) and [str(x) for x in hand] != computed:
        if agrees([str(x) for x in hand], name, tables, removed):
            known, warnings = [str(x) for x in hand], []
        else:
            warnings.append(f"hand-written known_since {hand} disagrees with the tables; using {computed}")
    elif isinstance(hand, list) and not warnings:
        known = [str(x) for x in hand]
    return {
        "name": name,
        "package": info.package,
        "old": old,
        "new": new,
        "changed": info.changed,
        "known_since": known,
        "removed": removed,
        "opaque": info.opaque,
        "immutable": info.immutable,
        "before_introduced": existing.get("before_introduced"),
    }, warnings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("goroots", nargs="*", type=Path)
    ap.add_argument("--entries", type=Path, default=ROOT / "knowledge" / "entries")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    args = ap.parse_args(argv)
    tables = read_tables(args.goroots or default_goroots())
    if not tables:
        print("gen_settings: no GOROOT with src/internal/godebugs/table.go", file=sys.stderr)
        return 2
    names = sorted({n for t in tables for n in (*t.all, *t.removed)})
    changed_files = 0
    args.entries.mkdir(parents=True, exist_ok=True)
    for name in names:
        path = args.entries / f"{name}.yaml"
        text = path.read_text() if path.exists() else ""
        existing = _existing_block(text)
        values, warnings = setting_values(name, tables, existing)
        for w in warnings:
            print(f"{path.name}: {w}", file=sys.stderr)
        if not text:
            listing = [t for t in tables if name in t.all]
            info = listing[-1].all[name] if listing else Info(name)
            go = f"1.{info.changed}" if info.changed else str(values["known_since"][0]) if values[  # type: ignore[index]
                "known_since"] else "1.21"
            text = skeleton(name, info, go)
        new_text = replace_block(text, render_block(values))
        if new_text != text or not path.exists():
            changed_files += 1
            if not args.check:
                path.write_text(new_text)
    print(f"gen_settings: {len(names)} settings from {', '.join(str(t.version) for t in tables)}; "
          f"{changed_files} file(s) {'would change' if args.check else 'written'}", file=sys.stderr)
    return 1 if args.check and changed_files else 0


if __name__ == "__main__":
    sys.exit(main())
