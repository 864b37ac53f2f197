"""The text report shows what PR mode and suppressions add: the PR section and stale ignores."""

from __future__ import annotations

import pytest

from analyzer.report.text import render_text
from tests.report.fixture_docs import fixed_kb, load  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("fixed_kb")


def test_pr_section_lists_build_setting_edits_and_what_they_switch() -> None:
    doc = load("pr")
    doc["pr"]["binaries"][0]["now"] = [{"entry": None, "godebug": "panicnil", "before": None, "after": "1"}]
    lines = render_text(doc).splitlines()
    start = lines.index("Changes since origin/main: 1 new finding(s) (3 before, 4 after)")
    assert lines[start + 1 : start + 4] == [
        "  1 new deployment finding(s)",
        "  go.work: go 1.22.0 -> 1.23.0",
        "  cmd/kube-apiserver: this change switches panicnil default -> 1; "
        "the bump now changes asynctimerchan [changed]",
    ]
    assert "Changes since" not in render_text(load("scan"))


def test_unused_and_expired_suppressions_are_listed_with_their_source() -> None:
    doc = load("scan")
    doc["suppressions"] = {
        "unused": [{"entry": "tls3des", "reason": "legacy peers", "source": ".godebug-audit.yaml:4"}],
        "expired": [
            {"entry": "x509sha1", "reason": "CA rotation", "source": "pkg/a.go:9", "until": "2026-01-31"}
        ],
    }
    text = render_text(doc)
    assert "\nExpired suppressions (1)\n  pkg/a.go:9: x509sha1: CA rotation (until 2026-01-31)\n" in text
    assert "\nUnused suppressions (1)\n  .godebug-audit.yaml:4: tls3des: legacy peers\n" in text
    doc["suppressions"] = {"unused": [], "expired": []}
    assert "suppressions (" not in render_text(doc)


def test_suppressed_findings_do_not_count_as_needing_action() -> None:
    doc = load("scan")  # two open findings that need action, one suppressed
    assert render_text(doc).splitlines()[-1].startswith("2 findings need action (")
    assert render_text(doc).rstrip().endswith("; 1 of them suppressed)")
    for f in doc["findings"]:
        f.pop("suppressed", None)
    assert render_text(doc).splitlines()[-1].startswith("3 findings need action (")


def test_build_changes_name_their_line_in_text_and_markdown() -> None:
    from analyzer.report.markdown import render_markdown

    doc = load("pr")
    doc["pr"]["build_changes"][0]["line"] = 3
    assert "\n  go.work:3: go 1.22.0 -> 1.23.0\n" in render_text(doc)
    assert "\n- `go.work:3`: go 1.22.0 → 1.23.0\n" in render_markdown(doc)
