"""Markdown PR comment: summary per binary, grouped findings, collapse, GitHub's size limit."""

from __future__ import annotations

import copy
import re

import pytest

from analyzer.report.markdown import COLLAPSE_OVER, GITHUB_COMMENT_LIMIT, render_markdown
from tests.report.fixture_docs import DOCUMENTS, assert_golden, fixed_kb, load  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("fixed_kb")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_markdown_matches_golden(name: str) -> None:
    assert_golden(f"{name}.md", render_markdown(load(name)))


def test_summary_row_per_binary_counts_open_and_suppressed() -> None:
    text = render_markdown(load("scan"))
    rows = [line for line in text.splitlines() if line.startswith("| `cmd/")]
    assert len(rows) == 2
    api = next(r for r in rows if "kube-apiserver" in r)
    # changes needing action: 1 reached by code, 1 binary-wide, none without a use; none kept;
    # 2 findings, 1 of them suppressed
    assert api.endswith("| 1 | 1 | 0 | 0 | 2 | 1 |")
    kubectl = next(r for r in rows if "kubectl" in r)
    assert kubectl.endswith("| 0 | 0 | 0 | 1 | 1 | 0 |")
    details = text.split(
        "<details><summary><code>cmd/kube-apiserver</code>: 2 change(s) need action</summary>"
    )[1]
    assert "- `x509sha1` 1 → 0 (changed): go line 1.22 -> 1.27" in details.split("</details>")[0]
    assert "[SHA-1 signed certificates rejected](https://go.dev/doc/go1.18#sha1)" in text


def _many(n: int) -> dict[str, object]:
    doc = load("scan")
    base = doc["findings"][1]
    findings = []
    for i in range(n):
        f = copy.deepcopy(base)
        f["file"] = f"pkg/gen{i:05d}/ip.go"
        f["fingerprint"] = f"{i:016x}"
        findings.append(f)
    doc["findings"] = findings
    return doc


def test_long_groups_collapse() -> None:
    text = render_markdown(_many(COLLAPSE_OVER + 1))
    assert f"<details><summary>{COLLAPSE_OVER + 1} findings</summary>" in text
    assert "findings</summary>" not in render_markdown(_many(COLLAPSE_OVER))


def test_stays_under_github_limit_with_truncation_note() -> None:
    n = 3000
    text = render_markdown(_many(n))
    assert len(text) <= GITHUB_COMMENT_LIMIT
    shown = len(re.findall(r"^- `pkg/gen\d+/ip\.go", text, flags=re.M))
    note = re.search(r"\*\*Truncated:\*\* (\d+) more item", text)
    assert note is not None and 0 < shown < n
    # left out: the findings not shown, and the per-binary changes listed after them
    changes = sum(1 for b in load("scan")["binaries"] for c in b["changes"] if c["status"] == "changed")
    assert shown + int(note.group(1)) == n + changes
    assert text.rstrip().endswith("</details>")  # the skipped-files note survives truncation


def test_small_limit_still_respected() -> None:
    assert len(render_markdown(_many(50), limit=4000)) <= 4000
