"""Text edits of go.mod / go.work and main files: formatting, comments, order and CRLF kept; idempotent."""

from __future__ import annotations

import pytest

from analyzer.fix.edits import (
    add_directives,
    add_godebug,
    apply_edits,
    newline_of,
    remove_setting,
    set_go_line,
)
from analyzer.model import Edit
from analyzer.plan.anchors import mod_file_anchors

GOMOD = """// a comment on top
module example.com/m

go 1.23.0 // trailing comment

toolchain go1.23.9

require example.com/x v1.0.0
"""

BLOCK = """module example.com/m

go 1.24.0

godebug (
    // four spaces here
    panicnil=1
)
"""


def test_godebug_line_goes_after_the_toolchain_line_and_keeps_comments() -> None:
    out = add_godebug(GOMOD, [("fips140ems", "0"), ("panicnil", "1")])
    assert out == GOMOD.replace(
        "toolchain go1.23.9\n", "toolchain go1.23.9\ngodebug fips140ems=0\ngodebug panicnil=1\n"
    )
    assert add_godebug(out, [("fips140ems", "0"), ("panicnil", "1")]) == out


def test_godebug_block_is_extended_in_place_with_its_indentation() -> None:
    out = add_godebug(BLOCK, [("x509sha256skid", "0")])
    assert out == BLOCK.replace("    panicnil=1\n", "    panicnil=1\n    x509sha256skid=0\n")
    assert add_godebug(out, [("x509sha256skid", "0")]) == out


def test_a_different_value_is_changed_in_place() -> None:
    assert add_godebug(BLOCK, [("panicnil", "0")]) == BLOCK.replace("panicnil=1", "panicnil=0")


def test_insert_point_is_the_planners_anchor() -> None:
    """The line fix inserts at is the `line` of the planner's Edit (what SARIF and JSON show)."""
    for text in (GOMOD, BLOCK):
        anchor = mod_file_anchors(text).insert_line
        out = add_godebug(text, [("zzz", "1")]).splitlines()
        assert out[anchor - 1].strip() in ("godebug zzz=1", "zzz=1")


def test_crlf_is_kept() -> None:
    crlf = GOMOD.replace("\n", "\r\n")
    out = add_godebug(crlf, [("fips140ems", "0")])
    assert newline_of(out) == "\r\n"
    assert out.count("\n") == out.count("\r\n") == crlf.count("\n") + 1
    assert out.replace("\r\n", "\n") == add_godebug(GOMOD, [("fips140ems", "0")])


def test_go_line_is_set_keeping_its_comment() -> None:
    out = set_go_line(GOMOD, "1.27.0")
    assert "go 1.27.0 // trailing comment\n" in out
    assert out.replace("1.27.0", "1.23.0") == GOMOD
    assert set_go_line(out, "1.27.0") == out


def test_remove_deletes_only_a_line_that_sets_the_key() -> None:
    lines = BLOCK.splitlines()
    at = lines.index("    panicnil=1") + 1
    assert "panicnil" not in remove_setting(BLOCK, at, "panicnil")
    assert remove_setting(BLOCK, at, "tls10server") == BLOCK
    assert remove_setting(BLOCK, 1, "panicnil") == BLOCK


LICENSED = """// Copyright 2026 The Authors.
// SPDX-License-Identifier: Apache-2.0

//go:build linux

// Command x does things.
package main

func main() {}
"""


def test_directive_goes_after_header_and_build_line_before_the_doc_comment() -> None:
    out = add_directives(LICENSED, [("fips140ems", "0")])
    assert out == LICENSED.replace("//go:build linux\n\n", "//go:build linux\n\n//go:debug fips140ems=0\n\n")
    assert add_directives(out, [("fips140ems", "0")]) == out


@pytest.mark.parametrize(
    ("src", "want"),
    [
        ("package main\n", "//go:debug k=v\n\npackage main\n"),
        ("// doc\npackage main\n", "//go:debug k=v\n\n// doc\npackage main\n"),
        ("/*\nlicense\n*/\n\npackage main\n", "/*\nlicense\n*/\n\n//go:debug k=v\n\npackage main\n"),
        ("// Copyright 2026 X\npackage main\n", "// Copyright 2026 X\n\n//go:debug k=v\n\npackage main\n"),
        (
            "// doc\n//\n//go:debug a=1\npackage main\n",
            "// doc\n//\n//go:debug a=1\n//go:debug k=v\npackage main\n",
        ),
    ],
)
def test_directive_placement(src: str, want: str) -> None:
    assert add_directives(src, [("k", "v")]) == want
    assert add_directives(want, [("k", "v")]) == want


def test_directive_crlf() -> None:
    src = LICENSED.replace("\n", "\r\n")
    out = add_directives(src, [("fips140ems", "0")])
    assert "\n" not in out.replace("\r\n", "")
    assert out.replace("\r\n", "\n") == add_directives(LICENSED, [("fips140ems", "0")])


def test_apply_edits_takes_the_planners_edit_texts() -> None:
    edits = [
        Edit("go.mod", "go-mod-godebug", "godebug b=1\n", 7),
        Edit("go.mod", "go-mod-godebug", "godebug a=0\n", 7),
    ]
    out = apply_edits(GOMOD, edits)
    assert "godebug a=0\ngodebug b=1\n" in out  # sorted by key, whatever the order of the edits
    block = [Edit("go.mod", "go-mod-godebug", "\tz=1\n", 7)]
    assert "    z=1\n)" in apply_edits(BLOCK, block)
