"""Every fixture under testdata/scan carries its expected uses inline; the scanner must find exactly those."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from analyzer.scan import scan_tree
from tests.scan.conftest import TARGETS, TESTDATA, Expect, expectations

CASES = sorted(p.name for p in TESTDATA.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_fixture(case: str) -> None:
    root = TESTDATA / case
    want, want_skipped = expectations(root)
    result = scan_tree(root, TARGETS, jobs=1)
    got: Counter[Expect] = Counter(
        (u.file, u.line, u.package, u.symbol, u.kind.value, u.write) for u in result.uses
    )
    missing = want - got
    extra = got - want
    assert not missing and not extra, f"missing {sorted(missing)}\nextra {sorted(extra)}"
    assert {(s.file, s.line) for s in result.skipped} == want_skipped


def test_fixtures_exist() -> None:
    assert len(CASES) >= 5
    assert all(expectations(TESTDATA / c)[0] for c in CASES)


def _flags(case: str) -> dict[str, tuple[bool, bool, bool, str]]:
    result = scan_tree(TESTDATA / case, TARGETS, jobs=1)
    return {f"{u.file}:{u.line}": (u.test, u.vendor, u.generated, u.constraint) for u in result.uses}


def test_file_flags() -> None:
    flags = _flags("vendored")
    assert flags["main_test.go:9"] == (True, False, False, "")
    assert flags["ext_test.go:5"][0] is True
    assert flags["zz_generated.go:7"] == (False, False, True, "")
    assert flags["only_windows.go:7"] == (False, False, False, "windows")
    assert flags["vendor/golang.org/x/net/http2/server.go:8"][1] is True


def test_use_details() -> None:
    result = scan_tree(TESTDATA / "basic", TARGETS, jobs=1)
    by = {(u.line, u.symbol): u for u in result.uses}
    call = by[(14, "ParseIP")]
    assert call.args == ("10.0.0.1",)
    assert call.function == "main"
    assert call.column == 12  # a tab is one column, as go/token counts
    assert call.text.startswith("ip := net.ParseIP(")
    lit = by[(18, "Config")]
    assert lit.literal_keys == ("MinVersion",)
    assert by[(29, "LookPath")].args == ("git",)
    consts = sorted((u.line, u.args) for u in result.uses if u.function == "namedConstants")
    assert [a for _, a in consts] == [("010.0.0.1",), ("::1",)]  # named constants by value


def test_method_function_names() -> None:
    result = scan_tree(TESTDATA / "infer", TARGETS, jobs=1)
    names = {u.function for u in result.uses if u.file == "store/store.go"}
    assert {"fromParams", "(*local).method", "closures"} <= names
    cfg = {u.line: u.function for u in result.uses if u.file == "cfg/cfg.go"}
    assert cfg[11] == "" and cfg[35] == ""  # a struct field and a package-level var
    assert cfg[33] == "Factory"  # a result type


def test_go_parses_fixtures(tmp_path: Path) -> None:
    """The fixtures (but the broken one) are valid Go, as gofmt reads them."""
    import shutil
    import subprocess

    go = shutil.which("go")
    if go is None:
        pytest.skip("go not on PATH")
    goroot = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, check=True).stdout.strip()
    gofmt = Path(goroot) / "bin" / "gofmt"
    files = [str(p) for p in TESTDATA.rglob("*.go") if "broken" not in p.parts]
    proc = subprocess.run([str(gofmt), "-e", "-l", *files], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
