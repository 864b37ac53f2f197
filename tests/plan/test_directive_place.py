"""The planner's //go:debug Edit is what `fix` writes: inserting its text before its line of the
original file (as a SARIF fix does) gives fix's output, for every kind of file header."""

from __future__ import annotations

import pytest

from analyzer.fix.edits import add_directives
from analyzer.plan.context import Anchors
from analyzer.plan.mainfacts import main_facts
from analyzer.plan.mitigate import _directive_edit

BODY = "\nfunc main() {}\n"
SOURCES = {
    "bare": "package main\n\nfunc main() {}\n",
    "doc": "// Command x does things.\npackage main\n\nfunc main() {}\n",
    "licence-glued": "// Copyright 2026 X.\n// SPDX-License-Identifier: MIT\npackage main\n" + BODY,
    "build-glued": "//go:build linux\npackage main\n\nfunc main() {}\n",
    "licence-then-doc": (
        "// Copyright 2026 X.\n\n//go:build linux\n\n// Command x.\n// More doc.\npackage main\n" + BODY
    ),
    "block-doc": "/*\nCommand x does things.\n*/\npackage main\n\nfunc main() {}\n",
    "directive-there": "//go:debug panicnil=1\n\n// Command x.\npackage main\n\nfunc main() {}\n",
    "same-key": "//go:debug httpmuxgo121=0\npackage main\n\nfunc main() {}\n",
    "crlf": "// Command x.\r\npackage main\r\n\r\nfunc main() {}\r\n",
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_the_edit_inserted_before_its_line_is_fix_output(name: str) -> None:
    src = SOURCES[name]
    facts = main_facts({"main.go": src.encode()})
    anchors = Anchors(
        main_file=facts.main_file,
        package_line=facts.package_line,
        directive_place=facts.directive_place,
        main_directives=facts.main_directives,
    )
    edit = _directive_edit(anchors, "httpmuxgo121", "1")
    assert edit is not None and edit.line is not None
    lines = src.replace("\r\n", "\n").splitlines(keepends=True)
    if edit.old is not None:  # the key is set there: that line is replaced
        assert lines[edit.line - 1].strip() == edit.old
        lines[edit.line - 1] = edit.text
    else:
        lines[edit.line - 1 : edit.line - 1] = [edit.text]
    assert "".join(lines) == add_directives(src, [("httpmuxgo121", "1")]).replace("\r\n", "\n")
    out = "".join(lines).splitlines()
    at = out.index("//go:debug httpmuxgo121=1")
    # never glued to a comment group: the doc comment (below) or a licence/build header (above)
    assert at == 0 or out[at - 1] == "" or out[at - 1].startswith("//go:debug")
    assert out[at + 1] == "" or out[at + 1].startswith(("//go:debug", "package"))
