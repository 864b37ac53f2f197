"""Text lines for what PR mode and suppressions add to a scan document (used by the text report).

Pure: document in, lines out; empty when the document has no `pr` section or nothing to say about
suppressions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analyzer.report.kbinfo import build_change_label


def _value(v: object) -> str:
    return "default" if v is None else str(v)


def _change(c: Mapping[str, Any]) -> str:
    name = c.get("godebug") or c.get("entry") or "?"
    return f"{name} [{c.get('status', 'changed')}]"


def pr_lines(document: Mapping[str, Any]) -> list[str]:
    """`Changes since REF`: the build-setting lines edited, per binary what they switch, the counts."""
    pr = document.get("pr")
    if not pr:
        return []
    counts = pr.get("findings") or {}
    out = [
        "",
        f"Changes since {pr.get('base', 'the base')}: {counts.get('new', 0)} new finding(s) "
        f"({counts.get('base', 0)} before, {counts.get('head', 0)} after)",
    ]
    if pr.get("base_error"):
        out.append(f"  the base could not be audited ({pr['base_error']}): all of it counts as new")
    deploy = pr.get("deploy") or {}
    if deploy.get("new"):
        out.append(f"  {deploy['new']} new deployment finding(s)")
    for c in pr.get("build_changes") or []:
        label = build_change_label(c).replace(" → ", " -> ").replace("∅", "none")
        where = f"{c.get('file')}:{c['line']}" if c.get("line") else str(c.get("file"))
        out.append(f"  {where}: {label}")
    for b in pr.get("binaries") or []:
        if b.get("binary") in ("added", "removed"):
            out.append(f"  {b.get('dir')}: binary {b['binary']}")
            continue
        parts = []
        if b.get("now"):
            switched = ", ".join(
                f"{c.get('godebug') or c.get('entry')} {_value(c.get('before'))} -> {_value(c.get('after'))}"
                for c in b["now"]
            )
            parts.append(f"this change switches {switched}")
        if b.get("added"):
            parts.append("the bump now changes " + ", ".join(_change(c) for c in b["added"]))
        if b.get("removed"):
            parts.append("no longer needs action: " + ", ".join(_change(c) for c in b["removed"]))
        if parts:
            out.append(f"  {b.get('dir')}: " + "; ".join(parts))
    if len(out) == 2 and not pr.get("base_error"):
        out.append("  no build-setting change")
    return out


def suppression_lines(document: Mapping[str, Any]) -> list[str]:
    """Ignores that matched nothing, or have expired: each with where it is written."""
    sup = document.get("suppressions") or {}
    out: list[str] = []
    for kind in ("expired", "unused"):
        rows = sup.get(kind) or []
        if rows:
            out += ["", f"{kind.capitalize()} suppressions ({len(rows)})"]
            for s in rows:
                until = f" (until {s['until']})" if s.get("until") else ""
                out.append(f"  {s.get('source', '')}: {s.get('entry', '')}: {s.get('reason', '')}{until}")
    return out
