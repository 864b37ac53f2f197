"""decls.summarize: the package-level declarations of one file."""

from __future__ import annotations

from analyzer.scan.decls import summarize
from analyzer.scan.parse import parse_go

SRC = b"""package p

const A, B = 1, "x"

const (
	C, D = 2, 3
	E    = 4
)

var X, Y = 1, 2
"""


def test_multi_name_const_specs_list_names_not_commas() -> None:
    s = summarize(parse_go(SRC).root_node, "example.com/p")
    assert s["c"] == ["A", "B", "C", "D", "E"]
    assert s["cv"] == {"A": "1", "B": "x", "C": "2", "D": "3", "E": "4"}
    assert set(s["v"]) == {"X", "Y"}
