#!/usr/bin/env python3
"""Compare the scanner's uses with the go/types oracle's: recall, precision, misses and extras.

Usage: compare.py ORACLE.json OURS.json [--root TREE] [--unresolved UNRES.json] [--targets T.json]
                  [--by symbol|file] [--limit N] [--json OUT]

Both inputs are `{"uses": [{file, line, column, package, symbol, kind, ...}]}`. A use matches when
file, line, column, package and symbol agree; a matched use whose kind differs is counted apart.
An extra (ours, not the oracle's) at a selector the oracle could not type (--unresolved, written by
the oracle's -unresolved flag) is an oracle limit, not a scanner error, and is listed separately.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Key = tuple[str, int, int, str, str]


@dataclass
class Comparison:
    """The outcome of comparing two use lists."""

    matched: list[Key] = field(default_factory=list)
    kind_mismatch: list[tuple[Key, str, str]] = field(default_factory=list)
    misses: list[Key] = field(default_factory=list)
    extras: list[Key] = field(default_factory=list)
    oracle_limited: list[Key] = field(default_factory=list)

    @property
    def recall(self) -> float:
        found = len(self.matched)
        return found / (found + len(self.misses)) if found + len(self.misses) else 1.0

    @property
    def precision(self) -> float:
        """Precision counting oracle-limited extras as neither right nor wrong."""
        found = len(self.matched)
        return found / (found + len(self.extras)) if found + len(self.extras) else 1.0


def load_uses(path: str) -> list[dict[str, Any]]:
    """Read a `{"uses": [...]}` document (a bare list is accepted too)."""
    data = json.loads(Path(path).read_text())
    uses = data["uses"] if isinstance(data, dict) else data
    return list(uses or [])


def key_of(use: dict[str, Any]) -> Key:
    return (use["file"], int(use["line"]), int(use["column"]), use["package"], use["symbol"])


def load_targets(path: str) -> set[tuple[str, str]]:
    """Targets from a `[{package, symbol}]` list or `kb list --format json` output."""
    data = json.loads(Path(path).read_text())
    apis: list[dict[str, Any]] = []
    if isinstance(data, list):
        apis = data
    else:
        for entry in data.get("entries", []):
            apis.extend(entry.get("affects", []))
            apis.extend(entry.get("neutralizers", []))
    return {(a["package"], a["symbol"]) for a in apis}


def compare(
    oracle: list[dict[str, Any]],
    ours: list[dict[str, Any]],
    unresolved: set[tuple[str, int, int]] | None = None,
    targets: set[tuple[str, str]] | None = None,
) -> Comparison:
    """Match the two lists on (file, line, column, package, symbol)."""

    def keep(u: dict[str, Any]) -> bool:
        return targets is None or (u["package"], u["symbol"]) in targets

    want = {key_of(u): u for u in oracle if keep(u)}
    got = {key_of(u): u for u in ours if keep(u)}
    out = Comparison()
    for k in sorted(want):
        if k in got:
            out.matched.append(k)
            if want[k]["kind"] != got[k]["kind"]:
                out.kind_mismatch.append((k, want[k]["kind"], got[k]["kind"]))
        else:
            out.misses.append(k)
    for k in sorted(got):
        if k in want:
            continue
        if unresolved is not None and (k[0], k[1], k[2]) in unresolved:
            out.oracle_limited.append(k)
        else:
            out.extras.append(k)
    return out


class SourceLines:
    """Reads source lines lazily for triage listings."""

    def __init__(self, root: str | None) -> None:
        self.root = Path(root) if root else None
        self.cache: dict[str, list[str]] = {}

    def line(self, file: str, line: int) -> str:
        if self.root is None:
            return ""
        if file not in self.cache:
            try:
                self.cache[file] = (self.root / file).read_text(errors="replace").splitlines()
            except OSError:
                self.cache[file] = []
        lines = self.cache[file]
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def by_symbol(cmp: Comparison) -> list[tuple[str, int, int, int, int]]:
    """(package.symbol, matched, misses, extras, oracle-limited) rows, sorted."""
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for idx, keys in enumerate((cmp.matched, cmp.misses, cmp.extras, cmp.oracle_limited)):
        for k in keys:
            rows[f"{k[3]}.{k[4]}"][idx] += 1
    return [(s, *v) for s, v in sorted(rows.items())]  # type: ignore[misc]


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def render(cmp: Comparison, src: SourceLines, by: str, limit: int) -> str:
    """The text report."""
    lines = [
        f"oracle uses: {len(cmp.matched) + len(cmp.misses)}  ours: {len(cmp.matched) + len(cmp.extras)}"
        f" (+{len(cmp.oracle_limited)} at selectors the oracle could not type)",
        f"matched: {len(cmp.matched)}  misses: {len(cmp.misses)}  extras: {len(cmp.extras)}"
        f"  kind mismatches: {len(cmp.kind_mismatch)}",
        f"recall: {cmp.recall:.4f}  precision: {cmp.precision:.4f}",
        "",
    ]
    if by == "symbol":
        head = ("symbol", "match", "miss", "extra", "olim", "recall", "prec")
        lines.append(f"{head[0]:48} " + " ".join(f"{h:>6}" for h in head[1:]))
        for sym, m, mi, ex, ol in by_symbol(cmp):
            lines.append(
                f"{sym:48} {m:6} {mi:6} {ex:6} {ol:6} {ratio(m, m + mi):>7} {ratio(m, m + ex):>7}"
            )
        lines.append("")
    elif by == "file":
        per: Counter[str] = Counter(k[0] for k in cmp.misses + cmp.extras)
        for f, n in per.most_common(limit):
            lines.append(f"{n:6}  {f}")
        lines.append("")
    if cmp.kind_mismatch:
        counts = Counter(f"{k[3]}.{k[4]}: oracle {a}, ours {b}" for k, a, b in cmp.kind_mismatch)
        lines.append("kind mismatches:")
        lines.extend(f"  {n:5}  {what}" for what, n in counts.most_common())
        for k, a, b in cmp.kind_mismatch[:limit]:
            where = f"{k[0]}:{k[1]}:{k[2]} {k[3]}.{k[4]}"
            lines.append(f"  {where} oracle={a} ours={b}  | {src.line(k[0], k[1])}")
        lines.append("")
    sections = (("misses", cmp.misses), ("extras", cmp.extras), ("oracle-limited", cmp.oracle_limited))
    for title, keys in sections:
        if not keys:
            continue
        lines.append(f"{title} ({len(keys)}):")
        for k in keys[:limit]:
            lines.append(f"  {k[0]}:{k[1]}:{k[2]} {k[3]}.{k[4]}  | {src.line(k[0], k[1])}")
        if len(keys) > limit:
            lines.append(f"  ... {len(keys) - limit} more")
        lines.append("")
    return "\n".join(lines)


def as_json(cmp: Comparison, src: SourceLines) -> dict[str, Any]:
    """A machine-readable summary with every miss and extra and its source line."""

    def row(k: Key) -> dict[str, Any]:
        return {"file": k[0], "line": k[1], "column": k[2], "package": k[3], "symbol": k[4],
                "text": src.line(k[0], k[1])}

    return {
        "oracle": len(cmp.matched) + len(cmp.misses),
        "ours": len(cmp.matched) + len(cmp.extras),
        "matched": len(cmp.matched),
        "recall": cmp.recall,
        "precision": cmp.precision,
        "kind_mismatch": [dict(row(k), oracle_kind=a, our_kind=b) for k, a, b in cmp.kind_mismatch],
        "misses": [row(k) for k in cmp.misses],
        "extras": [row(k) for k in cmp.extras],
        "oracle_limited": [row(k) for k in cmp.oracle_limited],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("oracle")
    ap.add_argument("ours")
    ap.add_argument("--root", help="tree the paths are relative to (to print source lines)")
    ap.add_argument("--unresolved", help="the oracle's -unresolved output")
    ap.add_argument("--targets", help="compare only these symbols (list or kb list JSON)")
    ap.add_argument("--by", choices=["symbol", "file", "none"], default="none")
    ap.add_argument("--limit", type=int, default=50, help="rows listed per section")
    ap.add_argument("--json", dest="json_out", help="also write a JSON summary here")
    args = ap.parse_args(argv)
    unresolved = None
    if args.unresolved:
        data = json.loads(Path(args.unresolved).read_text())
        unresolved = {(u["file"], int(u["line"]), int(u["column"])) for u in data.get("unresolved") or []}
    targets = load_targets(args.targets) if args.targets else None
    cmp = compare(load_uses(args.oracle), load_uses(args.ours), unresolved, targets)
    src = SourceLines(args.root)
    sys.stdout.write(render(cmp, src, args.by, args.limit) + "\n")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(as_json(cmp, src), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
