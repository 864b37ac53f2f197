"""Suppressions: inline comments and the config file, applied to a document; unused and expired reported."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from analyzer.errors import InputError
from analyzer.report.protocol import action_needed
from analyzer.suppress import (
    ConfigIgnore,
    apply_suppressions,
    collect_inline_ignores,
    counts_for_fail_on,
    find_config,
    load_config,
    parse_inline_ignores,
    plan_overrides,
    resolve_config,
    suppress_document,
)
from analyzer.suppress.pathglob import path_matches

TODAY = date(2026, 12, 3)
DOC = Path(__file__).resolve().parent.parent / "data" / "report-scan.json"


def _doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(DOC.read_text())
    for f in doc["findings"]:
        f.pop("suppressed", None)
    return doc


def _by_file(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["file"]: f for f in doc["findings"]}


GO = """package webhook

func check() {
\t//godebug-audit:ignore x509sha1 our CA signs with SHA-256 only
\tcert.Verify(opts)
\tother() //godebug-audit:ignore netip-parse,asynctimerchan inputs are validated upstream
}
"""


def test_inline_comment_covers_its_line_and_the_next() -> None:
    ignores = parse_inline_ignores("pkg/webhook/verify.go", GO)
    assert [(i.entry, i.line, i.reason) for i in ignores] == [
        ("x509sha1", 4, "our CA signs with SHA-256 only"),
        ("netip-parse", 6, "inputs are validated upstream"),
        ("asynctimerchan", 6, "inputs are validated upstream"),
    ]
    x509 = ignores[0]
    base = {"entry": "x509sha1", "file": "pkg/webhook/verify.go"}
    assert x509.matches({**base, "line": 5}) and x509.matches({**base, "line": 4})
    assert not x509.matches({**base, "line": 6})
    assert not x509.matches({**base, "line": 5, "entry": "asynctimerchan"})
    assert not x509.matches({**base, "line": 5, "file": "other.go"})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("\tfoo() //godebug-audit:ignore x509sha1", "a reason is required"),
        ("//godebug-audit:ignore x509sha1   ", "a reason is required"),
        ("//godebug-audit:ignore", "needs an entry id and a reason"),
    ],
)
def test_inline_ignore_without_reason_is_an_error_with_file_and_line(line: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        parse_inline_ignores("a/b.go", f"package b\n\n{line}\n")
    assert (err.value.file, err.value.line) == ("a/b.go", 3)
    assert message in err.value.message
    assert str(err.value).startswith("a/b.go:3: ")


def test_directive_must_be_a_comment_of_its_own() -> None:
    assert (
        parse_inline_ignores("a.go", 'x := "//godebug-audit:ignoreX y"\n// godebug-audit:ignored x y\n') == []
    )


def test_collect_reads_only_the_given_files(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.go").write_text(GO)
    (tmp_path / "pkg" / "bad.go").write_text("//godebug-audit:ignore x509sha1\n")  # not asked for
    found = collect_inline_ignores(tmp_path, ["pkg/a.go", "pkg/missing.go"])
    assert {i.source for i in found} == {"pkg/a.go:4", "pkg/a.go:6"}


def test_apply_marks_reports_unused_and_expired() -> None:
    ignores = [
        ConfigIgnore("x509sha1", "reviewed", ".godebug-audit.yaml:3", paths=("pkg/webhook",)),
        ConfigIgnore("netip-*", "expired one", ".godebug-audit.yaml:7", until=date(2026, 12, 2)),
        ConfigIgnore("asynctimerchan", "wrong path", ".godebug-audit.yaml:11", paths=("vendor/**",)),
        ConfigIgnore("asynctimerchan", "still valid today", ".godebug-audit.yaml:15", until=TODAY),
    ]
    before = _doc()
    out = apply_suppressions(before, ignores, TODAY)
    assert before == _doc(), "apply_suppressions must not mutate its input"
    f = _by_file(out)
    assert f["pkg/webhook/verify.go"]["suppressed"] == {
        "kind": "config",
        "reason": "reviewed",
        "source": ".godebug-audit.yaml:3",
    }
    assert "suppressed" not in f["pkg/util/net/ip.go"]  # its ignore expired
    assert f["pkg/controller/loop.go"]["suppressed"]["reason"] == "still valid today"
    assert [u["source"] for u in out["suppressions"]["unused"]] == [".godebug-audit.yaml:11"]
    assert out["suppressions"]["expired"] == [
        {
            "entry": "netip-*",
            "reason": "expired one",
            "source": ".godebug-audit.yaml:7",
            "kind": "config",
            "until": "2026-12-02",
        }
    ]
    assert [counts_for_fail_on(x) for x in out["findings"]] == [False, True, False, True]


def test_path_globs() -> None:
    assert path_matches("vendor", "vendor/golang.org/x/net/a.go")
    assert path_matches("staging/**", "staging/src/k8s.io/api/a.go")
    assert path_matches("**/zz_generated*.go", "pkg/apis/zz_generated.deepcopy.go")
    assert path_matches("pkg/*/ip.go", "pkg/util/ip.go")
    assert not path_matches("pkg/*/ip.go", "pkg/util/net/ip.go")
    assert not path_matches("vendor", "pkg/vendor/a.go")
    assert not path_matches("pkg/web", "pkg/webhook/a.go")


CONFIG = """\
plan:
  from: "1.22"
  to: "1.27"
  goos: [linux]
  fail_on: high
ignore:
  - entry: x509sha1
    paths: ["pkg/webhook/**"]
    reason: our CA signs with SHA-256 only
  - entry: asynctimerchan
    reason: timers drained
    until: 2026-01-01
"""


def test_config_file_found_upward_and_applied(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".godebug-audit.yaml").write_text(CONFIG)
    sub = tmp_path / "pkg" / "webhook"
    sub.mkdir(parents=True)
    assert find_config(sub) == tmp_path / ".godebug-audit.yaml"
    cfg = load_config(tmp_path / ".godebug-audit.yaml", scan_root=tmp_path)
    assert (cfg.plan.from_, cfg.plan.to, cfg.plan.goos, cfg.plan.fail_on) == (
        "1.22",
        "1.27",
        ("linux",),
        "high",
    )
    assert [i.source.rsplit(":", 1)[1] for i in cfg.ignores] == ["7", "10"]
    out = suppress_document(_doc(), tmp_path, cfg, TODAY)
    assert _by_file(out)["pkg/webhook/verify.go"]["suppressed"]["kind"] == "config"
    assert "suppressed" not in _by_file(out)["pkg/controller/loop.go"]
    assert [e["entry"] for e in out["suppressions"]["expired"]] == ["asynctimerchan"]


def test_config_globs_are_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / ".godebug-audit.yaml").write_text(CONFIG)
    cfg = load_config(tmp_path / ".godebug-audit.yaml", scan_root=tmp_path / "pkg")
    finding = {"entry": "x509sha1", "file": "webhook/verify.go"}  # relative to the scan root pkg/
    assert cfg.ignores[0].matches(finding)


def test_find_config_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".godebug-audit.yaml").write_text(CONFIG)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert find_config(repo) is None


def test_inline_and_config_together(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "controller").mkdir(parents=True)
    lines = (
        ["package controller"]
        + [""] * 74
        + ["\t//godebug-audit:ignore asynctimerchan drained first", "\tt.Reset(d)"]
    )
    (tmp_path / "pkg" / "controller" / "loop.go").write_text("\n".join(lines) + "\n")
    out = suppress_document(_doc(), tmp_path, None, TODAY)
    loop = _by_file(out)["pkg/controller/loop.go"]
    assert loop["suppressed"] == {
        "kind": "inline",
        "reason": "drained first",
        "source": "pkg/controller/loop.go:76",
    }
    assert out["suppressions"] == {"unused": [], "expired": []}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("ignore:\n  - entry: x509sha1\n    paths: [a]\n", 2, "a reason is required"),
        ("plan:\n  to: 1.20\n", 2, "not a Go version string"),
        ("plan:\n  too: '1.20'\n", 2, "unknown key 'too'"),
        ("ignore:\n  - reason: r\n", 2, "`entry` is required"),
        ("ignore:\n  - entry: e\n    reason: r\n    until: soon\n", 2, "`until` is not a date"),
        ("ignore: [\n", 2, "invalid YAML"),
    ],
)
def test_config_errors_name_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / ".godebug-audit.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as err:
        load_config(path)
    assert (err.value.file, err.value.line) == (str(path), line)
    assert message in err.value.message


def test_resolve_config_prefers_the_given_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".godebug-audit.yaml").write_text(CONFIG)
    other = tmp_path / "ci.yaml"
    other.write_text("plan:\n  to: '1.26'\n")
    found = resolve_config(tmp_path)
    assert found is not None and found.plan.to == "1.27"
    given = resolve_config(tmp_path, other)
    assert given is not None and given.plan.to == "1.26" and given.ignores == ()
    with pytest.raises(InputError, match="no such config file"):
        resolve_config(tmp_path, tmp_path / "missing.yaml")
    (tmp_path / ".godebug-audit.yaml").unlink()
    assert resolve_config(tmp_path) is None


def test_plan_overrides_fill_only_what_the_command_line_left_out(tmp_path: Path) -> None:
    path = tmp_path / ".godebug-audit.yaml"
    path.write_text("plan:\n  to: '1.27'\n  goos: [linux, windows]\n  fail_on: [changed, build-error]\n")
    plan = load_config(path).plan
    assert plan_overrides(plan, given={"to"}) == {"goos": "linux,windows", "fail_on": "changed,build-error"}
    assert plan_overrides(plan, given=()) == {
        "to": "1.27",
        "goos": "linux,windows",
        "fail_on": "changed,build-error",
    }


def test_a_trailing_comment_covers_its_own_line_only() -> None:
    src = "package a\n\nfunc f() {\n\tt := time.NewTimer(d) //godebug-audit:ignore asynctimerchan ok\n"
    src += "\tt.Stop()\n}\n"
    (ig,) = parse_inline_ignores("a.go", src)
    assert ig.trailing
    assert ig.matches({"entry": "asynctimerchan", "file": "a.go", "line": 4})
    assert not ig.matches({"entry": "asynctimerchan", "file": "a.go", "line": 5})


def _changes(doc: dict[str, Any], binary: str) -> dict[str, dict[str, Any]]:
    (b,) = [b for b in doc["binaries"] if b["dir"] == binary]
    return {c["entry"]: c for c in b["changes"]}


def test_a_reached_change_is_accepted_when_all_its_findings_are() -> None:
    doc = _doc()
    (api,) = [b for b in doc["binaries"] if b["dir"] == "cmd/kube-apiserver"]
    api["changes"] = [c for c in api["changes"] if c["entry"] == "x509sha1"]  # reached, changed
    doc["findings"] = [f for f in doc["findings"] if f["entry"] != "asynctimerchan"]
    (verify,) = [f for f in doc["findings"] if f["file"] == "pkg/webhook/verify.go"]
    doc["findings"].append({**verify, "file": "pkg/webhook/other.go", "fingerprint": "00000000000000ff"})
    assert action_needed(doc, ["changed"])

    one_file = ConfigIgnore("x509sha1", "one file", ".godebug-audit.yaml:3", paths=("pkg/webhook/verify.go",))
    partly = apply_suppressions(doc, [one_file], TODAY)
    assert "suppressed" not in _changes(partly, "cmd/kube-apiserver")["x509sha1"]
    assert action_needed(partly, ["changed"])  # other.go still uses it

    everywhere = ConfigIgnore("x509sha1", "our CA signs with SHA-256", ".godebug-audit.yaml:3")
    accepted = apply_suppressions(doc, [everywhere], TODAY)
    assert (
        _changes(accepted, "cmd/kube-apiserver")["x509sha1"]["suppressed"]["reason"]
        == "our CA signs with SHA-256"
    )
    assert not action_needed(accepted, ["changed"])


def test_a_config_ignore_accepts_a_binary_wide_change_by_entry_and_binary_dir() -> None:
    doc = _doc()
    assert _changes(doc, "cmd/kube-apiserver")["asynctimerchan"]["tier"] == "binary-wide"
    elsewhere = ConfigIgnore(
        "asynctimerchan", "other binaries", ".godebug-audit.yaml:3", paths=("cmd/kubectl",)
    )
    doc["findings"] = [f for f in doc["findings"] if f["entry"] != "asynctimerchan"]
    out = apply_suppressions(doc, [elsewhere], TODAY)
    assert "suppressed" not in _changes(out, "cmd/kube-apiserver")["asynctimerchan"]
    assert [u["source"] for u in out["suppressions"]["unused"]] == [".godebug-audit.yaml:3"]
    here = ConfigIgnore("asynctimerchan", "measured", ".godebug-audit.yaml:5", paths=("cmd/kube-*",))
    out = apply_suppressions(doc, [here], TODAY)
    assert _changes(out, "cmd/kube-apiserver")["asynctimerchan"]["suppressed"] == {
        "kind": "config",
        "reason": "measured",
        "source": ".godebug-audit.yaml:5",
    }
    assert out["suppressions"]["unused"] == []
    wide = [c for b in out["binaries"] for c in b["changes"] if c["tier"] == "binary-wide"]
    assert all(c.get("suppressed") for c in wide)


def test_an_ignore_left_in_a_file_without_findings_is_reported_unused(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "old").mkdir(parents=True)
    (tmp_path / "pkg" / "old" / "gone.go").write_text(
        "package old\n\n//godebug-audit:ignore x509sha1 the call was removed\nfunc f() {}\n"
    )
    (tmp_path / "vendor" / "x").mkdir(parents=True)
    (tmp_path / "vendor" / "x" / "x.go").write_text("package x\n\n//godebug-audit:ignore x509sha1\n")
    (tmp_path / "_tools").mkdir()
    (tmp_path / "_tools" / "t.go").write_text("package t\n\n//godebug-audit:ignore x509sha1\n")
    (tmp_path / "pkg" / "plain.go").write_text("package pkg\n")
    from analyzer.suppress import files_with_ignores

    assert list(files_with_ignores(tmp_path)) == ["pkg/old/gone.go"]  # no reason needed where Go never looks
    out = suppress_document({"findings": [], "binaries": []}, tmp_path, None, today=TODAY)
    assert out["suppressions"]["unused"] == [
        {
            "entry": "x509sha1",
            "reason": "the call was removed",
            "source": "pkg/old/gone.go:3",
            "kind": "inline",
        }
    ]
    (tmp_path / "pkg" / "old" / "gone.go").write_text("package old\n\n//godebug-audit:ignore x509sha1\n")
    with pytest.raises(InputError, match="a reason is required"):
        suppress_document({"findings": [], "binaries": []}, tmp_path, None, today=TODAY)


def test_files_with_ignores_keeps_its_answers_by_stat_and_sees_edits(tmp_path: Path) -> None:
    import os

    from analyzer.suppress import files_with_ignores

    root, cache = tmp_path / "r", tmp_path / "c"
    old_ns = 1_600_000_000 * 10**9
    for i in range(5):
        p = root / f"p{i}" / "a.go"
        p.parent.mkdir(parents=True)
        p.write_text(f"package p{i}\n" + ("//godebug-audit:ignore x509sha1 kept\n" if i == 2 else "//\n"))
        os.utime(p, ns=(old_ns, old_ns))
    want = list(files_with_ignores(root))
    assert want == ["p2/a.go"]
    assert list(files_with_ignores(root, cache)) == want  # fills the cache
    assert any((cache / "ignores").glob("*.json"))
    assert list(files_with_ignores(root, cache)) == want
    edited = root / "p4" / "a.go"
    edited.write_text("package p4\n//godebug-audit:ignore x509sha1 added\n")
    os.utime(edited, ns=(old_ns, old_ns))  # same mtime: the size and ctime tell
    assert list(files_with_ignores(root, cache)) == ["p2/a.go", "p4/a.go"] == list(files_with_ignores(root))
