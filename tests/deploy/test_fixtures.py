"""Every fixture under testdata/deploy produces exactly the findings written inline in it.

See testdata/deploy/README.md for the `expect:` / `expect-next:` / `expect-skipped` / `toolchain:` markers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyzer.deploy import find_deploy_settings, find_settings
from analyzer.deploy.classify import classify_all
from analyzer.deploy.godebugs import default_table
from analyzer.deploy.walk import kind_of
from analyzer.versions import GoVersion

FIXTURES = Path(__file__).resolve().parents[2] / "testdata" / "deploy"
_MARK = re.compile(r"(?:#|//|;)\s*expect(?P<next>-next)?:\s*(?P<items>.*?)\s*$")
_ITEM = re.compile(r"^(?P<cat>[a-z-]+)\s+(?P<key>[^\s=]+)(?:=(?P<value>\S*))?(?:\s+->\s+(?P<bins>\S+))?$")

Expect = tuple[int, str, str, str | None, tuple[str, ...] | None]


def _fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.name != "README.md")


def expectations(text: str) -> tuple[list[Expect], list[int], GoVersion]:
    """(line, category, key, value or None, binaries or None) expected, skipped lines, toolchain."""
    lines = text.splitlines()
    out: list[Expect] = []
    skipped = [i for i, ln in enumerate(lines, 1) if "expect-skipped" in ln]
    toolchain = GoVersion.parse("1.27")
    for ln in lines[:3]:
        m = re.search(r"toolchain:\s*(\S+)", ln)
        if m:
            toolchain = GoVersion.parse(m.group(1))
    for i, ln in enumerate(lines, 1):
        m = _MARK.search(ln)
        if not m:
            continue
        target = i
        if m.group("next"):
            target = next(j for j in range(i + 1, len(lines) + 1) if not _MARK.search(lines[j - 1]))
        for item in m.group("items").split(", "):
            im = _ITEM.match(item.strip())
            assert im is not None, f"bad expectation {item!r} on line {i}"
            bins = tuple(im.group("bins").split(",")) if im.group("bins") else None
            out.append((target, im.group("cat"), im.group("key"), im.group("value"), bins))
    return out, skipped, toolchain


@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_fixture(path: Path) -> None:
    rel = path.relative_to(FIXTURES).as_posix()
    text = path.read_text()
    kind = kind_of(rel, text[:128].encode())
    assert kind is not None, f"{rel}: not a deployment file kind"
    want, want_skipped, toolchain = expectations(text)
    settings, skipped = find_settings(rel, kind, text)
    found = classify_all(settings, default_table(), GoVersion(toolchain.minor, 99))
    got = sorted((f.line, f.category.value, f.key, f.value) for f in found)
    assert got == sorted((w[0], w[1], w[2], w[3] if w[3] is not None else None) for w in want)
    by = {(f.line, f.category.value, f.key): f for f in found}
    for line, cat, key, _, bins in want:
        if bins is not None:
            assert by[(line, cat, key)].setting.binaries == bins, (line, key)
    assert sorted(s.line or 0 for s in skipped) == want_skipped
    lines = text.splitlines()
    for f in found:  # columns point at the key in the file when the value is verbatim
        if f.setting.verbatim and f.column and f.value is not None:
            assert lines[f.line - 1][f.column - 1 :].startswith(
                f.value if f.key == f.setting.variable else f.key
            )


def test_expectations_cover_every_fixture() -> None:
    files = _fixture_files()
    assert len(files) >= 10
    for p in files:
        want, skipped, _ = expectations(p.read_text())
        assert want or skipped, p


def test_tree_walk_reports_broken_yaml_and_goes_on() -> None:
    report = find_deploy_settings(FIXTURES, "1.27")
    assert [(s.file, s.line) for s in report.skipped] == [("broken/values.yaml", 5)]
    assert {f.file for f in report.findings} >= {"k8s/deployment.yaml", "systemd/kubelet.service"}
    assert list(report) == list(report.findings)
