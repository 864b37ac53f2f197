"""Renderers for a DeployReport: pure functions returning a string."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

from analyzer.jsontext import dumps
from analyzer.model import DeployFinding, DeployReport, Severity
from analyzer.versions import GoVersion

SCHEMA = "godebug-audit/env/v1"
SEVERITY_ORDER: tuple[Severity, ...] = (Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)


def at_least(f: DeployFinding, level: Severity) -> bool:
    return SEVERITY_ORDER.index(f.severity) >= SEVERITY_ORDER.index(level)


def _plain(x: Any) -> Any:
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {f.name: _plain(getattr(x, f.name)) for f in dataclasses.fields(x)}
    if isinstance(x, Enum):
        return x.value
    if isinstance(x, GoVersion):
        return str(x)
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    return x


def render_json(report: DeployReport) -> str:
    """The report as a JSON document (findings carry their setting)."""
    doc = {
        "schema": SCHEMA,
        "root": report.root,
        "toolchain": str(report.toolchain),
        "files_scanned": report.files_scanned,
        "findings": [_plain(f) for f in report.findings],
        "settings": [_plain(s) for s in report.settings],
        "skipped": [_plain(s) for s in report.skipped],
    }
    return dumps(doc, 2) + "\n"


def _where(f: DeployFinding) -> str:
    s = f.setting
    parts = [p for p in (s.context, s.source.value) if p]
    bins = ", ".join(s.binaries) if s.binaries else "no binary named"
    return f"[{' | '.join(parts)} -> {bins}]"


def render_text(report: DeployReport, verbose: bool = False) -> str:
    """One line per finding (`file:line:col: SEVERITY category KEY=VALUE [where -> binaries]` + reason)."""
    out: list[str] = []
    for f in report.findings:
        kv = f.key if f.value is None else f"{f.key}={f.value}"
        var = "" if f.setting.variable in (f.key, "*") else f"{f.setting.variable} "
        col = f":{f.column}" if f.column else ""
        out.append(
            f"{f.file}:{f.line}{col}: {f.severity.value.upper()} {f.category.value} {var}{kv} {_where(f)}"
        )
        out.append(f"    {f.reason}")
        if verbose:
            for step in f.verification:
                out.append(
                    f"    verify ({step.kind}): {step.name}" + (f"  -- {step.note}" if step.note else "")
                )
    by_sev = {sev: sum(1 for f in report.findings if f.severity is sev) for sev in SEVERITY_ORDER}
    counts = ", ".join(f"{n} {sev.value}" for sev, n in reversed(by_sev.items()) if n)
    out.append(
        f"{len(report.findings)} finding(s) ({counts or 'none'}) for Go {report.toolchain} in "
        f"{report.files_scanned} file(s) read"
    )
    if report.skipped:
        out.append(f"skipped {len(report.skipped)} file(s):")
        for sk in report.skipped:
            line = f":{sk.line}" if sk.line else ""
            out.append(f"  {sk.file}{line}: {sk.reason}")
    return "\n".join(out) + "\n"
