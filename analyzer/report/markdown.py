"""Markdown renderer for a pull-request comment.

A summary table per binary, then findings grouped by KB entry with links and mitigations; long groups
collapse into `<details>`. The comment stays under GitHub's 65,536-character limit: past the budget,
whole groups are dropped and a note says how many findings are left out. Pure: document in, string out.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from analyzer.report.kbinfo import (
    ACTION_STATUSES,
    SEVERITY_LEVEL,
    RuleInfo,
    build_change_label,
    deploy_fields,
    deploy_label,
    deploy_reason,
    document_kind,
    mitigation_label,
    reported,
    rule_info,
    use_entries,
)

GITHUB_COMMENT_LIMIT = 65_536
COLLAPSE_OVER = 5  # findings per entry shown open; more collapse into <details>
_MARKER = "<!-- godebug-audit -->"  # lets a workflow find and update its own comment


def _cell(text: object) -> str:
    """Text safe for a table cell: pipes escaped, newlines flattened."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _code(text: object) -> str:
    s = str(text).replace("\n", " ")
    fence = "``" if "`" in s else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def _change_label(change: Mapping[str, Any]) -> str:
    name = change.get("godebug") or change.get("setting") or change.get("entry") or "?"
    before, after = change.get("before"), change.get("after")
    status = f" ({change['status']})" if change.get("status") else ""
    if before is None and after is None:
        return _code(name) + status
    return f"{_code(name)} {before or '∅'} → {after or '∅'}{status}"


# a binary's changes by tier (analyzer.report.protocol), in the order the text report uses
TIERS = (
    ("reached", "Changes your code reaches"),
    ("not-called", "Changes in imported code not called"),
    ("binary-wide", "Binary-wide changes"),
    ("no-use", "Changes to APIs this binary does not use"),
)


def _acting(b: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [c for c in b.get("changes") or [] if c.get("status", "changed") in ACTION_STATUSES]


def _summary(document: Mapping[str, Any]) -> list[str]:
    """One row per binary: its changes needing action by tier, kept changes, findings open and suppressed."""
    findings = [f for f in document.get("findings") or [] if reported(f)]
    rows = [
        "| Binary | Reached by your code | Binary-wide | Changed, no use found | Kept | Findings "
        "| Suppressed |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for b in sorted(document.get("binaries") or [], key=lambda b: str(b.get("dir", ""))):
        mine = [f for f in findings if b.get("dir") in (f.get("binaries") or [])]
        open_ = sum(1 for f in mine if not f.get("suppressed"))
        acting = _acting(b)
        tiers = Counter(str(c.get("tier", "binary-wide")) for c in acting)
        # code linked in but never called needs no edit now: it counts with the changes no code uses
        reached, wide, unused = tiers["reached"], tiers["binary-wide"], tiers["no-use"] + tiers["not-called"]
        kept = len(b.get("changes") or []) - len(acting)
        name = f"{_code(b.get('dir', ''))}<br>{_cell(b.get('import_path', ''))}"
        rows.append(f"| {name} | {reached} | {wide} | {unused} | {kept} | {open_} | {len(mine) - open_} |")
    return rows


def _deploy_item(d: Mapping[str, Any]) -> str:
    where = _where(d) + (f":{d['column']}" if d.get("column") else "")
    bins = ", ".join(_code(b) for b in deploy_fields(d)[2])
    return (
        f"- {_code(where)} **{d.get('severity', '')}** {_cell(deploy_label(d))}"
        + (f" → {bins}" if bins else "")
        + f": {deploy_reason(d)}"
        + (f" — **suppressed**: {d['suppressed'].get('reason', '')}" if d.get("suppressed") else "")
    )


def _deploy_section(items: list[Mapping[str, Any]], k: int) -> str:
    """The first k deployment findings (GODEBUG, GC and GOMAXPROCS settings in manifests, scripts, units
    and code): those that need action open, the rest collapsed when there are many."""
    shown = items[:k]
    urgent = [
        d
        for d in shown
        if SEVERITY_LEVEL.get(str(d.get("severity")), "warning") == "error" and not d.get("suppressed")
    ]
    rest = [d for d in shown if d not in urgent]
    lines = [_deploy_item(d) for d in urgent]
    if rest and len(shown) > COLLAPSE_OVER:
        listing = "\n".join(_deploy_item(d) for d in rest)
        lines.append(f"\n<details><summary>{len(rest)} more</summary>\n\n{listing}\n\n</details>")
    else:
        lines += [_deploy_item(d) for d in rest]
    return f"### Deployment environment ({len(items)})\n\n" + "\n".join(lines)


def _binary_section(b: Mapping[str, Any], k: int) -> str:
    """The first k changes needing action of one binary, by tier, collapsed."""
    acting = _acting(b)
    shown = acting[:k]
    parts = []
    for tier, title in TIERS:
        items = [c for c in shown if c.get("tier", "binary-wide") == tier]
        if not items:
            continue
        lines = []
        for c in items:
            entry = (
                f" ({_code(c['entry'])})" if c.get("godebug") and c.get("entry") != c.get("godebug") else ""
            )
            lines.append(f"- {_change_label(c)}{entry}: {c.get('reason', '')}")
            if c.get("suppressed"):
                lines[-1] += f" — **suppressed**: {c['suppressed'].get('reason', '')}"
            elif tier == "binary-wide":  # no finding carries these mitigations
                lines.extend(f"  - {mitigation_label(m)}" for m in c.get("mitigations") or [])
        parts.append(f"**{title}**\n\n" + "\n".join(lines))
    # <summary> is HTML: markdown code spans do not render there
    summary = f"<code>{html.escape(str(b.get('dir', '')))}</code>: {len(acting)} change(s) need action"
    return f"<details><summary>{summary}</summary>\n\n" + "\n\n".join(parts) + "\n\n</details>"


def _finding_item(f: Mapping[str, Any], mitigations: bool = True, reason: bool = True) -> str:
    where = f"{f.get('file')}:{f.get('line')}" + (f":{f['column']}" if f.get("column") else "")
    symbol = f"{f.get('package', '')}.{f.get('symbol', '')}".strip(".")
    bins = ", ".join(_code(b) for b in f.get("binaries") or []) or "no binary"
    if "new_in" in f and sorted(f["new_in"]) != sorted(f.get("binaries") or []):
        bins += " (new in " + ", ".join(_code(b) for b in f["new_in"]) + ")"
    text = f"- {_code(where)} {_code(symbol)} ({f.get('status', 'changed')}) in {bins}"
    if reason and f.get("reason"):
        text += f": {f['reason']}"
    if f.get("suppressed"):
        text += f" — **suppressed**: {f['suppressed'].get('reason', '')}"
    if mitigations:
        for m in f.get("mitigations") or []:
            text += f"\n  - {mitigation_label(m)}"
    return text


def _shared_mitigations(items: list[Mapping[str, Any]]) -> list[str] | None:
    """The mitigation labels every finding of a group has (same list), or None when they differ."""
    labels = {tuple(mitigation_label(m) for m in f.get("mitigations") or []) for f in items}
    return list(next(iter(labels))) if len(labels) == 1 and len(items) > 1 else None


def _entry_section(info: RuleInfo, items: list[Mapping[str, Any]]) -> str:
    entry = info.id
    title = f"[{info.title}]({info.help_uri})" if info.help_uri else info.title
    head = f"### {title} ({_code(entry)}, {info.severity})"
    body = []
    if info.summary:
        body.append(info.summary)
    if info.godebug:
        body.append(f"GODEBUG setting: {_code(info.godebug)}.")
    reasons = {str(f.get("reason") or "") for f in items}
    one_reason = next(iter(reasons)) if len(reasons) == 1 and len(items) > 1 else None
    if one_reason:
        body.append(f"{one_reason}:")
    shared = _shared_mitigations(items)
    lines = [_finding_item(f, mitigations=shared is None, reason=one_reason is None) for f in items]
    listing = "\n".join(lines)
    if len(items) > COLLAPSE_OVER:
        listing = f"<details><summary>{len(items)} findings</summary>\n\n{listing}\n\n</details>"
    parts = [head, *body, listing]
    if shared:
        parts.append(
            "Mitigations (the same for each finding above):\n\n" + "\n".join(f"- {m}" for m in shared)
        )
    return "\n\n".join(parts)


# A section renders its first k items; truncation keeps a prefix of them.
Section = tuple[Callable[[int], str], int]


def _entry_prefix(info: RuleInfo, items: list[Mapping[str, Any]], k: int) -> str:
    return _entry_section(info, items[:k])


def _scan_body(document: Mapping[str, Any]) -> tuple[list[str], list[Section]]:
    plan = document.get("plan") or {}
    head = [
        _MARKER,
        f"## godebug-audit: Go {plan.get('from', '?')} → {plan.get('to', '?')}",
    ]
    policy = plan.get("go_line_policy", plan.get("go_line"))
    if policy == "keep":
        head.append("Go lines kept.")
    elif plan.get("go_line"):
        head.append(f"Go lines moved to {_code(plan['go_line'])}.")
    everything = list(document.get("findings") or [])
    findings = [f for f in everything if reported(f)]
    open_ = [f for f in findings if not f.get("suppressed")]
    line = f"**{len(open_)} finding(s)**, {len(findings) - len(open_)} suppressed."
    quiet = Counter(str(f.get("status")) for f in everything if not reported(f))
    if quiet:
        line += " No action for " + ", ".join(f"{n} {s}" for s, n in sorted(quiet.items())) + "."
    head.append(line)
    pr = document.get("pr")
    if pr:
        head.append(_pr_section(pr))
    head.append("\n".join(_summary(document)))
    by_entry: dict[str, list[Mapping[str, Any]]] = {}
    for f in sorted(findings, key=lambda f: (str(f["entry"]), str(f.get("file")), int(f.get("line") or 0))):
        by_entry.setdefault(str(f["entry"]), []).append(f)
    # deployment first: a removed setting left in a manifest stops the binary at startup
    deploy = list(document.get("deploy") or [])
    sections: list[Section] = [(partial(_deploy_section, deploy), len(deploy))] if deploy else []
    sections += [
        (partial(_entry_prefix, rule_info(e, document), items), len(items))
        for e, items in sorted(by_entry.items())
    ]
    binaries = sorted(document.get("binaries") or [], key=lambda b: str(b.get("dir", "")))
    sections += [(partial(_binary_section, b), len(_acting(b))) for b in binaries if _acting(b)]
    return head, sections


def _now_label(c: Mapping[str, Any]) -> str:
    """A setting the change itself switches; no value means the toolchain's default."""
    name = _code(c.get("godebug") or c.get("entry"))
    return f"{name} {c.get('before') or 'default'} → {c.get('after') or 'default'}"


def _pr_section(pr: Mapping[str, Any]) -> str:
    head = [f"### Changes since {_code(pr.get('base', 'base'))}"]
    if pr.get("base_error"):
        head.append(f"The base could not be audited ({_cell(pr['base_error'])}): all of it counts as new.")
    counts = pr.get("findings") or {}
    if counts:
        head.append(
            f"{counts.get('new', 0)} new finding(s); {counts.get('base', 0)} before the change, "
            f"{counts.get('head', 0)} after it."
        )
    deploy = pr.get("deploy") or {}
    if deploy.get("new"):
        head.append(
            f"{deploy['new']} new deployment finding(s) (environment settings in manifests and scripts)."
        )
    items = [f"- {_code(_where(c))}: {build_change_label(c)}" for c in pr.get("build_changes") or []]
    for b in pr.get("binaries") or []:
        if b.get("binary") in ("added", "removed"):
            items.append(f"- {_code(b.get('dir'))}: binary {b['binary']}")
            continue
        now = ", ".join(_now_label(c) for c in b.get("now") or [])
        added = ", ".join(_change_label(c) for c in b.get("added") or [])
        removed = ", ".join(_change_label(c) for c in b.get("removed") or [])
        parts = [
            f"this change switches {now}" if now else "",
            f"the bump now changes {added}" if added else "",
            f"the bump no longer changes {removed}" if removed else "",
        ]
        items.append(f"- {_code(b.get('dir'))}: " + "; ".join(p for p in parts if p))
    return "\n\n".join([*head, "\n".join(items or ["- no build-setting change"])])


def _where(item: Mapping[str, Any]) -> str:
    line = item.get("line")
    return f"{item.get('file')}:{line}" if line else str(item.get("file"))


def _tail(document: Mapping[str, Any]) -> list[str]:
    out = []
    skipped = list(document.get("skipped") or [])
    if skipped:
        items = "\n".join(f"- {_code(_where(s))}: {s.get('reason', '')}" for s in skipped)
        out.append(
            f"<details><summary>{len(skipped)} file(s) skipped: analysis incomplete</summary>\n\n"
            f"{items}\n\n</details>"
        )
    sup = document.get("suppressions") or {}
    for kind in ("expired", "unused"):
        rows = sup.get(kind) or []
        if rows:
            items = "\n".join(
                f"- {_code(s.get('source', ''))} {_code(s.get('entry', ''))}: {s.get('reason', '')}"
                for s in rows
            )
            out.append(f"**{len(rows)} {kind} suppression(s)**\n\n{items}")
    return out


def _uses_table(uses: list[Mapping[str, Any]]) -> str:
    rows = ["| Where | API | Kind | Entries |", "| --- | --- | --- | --- |"]
    for u in uses:
        where = f"{u.get('file')}:{u.get('line')}"
        rows.append(
            f"| {_code(where)} | {_code(str(u.get('package')) + '.' + str(u.get('symbol')))} "
            f"| {_cell(u.get('kind', ''))} | {_cell(use_entries(u))} |"
        )
    return "\n".join(rows)


def _uses_body(document: Mapping[str, Any]) -> tuple[list[str], list[Section]]:
    uses = sorted(document.get("uses") or [], key=lambda u: (str(u.get("file")), int(u.get("line") or 0)))
    head = [_MARKER, f"## godebug-audit: {len(uses)} use(s) of tracked APIs"]
    sections: list[Section] = [(lambda k: _uses_table(uses[:k]), len(uses))] if uses else []
    return head, sections


def _fit(section: Section, budget: int) -> tuple[str, int]:
    """The longest prefix of a section's items that fits in `budget` characters ("" and 0 if none)."""
    render, n = section
    lo, hi = 0, n
    while lo < hi:  # largest k with len(render(k)) <= budget
        mid = (lo + hi + 1) // 2
        if len(render(mid)) <= budget:
            lo = mid
        else:
            hi = mid - 1
    return (render(lo), lo) if lo else ("", 0)


def render_markdown(document: Mapping[str, Any], limit: int = GITHUB_COMMENT_LIMIT) -> str:
    """Render a scan or uses document as a PR comment of at most `limit` characters."""
    head, sections = _uses_body(document) if document_kind(document) == "uses" else _scan_body(document)
    tail = _tail(document)
    note_room = 300
    budget = limit - len("\n\n".join([*head, *tail])) - note_room
    kept: list[str] = []
    left = 0
    for section in sections:
        if left:
            left += section[1]
            continue
        text, shown = _fit(section, budget - 2)
        if text:
            kept.append(text)
            budget -= len(text) + 2
        left += section[1] - shown
    note = []
    if left:
        note.append(
            f"> **Truncated:** {left} more item(s) left out to stay under GitHub's comment limit; "
            "see the SARIF or JSON report for all of them."
        )
    out = "\n\n".join([*head, *kept, *note, *tail]) + "\n"
    if len(out) > limit:  # a header alone over the limit (thousands of binaries): cut it plainly
        cut = "\n\n> **Truncated** to GitHub's comment limit.\n"
        out = out[: limit - len(cut)] + cut
    return out
