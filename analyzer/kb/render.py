"""Pure renderers of KB entries: the `kb list` JSON document, `kb list` text, and `explain` text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from analyzer.model import Entry


def list_document(entries: Sequence[Entry]) -> dict[str, Any]:
    """`{"entries": [{"id", "go", "kind", "godebug": {...} | null, "affects": [{"package", "symbol"}]}]}`."""
    out = []
    for e in entries:
        g = e.godebug
        out.append({
            "id": e.id,
            "go": str(e.go),
            "kind": e.kind.value,
            "godebug": None if g is None else {
                "name": g.name,
                "package": g.package,
                "old": g.old,
                "new": g.new,
                "removed": g.removed,
                "opaque": g.opaque,
                "immutable": g.immutable,
            },
            "affects": [{"package": a.package, "symbol": a.symbol} for a in e.affects],
        })
    return {"entries": out}


def list_text(entries: Sequence[Entry]) -> str:
    """One line per entry: id, Go version, kind, setting, API count, title."""
    rows = [
        (e.id, str(e.go), e.kind.value, e.godebug.name if e.godebug else "-", str(len(e.affects)), e.title)
        for e in entries
    ]
    if not rows:
        return ""
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    return "".join(
        "  ".join(c.ljust(w) for c, w in zip(r[:5], widths, strict=True)) + "  " + r[5] + "\n" for r in rows
    )


def explain_text(e: Entry) -> str:
    """An entry for people: what changed, the setting, affected APIs, ways to keep the old behavior."""
    lines = [f"{e.id}: {e.title}", "", f"Go {e.go} · {e.kind.value} · severity {e.severity.value}"
             + (f" · only on {', '.join(e.platforms)}" if e.platforms else ""), "", e.summary, ""]
    g = e.godebug
    if g is not None:
        gated = f"go lines before 1.{g.changed} default to {g.name}={g.old}" if g.changed is not None \
            else "not go-line gated"
        known = ", ".join(str(v) for v in g.known_since) or "no toolchain with a GODEBUG table"
        old = g.old if g.old is not None else "-"
        new = g.new if g.new is not None else "-"
        removed = f"; removed in 1.{g.removed}" if g.removed is not None else ""
        lines += [f"GODEBUG {g.name} (package {g.package})", f"  old value: {old}   new value: {new}",
                  f"  {gated}", f"  known since: {known}{removed}"]
        flags = [w for w, on in (("opaque (no metric)", g.opaque), ("immutable after start", g.immutable))
                 if on]
        if flags:
            lines.append("  " + ", ".join(flags))
        if g.before_introduced is not None:
            lines.append(f"  before the setting existed the behavior was {g.name}={g.before_introduced}")
        if e.metric:
            lines.append(f"  metric: {e.metric}")
        lines.append("")
    if e.affects:
        lines.append("Affected APIs:")
        for a in e.affects:
            touch = ",".join(t.value for t in a.touch)
            lines.append(f"  {a.package}.{a.symbol} ({touch})")
            for c in a.conditions:
                what = c.when + (f" #{c.arg}" if c.arg is not None else "") + \
                    (f" ~ {c.matches!r}" if c.matches else "") + (f" {c.field}" if c.field else "")
                lines.append(f"    {what}: {c.effect.value}" + (f" — {c.reason}" if c.reason else ""))
        lines.append("")
    if e.neutralizers:
        lines.append("Already handled when the code uses:")
        lines += [f"  {n.package}.{n.symbol} (same {n.scope})" + (f" — {n.reason}" if n.reason else "")
                  for n in e.neutralizers]
        lines.append("")
    if e.mitigations:
        lines.append("Keeping the old behavior (least visible first):")
        for m in e.mitigations:
            span = []
            if m.min_go:
                span.append(f"Go {m.min_go}+")
            if m.until:
                span.append(f"not from Go {m.until}")
            lines.append(f"  [{m.kind.value}] {m.text}" + (f" ({'; '.join(span)})" if span else ""))
        lines.append("")
    if e.notes:
        lines += ["Notes:", f"  {e.notes}", ""]
    if e.references:
        lines += ["References:", *(f"  {r}" for r in e.references)]
    return "\n".join(lines).rstrip() + "\n"
