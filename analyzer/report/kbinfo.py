"""Rule facts for reports (title, summary, link, severity), looked up in the knowledge base by entry id.

Renderers stay pure over the document: the KB ships inside the package, so reading it is no world I/O.
An entry the KB does not know (a report saved by another version) still gets a rule, from its id alone.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from analyzer.model import Entry

SEVERITY_ORDER = ("low", "medium", "high", "critical")


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
    try:
        kb = importlib.import_module("analyzer.kb")
    except ImportError:  # the KB stage is optional for rendering
        return {}
    loaded: Any = kb.load_entries()
    entries: Iterable[Entry] = loaded.values() if isinstance(loaded, Mapping) else loaded
    return {e.id: e for e in entries}


def rule_info(entry_id: str, kb: Mapping[str, Entry] | None = None) -> RuleInfo:
    """The facts a report shows for `entry_id`; falls back to the id when the KB lacks it."""
    entries = _kb() if kb is None else kb
    e = entries.get(entry_id)
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


def status_level(status: object) -> str:
    """`error`, `warning` or `note` for a finding's status (SARIF's names)."""
    return _STATUS_LEVEL.get(str(status), "note")


def mitigation_label(m: Mapping[str, Any]) -> str:
    """`kind: text (Go 1.23+, until Go 1.24)` for one mitigation of a finding or change."""
    span = [
        f"Go {m['min_go']}+" if m.get("min_go") else "",
        f"until Go {m['until']}" if m.get("until") else "",
    ]
    limits = ", ".join(s for s in span if s)
    return f"{m.get('kind', '')}: {m.get('text', '')}" + (f" ({limits})" if limits else "")


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


def is_suppressed(finding: Mapping[str, Any]) -> bool:
    """Whether a finding carries a suppression (see analyzer.suppress)."""
    return bool(finding.get("suppressed"))


def document_kind(document: Mapping[str, Any]) -> str:
    """`scan` for the versioned scan document, `uses` for the `uses` command's output."""
    return "uses" if "uses" in document and "findings" not in document else "scan"
