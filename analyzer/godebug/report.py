"""Renderers for the `godebug` command: the JSON document (a contract) and plain text. Pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.model import GodebugResult, Package


@dataclass(frozen=True)
class BinaryResult:
    package: Package
    test: bool
    result: GodebugResult

    @property
    def import_path(self) -> str:
        return self.package.import_path + (".test" if self.test else "")


def to_doc(
    toolchain: str,
    toolchain_version: str,
    goos: str,
    goarch: str,
    workspace: str | None,
    binaries: Sequence[BinaryResult],
) -> dict[str, Any]:
    """The JSON document: {"toolchain", "main_packages": [{dir, import_path, default_godebug, settings,
    diagnostics}]}, binaries sorted by dir (then import path)."""
    out = []
    for b in sorted(binaries, key=lambda b: (b.package.dir, b.import_path)):
        out.append(
            {
                "dir": b.package.dir,
                "import_path": b.import_path,
                "test": b.test,
                "default_godebug": b.result.default_godebug,
                "go_version": str(b.result.go_version) if b.result.go_version is not None else None,
                "settings": [
                    {
                        "name": s.name,
                        "value": s.value,
                        "source": {"kind": s.source.kind.value, "file": s.source.file, "line": s.source.line},
                    }
                    for s in b.result.settings
                ],
                "diagnostics": [
                    {
                        "severity": d.severity.value,
                        "kind": d.kind,
                        "message": d.message,
                        "file": d.file,
                        "line": d.line,
                    }
                    for d in b.result.diagnostics
                ],
            }
        )
    return {
        "toolchain": toolchain,
        "toolchain_version": toolchain_version,
        "goos": goos,
        "goarch": goarch,
        "workspace": workspace,
        "main_packages": out,
    }


def _where(file: str, line: int) -> str:
    if not file:
        return ""
    return f"{file}:{line}" if line else file


def render_text(doc: dict[str, Any]) -> str:
    """Plain, deterministic text: one block per binary, a row per setting with its source."""
    lines = [f"toolchain go{doc['toolchain_version']} ({doc['goos']}/{doc['goarch']})"]
    if doc.get("workspace"):
        lines.append(f"workspace: {doc['workspace']} (go.mod godebug lines ignored)")
    if not doc["main_packages"]:
        lines.append("no binaries")
    for b in doc["main_packages"]:
        lines.append("")
        lines.append(f"{b['dir']}  {b['import_path']}")
        lines.append(
            f"  DefaultGODEBUG={b['default_godebug']}"
            if b["default_godebug"]
            else "  DefaultGODEBUG= (toolchain defaults)"
        )
        rows = [
            (s["name"], s["value"], s["source"]["kind"], _where(s["source"]["file"], s["source"]["line"]))
            for s in b["settings"]
        ]
        if rows:
            w = [max(len(r[i]) for r in rows) for i in range(3)]
            for r in rows:
                lines.append(f"  {r[0]:<{w[0]}}  {r[1]:<{w[1]}}  {r[2]:<{w[2]}}  {r[3]}".rstrip())
        for d in b["diagnostics"]:
            lines.append(
                f"  {d['severity']}: {_where(d['file'], d['line'])}: {d['message']}".replace(": : ", ": ")
            )
    return "\n".join(lines) + "\n"
