"""The skeleton keeps positions and the bodies that hold candidates; the prefilter's trie regexes match
exactly the word list."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from analyzer.scan.parse import parse_go, parse_skeleton, skeleton
from analyzer.scan.prefilter import _alt

SRC = b"""package p

func a() {
\tx := 1
\t_ = x
}

func b() {
\ts := `raw
}
still raw`
\t_ = s
}

func c() { one() }
"""


def test_skeleton_blanks_bodies_without_candidates() -> None:
    out = skeleton(SRC, [])
    assert len(out) == len(SRC) and out.count(b"\n") == SRC.count(b"\n")
    assert b"x := 1" not in out and b"still raw" not in out  # raw string with "\n}" inside: one body
    assert b"func c() { one() }" in out
    assert not parse_go(out).root_node.has_error


def test_skeleton_keeps_bodies_with_candidates() -> None:
    keep = [SRC.index(b"x := 1")]
    out = skeleton(SRC, keep)
    assert b"x := 1" in out and b"still raw" not in out


def test_parse_skeleton_falls_back_to_the_whole_file() -> None:
    broken = b"package p\n\nfunc a() {\n\ts := `\n}\n`\n\tt := `\n}\n"  # unbalanced: skeleton misreads
    tree = parse_skeleton(broken, [])
    assert tree.root_node.end_byte == len(broken)


words = st.sets(st.text(alphabet="abcAB", min_size=1, max_size=5), min_size=1, max_size=8)


@given(words, st.text(alphabet="abcAB", min_size=0, max_size=6))
def test_trie_alternation_matches_the_words(ws: set[str], probe: str) -> None:
    rx = re.compile(rb"(?:" + _alt(ws) + rb")\Z")
    assert (rx.match(probe.encode()) is not None) == (probe in ws)
