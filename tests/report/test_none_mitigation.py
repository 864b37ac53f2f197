"""A `none` mitigation says no way exists: every format prints it as a note, never as another fix."""

from __future__ import annotations

import pytest

from analyzer.report import render
from tests.report.fixture_docs import fixed_kb, load  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("fixed_kb")


def _none_texts() -> list[str]:
    doc = load("scan")
    ms = [m for f in doc["findings"] for m in f.get("mitigations", [])]
    ms += [m for b in doc["binaries"] for c in b["changes"] for m in c.get("mitigations", [])]
    texts = sorted({m["text"] for m in ms if m["kind"] == "none"})
    assert texts
    return texts


@pytest.mark.parametrize("fmt", ["text", "markdown", "github", "sarif"])
def test_none_reads_as_a_note(fmt: str) -> None:
    out = render(load("scan"), fmt)
    for text in _none_texts():
        assert text in out
        for wrong in (f"or: {text}", f"fix: {text}", f"none: {text}", f"; or {text}", f"behavior: {text}"):
            assert wrong not in out, (fmt, wrong)
        assert any(f"{note}{text}" in out for note in ("note: ", "Note: ")), fmt
