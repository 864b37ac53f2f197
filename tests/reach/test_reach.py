"""Import closure per binary and the in-package call graph."""

from __future__ import annotations

from analyzer.reach import PackageNode, closure, import_graph, path_to, reached_by, uncalled_functions
from analyzer.reach.calls import is_called


def test_closure_follows_imports_not_test_imports() -> None:
    pkgs = [
        PackageNode("m/cmd/a", "cmd/a", ("m/pkg/x", "fmt"), is_main=True),
        PackageNode("m/cmd/b", "cmd/b", ("m/pkg/y",), is_main=True),
        PackageNode("m/pkg/x", "pkg/x", ("m/staging/lib",), test_imports=("m/pkg/y",)),
        PackageNode("m/pkg/y", "pkg/y"),
        PackageNode("m/staging/lib", "staging/lib"),
    ]
    g = import_graph(pkgs)
    ca, cb = closure(g, "m/cmd/a"), closure(g, "m/cmd/b")
    assert "m/staging/lib" in ca and "m/pkg/y" not in ca
    assert cb == {"m/cmd/b", "m/pkg/y"}
    assert reached_by({"cmd/a": ca, "cmd/b": cb}, "m/pkg/y") == ("cmd/b",)
    assert path_to(g, "m/cmd/a", "m/staging/lib") == ("m/cmd/a", "m/pkg/x", "m/staging/lib")


SRC = b"""package p

//export fromC
func fromC() { viaExport() }
func viaExport() {}

func Exported() { helper(); cb := asValue; cb() }
func helper() {}
func asValue() {}

var table = map[string]func(){"x": inTable}
func inTable() {}

func (t *T) Method() { fromMethod() }
func fromMethod() {}

func dead() { alsoDead() }
func alsoDead() {}
func init() { fromInit() }
func fromInit() {}
"""


def test_uncalled_functions_are_only_those_no_root_names() -> None:
    dead = uncalled_functions([SRC])
    assert dead == {"dead", "alsoDead"}
    assert not is_called("dead", dead)
    assert is_called("helper", dead)
    assert is_called("(*T).Method", dead) and is_called("", dead)


def test_calls_across_files_of_one_package() -> None:
    a = b"package p\nfunc Run() { step() }\n"
    b = b"package p\nfunc step() {}\nfunc orphan() {}\n"
    assert uncalled_functions([a, b]) == {"orphan"}


def test_names_in_comments_and_strings_do_not_call() -> None:
    src = b"""package p

func Run() {
	// helper() is not called here
	s := "helper()"
	r := `raw
helper()`
	_, _ = s, r
}

func helper() {}

func generic[T any](v T) T { return v }

var _ = generic[int]
"""
    assert uncalled_functions([src]) == {"helper"}


def test_signature_split_over_lines_keeps_the_body() -> None:
    src = b"""package p

func (m *T) Handle(
	ctx context.Context,
) (
	out int, err error,
) {
	return 0, opError()
}

func opError() error { return detail() }

func detail() error { return nil }
"""
    assert uncalled_functions([src]) == frozenset()
