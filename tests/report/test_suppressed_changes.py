"""A binary change the suppressions accept is shown as accepted in every format, and fails nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from analyzer.report import render
from analyzer.report.protocol import action_needed
from tests.report.fixture_docs import fixed_kb, load  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("fixed_kb")

ACCEPTED = {"kind": "config", "reason": "measured under Go 1.23", "source": ".godebug-audit.yaml:4"}


def _accepted() -> dict[str, Any]:
    doc = load("scan")
    (api,) = [b for b in doc["binaries"] if b["dir"] == "cmd/kube-apiserver"]
    (wide,) = [c for c in api["changes"] if c["tier"] == "binary-wide"]
    wide["suppressed"] = dict(ACCEPTED)
    return doc


def test_a_suppressed_binary_wide_change_is_marked_everywhere() -> None:
    doc = _accepted()
    sarif = json.loads(render(doc, "sarif"))["runs"][0]["results"]
    (wide,) = [r for r in sarif if r["properties"].get("tier") == "binary-wide"]
    assert wide["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "measured under Go 1.23",
            "properties": {"source": ".godebug-audit.yaml:4"},
        }
    ]
    assert "— **suppressed**: measured under Go 1.23" in render(doc, "markdown")
    assert "      suppressed (.godebug-audit.yaml:4): measured under Go 1.23\n" in render(doc, "text")


def test_only_unsuppressed_changes_count_for_fail_on() -> None:
    doc = _accepted()
    for f in doc["findings"]:
        f["suppressed"] = dict(ACCEPTED)
    (api,) = [b for b in doc["binaries"] if b["dir"] == "cmd/kube-apiserver"]
    (reached,) = [c for c in api["changes"] if c["tier"] == "reached"]
    assert action_needed(doc, ["changed"])  # the reached change is still open
    reached["suppressed"] = dict(ACCEPTED)
    assert not action_needed(doc, ["changed", "not-preservable"])
