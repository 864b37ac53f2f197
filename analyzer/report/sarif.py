"""SARIF 2.1.0 renderer: one rule per KB entry found, one result per finding (or per use).

Pure: document in, string out. Locations are relative to `%SRCROOT%` (the scanned root), which is what
GitHub code scanning expects for a scan run at the repository root.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from analyzer.jsontext import dumps
from analyzer.report.kbinfo import (
    SEVERITY_LEVEL,
    RuleInfo,
    deploy_fields,
    deploy_label,
    deploy_reason,
    document_kind,
    reported,
    rule_info,
    status_level,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "godebugAudit/v1"
API_USE = "api-use"
DEPLOY_RULE = "deploy/"
_DEPLOY_HELP = {
    "startup-fatal": "A removed GODEBUG setting at its old value in the environment: the binary stops.",
    "overrides-default": "A GODEBUG setting in the environment overrides the binary's compiled default.",
    "reads-env": "Code reads GODEBUG: a default set in main() or passed to child processes.",
}
INFO_URI = "https://github.com/godebug-audit/godebug-audit"

_LEVEL = {"low": "note", "medium": "warning", "high": "error", "critical": "error"}
_SECURITY_SEVERITY = {"low": "3.0", "medium": "5.0", "high": "7.5", "critical": "9.5"}


def _rule(info: RuleInfo) -> dict[str, Any]:
    help_lines = [info.summary or info.title]
    if info.godebug:
        help_lines.append(f"GODEBUG setting: {info.godebug}.")
    if info.help_uri:
        help_lines.append(f"See {info.help_uri}")
    rule: dict[str, Any] = {
        "id": info.id,
        "name": "".join(p.capitalize() for p in info.id.replace("_", "-").split("-")),
        "shortDescription": {"text": info.title},
        "fullDescription": {"text": info.summary or info.title},
        "help": {"text": "\n".join(help_lines), "markdown": "\n\n".join(help_lines)},
        "defaultConfiguration": {"level": _LEVEL.get(info.severity, "warning")},
        "properties": {
            "tags": sorted({"go-upgrade", *(("godebug",) if info.godebug else ())}),
            "severity": info.severity,
            "security-severity": _SECURITY_SEVERITY.get(info.severity, "5.0"),
        },
    }
    if info.help_uri:
        rule["helpUri"] = info.help_uri
    return rule


def _uri(path: str) -> str:
    return quote(path, safe="/")


def _location(item: Mapping[str, Any]) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(1, int(item.get("line") or 1))}
    if item.get("column"):
        region["startColumn"] = int(item["column"])
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(str(item["file"])), "uriBaseId": "%SRCROOT%"},
            "region": region,
        }
    }


def _replacement(edit: Mapping[str, Any]) -> dict[str, Any] | None:
    """A SARIF replacement for an Edit: insert before `line`, or replace line `line` when `old` is set."""
    if not edit.get("line"):
        return None  # no place to put it (appending at the end of a file): not machine-applicable here
    line = int(edit["line"])
    text = str(edit.get("text", ""))
    if edit.get("old") is not None:
        # a region with a start line only spans that whole line, its newline excluded
        return {"deletedRegion": {"startLine": line}, "insertedContent": {"text": text}}
    return {
        "deletedRegion": {"startLine": line, "startColumn": 1, "endLine": line, "endColumn": 1},
        "insertedContent": {"text": text if text.endswith("\n") else text + "\n"},
    }


def _fix(mitigation: Mapping[str, Any]) -> dict[str, Any] | None:
    """A SARIF fix from a machine-applicable mitigation: every edit must have a place."""
    changes: dict[str, list[dict[str, Any]]] = {}
    for edit in mitigation.get("edits") or []:
        rep = _replacement(edit)
        if rep is None:
            return None
        changes.setdefault(str(edit["file"]), []).append(rep)
    if not changes:
        return None
    return {
        "description": {"text": str(mitigation.get("text", ""))},
        "artifactChanges": [
            {"artifactLocation": {"uri": _uri(uri), "uriBaseId": "%SRCROOT%"}, "replacements": reps}
            for uri, reps in sorted(changes.items())
        ],
    }


def _finding_message(f: Mapping[str, Any], info: RuleInfo) -> str:
    symbol = f"{f.get('package', '')}.{f.get('symbol', '')}".strip(".")
    binaries = ", ".join(f.get("binaries") or []) or "no binary"
    text = f"{info.title}: {symbol} ({f.get('status', 'changed')}) in {binaries}."
    if f.get("reason"):
        text += f" {f['reason']}."
    ms = [m for m in f.get("mitigations") or [] if m.get("text")]
    advice = [str(m["text"]) for m in ms if m.get("kind") != "none"]
    if advice:
        text += " Keep the old behavior: " + "; or ".join(advice) + "."
    text += "".join(f" Note: {m['text']}." for m in ms if m.get("kind") == "none")
    return text


def _suppression(f: Mapping[str, Any]) -> dict[str, Any]:
    s = f["suppressed"]
    kind = "inSource" if s.get("kind") == "inline" else "external"
    out: dict[str, Any] = {"kind": kind, "status": "accepted", "justification": str(s.get("reason", ""))}
    if s.get("source"):
        out["properties"] = {"source": str(s["source"])}
    return out


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def _binary_wide(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Binary-wide changes needing action (no use in code to point at), one per entry and build file.

    They sit on the file whose go line decides the binary's defaults (go.work, else its go.mod), where a
    godebug line would go; binaries that share the file and the change share one result.
    """
    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    for b in document.get("binaries") or []:
        module_dir = str(b.get("module_dir") or ".")
        file = str(b.get("workspace") or ("go.mod" if module_dir == "." else f"{module_dir}/go.mod"))
        for c in b.get("changes") or []:
            if c.get("tier") != "binary-wide" or status_level(c.get("status")) == "note":
                continue
            accepted = str((c.get("suppressed") or {}).get("source", ""))
            item = grouped.setdefault(
                (str(c["entry"]), file, accepted),
                {"entry": str(c["entry"]), "file": file, "change": c, "binaries": []},
            )
            item["binaries"].append(str(b.get("dir")))
    return [grouped[k] for k in sorted(grouped)]


def render_sarif(document: Mapping[str, Any]) -> str:
    """Render a scan or uses document as a SARIF 2.1.0 log (JSON text, sorted and stable)."""
    items: list[Mapping[str, Any]]
    kind = document_kind(document)
    if kind == "uses":
        items = list(document.get("uses") or [])
        ids = sorted({e for u in items for e in (u.get("entries") or [])})
        if any(not u.get("entries") for u in items):
            ids.append(API_USE)
    else:
        items = [f for f in document.get("findings") or [] if reported(f)]
        ids = sorted({str(f["entry"]) for f in items})
    infos = {i: rule_info(i, document) for i in ids}
    infos[API_USE] = RuleInfo(API_USE, "Use of an API the knowledge base tracks", "", None, "low", None, None)
    deploy = [d for d in document.get("deploy") or [] if d.get("file")] if kind == "scan" else []
    for category in sorted({str(d.get("category", "")) for d in deploy}):
        rid = DEPLOY_RULE + category
        ids.append(rid)
        title = f"Deployment environment: {category}"
        infos[rid] = RuleInfo(rid, title, _DEPLOY_HELP.get(category, title), None, "medium", None, None)
    wide = _binary_wide(document) if kind == "scan" else []
    for entry in sorted({w["entry"] for w in wide} - set(ids)):
        ids.append(entry)
        infos[entry] = rule_info(entry, document)
    index = {i: n for n, i in enumerate(ids)}

    results: list[dict[str, Any]] = []
    for item in items:
        if kind == "uses":
            entries = list(item.get("entries") or [])
            symbol = f"{item.get('package', '')}.{item.get('symbol', '')}"
            msg = f"{symbol} ({item.get('kind', 'use')})"
            if item.get("function"):
                msg += f" in {item['function']}"
            if item.get("neutralizes"):
                msg += "; neutralizes " + ", ".join(item["neutralizes"])
            for e in entries or [API_USE]:
                results.append(
                    {
                        "ruleId": e,
                        "ruleIndex": index[e],
                        "level": "note",
                        "message": {"text": msg},
                        "locations": [_location(item)],
                    }
                )
            continue
        info = infos[str(item["entry"])]
        result: dict[str, Any] = {
            "ruleId": info.id,
            "ruleIndex": index[info.id],
            "level": status_level(item.get("status")),
            "message": {"text": _finding_message(item, info)},
            "locations": [_location(item)],
            "properties": {
                **({"new_in": list(item["new_in"])} if "new_in" in item else {}),
                "status": item.get("status"),
                "binaries": list(item.get("binaries") or []),
                "godebug": item.get("godebug"),
            },
        }
        if item.get("fingerprint"):
            result["partialFingerprints"] = {FINGERPRINT_KEY: str(item["fingerprint"])}
        if item.get("suppressed"):
            result["suppressions"] = [_suppression(item)]
        fixes = [fx for m in item.get("mitigations") or [] if (fx := _fix(m)) is not None]
        if fixes:
            result["fixes"] = fixes
        results.append(result)

    for d in deploy:
        rid = DEPLOY_RULE + str(d.get("category", ""))
        result = {
            "ruleId": rid,
            "ruleIndex": index[rid],
            "level": SEVERITY_LEVEL.get(str(d.get("severity")), "warning"),
            "message": {"text": f"{deploy_label(d)}: {deploy_reason(d)}"},
            "locations": [_location(d)],
            "partialFingerprints": {FINGERPRINT_KEY: _digest(rid, str(d.get("file")), deploy_label(d))},
            "properties": {"severity": d.get("severity"), "binaries": deploy_fields(d)[2]},
        }
        if d.get("suppressed"):
            result["suppressions"] = [_suppression(d)]
        results.append(result)

    for w in wide:
        c, bins = w["change"], w["binaries"]
        label = f"{c.get('godebug')} {c.get('before')} → {c.get('after')}" if c.get("godebug") else w["entry"]
        text = f"{infos[w['entry']].title}: {label} ({c.get('status')}) in {', '.join(bins)}"
        text += f": {c['reason']}" if c.get("reason") else ""
        ms = [m for m in c.get("mitigations") or [] if m.get("text")]
        advice = [str(m["text"]) for m in ms if m.get("kind") != "none"]
        if advice:
            text += ". Keep the old behavior: " + "; or ".join(advice) + "."
        text += "".join(f" Note: {m['text']}." for m in ms if m.get("kind") == "none")
        result = {
            "ruleId": w["entry"],
            "ruleIndex": index[w["entry"]],
            "level": status_level(c.get("status")),
            "message": {"text": text},
            "locations": [_location({"file": w["file"], "line": 1})],
            "partialFingerprints": {FINGERPRINT_KEY: _digest(w["entry"], w["file"], "binary-wide")},
            "properties": {"status": c.get("status"), "binaries": bins, "tier": "binary-wide"},
        }
        if c.get("suppressed"):
            result["suppressions"] = [_suppression(c)]
        fixes = [fx for m in c.get("mitigations") or [] if (fx := _fix(m)) is not None]
        if fixes:
            result["fixes"] = fixes
        results.append(result)

    notifications = [
        {
            "level": "warning",
            "message": {"text": f"skipped: {s.get('reason', '')}"},
            "locations": [_location({"file": s["file"], "line": s.get("line") or 1})],
        }
        for s in document.get("skipped") or []
    ]
    tool = document.get("tool") or {}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": str(tool.get("name", "godebug-audit")),
                "version": str(tool.get("version", "0")),
                "informationUri": INFO_URI,
                "rules": [_rule(infos[i]) for i in ids],
            }
        },
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "results": results,
    }
    props = {k: document[k] for k in ("plan", "pr", "suppressions") if k in document}
    if props:
        run["properties"] = props
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return dumps(log, 2, sort_keys=True) + "\n"
