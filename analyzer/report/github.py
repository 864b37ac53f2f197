"""GitHub Actions workflow-command annotations: `::warning file=F,line=L,col=C,title=T::message`.

Escaping follows the runner's rules (actions/toolkit `command.ts`): in the message `%`, CR and LF become
`%25`, `%0D`, `%0A`; in property values `:` and `,` are also escaped (`%3A`, `%2C`). Suppressed findings are
not annotated. Pure: document in, string out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analyzer.model import STATUS_ORDER
from analyzer.report.kbinfo import (
    SEVERITY_LEVEL,
    build_change_label,
    deploy_fields,
    deploy_label,
    deploy_reason,
    document_kind,
    mitigation_label,
    reported,
    rule_info,
    status_level,
    use_entries,
)

_LEVEL = {"note": "notice", "warning": "warning", "error": "error"}
_RANK = {"error": 0, "warning": 1, "notice": 2}
_STATUS_RANK = {s.value: n for n, s in enumerate(STATUS_ORDER)}  # worst first


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: object) -> str:
    """One workflow command line; properties with a None value are left out."""
    given = [f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None]
    head = f"::{level} " + ",".join(given) if given else f"::{level}"
    return f"{head}::{escape_data(message)}"


def _finding_lines(document: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    findings = sorted(
        document.get("findings") or [], key=lambda f: _STATUS_RANK.get(str(f.get("status")), 99)
    )
    for f in findings:
        if f.get("suppressed") or not reported(f):
            continue
        info = rule_info(str(f["entry"]), document)
        level = _LEVEL[status_level(f.get("status"))]
        symbol = f"{f.get('package', '')}.{f.get('symbol', '')}".strip(".")
        msg = [f"{symbol}: {f.get('status', 'changed')}" + (f", {f['reason']}." if f.get("reason") else ".")]
        if info.summary:
            msg.append(info.summary)
        binaries = ", ".join(f.get("binaries") or [])
        if binaries:
            msg.append(f"Binaries: {binaries}.")
        for m in f.get("mitigations") or []:
            label = mitigation_label(m)
            msg.append(label[0].upper() + label[1:] if m.get("kind") == "none" else f"Mitigation {label}")
        if info.help_uri:
            msg.append(f"See {info.help_uri}")
        lines.append(
            command(
                level,
                "\n".join(msg),
                file=f["file"],
                line=f.get("line"),
                col=f.get("column"),
                title=f"godebug-audit {info.id}: {info.title}",
            )
        )
    return lines


def _use_lines(document: Mapping[str, Any]) -> list[str]:
    lines = []
    for u in document.get("uses") or []:
        entries = use_entries(u)
        symbol = f"{u.get('package', '')}.{u.get('symbol', '')}"
        title = f"godebug-audit use: {symbol}"
        msg = f"{symbol} ({u.get('kind', 'use')})" + (f"; entries: {entries}" if entries else "")
        where = {"file": u["file"], "line": u.get("line"), "col": u.get("column")}
        lines.append(command("notice", msg, **where, title=title))
    return lines


def _deploy_message(d: Mapping[str, Any]) -> str:
    binaries = deploy_fields(d)[2]
    return f"{deploy_label(d)}: {deploy_reason(d)}" + (
        f"\nBinaries: {', '.join(binaries)}." if binaries else ""
    )


def _deploy_lines(document: Mapping[str, Any]) -> list[str]:
    return [
        command(
            _LEVEL[SEVERITY_LEVEL.get(str(d.get("severity")), "warning")],
            _deploy_message(d),
            file=d.get("file") or None,
            line=d.get("line") or None,
            col=d.get("column") or None,
            title=f"godebug-audit deployment: {d.get('category', '')}",
        )
        for d in document.get("deploy") or []
        if not d.get("suppressed")
    ]


def _switch(c: Mapping[str, Any]) -> str:
    """`panicnil 0 → 1`; no value is the toolchain's default."""
    return (
        f"{c.get('godebug') or c.get('entry')} {c.get('before') or 'default'} → {c.get('after') or 'default'}"
    )


def render_github(document: Mapping[str, Any]) -> str:
    """Render findings (or uses) and skipped files as workflow-command annotations, one per line."""
    # deployment first: a removed setting left in a manifest stops the binary at startup
    lines = _deploy_lines(document)
    lines += _use_lines(document) if document_kind(document) == "uses" else _finding_lines(document)
    for s in document.get("skipped") or []:
        lines.append(
            command(
                "warning",
                f"skipped: {s.get('reason', '')}",
                file=s["file"],
                line=s.get("line"),
                title="godebug-audit: analysis incomplete",
            )
        )
    pr = document.get("pr") or {}
    for c in pr.get("build_changes") or []:
        title = "godebug-audit: build setting changed"
        lines.append(
            command("notice", build_change_label(c), file=c.get("file"), line=c.get("line"), title=title)
        )
    for b in pr.get("binaries") or []:
        if b.get("now"):  # what the change itself switches, before any toolchain bump
            switched = ", ".join(_switch(c) for c in b["now"])
            title = f"godebug-audit: {b.get('dir')} behaves differently"
            lines.append(command("notice", f"this change switches {switched}", title=title))
    suppress = document.get("suppressions") or {}
    for kind in ("expired", "unused"):
        for s in suppress.get(kind) or []:
            where = str(s.get("source", ""))
            file, _, line = where.rpartition(":")
            msg = f"{kind} suppression of {s.get('entry', '')}: {s.get('reason', '')}"
            lines.append(
                command(
                    "warning",
                    msg,
                    file=file or where or None,
                    line=line if file and line.isdigit() else None,
                    title=f"godebug-audit: {kind} suppression",
                )
            )
    # the runner shows only the first 10 errors and 10 warnings of a step: errors first, worst first
    lines.sort(key=lambda line: _RANK[line[2:].split(" ", 1)[0].split(":", 1)[0]])
    return "".join(line + "\n" for line in lines)
