"""SARIF renderer: schema-valid, one rule per entry found, fingerprints, suppressions, fixes."""

from __future__ import annotations

import json

import jsonschema
import pytest

from analyzer.report.sarif import FINGERPRINT_KEY, render_sarif
from tests.report.fixture_docs import (  # noqa: F401  (fixed_kb: a fixture)
    DOCUMENTS,
    assert_golden,
    fixed_kb,
    load,
    sarif_schema,
    validate_sarif,
)

pytestmark = pytest.mark.usefixtures("fixed_kb")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_sarif_is_schema_valid_and_matches_golden(name: str) -> None:
    text = render_sarif(load(name))
    validate_sarif(text)
    assert_golden(f"{name}.sarif", text)


def test_schema_rejects_a_broken_log() -> None:
    # the validation above must be able to fail
    log = json.loads(render_sarif(load("scan")))
    del log["runs"][0]["tool"]["driver"]["name"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(sarif_schema()).validate(log)


def test_one_rule_per_entry_with_help_and_first_reference() -> None:
    run = validate_sarif(render_sarif(load("scan")))["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert sorted(rules) == [
        "asynctimerchan",
        "deploy/reads-env",
        "deploy/startup-fatal",
        "netip-parse",
        "x509sha1",
    ]
    assert rules["x509sha1"]["helpUri"] == "https://go.dev/doc/go1.18#sha1"
    assert "crypto/x509 rejects SHA-1" in rules["x509sha1"]["help"]["text"]
    assert "helpUri" not in rules["netip-parse"]
    for r in run["results"]:
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]


def test_results_carry_location_fingerprint_and_suppression() -> None:
    doc = load("scan")
    results = validate_sarif(render_sarif(doc))["runs"][0]["results"]
    results = [r for r in results if not r["ruleId"].startswith("deploy/") and "tier" not in r["properties"]]
    assert len(results) == len(doc["findings"]) - 1  # not the mitigated one
    assert "aaaa000011112222" not in {r["partialFingerprints"][FINGERPRINT_KEY] for r in results}
    by_fp = {r["partialFingerprints"][FINGERPRINT_KEY]: r for r in results}
    verify = by_fp["3f2a9c0d1e5b7a44"]
    region = verify["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (42, 17)
    assert "suppressions" not in verify
    timer = by_fp["c0ffee0012345678"]
    assert timer["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "timer is drained before Reset, see #123",
            "properties": {"source": "pkg/controller/loop.go:76"},
        }
    ]


def test_fixes_only_from_machine_applicable_mitigations() -> None:
    results = validate_sarif(render_sarif(load("scan")))["runs"][0]["results"]
    with_fixes = [r for r in results if "fixes" in r and "tier" not in r["properties"]]
    assert [r["ruleId"] for r in with_fixes] == ["x509sha1"]
    insert, replace = with_fixes[0]["fixes"]  # the code-change mitigation has no edits: no fix
    change = insert["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == "go.mod"
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 4, "startColumn": 1, "endLine": 4, "endColumn": 1},
            "insertedContent": {"text": "godebug x509sha1=1\n"},
        }
    ]
    assert replace["artifactChanges"][0]["replacements"] == [
        {"deletedRegion": {"startLine": 3}, "insertedContent": {"text": "go 1.22"}}
    ]


def test_levels_follow_status() -> None:
    results = validate_sarif(render_sarif(load("scan")))["runs"][0]["results"]
    deploy = [(r["ruleId"], r["level"]) for r in results if r["ruleId"].startswith("deploy/")]
    assert deploy == [("deploy/startup-fatal", "error"), ("deploy/reads-env", "note")]
    results = [r for r in results if not r["ruleId"].startswith("deploy/") and "tier" not in r["properties"]]
    assert [(r["properties"]["status"], r["level"]) for r in results] == [
        ("changed", "warning"),
        ("not-preservable", "error"),
        ("changed", "warning"),
    ]


def test_skipped_files_become_notifications_and_paths_are_uri_escaped() -> None:
    doc = load("scan")
    doc["findings"][0]["file"] = "pkg/with space/a#b.go"
    run = validate_sarif(render_sarif(doc))["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == ["skipped: syntax error"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]]
    assert "pkg/with%20space/a%23b.go" in uris


def test_the_documents_entries_win_over_the_kb() -> None:
    doc = load("scan")
    doc["entries"][2]["title"] = "Title from the saved report"
    rules = validate_sarif(render_sarif(doc))["runs"][0]["tool"]["driver"]["rules"]
    titles = {r["id"]: r["shortDescription"]["text"] for r in rules}
    assert titles["x509sha1"] == "Title from the saved report"
    del doc["entries"]
    rules = validate_sarif(render_sarif(doc))["runs"][0]["tool"]["driver"]["rules"]
    titles = {r["id"]: r["shortDescription"]["text"] for r in rules}
    assert titles["x509sha1"] == "SHA-1 signed certificates rejected"  # from the KB


def test_binary_wide_changes_sit_on_the_build_file_with_their_fixes() -> None:
    doc = load("scan")
    doc["binaries"][1]["changes"].append(dict(doc["binaries"][0]["changes"][1]))  # kubectl too
    results = validate_sarif(render_sarif(doc))["runs"][0]["results"]
    (wide,) = [r for r in results if r["properties"].get("tier") == "binary-wide"]
    assert wide["ruleId"] == "asynctimerchan" and wide["level"] == "warning"
    assert wide["properties"]["binaries"] == ["cmd/kube-apiserver", "cmd/kubectl"]
    assert wide["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "go.mod"
    assert wide["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == (
        "godebug asynctimerchan=1\n"
    )
