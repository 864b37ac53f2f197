"""declindex: the names a file declares, read from gofmt's layout, agree with tree-sitter's summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.scan.declindex import declared_names
from analyzer.scan.decls import summarize
from analyzer.scan.parse import parse_go

REPO = Path(__file__).resolve().parents[2]

GOFMT = b'''// Package p is a sample.
package p

/*
Block comment at column 0:
func notDeclared() {}
*/

import (
	"fmt"
	tls "crypto/tls"
)

import "net"

const Single = 1

const (
	A, B = iota, iota
	C
)

var (
	v1     = map[string]int{
		"a": 1,
	}
	v2, v3 int
)

var usage = `line one
}
func fake() {
`

type (
	Pair struct {
		a, b int
	}
	Alias = tls.Config
)

type Server struct {
	TLS *tls.Config
}

type List[T any] []T

func (s *Server) Start() error {
loop:
	for {
		break loop
	}
	return nil
}

func (l List[T]) Len() int { return len(l) }

func Long(
	a int,
	b string,
) (int, error) {
	fmt.Println(net.IPv4len)
	return a, nil
}

func Generic[K comparable, V any](m map[K]V) int {
	return len(m)
}

var hook = func() {
	var inner int
	_ = inner
}
'''


def _summary_names(data: bytes) -> set[str]:
    s = summarize(parse_go(data).root_node, "p")
    names = set(s["t"]) | set(s["fn"]) | set(s["v"]) | set(s["c"]) | set(s["m"])
    for methods in s["m"].values():
        names |= set(methods)
    return {n for n in names if n.isidentifier() and n != "_"}


def test_gofmt_layout_gives_every_declared_name() -> None:
    got = declared_names(GOFMT)
    assert got is not None
    want = {
        "Single", "A", "B", "C", "v1", "v2", "v3", "usage", "Pair", "Alias", "Server", "List",
        "Start", "Len", "Long", "Generic", "hook",
    }
    assert want <= got
    assert _summary_names(GOFMT) <= got
    assert "inner" not in got and "loop" not in got and "TLS" not in got


@pytest.mark.parametrize(
    "src",
    [
        b"package p\n\nvar a = 1; var b = 2\n",  # two declarations on one line
        b"package p\n\n  func f() {}\n",  # an indented top-level declaration
        b"package p\n\nfunc f() {\n\treturn\n\t}\nfunc g() {\n}\n",  # a body closed off column 0
        b"package p\n\nfunc f() {\nx := 1\n}\n",  # a body not indented
        b"package p\n\nvar (\nx = 1\n)\n",  # a group not indented
        b"package p\n\nfunc f() {\n",  # never closed
        b"package p\n\nvar s = \"`\" + `x\n`\n",  # a raw string it cannot follow
        b"package p\nfunc f() { return }\n\tvar x = 1\n",
        b"\tfunc f() {}\npackage p\n",  # an indented keyword on the file's first line
    ],
)
def test_layouts_it_cannot_vouch_for_give_none(src: bytes) -> None:
    assert declared_names(src) is None


def test_the_first_line_counts_as_column_0() -> None:
    """Lines are found after their newline; the file's first line has none."""
    assert declared_names(b"func F() {\n}\n\ntype T int\n") == {"F", "T"}
    assert declared_names(b"var (\n\tx = 1\n)\n") == {"x"}
    assert declared_names(b"// c\nfunc F() {}\n") == {"F"}


def test_a_body_with_column_0_raw_string_content_gives_none() -> None:
    src = b"package p\n\nfunc f() string {\n\treturn `\n}\nvar x = 1\n`\n}\n\nfunc g() {}\n"
    assert declared_names(src) is None


def _go_files() -> list[Path]:
    return sorted(p for d in ("testdata", "examples") for p in (REPO / d).rglob("*.go"))


def test_agrees_with_the_parse_on_the_repos_go_files() -> None:
    """Whenever it answers, it names at least what tree-sitter's summary declares."""
    files = _go_files()
    assert files
    answered = 0
    for path in files:
        data = path.read_bytes()
        got = declared_names(data)
        if got is None:
            continue
        answered += 1
        missing = _summary_names(data) - got
        assert not missing, f"{path}: {sorted(missing)}"
    assert answered >= len(files) // 2
