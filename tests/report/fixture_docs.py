"""Shared by the report tests: the hand-made documents, a fixed KB, and golden-file comparison.

Set GODEBUG_AUDIT_UPDATE_GOLDEN=1 to rewrite golden files from the current output.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from analyzer.model import Entry, GodebugSetting, Kind, Severity
from analyzer.pr import pr_compare
from analyzer.report import kbinfo
from analyzer.versions import GoVersion

DOCUMENTS = ("scan", "uses", "pr")
DATA = Path(__file__).resolve().parent.parent / "data"
GOLDEN = DATA / "golden"


def _setting(name: str, pkg: str, changed: int) -> GodebugSetting:
    return GodebugSetting(name, pkg, "1", "0", changed, (GoVersion.parse(f"1.{changed}"),))


FIXTURE_KB: dict[str, Entry] = {
    e.id: e
    for e in (
        Entry(
            "x509sha1",
            "SHA-1 signed certificates rejected",
            GoVersion.parse("1.18"),
            Kind.LIBRARY,
            Severity.HIGH,
            "crypto/x509 rejects SHA-1 signatures.\n",
            godebug=_setting("x509sha1", "crypto/x509", 18),
            references=("https://go.dev/doc/go1.18#sha1", "https://go.dev/issue/41682"),
        ),
        Entry(
            "asynctimerchan",
            "Timer channels are unbuffered",
            GoVersion.parse("1.23"),
            Kind.RUNTIME,
            Severity.MEDIUM,
            "Timer and Ticker channels became synchronous.",
            godebug=_setting("asynctimerchan", "time", 23),
            references=("https://go.dev/doc/go1.23#timer-changes",),
        ),
        Entry(
            "netip-parse",
            "ParseIP rejects leading zeros",
            GoVersion.parse("1.17"),
            Kind.LIBRARY,
            Severity.LOW,
            "net.ParseIP rejects IPv4 fields with leading zeros | pipes | too.",
        ),
    )
}


@pytest.fixture
def fixed_kb(monkeypatch: pytest.MonkeyPatch) -> dict[str, Entry]:
    """Make the renderers read FIXTURE_KB instead of the shipped KB, so goldens do not move with it."""
    monkeypatch.setattr(kbinfo, "_kb", lambda: FIXTURE_KB)
    return FIXTURE_KB


def load(name: str) -> dict[str, Any]:
    """A hand-made document from tests/data (`scan` or `uses`), or `pr`: the scan compared with a base
    that lacks the ParseIP finding, the asynctimerchan change and the startup-fatal manifest setting,
    one go-line edit apart."""
    if name == "pr":
        head = load("scan")
        base = copy.deepcopy(head)
        base["findings"] = [f for f in base["findings"] if f["entry"] != "netip-parse"]
        base["binaries"][0]["changes"] = base["binaries"][0]["changes"][:1]
        base["deploy"] = [d for d in base["deploy"] if d["category"] != "startup-fatal"]
        build = [{"file": "go.work", "kind": "go", "before": "1.22.0", "after": "1.23.0"}]
        return pr_compare(base, head, build, base="origin/main")
    doc: dict[str, Any] = json.loads((DATA / f"report-{name}.json").read_text())
    return doc


def assert_golden(name: str, text: str) -> None:
    """Compare with tests/data/golden/NAME, or rewrite it when GODEBUG_AUDIT_UPDATE_GOLDEN is set."""
    path = GOLDEN / name
    if os.environ.get("GODEBUG_AUDIT_UPDATE_GOLDEN"):
        path.write_text(text)
    assert path.exists(), f"no golden {path}; run with GODEBUG_AUDIT_UPDATE_GOLDEN=1"
    assert text == path.read_text(), (
        f"output differs from {path}; if intended, rerun with GODEBUG_AUDIT_UPDATE_GOLDEN=1"
    )


_SCHEMA_PATHS = (
    DATA / "sarif-schema-2.1.0.json",
    Path(__file__).resolve().parents[3] / "shared" / "schemas" / "sarif-schema-2.1.0.json",
)


def sarif_schema() -> dict[str, Any]:
    """The SARIF 2.1.0 schema: the copy in tests/data, else shared/schemas beside the clone."""
    for p in _SCHEMA_PATHS:
        if p.exists():
            loaded: dict[str, Any] = json.loads(p.read_text())
            return loaded
    pytest.skip("SARIF schema not found")


def validate_sarif(text: str) -> dict[str, Any]:
    """Parse SARIF text and validate it against the 2.1.0 schema."""
    log: dict[str, Any] = json.loads(text)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    return log
