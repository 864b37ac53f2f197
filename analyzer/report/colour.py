"""Colour for the text report on a terminal: statuses by how urgent they are, section titles in bold.

`styled_text` is pure (text in, a rich Text out); `print_text` writes it, in colour only when the stream is a
terminal and NO_COLOR is not set (rich decides), so pipes and files get the plain report byte for byte.
"""

from __future__ import annotations

import re
from typing import IO

from rich.console import Console
from rich.text import Text

_STATUS_STYLE = {
    "build-error": "bold red",
    "startup-fatal": "bold red",
    "not-preservable": "red",
    "changed": "yellow",
    "advice": "cyan",
    "imported-not-called": "dim",
    "unreached": "dim",
    "preserved": "green",
    "mitigated": "green",
    # deployment categories
    "silently-ignored": "red",
    "overrides-default": "yellow",
}
_BRACKET = re.compile(r"\[(" + "|".join(map(re.escape, _STATUS_STYLE)) + r")[],]")
_TITLE = re.compile(r"^(?:\S.*\(\d+\)|Plan: .*|Changes since .*|cmd/\S*.*|\S+\s+\(\S+\))$")


def styled_text(report: str) -> Text:
    """The text report with styles: `[status]` tags coloured, unindented section lines in bold."""
    text = Text(report)
    for m in _BRACKET.finditer(report):
        text.stylize(_STATUS_STYLE[m.group(1)], m.start(1), m.end(1))
    pos = 0
    for line in report.splitlines(keepends=True):
        if line.strip() and not line[0].isspace() and _TITLE.match(line.rstrip("\n")):
            text.stylize("bold", pos, pos + len(line.rstrip("\n")))
        pos += len(line)
    return text


def print_text(report: str, file: IO[str] | None = None) -> None:
    """Print the text report: coloured on a terminal, unchanged otherwise."""
    console = Console(file=file, highlight=False, soft_wrap=True, emoji=False, markup=False)
    if not console.is_terminal or console.no_color:
        (file or console.file).write(report)
        return
    console.print(styled_text(report), end="")
