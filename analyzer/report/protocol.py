"""The versioned scan document: the protocol every renderer (text, json, sarif, markdown, github) reads.

`build_document` is pure: model objects in, a JSON-ready dict out, with paths relative to the scanned
root and every list sorted, so two runs over the same tree give the same bytes.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from analyzer import __version__
from analyzer.model import (
    STATUS_ORDER,
    Binary,
    Change,
    Edit,
    Entry,
    Finding,
    Mitigation,
    Plan,
    Skipped,
    Status,
)
from analyzer.versions import GoVersion

SCHEMA_VERSION = "1"

ACTION = frozenset({Status.BUILD_ERROR, Status.STARTUP_FATAL, Status.NOT_PRESERVABLE, Status.CHANGED})

# Tiers of a binary's changes, like govulncheck's: code that runs, code linked in but not called,
# changes that apply to the whole binary, and changes to APIs the binary never names.
TIER_REACHED = "reached"
TIER_NOT_CALLED = "not-called"
TIER_BINARY_WIDE = "binary-wide"
TIER_NO_USE = "no-use"
TIER_KEPT = "kept"


def _v(version: GoVersion | None) -> str | None:
    return str(version) if version is not None else None


def edit_doc(e: Edit) -> dict[str, Any]:
    return {"file": e.file, "kind": e.kind, "text": e.text, "line": e.line, "old": e.old}


def mitigation_doc(m: Mitigation) -> dict[str, Any]:
    return {
        "kind": m.kind.value,
        "text": m.text,
        "edits": [edit_doc(e) for e in m.edits],
        "min_go": _v(m.min_go),
        "until": _v(m.until),
    }


def fingerprint(entry: str, file: str, symbol: str, text: str, occurrence: int) -> str:
    """A finding's identity that survives unrelated edits: no line numbers, whitespace-insensitive text."""
    norm = " ".join(text.split())
    raw = f"{entry}\x00{file}\x00{symbol}\x00{norm}\x00{occurrence}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def with_fingerprints(findings: Iterable[Finding]) -> list[tuple[Finding, str]]:
    """Sorted findings with their fingerprints (occurrence counts same entry/file/symbol/text)."""
    ordered = sorted(findings, key=_finding_key)
    seen: Counter[tuple[str, str, str, str]] = Counter()
    out = []
    for f in ordered:
        key = (f.entry, f.use.file, f.use.symbol, " ".join(f.use.text.split()))
        out.append((f, f.fingerprint or fingerprint(*key, seen[key])))
        seen[key] += 1
    return out


def _finding_key(f: Finding) -> tuple[str, int, int, str]:
    return (f.use.file, f.use.line, f.use.column, f.entry)


def finding_doc(f: Finding, fp: str, entries: Mapping[str, Entry]) -> dict[str, Any]:
    e = entries.get(f.entry)
    u = f.use
    return {
        "entry": f.entry,
        "godebug": e.godebug.name if e is not None and e.godebug is not None else None,
        "status": f.status.value,
        "reason": f.reason,
        "effect": f.effect.value,
        "file": u.file,
        "line": u.line,
        "column": u.column,
        "package": u.package,
        "symbol": u.symbol,
        "function": u.function,
        "text": u.text,
        "test": u.test,
        "vendor": u.vendor,
        "binaries": list(f.binaries),
        "per_binary": {b: s.value for b, s in f.per_binary},
        "mitigations": [mitigation_doc(m) for m in f.mitigations],
        "fingerprint": fp,
    }


def _tier(change: Change, entry: Entry | None, mine: Sequence[Finding]) -> str:
    if change.status not in ACTION:
        return TIER_KEPT
    if entry is None or (not entry.affects and entry.syntax is None):
        return TIER_BINARY_WIDE
    if any(f.status in ACTION for f in mine):
        return TIER_REACHED
    if change.status == Status.BUILD_ERROR:
        return TIER_BINARY_WIDE  # the build fails, whatever the binary's code names
    if any(f.status == Status.NOT_CALLED for f in mine):
        return TIER_NOT_CALLED
    return TIER_NO_USE


def change_doc(c: Change, entry: Entry | None, mine: Sequence[Finding]) -> dict[str, Any]:
    """One binary change; mitigations only where the binary's code or the whole binary is affected
    (a change to APIs the binary never names needs none, and kept behaviors have none).
    `mine`: the findings of the change's entry that reach its binary."""
    tier = _tier(c, entry, mine)
    return {
        "entry": c.entry,
        "status": c.status.value,
        "godebug": c.godebug,
        "before": c.before,
        "after": c.after,
        "reason": c.reason,
        "tier": tier,
        "uses": len(mine),
        "mitigations": [] if tier == TIER_NO_USE else [mitigation_doc(m) for m in c.mitigations],
    }


def entry_doc(e: Entry) -> dict[str, Any]:
    return {
        "id": e.id,
        "title": e.title,
        "go": str(e.go),
        "kind": e.kind.value,
        "severity": e.severity.value,
        "godebug": e.godebug.name if e.godebug is not None else None,
        "summary": e.summary.strip(),
        "references": list(e.references),
        "code": bool(e.affects),
    }


def _counts(statuses: Iterable[Status]) -> dict[str, int]:
    c = Counter(statuses)
    return {s.value: c[s] for s in STATUS_ORDER if c[s]}


def build_document(
    *,
    plan: Plan,
    binaries: Sequence[Binary],
    changes: Iterable[Change],
    findings: Iterable[Finding],
    entries: Mapping[str, Entry],
    skipped: Iterable[Skipped] = (),
    deploy: Iterable[Mapping[str, Any]] = (),
    plan_notes: Sequence[str] = (),
    go_lines: Sequence[Mapping[str, Any]] = (),
    binary_info: Mapping[str, Mapping[str, Any]] | None = None,
    tests: Iterable[Change] = (),
) -> dict[str, Any]:
    """The scan document (schema analyzer/schemas/report.schema.json, version SCHEMA_VERSION).

    `binary_info`: extra per-binary facts (dir -> {godebug_before, godebug_after, go_line...}).
    `tests`: changes computed for modules' test binaries (findings in test files refer to them).
    """
    all_changes = sorted(changes, key=lambda c: (c.binary, c.entry))
    fps = with_fingerprints(findings)
    flist = [f for f, _ in fps]
    reaching: dict[tuple[str, str], list[Finding]] = defaultdict(list)  # (entry, binary) -> findings
    for f in flist:
        for name in dict.fromkeys(f.binaries):
            reaching[(f.entry, name)].append(f)
    changes_of: dict[str, list[Change]] = defaultdict(list)
    for c in all_changes:
        changes_of[c.binary].append(c)
    info = binary_info or {}
    bins = []
    for b in sorted(binaries, key=lambda b: b.dir):
        mine = changes_of.get(b.dir, [])
        bins.append(
            {
                "dir": b.dir,
                "import_path": b.import_path,
                "module": b.module,
                "module_dir": b.module_dir,
                "workspace": b.workspace,
                **dict(info.get(b.dir, {})),
                "summary": _counts(c.status for c in mine),
                "changes": [change_doc(c, entries.get(c.entry), reaching[(c.entry, c.binary)]) for c in mine],
            }
        )
    used = {c.entry for c in all_changes} | {f.entry for f in flist}
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "godebug-audit", "version": __version__},
        "plan": {
            "from": str(plan.from_toolchain),
            "from_source": plan.from_source,
            "to": str(plan.to_toolchain),
            "go_line": plan.go_line.value if plan.new_go_line is None else str(plan.new_go_line),
            "go_line_policy": plan.go_line.value,
            "goos": list(plan.goos),
            "goarch": plan.goarch,
            "go_lines": [dict(g) for g in go_lines],
            "notes": list(plan_notes),
        },
        "summary": {
            "binaries": len(bins),
            "findings": _counts(f.status for f in flist),
            "changes": _counts(c.status for c in all_changes),
        },
        "binaries": bins,
        "findings": [finding_doc(f, fp, entries) for f, fp in fps],
        "tests": [
            change_doc(c, entries.get(c.entry), reaching[(c.entry, c.binary)]) | {"module_dir": c.binary}
            for c in tests
        ],
        "entries": [entry_doc(entries[i]) for i in sorted(used) if i in entries],
        "skipped": [
            {"file": s.file, "reason": s.reason, "line": s.line}
            for s in sorted(set(skipped), key=lambda s: (s.file, s.line or 0, s.reason))  # stages overlap
        ],
        "deploy": [dict(d) for d in deploy],
    }


def action_needed(document: Mapping[str, Any], statuses: Iterable[str]) -> bool:
    """Whether an unsuppressed finding, or a binary-wide change, has one of `statuses` (for --fail-on).

    Changes to APIs a binary never names (tier no-use) do not count: nothing here touches them; nor do
    changes the suppressions accept (analyzer.suppress).
    """
    wanted = set(statuses)
    if any(f.get("status") in wanted and not f.get("suppressed") for f in document.get("findings", [])):
        return True
    return any(
        c.get("status") in wanted
        and c.get("tier") in (TIER_BINARY_WIDE, TIER_REACHED)
        and not c.get("suppressed")
        for b in document.get("binaries", [])
        for c in b.get("changes", [])
    )
