"""The text report for people: the plan first, then each binary's changes in tiers, then the findings.

Pure: document in, string out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

ACTION = ("build-error", "startup-fatal", "not-preservable", "changed")
TIERS = (
    ("reached", "Changes your code reaches"),
    ("not-called", "Changes in imported code not called"),
    ("binary-wide", "Binary-wide changes"),
    ("no-use", "Changes to APIs this binary does not use"),
)


def _plan(doc: Mapping[str, Any]) -> list[str]:
    p = doc.get("plan", {})
    src = f" (from {p['from_source']})" if p.get("from_source") else ""
    policy = p.get("go_line_policy", "keep")
    go_line = "go line kept" if policy == "keep" else f"go line set to {p.get('go_line')}"
    out = [
        f"Plan: Go {p.get('from')}{src} -> Go {p.get('to')}, {go_line}; "
        f"GOOS {','.join(p.get('goos', []))}/{p.get('goarch', '')}",
    ]
    for g in p.get("go_lines", []):
        arrow = g["before"] if g.get("before") == g.get("after") else f"{g.get('before')} -> {g.get('after')}"
        out.append(f"  {g['file']}: go {arrow}")
    out.extend(f"  note: {n}" for n in p.get("notes", []))
    return out


def _mitigations(ms: list[Mapping[str, Any]], indent: str) -> list[str]:
    out = []
    for i, m in enumerate(ms):
        label = "fix" if i == 0 else "or"
        out.append(f"{indent}{label}: [{m['kind']}] {m['text']}")
    return out


def _binary(b: Mapping[str, Any]) -> list[str]:
    head = f"{b['dir']}  ({b.get('import_path', '')})"
    out = [head]
    if b.get("workspace"):
        out.append(f"  builds in workspace mode: {b['workspace']} decides the GODEBUG defaults")
    changes = b.get("changes", [])
    by_tier: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for c in changes:
        by_tier[c.get("tier", "kept")].append(c)
    if not any(by_tier[t] for t, _ in TIERS):
        out.append("  no behavior this binary has changes")
    for tier, title in TIERS:
        items = by_tier.get(tier, [])
        if not items:
            continue
        out.append(f"  {title}:")
        for c in items:
            uses = f" ({c['uses']} use{'s' if c['uses'] != 1 else ''})" if c.get("uses") else ""
            out.append(f"    {c['status']:<16} {c['entry']}{uses}: {c['reason']}")
            if tier in ("binary-wide",):
                out.extend(_mitigations(c.get("mitigations", []), "      "))
    kept = by_tier.get("kept", [])
    if kept:
        groups: dict[str, list[str]] = defaultdict(list)
        for c in kept:
            groups[c["status"]].append(c["entry"])
        for status in sorted(groups):
            names = ", ".join(sorted(groups[status]))
            out.append(f"  {status} ({len(groups[status])}): {names}")
    return out


def _finding(f: Mapping[str, Any]) -> list[str]:
    bins = ", ".join(f.get("binaries", [])) or ("test binary" if f.get("test") else "no binary")
    out = [
        f"{f['file']}:{f['line']}:{f['column']}: {f['entry']} [{f['status']}] {f['package']}.{f['symbol']}"
    ]
    if f.get("text"):
        out.append(f"    {f['text']}")
    out.append(f"    {f['reason']}")
    out.append(f"    binaries: {bins}")
    out.extend(_mitigations(f.get("mitigations", []), "    "))
    return out


def _section(title: str, items: list[Mapping[str, Any]]) -> list[str]:
    if not items:
        return []
    out = ["", f"{title} ({len(items)})", ""]
    for f in items:
        out.extend(_finding(f))
    return out


def render_text(document: Mapping[str, Any]) -> str:
    """The whole report as text."""
    out = _plan(document)
    for b in document.get("binaries", []):
        out.append("")
        out.extend(_binary(b))
    findings = [f for f in document.get("findings", []) if not f.get("suppressed")]
    shipped = [f for f in findings if not f.get("test")]
    action = [f for f in shipped if f["status"] in ACTION]
    out += _section("Findings that need action", action)
    out += _section(
        "In code the binaries import but do not call",
        [f for f in shipped if f["status"] == "imported-not-called"],
    )
    out += _section(
        "Advice for consumers of library modules", [f for f in shipped if f["status"] == "advice"]
    )
    quiet = [f for f in shipped if f["status"] in ("preserved", "mitigated", "unreached")]
    if quiet:
        counts: dict[str, int] = defaultdict(int)
        for f in quiet:
            counts[f["status"]] += 1
        out += [
            "",
            "Uses that keep their behavior or are not linked in: "
            + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())),
        ]
        out.extend(f"  {f['file']}:{f['line']}: {f['entry']} [{f['status']}] {f['reason']}" for f in quiet)
    tests = [f for f in findings if f.get("test") and f["status"] in ACTION]
    out += _section("In test files (their test binaries only)", tests)
    for d in document.get("deploy", []):
        out.append(
            f"deploy: {d.get('file', '')}:{d.get('line', '')}: {d.get('status', '')} {d.get('text', '')}"
        )
    skipped = document.get("skipped", [])
    if skipped:
        out += ["", f"Skipped ({len(skipped)}):"]
        out.extend(
            f"  {s['file']}{':' + str(s['line']) if s.get('line') else ''}: {s['reason']}" for s in skipped
        )
    summary = document.get("summary", {}).get("findings", {})
    total = sum(n for s, n in summary.items() if s in ACTION)
    out += [
        "",
        f"{total} finding{'s need' if total != 1 else ' needs'} action; "
        + (", ".join(f"{n} {s}" for s, n in summary.items()) or "no findings"),
    ]
    return "\n".join(out) + "\n"
