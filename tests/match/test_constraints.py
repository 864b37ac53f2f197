"""Build-constraint evaluation for platform filters: three-valued, GOOS tags only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from analyzer.match.constraints import built_for, constraint_allows, file_name_goos


@pytest.mark.parametrize(
    ("expr", "goos", "want"),
    [
        ("", "windows", True),
        ("linux", "windows", False),
        ("!windows", "windows", False),
        ("!windows", "linux", True),
        ("linux || windows", "windows", True),
        ("linux && amd64", "linux", None),
        ("linux && amd64", "windows", False),
        ("(darwin || freebsd) && !cgo", "windows", False),
        ("unix", "windows", False),
        ("unix", "darwin", True),
        ("linux", "android", True),
        ("go1.21", "windows", None),
        ("!go1.21 || windows", "windows", True),
        ("linux &&", "linux", None),  # malformed: unknown, never rules a file out
        ("(linux", "linux", None),
    ],
)
def test_constraint_allows(expr: str, goos: str, want: bool | None) -> None:
    assert constraint_allows(expr, goos) is want


@pytest.mark.parametrize(
    ("path", "want"),
    [
        ("a/x_windows.go", "windows"),
        ("a/x_windows_test.go", "windows"),
        ("a/x_linux_arm64.go", "linux"),
        ("a/x_amd64.go", None),
        ("a/windows.go", None),
        ("a/x.go", None),
        ("a/x_notanos.go", None),
    ],
)
def test_file_name_goos(path: str, want: str | None) -> None:
    assert file_name_goos(path) == want


def test_built_for_combines_name_and_constraint() -> None:
    assert built_for("x_windows.go", "", "linux") is False
    assert built_for("x_windows.go", "amd64", "windows") is None
    assert built_for("x.go", "", "linux") is True


def test_line_matches_reads_the_uses_source_line() -> None:
    from analyzer.match.conditions import applies
    from analyzer.model import Condition, Effect, Use, UseKind

    cond = Condition(when="line-matches", effect=Effect.UNAFFECTED, matches=r"\bcmp\.Compare\(")
    line = "return cmp.Compare(a.Pointer(), b)"
    use = Use("a.go", 3, 9, "reflect", "Value.Pointer", UseKind.CALL, text=line)
    assert applies(cond, use)
    assert not applies(cond, replace(use, text="return a.Pointer() == b.Pointer()"))
    assert not applies(replace(cond, matches=None), use)
