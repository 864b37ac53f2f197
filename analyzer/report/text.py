"""The text report for people: the plan first, then each binary's changes in tiers, then the findings.

Pure: document in, string out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from analyzer.report.ci_text import pr_lines, suppression_lines

ACTION = ("build-error", "startup-fatal", "not-preservable", "changed")
ORDER = (*ACTION, "imported-not-called", "unreached", "advice", "mitigated", "preserved")
TIERS = (
    ("reached", "Changes your code reaches"),
    ("not-called", "Changes in imported code not called"),
    ("binary-wide", "Binary-wide changes"),
)
MAX_MITIGATIONS = 4
MAX_VENDOR_LISTED = 5  # more uses than this in vendored code are counted per module, not listed
MAX_VENDOR_MODULES = 10


def _plan(doc: Mapping[str, Any]) -> list[str]:
    p = doc.get("plan", {})
    src = f" (from {p['from_source']})" if p.get("from_source") else ""
    policy = p.get("go_line_policy", "keep")
    go_line = "go line kept" if policy == "keep" else f"go line moved to {p.get('go_line')}"
    out = [
        f"Plan: Go {p.get('from')}{src} -> Go {p.get('to')}, {go_line}; "
        f"GOOS {','.join(p.get('goos', []))}/{p.get('goarch', '')}",
    ]
    for g in p.get("go_lines", []):
        same = g.get("before") == g.get("after")
        out.append(f"  {g['file']}: go {g.get('before')}" + ("" if same else f" -> {g.get('after')}"))
    out.extend(f"  note: {n}" for n in p.get("notes", []))
    return out


def _mitigations(ms: Sequence[Mapping[str, Any]], indent: str, limit: int = MAX_MITIGATIONS) -> list[str]:
    out = []
    ways = 0
    for m in ms[:limit]:
        if m.get("kind") == "none":  # says no way exists: not another fix
            out.append(f"{indent}note: {m['text']}")
            continue
        out.append(f"{indent}{'fix' if ways == 0 else ' or'}: {m['text']}")
        ways += 1
    if len(ms) > limit:
        out.append(f"{indent}(+{len(ms) - limit} more in the JSON report)")
    return out


def _deploy_where(d: Mapping[str, Any]) -> str:
    return f"{d.get('file', '')}:{d['line']}" if d.get("line") else str(d.get("file", ""))


def _binary(b: Mapping[str, Any]) -> list[str]:
    out = [f"{b['dir']}  ({b.get('import_path', '')})"]
    if b.get("workspace"):
        out.append(
            f"  workspace build: {b['workspace']} decides the GODEBUG defaults (go.mod godebug lines ignored)"
        )
    for s in b.get("settings", []):
        out.append(f"  sets {s['key']}={s['value']} ({s['source']}, {s['where']})")
    for n in b.get("notes", []):
        out.append(f"  note: {n}")
    by_tier: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for c in b.get("changes", []):
        by_tier[c.get("tier", "kept")].append(c)
    if not any(by_tier.get(t) for t, _ in TIERS):
        out.append("  nothing this binary's code reaches changes")
    for tier, title in TIERS:
        items = by_tier.get(tier, [])
        if not items:
            continue
        out.append(f"  {title}:")
        for c in items:
            n = c.get("uses", 0)
            uses = f", {n} use{'s' if n != 1 else ''}" if n else ""
            out.append(f"    {c['entry']} [{c['status']}{uses}]: {c['reason']}")
            if c.get("suppressed"):
                why = c["suppressed"]
                out.append(f"      suppressed ({why.get('source', '')}): {why.get('reason', '')}")
                continue
            out.extend(_mitigations(c.get("mitigations", []), "      "))
    untouched = sorted(c["entry"] for c in by_tier.get("no-use", []))
    if untouched:
        out.append(f"  changed, but no use found in scanned code ({len(untouched)}): {', '.join(untouched)}")
    groups: dict[str, list[str]] = defaultdict(list)
    for c in by_tier.get("kept", []):
        groups[c["status"]].append(c["entry"])
    for status in sorted(groups, key=ORDER.index):
        out.append(f"  {status} ({len(groups[status])}): {', '.join(sorted(groups[status]))}")
    return out


def _titles(doc: Mapping[str, Any]) -> dict[str, str]:
    return {e["id"]: e.get("title", "") for e in doc.get("entries", [])}


def _by_entry(findings: Sequence[Mapping[str, Any]]) -> list[tuple[str, list[Mapping[str, Any]]]]:
    groups: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for f in findings:
        groups[f["entry"]].append(f)

    def rank(item: tuple[str, list[Mapping[str, Any]]]) -> tuple[int, str]:
        return (min(ORDER.index(f["status"]) for f in item[1]), item[0])

    return sorted(groups.items(), key=rank)


def _vendor_modules(findings: Sequence[Mapping[str, Any]]) -> list[tuple[str, int]]:
    """(vendored module directory, uses), most uses first; the module is guessed from the path
    (`vendor/github.com/owner/repo`, `vendor/golang.org/x/net`, else `vendor/host/name`)."""
    counts: dict[str, int] = defaultdict(int)
    for f in findings:
        parts = str(f["file"]).split("/")
        i = parts.index("vendor") if "vendor" in parts else 0
        rest = parts[i + 1 : -1]
        hosted = rest[:1] in (["github.com"], ["gitlab.com"], ["bitbucket.org"]) or rest[:2] == [
            "golang.org",
            "x",
        ]
        depth = 3 if hosted else 2
        counts["/".join(parts[: i + 1] + rest[:depth])] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _section(title: str, findings: Sequence[Mapping[str, Any]], titles: Mapping[str, str]) -> list[str]:
    if not findings:
        return []
    out = ["", f"{title} ({len(findings)})"]
    for entry, items in _by_entry(findings):
        first = items[0]
        name = f" ({first['godebug']})" if first.get("godebug") else ""
        out += ["", f"{entry}{name}: {titles.get(entry, '')}".rstrip(": ")]
        out.append(f"  {first['reason']}")
        own = [f for f in items if not f.get("vendor")]
        vendored = [f for f in items if f.get("vendor")]
        if len(vendored) <= MAX_VENDOR_LISTED:
            own, vendored = items, []
        for f in own:
            per = f.get("per_binary") or {}
            if len(set(per.values())) > 1:
                bins = ", ".join(f"{b}: {s}" for b, s in sorted(per.items()))
            else:
                bins = ", ".join(f.get("binaries", [])) or (
                    "test binary" if f.get("test") else "no binary here"
                )
            where = f"{f['file']}:{f['line']}:{f['column']}"
            name = f"{f['package']}.{f['symbol']}" if f["package"] else f["symbol"]  # loop variables
            out.append(f"  {where}: [{f['status']}] {name}  ({bins})")
            if f.get("text"):
                out.append(f"      {f['text']}")
            if f["reason"] != first["reason"]:
                out.append(f"      {f['reason']}")
        if vendored:
            out.append(f"  {len(vendored)} uses in vendored code (all in the JSON report):")
            for mod, n in _vendor_modules(vendored)[:MAX_VENDOR_MODULES]:
                out.append(f"    {mod}: {n}")
            more = len(_vendor_modules(vendored)) - MAX_VENDOR_MODULES
            if more > 0:
                out.append(f"    ... and {more} more vendored modules")
        out.extend(_mitigations(first.get("mitigations", []), "  ", 2))
    return out


def render_text(document: Mapping[str, Any]) -> str:
    """The whole report as text."""
    out = _plan(document)
    out += pr_lines(document)
    for b in document.get("binaries", []):
        out.append("")
        out.extend(_binary(b))
    titles = _titles(document)
    findings = [f for f in document.get("findings", []) if not f.get("suppressed")]
    shipped = [f for f in findings if not f.get("test")]
    out += _section("Findings that need action", [f for f in shipped if f["status"] in ACTION], titles)
    not_called = [f for f in shipped if f["status"] == "imported-not-called"]
    out += _section("In code the binaries import but never call", not_called, titles)
    out += _section(
        "Advice for consumers of library modules", [f for f in shipped if f["status"] == "advice"], titles
    )
    out += _section(
        "In test files (their test binaries only)", [f for f in findings if f.get("test")], titles
    )
    quiet = [f for f in shipped if f["status"] in ("preserved", "mitigated", "unreached")]
    if quiet:
        out += ["", f"Uses that keep their behavior or no binary links in ({len(quiet)})"]
        out.extend(f"  {f['file']}:{f['line']}: {f['entry']} [{f['status']}] {f['reason']}" for f in quiet)
    deploy = [d for d in document.get("deploy", []) if not d.get("suppressed")]
    if deploy:
        out += ["", f"Deployment environment ({len(deploy)})"]
        for d in deploy:
            bins = f" ({', '.join(d['binaries'])})" if d.get("binaries") else ""
            out.append(f"  {_deploy_where(d)}: [{d.get('category', '')}] {d.get('reason', '')}{bins}")
    suppressed = [f for f in document.get("findings", []) if f.get("suppressed")]
    accepted_deploy = [d for d in document.get("deploy", []) if d.get("suppressed")]
    if suppressed or accepted_deploy:
        out += ["", f"Suppressed ({len(suppressed) + len(accepted_deploy)})"]
        out.extend(
            f"  {f['file']}:{f['line']}: {f['entry']}: {f['suppressed'].get('reason', '')}"
            for f in suppressed
        )
        out.extend(
            f"  {_deploy_where(d)}: deploy/{d.get('category', '')}: {d['suppressed'].get('reason', '')}"
            for d in accepted_deploy
        )
    out += suppression_lines(document)
    skipped = document.get("skipped", [])
    if skipped:
        out += ["", f"Skipped ({len(skipped)})"]
        out.extend(
            f"  {s['file']}{':' + str(s['line']) if s.get('line') else ''}: {s['reason']}" for s in skipped
        )
    summary = document.get("summary", {}).get("findings", {})
    # suppressed findings stay in the counts of the document's summary; they need no action
    acting = [f for f in document.get("findings", []) if f.get("status") in ACTION]
    accepted = sum(1 for f in acting if f.get("suppressed"))
    total = len(acting) - accepted
    counts = ", ".join(f"{n} {s}" for s, n in summary.items()) or "no findings"
    if accepted:
        counts += f"; {accepted} of them suppressed"
    out += ["", f"{total} finding{'s need' if total != 1 else ' needs'} action ({counts})"]
    return "\n".join(out) + "\n"
