"""PR comparison, the pure part: new findings by fingerprint, per-binary effects, build-setting lines."""

from __future__ import annotations

from typing import Any

from analyzer.pr import diff_build_settings, new_findings, pr_compare
from analyzer.pr.compare import build_settings


def _f(fp: str, line: int, binaries: tuple[str, ...] = ("cmd/a",), file: str = "p/a.go") -> dict[str, Any]:
    return {"entry": "e", "file": file, "line": line, "fingerprint": fp, "binaries": list(binaries)}


def test_moved_finding_is_not_new_and_an_extra_one_is() -> None:
    base = [_f("x", 10), _f("y", 20)]
    head = [_f("x", 14), _f("y", 30), _f("y", 31)]  # both moved; one more use in y's function
    fresh = new_findings(base, head)
    assert [(f["fingerprint"], f["line"], f["new_in"]) for f in fresh] == [("y", 31, ["cmd/a"])]


def _g(function: str, file: str, line: int) -> dict[str, Any]:
    return {
        "entry": "e",
        "package": "net",
        "symbol": "ParseIP",
        "function": function,
        "file": file,
        "line": line,
        "binaries": ["cmd/a"],
        "fingerprint": f"{file}:{line}",
    }


def test_key_is_entry_binary_package_dir_function_symbol_not_the_line_or_file() -> None:
    base = [_g("Parse", "pkg/u/a.go", 10)]
    same = [_g("Parse", "pkg/u/b.go", 40)]  # moved to another file of the package
    assert new_findings(base, same) == []
    other_func = [_g("Other", "pkg/u/a.go", 10)]
    other_dir = [_g("Parse", "pkg/v/a.go", 10)]
    assert len(new_findings(base, other_func)) == 1 and len(new_findings(base, other_dir)) == 1
    other_symbol = [_g("Parse", "pkg/u/a.go", 10) | {"symbol": "ParseCIDR"}]
    other_entry = [_g("Parse", "pkg/u/a.go", 10) | {"entry": "e2"}]
    assert len(new_findings(base, other_symbol)) == 1 and len(new_findings(base, other_entry)) == 1
    edited = [_g("Parse", "pkg/u/a.go", 10) | {"text": "net.ParseIP(strings.TrimSpace(s))", "column": 9}]
    assert new_findings(base, edited) == []  # the call's arguments changed: the same finding


def test_old_finding_reaching_a_new_binary_is_new_for_that_binary() -> None:
    fresh = new_findings([_f("x", 10)], [_f("x", 10, ("cmd/a", "cmd/b"))])
    assert [f["new_in"] for f in fresh] == [["cmd/b"]]
    assert fresh[0]["binaries"] == ["cmd/a", "cmd/b"]


def test_pr_compare_keeps_head_and_reports_binary_effects() -> None:
    base = {
        "schema_version": "1",
        "findings": [_f("x", 10)],
        "binaries": [
            {
                "dir": "cmd/a",
                "import_path": "m/cmd/a",
                "changes": [{"entry": "e", "godebug": "g", "status": "changed", "before": "1", "after": "0"}],
            },
            {"dir": "cmd/old", "import_path": "m/cmd/old", "changes": []},
        ],
    }
    head = {
        "schema_version": "1",
        "findings": [_f("x", 12), _f("z", 3)],
        "binaries": [
            {
                "dir": "cmd/a",
                "import_path": "m/cmd/a",
                "changes": [
                    {"entry": "e", "godebug": "g", "status": "mitigated", "before": "0", "after": "0"},
                    {"entry": "e2", "godebug": None, "status": "changed"},
                ],
            }
        ],
    }
    out = pr_compare(
        base, head, [{"file": "go.mod", "kind": "go", "before": "1.22", "after": "1.23"}], base="main"
    )
    assert [f["fingerprint"] for f in out["findings"]] == ["z"]
    assert out["pr"]["findings"] == {"base": 1, "head": 2, "new": 1}
    assert out["pr"]["build_changes"] == [{"file": "go.mod", "kind": "go", "before": "1.22", "after": "1.23"}]
    effects = {b["dir"]: b for b in out["pr"]["binaries"]}
    assert [c["entry"] for c in effects["cmd/a"]["added"]] == ["e2"]  # needs action, the base had none
    assert [c["entry"] for c in effects["cmd/a"]["removed"]] == ["e"]  # the change mitigates it
    assert [c["entry"] for c in out["binaries"][0]["changes"]] == ["e2"]
    base["binaries"][0]["changes"] = head["binaries"][0]["changes"]
    unchanged = pr_compare(base, head)
    assert unchanged["binaries"][0]["changes"] == []  # nothing new: nothing for --fail-on
    assert effects["cmd/old"]["binary"] == "removed"
    # the go-line edit itself switched g for cmd/a, before any toolchain bump
    assert effects["cmd/a"]["now"] == [{"entry": "e", "godebug": "g", "before": "1", "after": "0"}]
    assert head["findings"][0]["line"] == 12 and len(head["findings"]) == 2  # input untouched


GOMOD = """module example.com/m

go 1.22 // the go line
toolchain go1.23.4

godebug (
\tx509sha1=1
\tpanicnil=1 // why
)
godebug asynctimerchan=1
"""


def test_build_settings_of_each_kind() -> None:
    assert build_settings("go.mod", GOMOD) == {
        ("go", ""): "1.22",
        ("toolchain", ""): "go1.23.4",
        ("godebug", "x509sha1"): "1",
        ("godebug", "panicnil"): "1",
        ("godebug", "asynctimerchan"): "1",
    }
    assert build_settings(".go-version", "1.23.4\n") == {("go-version", ""): "1.23.4"}
    src = "//go:debug x509sha1=1,panicnil=1\n// Package main.\npackage main\n//go:debug ignored=1\n"
    assert build_settings("cmd/a/main.go", src) == {
        ("go:debug", "x509sha1"): "1",
        ("go:debug", "panicnil"): "1",
    }


def test_diff_build_settings() -> None:
    head = GOMOD.replace("go 1.22", "go 1.24").replace("\tx509sha1=1\n", "")
    changes = diff_build_settings(
        {"go.mod": GOMOD, "cmd/a/main.go": "package main\n", "README.md": "go 1.1"},
        {"go.mod": head, "cmd/a/main.go": "//go:debug panicnil=1\npackage main\n", ".go-version": "1.24.1\n"},
    )
    assert changes == [
        {"file": ".go-version", "kind": "go-version", "before": None, "after": "1.24.1", "line": 1},
        {
            "file": "cmd/a/main.go",
            "kind": "go:debug",
            "before": None,
            "after": "1",
            "line": 1,
            "setting": "panicnil",
        },
        {"file": "go.mod", "kind": "go", "before": "1.22", "after": "1.24", "line": 3},
        {"file": "go.mod", "kind": "godebug", "before": "1", "after": None, "line": 7, "setting": "x509sha1"},
    ]
    bumped = diff_build_settings({"go.mod": GOMOD}, {"go.mod": GOMOD.replace("go1.23.4", "go1.24.2")})
    assert bumped == [
        {"file": "go.mod", "kind": "toolchain", "before": "go1.23.4", "after": "go1.24.2", "line": 4}
    ]


def test_compiled_default_changes_count_as_what_the_change_switches() -> None:
    base = {"binaries": [{"dir": "cmd/a", "godebug_before": "panicnil=1,x509sha1=1", "changes": []}]}
    head = {"binaries": [{"dir": "cmd/a", "godebug_before": "x509sha1=0,zipinsecurepath=1", "changes": []}]}
    (effect,) = pr_compare(base, head)["pr"]["binaries"]
    assert effect["now"] == [
        {"entry": None, "godebug": "panicnil", "before": "1", "after": None},
        {"entry": None, "godebug": "x509sha1", "before": "1", "after": "0"},
        {"entry": None, "godebug": "zipinsecurepath", "before": None, "after": "1"},
    ]


def test_a_change_that_gets_worse_is_added_and_a_kept_one_is_not() -> None:
    def doc(*changes: tuple[str, str, str]) -> dict[str, Any]:
        cs = [{"entry": e, "godebug": e, "status": st, "before": b, "after": "0"} for e, st, b in changes]
        return {"binaries": [{"dir": "cmd/a", "changes": cs}]}

    base = doc(("x", "changed", "1"), ("k", "preserved", "1"))
    head = doc(("x", "not-preservable", "1"))  # worse; k gone, but it needed nothing
    (effect,) = pr_compare(base, head)["pr"]["binaries"]
    assert [(c["entry"], c["status"]) for c in effect["added"]] == [("x", "not-preservable")]
    assert effect["removed"] == []


def test_only_new_deployment_findings_are_kept() -> None:
    def d(line: int, key: str, value: str) -> dict[str, Any]:
        return {
            "file": "deploy/a.yaml",
            "line": line,
            "variable": "GODEBUG",
            "key": key,
            "value": value,
            "category": "startup-fatal",
            "context": "Pod/a container a",
            "binaries": ["a"],
        }

    base = {"findings": [], "binaries": [], "deploy": [d(10, "x509sha1", "1")]}
    head = {"findings": [], "binaries": [], "deploy": [d(12, "x509sha1", "1"), d(13, "tls3des", "1")]}
    out = pr_compare(base, head)
    assert [(x["line"], x["key"]) for x in out["deploy"]] == [(13, "tls3des")]  # the moved one is old
    assert out["pr"]["deploy"] == {"base": 1, "head": 2, "new": 1}
    assert "deploy" not in pr_compare({"findings": []}, {"findings": []})["pr"]


def test_a_toolchain_change_that_only_spells_out_defaults_switches_nothing() -> None:
    from analyzer.pr.defaults import shipped_default_value

    # Go 1.22.10 has no asynctimerchan (it behaves as 1); Go 1.23.4 with a go 1.22 line compiles in
    # asynctimerchan=1; the go.mod godebug line really switches panicnil
    base = {"plan": {"from": "1.22.10"}, "binaries": [{"dir": "cmd/a", "godebug_before": "", "changes": []}]}
    head = {
        "plan": {"from": "1.23.4"},
        "binaries": [{"dir": "cmd/a", "godebug_before": "asynctimerchan=1,panicnil=1", "changes": []}],
    }
    (effect,) = pr_compare(base, head, default_value=shipped_default_value())["pr"]["binaries"]
    assert effect["now"] == [{"entry": None, "godebug": "panicnil", "before": "0", "after": "1"}]
    (raw,) = pr_compare(base, head)["pr"]["binaries"]  # without the table, absent stays unknown
    assert [c["godebug"] for c in raw["now"]] == ["asynctimerchan", "panicnil"]
