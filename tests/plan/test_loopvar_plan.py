"""loopvar-go122 in the audit: loop variables are findings of the modules whose go line crosses 1.22,
attributed per binary like any other use, and the pass does not run when no go line crosses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from analyzer.cli import main

CAPTURE = """package {pkg}

func {fn}(n int) []func() int {{
	var out []func() int
	for i := 0; i < n; i++ {{
		out = append(out, func() int {{ return i }})
	}}
	return out
}}
"""


MAIN = 'package main\n\nimport "example.com/app/lib"\n\nfunc main() { _ = lib.Funcs(3) }\n'


def _tree(root: Path, go: str = "1.21") -> Path:
    files = {
        "go.mod": f"module example.com/app\n\ngo {go}\n",
        "cmd/app/main.go": MAIN,
        "lib/lib.go": CAPTURE.format(pkg="lib", fn="Funcs"),
        "lib/lib_test.go": CAPTURE.format(pkg="lib", fn="testFuncs"),
        "lib/new.go": "//go:build go1.22\n\n" + CAPTURE.format(pkg="lib", fn="Newer"),
        "unused/unused.go": CAPTURE.format(pkg="unused", fn="Funcs"),
        "other/go.mod": "module example.com/other\n\ngo 1.22\n",
        "other/cmd/o/main.go": CAPTURE.format(pkg="main", fn="f") + "\nfunc main() { _ = f(2) }\n",
    }
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


def _scan(tree: Path, *args: str) -> dict[str, Any]:
    r = CliRunner().invoke(main, ["scan", str(tree), "--to", "1.27", *args, "--format", "json"])
    assert r.exit_code in (0, 1), r.output
    doc: dict[str, Any] = json.loads(r.output)
    return doc


def _loops(doc: dict[str, Any]) -> list[tuple[str, int, str, str, tuple[str, ...]]]:
    return [
        (f["file"], f["line"], f["symbol"], f["status"], tuple(f["binaries"]))
        for f in doc["findings"]
        if f["entry"] == "loopvar-go122"
    ]


def test_loops_of_crossing_modules_are_findings(tmp_path: Path) -> None:
    doc = _scan(_tree(tmp_path), "--go-line", "bump", "--no-cache")
    assert _loops(doc) == [
        ("lib/lib.go", 5, "i", "changed", ("cmd/app",)),
        ("lib/lib_test.go", 5, "i", "changed", ()),
        ("unused/unused.go", 5, "i", "unreached", ()),
    ]
    f = next(f for f in doc["findings"] if f["file"] == "lib/lib.go")
    assert f["reason"].startswith("loop variable i is captured by the func literal at 6:21; the go line of")
    assert f["column"] == 6 and f["function"] == "Funcs" and f["text"] == "for i := 0; i < n; i++ {"
    changes = {b["dir"]: c for b in doc["binaries"] for c in b["changes"] if c["entry"] == "loopvar-go122"}
    assert (changes["cmd/app"]["tier"], changes["cmd/app"]["uses"]) == ("reached", 1)
    assert changes["other/cmd/o"]["status"] == "preserved"  # its module is at 1.22 already


def test_no_crossing_no_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import analyzer.scan.loopscan as loopscan

    def boom(*_: Any, **__: Any) -> Any:
        raise AssertionError("the loop pass ran though no go line crosses 1.22")

    monkeypatch.setattr(loopscan, "scan_loop_vars", boom)
    tree = _tree(tmp_path / "a")
    assert _loops(_scan(tree, "--go-line", "keep", "--no-cache")) == []
    assert _loops(_scan(_tree(tmp_path / "b", go="1.22"), "--go-line", "bump", "--no-cache")) == []


def test_jobs_and_cache_do_not_change_the_answer(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "t")
    cache = tmp_path / "cache"
    plain = _scan(tree, "--go-line", "bump", "--no-cache", "--jobs", "1")
    cold = _scan(tree, "--go-line", "bump", "--cache-dir", str(cache), "--jobs", "2")
    warm = _scan(tree, "--go-line", "bump", "--cache-dir", str(cache), "--jobs", "2")
    assert _loops(plain) and _loops(plain) == _loops(cold) == _loops(warm)
    assert plain["findings"] == cold["findings"] == warm["findings"]


@pytest.mark.parametrize("fmt", ["text", "sarif", "markdown", "github"])
def test_every_format_shows_the_loop(tmp_path: Path, fmt: str) -> None:
    args = ["scan", str(_tree(tmp_path)), "--to", "1.27", "--go-line", "bump", "--no-cache", "--format", fmt]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 1, r.output
    assert "lib/lib.go" in r.output and "loop variable i is captured" in r.output
