"""Facts the SARIF, Markdown and GitHub renderers share: rule info per entry, levels per status, labels.

Rule info comes from the document's own `entries` (so a saved report renders the same anywhere); for a
document without them (the `uses` output) from the shipped KB; an unknown entry gets a rule from its id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from analyzer.model import Entry


@dataclass(frozen=True)
class RuleInfo:
    """What a report says of one KB entry."""

    id: str
    title: str
    summary: str
    help_uri: str | None
    severity: str
    godebug: str | None
    go: str | None


@cache
def _kb() -> Mapping[str, Entry]:
    from analyzer.kb import load_entries  # only documents without `entries` need it

    return {e.id: e for e in load_entries()}


def rule_info(entry_id: str, document: Mapping[str, Any] | None = None) -> RuleInfo:
    """The facts a report shows for `entry_id`: the document's entry, else the KB's, else just the id."""
    for d in (document or {}).get("entries") or []:
        if d.get("id") == entry_id:
            refs = d.get("references") or []
            return RuleInfo(
                id=entry_id,
                title=str(d.get("title") or entry_id),
                summary=str(d.get("summary") or "").strip(),
                help_uri=str(refs[0]) if refs else None,
                severity=str(d.get("severity") or "medium"),
                godebug=d.get("godebug"),
                go=d.get("go"),
            )
    e = _kb().get(entry_id)
    if e is None:
        return RuleInfo(entry_id, entry_id, "", None, "medium", None, None)
    return RuleInfo(
        id=e.id,
        title=e.title,
        summary=e.summary.strip(),
        help_uri=e.references[0] if e.references else None,
        severity=e.severity.value,
        godebug=e.godebug.name if e.godebug else None,
        go=f"1.{e.go.minor}",
    )


# Status values (analyzer.model.Status) mapped to a report level: a problem, a heads-up, or information.
_STATUS_LEVEL = {
    "build-error": "error",
    "startup-fatal": "error",
    "not-preservable": "error",
    "changed": "warning",
}


# What a report lists: statuses that need action, and advice for a library's consumers. The rest
# (mitigated, preserved, imported-not-called, unreached) stays in the JSON document only.
ACTION_STATUSES = frozenset(_STATUS_LEVEL)
REPORTED_STATUSES = ACTION_STATUSES | {"advice"}


def status_level(status: object) -> str:
    """`error`, `warning` or `note` for a finding's status (SARIF's names)."""
    return _STATUS_LEVEL.get(str(status), "note")


def reported(finding: Mapping[str, Any]) -> bool:
    """Whether the SARIF, Markdown and GitHub reports list this finding (see REPORTED_STATUSES)."""
    return str(finding.get("status", "changed")) in REPORTED_STATUSES


def mitigation_label(m: Mapping[str, Any]) -> str:
    """`kind: text (Go 1.23+, until Go 1.24)` for one mitigation of a finding or change (`note: text`
    for kind `none`, which says no way exists and must not read like another fix).

    The version span is left out where the text already names it, and for `none` (there, `min_go` is when
    the old behavior went away, not a toolchain the mitigation needs).
    """
    text = str(m.get("text", ""))
    span = [
        f"Go {m['min_go']}+" if m.get("min_go") and m.get("kind") != "none" else "",
        f"until Go {m['until']}" if m.get("until") else "",
    ]
    limits = ", ".join(s for s in span if s and f"({s})" not in text)
    kind = "note" if m.get("kind") == "none" else m.get("kind", "")  # `none` is no way, only a note
    return f"{kind}: {text}" + (f" ({limits})" if limits else "")


def build_change_label(c: Mapping[str, Any]) -> str:
    """`go 1.22 → 1.23`, `godebug x509sha1=1 → ∅` for one entry of a PR's `build_changes`."""
    kind = str(c.get("kind", ""))
    before, after = c.get("before"), c.get("after")
    if c.get("setting"):
        key = c["setting"]
        b = f"{key}={before}" if before is not None else "∅"
        a = f"{key}={after}" if after is not None else "∅"
        return f"{kind} {b} → {a}"
    return f"{kind} {before or '∅'} → {after or '∅'}"


# deployment findings (document `deploy`) carry a KB-style severity
SEVERITY_LEVEL = {"low": "note", "medium": "warning", "high": "error", "critical": "error"}


def deploy_fields(d: Mapping[str, Any]) -> tuple[str, str, list[str]]:
    """(variable, context, binary names) of one deployment finding: the scan document keeps them flat
    on the item; an older document nested them under `setting`."""
    setting = d.get("setting")
    nested: Mapping[str, Any] = setting if isinstance(setting, Mapping) else {}
    variable = str(d.get("variable") or nested.get("variable") or "")
    context = str(d.get("context") or nested.get("context") or "")
    binaries = [str(b) for b in (d.get("binaries") or nested.get("binaries") or [])]
    return variable, context, binaries


def deploy_label(d: Mapping[str, Any]) -> str:
    """`startup-fatal GODEBUG x509sha1=1 (Deployment/x container y)` for one deployment finding."""
    key = str(d.get("key", ""))
    kv = key if d.get("value") is None else f"{key}={d['value']}"
    variable, context, _ = deploy_fields(d)
    prefix = f"{variable} " if variable and variable not in (key, "*") else ""
    where = f" ({context})" if context else ""
    return f"{d.get('category', '')} {prefix}{kv}{where}"


def deploy_reason(d: Mapping[str, Any]) -> str:
    """The finding's reason without a leading `KEY=VALUE:` that the label already shows."""
    reason = str(d.get("reason", ""))
    key = str(d.get("key", ""))
    for lead in (f"{key}={d.get('value')}: ", f"{key}: ", f"${key}: "):
        if key and reason.startswith(lead):
            return reason[len(lead) :]
    return reason


def use_entries(u: Mapping[str, Any]) -> str:
    """`e1, e2; neutralizes e3` for one use of the `uses` document."""
    parts = [", ".join(u.get("entries") or [])]
    if u.get("neutralizes"):
        parts.append("neutralizes " + ", ".join(u["neutralizes"]))
    return "; ".join(p for p in parts if p)


def document_kind(document: Mapping[str, Any]) -> str:
    """`scan` for the versioned scan document, `uses` for the `uses` command's output."""
    return "uses" if "uses" in document and "findings" not in document else "scan"
