"""The skeleton keeps positions and the bodies that hold candidates; the prefilter's trie regexes match
exactly the word list."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from analyzer.scan.parse import (
    Node,
    _gaps_between_tokens,
    _included,
    _ranged_parser,
    parse_go,
    parse_skeleton,
    skeleton,
    skeleton_spans,
)
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


def test_a_one_line_function_never_lends_its_body_to_the_next_declaration() -> None:
    """After `func ... { ... }` on one line, the next `{` at a line end opens a struct or interface
    (or another function): those fields and methods are declarations, never blanked."""
    src = (
        b"package p\n\nfunc (e *E) Error() string { return e.msg }\n\ntype E struct {\n\tmsg string\n}\n\n"
        b"func (e *E) Is() bool { return true }\ntype I interface {\n\tDo() error\n}\n\n"
        b"func long(\n\ta int,\n) (int, error) {\n\treturn a, nil\n}\n"
    )
    out = skeleton(src, [])
    assert b"\tmsg string\n" in out and b"\tDo() error\n" in out
    assert b"return a, nil" not in out  # a body after a signature over several lines is still blanked
    assert not parse_go(out).root_node.has_error


def test_skeleton_keeps_bodies_with_candidates() -> None:
    keep = [SRC.index(b"x := 1")]
    out = skeleton(SRC, keep)
    assert b"x := 1" in out and b"still raw" not in out


def test_parse_skeleton_falls_back_to_the_whole_file() -> None:
    broken = b"package p\n\nfunc a() {\n\ts := `\n}\n`\n\tt := `\n}\n"  # unbalanced: skeleton misreads
    tree = parse_skeleton(broken, [])
    assert tree.root_node.end_byte == len(broken)


def _shape(node: Node, out: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    leaf = node.text if node.child_count == 0 else None
    out.append((node.type, node.start_byte, node.end_byte, node.start_point, node.end_point, leaf))
    for c in node.children:
        _shape(c, out)
    return out


MIXED = b"""package p

import "net"

// F is first.
func F() *net.IPNet {
\tx := 1
\t_ = x
\treturn nil
}

/*
func commented() {
\tgone()
}
*/

type T struct{ A int }

func (t *T) M() (int, error) {
\ts := `raw
}
still raw`
\treturn len(s), nil
}

var v = func() int {
\treturn 2
}

func (t *T) Reset() { *t = T{} }

// U's fields: the skeleton blanks them too (the body after a one-line func), as before
type U struct {
\tB int
}
"""


def test_the_ranged_parse_gives_the_blanked_parse_s_tree() -> None:
    """Bodies left out of the parse (included ranges) give the tree the blanked bytes give: the same
    nodes, positions and leaf text; a comment the skeleton misreads falls back to the blanked parse."""
    plain = MIXED.replace(b"/*\nfunc commented() {\n\tgone()\n}\n*/\n", b"")
    for src in (SRC, MIXED, plain, plain.replace(b"\n", b"\r\n"), b"func F() {\n\tx()\n}\n"):
        for keep in ([], [src.index(b"x")]):
            want = _shape(parse_go(skeleton(src, keep)).root_node, [])
            assert _shape(parse_skeleton(src, keep).root_node, []) == want
    for src, ranged in ((plain, True), (MIXED, False)):  # the comment runs across a span
        blanks = skeleton_spans(src, [])
        parser = _ranged_parser()
        parser.included_ranges = _included(src, blanks)
        assert _gaps_between_tokens(parser.parse(src).root_node, blanks) is ranged


words = st.sets(st.text(alphabet="abcAB", min_size=1, max_size=5), min_size=1, max_size=8)


@given(words, st.text(alphabet="abcAB", min_size=0, max_size=6))
def test_trie_alternation_matches_the_words(ws: set[str], probe: str) -> None:
    rx = re.compile(rb"(?:" + _alt(ws) + rb")\Z")
    assert (rx.match(probe.encode()) is not None) == (probe in ws)
