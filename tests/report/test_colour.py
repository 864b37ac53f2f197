"""Colour only on a terminal: the plain text report is untouched in pipes and files."""

from __future__ import annotations

import io

import pytest

from analyzer.report.colour import print_text, styled_text

REPORT = (
    "Plan: Go 1.22.10 -> Go 1.27.3\n"
    "\n"
    "cmd/app  (example.com/m/cmd/app)\n"
    "    asynctimerchan [not-preservable, 3 uses]: removed\n"
    "  pkg/a.go:3:1: [changed] time.NewTimer  (cmd/app)\n"
)


def test_statuses_and_titles_get_styles() -> None:
    text = styled_text(REPORT)
    assert text.plain == REPORT
    styled = {REPORT[s.start : s.end]: str(s.style) for s in text.spans}
    assert styled["not-preservable"] == "red" and styled["changed"] == "yellow"
    assert styled["Plan: Go 1.22.10 -> Go 1.27.3"] == "bold"
    assert styled["cmd/app  (example.com/m/cmd/app)"] == "bold"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_when_not_a_terminal_or_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    pipe = io.StringIO()
    print_text(REPORT, file=pipe)
    assert pipe.getvalue() == REPORT
    tty = _Tty()
    print_text(REPORT, file=tty)
    assert "\x1b[" in tty.getvalue() and "not-preservable" in tty.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    quiet = _Tty()
    print_text(REPORT, file=quiet)
    assert quiet.getvalue() == REPORT
