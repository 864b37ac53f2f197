"""GitHub workflow-command annotations: format, escaping, suppressed findings left out."""

from __future__ import annotations

import pytest

from analyzer.report.github import command, escape_data, escape_property, render_github
from tests.report.fixture_docs import DOCUMENTS, assert_golden, fixed_kb, load  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("fixed_kb")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_github_matches_golden(name: str) -> None:
    assert_golden(f"{name}.github", render_github(load(name)))


def test_escaping_follows_the_runner() -> None:
    assert escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert command("error", "x\ny", file="a,b.go", line=3, col=None) == "::error file=a%2Cb.go,line=3::x%0Ay"
    assert command("notice", "m") == "::notice::m"


def test_one_line_per_open_finding_and_skip() -> None:
    doc = load("scan")
    lines = render_github(doc).splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    # the suppressed finding and the mitigated one are left out
    open_findings = [f for f in doc["findings"] if not f.get("suppressed") and f["status"] != "mitigated"]
    assert len(open_findings) == 2
    assert len(lines) == len(open_findings) + len(doc["skipped"]) + len(doc["deploy"])
    assert "::error file=deploy/apiserver.yaml,line=14,title=godebug-audit deployment%3A startup-fatal::" in (
        render_github(doc)
    )
    assert not any("loop.go" in line or "certs.go" in line for line in lines)
    assert lines[0].startswith("::error file=deploy/apiserver.yaml,")  # startup-fatal
    assert lines[1].startswith("::error file=pkg/util/net/ip.go,")  # not-preservable
    assert lines[2].startswith(
        "::warning file=pkg/webhook/verify.go,line=42,col=17,title=godebug-audit x509sha1%3A"
    )


def test_reported_suppressions_are_annotated() -> None:
    doc = load("scan")
    doc["suppressions"] = {
        "unused": [{"entry": "x509sha1", "reason": "old", "source": ".godebug-audit.yaml:7"}],
        "expired": [],
    }
    head = "::warning file=.godebug-audit.yaml,line=7,title=godebug-audit%3A unused suppression::"
    assert sum(line.startswith(head) for line in render_github(doc).splitlines()) == 1


def test_errors_come_first() -> None:
    levels = [line.split(" ", 1)[0] for line in render_github(load("scan")).splitlines()]
    assert levels == sorted(levels, key=["::error", "::warning", "::notice"].index)
    assert levels[0] == "::error" and "::warning" in levels and "::notice" in levels


def test_pr_build_changes_sit_on_their_line_and_switches_are_noted() -> None:
    doc = load("pr")
    doc["pr"]["build_changes"][0]["line"] = 3
    doc["pr"]["binaries"][0]["now"] = [{"entry": None, "godebug": "panicnil", "before": "0", "after": "1"}]
    lines = render_github(doc).splitlines()
    assert (
        "::notice file=go.work,line=3,title=godebug-audit%3A build setting changed::go 1.22.0 → 1.23.0"
        in lines
    )
    title = "godebug-audit%3A cmd/kube-apiserver behaves differently"
    assert f"::notice title={title}::this change switches panicnil 0 → 1" in lines
