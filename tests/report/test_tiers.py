"""Tiers of a binary's changes: a build error fails the whole binary, whatever its code names."""

from __future__ import annotations

from analyzer.model import Api, Change, Edit, Entry, Kind, Mitigation, MitigationKind, Severity, Status
from analyzer.report.protocol import action_needed, change_doc
from analyzer.versions import GoVersion

ENTRY = Entry(
    "tlsrsakex",
    "RSA key exchange",
    GoVersion.parse("1.22"),
    Kind.LIBRARY,
    Severity.MEDIUM,
    "removed.",
    affects=(Api("crypto/tls", "Config"),),
)
REMOVE = Mitigation(
    MitigationKind.GODEBUG_GOMOD,
    "remove `godebug tlsrsakex=1` from go.mod",
    (Edit("go.mod", "remove", "", 5),),
)


def _doc(status: Status) -> dict:  # type: ignore[type-arg]
    c = Change("tlsrsakex", "cmd/x", status, "Go 1.27 removed tlsrsakex", "tlsrsakex", "1", None, (REMOVE,))
    return {"findings": [], "binaries": [{"dir": "cmd/x", "changes": [change_doc(c, ENTRY, [])]}]}


def test_a_build_error_without_uses_is_binary_wide_with_its_mitigation() -> None:
    doc = _doc(Status.BUILD_ERROR)
    c = doc["binaries"][0]["changes"][0]
    assert c["tier"] == "binary-wide"
    assert [m["text"] for m in c["mitigations"]] == [REMOVE.text]
    assert action_needed(doc, ["build-error"])


def test_a_change_without_uses_stays_no_use() -> None:
    doc = _doc(Status.CHANGED)
    c = doc["binaries"][0]["changes"][0]
    assert (c["tier"], c["mitigations"]) == ("no-use", [])
    assert not action_needed(doc, ["changed"])
