"""The loop-variable pass: build-line language versions, the prefilter, package facts, the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.discovery.constraints import go_version_minor, parse_expr
from analyzer.model import SourceFile, UseKind
from analyzer.scan.files import walk
from analyzer.scan.loopscan import own_language_version, scan_loop_vars
from analyzer.scan.loopvar import file_loops, has_loops


@pytest.mark.parametrize(
    ("expr", "minor"),
    [
        ("go1.22", 22),
        ("go1.21 && linux", 21),
        ("linux && go1.23", 23),
        ("go1.21 || go1.22", 21),
        ("go1.22 || linux", None),
        ("!go1.22", None),
        ("!(go1.22 || linux)", None),
        ("!(!go1.23)", 23),
        ("go1.21 && go1.24", 24),
        ("linux", None),
        ("go1", None),
        ("go1.x", None),
    ],
)
def test_build_line_go_version(expr: str, minor: int | None) -> None:
    assert go_version_minor(parse_expr(expr)) == minor


def test_own_language_version() -> None:
    assert own_language_version(SourceFile("a.go", constraint="go1.21")) == 21
    assert own_language_version(SourceFile("a.go", constraint="")) is None
    assert own_language_version(SourceFile("a.go", constraint="linux && !go1.22")) is None
    assert own_language_version(SourceFile("a.go", constraint="((")) is None  # discovery reports it


def test_prefilter_keeps_every_declaring_loop() -> None:
    assert has_loops(b"package p\nfunc f() {\n\tfor i := 0; i < 3; i++ {}\n}\n")
    assert has_loops(b"package p\nfunc f(m map[int]int) { for k, v := range m { _, _ = k, v } }\n")
    assert has_loops(b"package p\n// for all x := range is prose: a parse, never a miss\n")
    assert not has_loops(b"package p\nfunc f(i int) {\n\tfor i = 0; i < 3; i++ {}\n\tfor range 3 {}\n}\n")


def test_reasons_and_positions() -> None:
    src = (
        b"package p\n"
        b"func f(xs []int) (fs []func() int, ps []*int) {\n"
        b"\tfor i, x := range xs {\n"
        b"\t\tfs = append(fs, func() int { return i })\n"
        b"\t\tps = append(ps, &x)\n"
        b"\t}\n"
        b"\treturn\n"
        b"}\n"
    )
    fl = file_loops(src)
    assert fl.error_line is None
    got = [(v.line, v.column, v.name, v.function, [r.why for r in v.reasons]) for v in fl.vars]
    assert got == [
        (3, 6, "i", "f", ["captured by the func literal at 4:19"]),
        (3, 9, "x", "f", ["address-taken at 5:20"]),
    ]


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "go.mod").write_text("module example.com/m\n\ngo 1.21\n")
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return tmp_path


METHODS = (
    "package p\n\ntype T struct{ n int }\n\n"
    "func (t *T) Inc() { t.n++ }\nfunc (t T) Get() int { return t.n }\n"
)
LOOPS = (
    "package p\n\n"
    "func f(ts []T) {\n"
    "\tfor _, t := range ts {\n"
    "\t\tt.Inc()\n"
    "\t}\n"
    "\tfor _, t := range ts {\n"
    "\t\t_ = t.Get()\n"
    "\t}\n"
    "}\n"
)


def test_pointer_methods_come_from_the_whole_package(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"p/types.go": METHODS, "p/loops.go": LOOPS})
    found, skipped = scan_loop_vars(walk(root), root)
    assert not skipped
    assert [(x.use.file, x.use.line, x.use.symbol, x.use.kind) for x in found] == [
        ("p/loops.go", 4, "t", UseKind.LOOP_VAR)
    ]
    assert found[0].why == "loop variable t is the receiver of pointer method Inc at 5:5"


def test_vendored_and_versioned_files_are_left_out(tmp_path: Path) -> None:
    capture = (
        "package p\n\nfunc g(xs []int) (ps []*int) {\n"
        "\tfor _, x := range xs {\n\t\tps = append(ps, &x)\n\t}\n\treturn\n}\n"
    )
    root = _tree(
        tmp_path,
        {
            "p/a.go": capture,
            "p/b.go": "//go:build go1.22\n\n" + capture.replace("func g", "func h"),
            "p/c.go": "//go:build go1.21\n\n" + capture.replace("func g", "func k"),
            "vendor/example.com/v/v.go": capture.replace("package p", "package v"),
        },
    )
    files = [
        SourceFile(f.rel, f.pkg_dir, vendor=True) if f.rel.startswith("vendor/") else f for f in walk(root)
    ]
    found, _ = scan_loop_vars(files, root)
    assert [x.use.file for x in found] == ["p/a.go"]


def test_the_cache_gives_the_same_answers(tmp_path: Path) -> None:
    root = _tree(tmp_path / "t", {"p/types.go": METHODS, "p/loops.go": LOOPS})
    cache = tmp_path / "cache"
    plain = scan_loop_vars(walk(root), root)
    cold = scan_loop_vars(walk(root), root, cache)
    stored = list((cache / "loopvar").rglob("*.json"))
    assert stored, "the pass stores each file's loops"
    warm = scan_loop_vars(walk(root), root, cache)
    assert plain == cold == warm
    for p in stored:
        p.write_text("{not json")
    assert scan_loop_vars(walk(root), root, cache) == plain


def test_deep_nesting_is_a_skip_not_a_crash(tmp_path: Path) -> None:
    chain = "1" + " + x" * 5000  # generated code: walked without recursing down the chain
    parens = "(" * 3000 + "x" + ")" * 3000  # deeper than Python's stack: the file is skipped, said so
    body = "package p\n\nfunc f(xs []int) (o []func() int) {{\n\tfor _, x := range xs {{\n\t\t_ = {e}\n" \
        "\t\to = append(o, func() int {{ return x }})\n\t}}\n\treturn\n}}\n"
    root = _tree(tmp_path, {"p/chain.go": body.format(e=chain), "p/parens.go": body.format(e=parens)})
    found, skipped = scan_loop_vars(walk(root), root)
    assert [(x.use.file, x.use.line) for x in found] == [("p/chain.go", 4)]
    assert [(s.file, s.reason) for s in skipped] == [("p/parens.go", "nested too deeply to analyse")]


def test_the_pool_gives_the_same_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import analyzer.scan.loopscan as loopscan

    files = {f"p/l{i}.go": LOOPS.replace("func f(", f"func f{i}(") for i in range(12)}
    root = _tree(tmp_path, {"p/types.go": METHODS, **files})
    one = scan_loop_vars(walk(root), root, jobs=1)
    monkeypatch.setattr(loopscan, "POOL_MIN", 4)  # a pool even for this small tree
    two = scan_loop_vars(walk(root), root, jobs=2)
    assert len(one[0]) == 12 and one == two
