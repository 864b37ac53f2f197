"""`kb validate`: one valid entry, then one authoring mistake at a time, each reported at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analyzer.kb import load_entries
from analyzer.kb.validate import validate_directory

BASE = """\
id: demo
title: net/http demo change
go: "1.22"
kind: library
severity: low
summary: >-
  A demo behavior change.
godebug:
  name: demo
  package: net/http
  old: "1"
  new: "0"
  changed: 22
  known_since: ["1.22"]
  removed: 27
  opaque: false
affects:
  - package: net/http
    symbol: ServeMux.Handle
    conditions:
      - when: arg-constant
        arg: 0
        matches: '^GET '
        effect: certain
neutralizers:
  - package: net/http
    symbol: Server.Handler
mitigations:
  - kind: go-line
    text: keep the go line
    until: "1.27"
  - kind: godebug-gomod
    text: add a godebug line
    min_go: "1.23"
    until: "1.27"
metric: /godebug/non-default-behavior/demo:events
references: [https://go.dev/doc/godebug]
"""


def _kb(tmp_path: Path, files: dict[str, str], fixtures: tuple[str, ...] = ("demo",)) -> tuple[Path, Path]:
    kb = tmp_path / "knowledge"
    (kb / "entries").mkdir(parents=True)
    for name, text in files.items():
        (kb / "entries" / name).write_text(text)
    fx = tmp_path / "testdata" / "kb"
    for f in fixtures:
        (fx / f).mkdir(parents=True)
    return kb, fx


def _problems(tmp_path: Path, files: dict[str, str], fixtures: tuple[str, ...] = ("demo",)) -> list[str]:
    kb, fx = _kb(tmp_path, files, fixtures)
    return [f"{Path(p.file).name}:{p.line}: {p.message}" for p in validate_directory(kb, fx)]


def test_kb_validate_base_is_clean(tmp_path: Path) -> None:
    assert _problems(tmp_path, {"demo.yaml": BASE}) == []
    kb, _ = _kb(tmp_path / "load", {"demo.yaml": BASE})
    assert load_entries(kb)[0].godebug is not None


# (name, old text, new text, expected line, expected message fragment)
MISTAKES = [
    (
        "min-go-before-known",
        '  known_since: ["1.22"]\n',
        '  known_since: ["1.24"]\n',
        34,
        "before the first toolchain",
    ),
    ("id-not-stem", "id: demo\n", "id: other\n", 1, "differs from the file name"),
    ("unknown-field", "severity: low\n", "severity: low\nsevrity: high\n", 6, "unknown field 'sevrity'"),
    ("bad-version", 'go: "1.22"\n', 'go: "go1.22"\n', 3, "is not valid here"),
    ("bad-enum", "kind: library\n", "kind: libary\n", 4, "is not one of"),
    (
        "changed-without-old",
        '  old: "1"\n  new: "0"\n',
        '  old: null\n  new: "0"\n',
        13,
        "changed is set but old is null",
    ),
    ("removed-before-changed", "  removed: 27\n", "  removed: 21\n", 15, "is before changed"),
    ("opaque-with-metric", "  opaque: false\n", "  opaque: true\n", 36, "opaque setting has no"),
    (
        "metric-mismatch",
        "non-default-behavior/demo:",
        "non-default-behavior/dmeo:",
        36,
        "does not name the setting",
    ),
    ("gomod-min-go", '    min_go: "1.23"\n', '    min_go: "1.21"\n', 34, "need Go 1.23 or later"),
    (
        "until-after-removal",
        '    until: "1.27"\n  - kind: godebug-gomod',
        '    until: "1.28"\n  - kind: godebug-gomod',
        31,
        "after the removal",
    ),
    (
        "package-shape",
        "  - package: net/http\n    symbol: ServeMux",
        "  - package: net/http/\n    symbol: ServeMux",
        18,
        "is not valid here",
    ),
    ("arg-constant-without-arg", "        arg: 0\n", "", 21, "arg-constant needs arg"),
    ("bad-regex", "'^GET '", "'^GET ('", 23, "invalid regular expression"),
    ("symbol-syntax", "symbol: ServeMux.Handle", "symbol: (*ServeMux).Handle", 19, "is not valid here"),
    (
        "references-empty",
        "references: [https://go.dev/doc/godebug]",
        "references: []",
        37,
        "should be non-empty",
    ),
    (
        "mitigation-order",
        "  - kind: go-line\n    text: keep the go line\n",
        "  - kind: code-change\n    text: keep the go line\n",
        32,
        "after a more visible mitigation",
    ),
    ("go-not-changed", 'go: "1.22"\n', 'go: "1.21"\n', 3, "the setting changed in 1.22"),
    (
        "literal-without-composite",
        "      - when: arg-constant\n        arg: 0\n        matches: '^GET '\n",
        "      - when: literal-without-field\n        field: MinVersion\n",
        21,
        "needs touch: [composite]",
    ),
    (
        "neutralizer-is-affected",
        "    symbol: Server.Handler",
        "    symbol: ServeMux.Handle",
        27,
        "cannot be an affected API",
    ),
    ("placeholder", "title: net/http demo change", "title: 'TODO: say it'", 2, "placeholder"),
    (
        "known-since-empty",
        '  known_since: ["1.22"]\n  removed: 27\n',
        "  known_since: []\n  removed: null\n",
        14,
        "known_since is empty",
    ),
    ("bad-yaml", "severity: low\n", "severity: [low\n", 6, "invalid YAML"),
    ("syntax-not-language", "severity: low\n", "severity: low\nsyntax: loopvar\n", 6, "must be language"),
    ("syntax-unknown", "severity: low\n", "severity: low\nsyntax: closures\n", 6, "is not one of"),
]


@pytest.mark.parametrize(("name", "old", "new", "line", "fragment"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_kb_validate_mistake(tmp_path: Path, name: str, old: str, new: str, line: int, fragment: str) -> None:
    assert old in BASE, name
    problems = _problems(tmp_path, {"demo.yaml": BASE.replace(old, new, 1)})
    assert any(p.startswith(f"demo.yaml:{line}:") and fragment in p for p in problems), problems


def test_kb_validate_fixture_dir_missing(tmp_path: Path) -> None:
    problems = _problems(tmp_path, {"demo.yaml": BASE}, fixtures=())
    assert any(p.startswith("demo.yaml:17:") and "no fixtures" in p for p in problems), problems


def test_kb_validate_duplicate_id_and_setting_disagreement(tmp_path: Path) -> None:
    other = BASE.replace("id: demo\n", "id: demo-go122\n").replace("  changed: 22\n", "  changed: 23\n")
    other = other.replace('go: "1.22"', 'go: "1.23"')
    problems = _problems(
        tmp_path, {"demo.yaml": BASE, "demo-go122.yaml": other}, fixtures=("demo", "demo-go122")
    )
    assert any(p.startswith("demo.yaml:13:") and "changed is 22 here but 23" in p for p in problems) or any(
        p.startswith("demo-go122.yaml:13:") and "changed is 23 here but 22" in p for p in problems
    ), problems
    dup = _problems(tmp_path / "dup", {"demo.yaml": BASE, "Demo.yaml": BASE.replace("id: demo", "id: Demo")})
    assert any("duplicate id" in p for p in dup), dup


def test_kb_validate_shipped_setting_entries_are_clean() -> None:
    """Every entry that carries a setting under its own name (tools/gen_settings.py's files) validates."""
    root = Path(__file__).resolve().parents[2]
    problems = validate_directory(root / "knowledge", root / "testdata" / "kb")
    settings = {
        p.stem
        for p in (root / "knowledge" / "entries").glob("*.yaml")
        if (yaml.safe_load(p.read_text()).get("godebug") or {}).get("name") == p.stem
    }
    mine = [str(p) for p in problems if Path(p.file).stem in settings]
    assert mine == []
    assert len(settings) >= 63


def test_a_setting_only_entry_beside_a_reviewed_one_must_say_why(tmp_path: Path) -> None:
    bare = BASE.replace("id: demo", "id: demo-go122")
    bare = bare[: bare.index("affects:")] + bare[bare.index("mitigations:") :]
    said = bare.replace("references:", "notes: the APIs live in entry demo.\nreferences:")
    found = _problems(tmp_path / "a", {"demo.yaml": BASE, "demo-go122.yaml": bare}, ("demo", "demo-go122"))
    assert [p for p in found if "not reported; say why" in p and p.startswith("demo-go122.yaml:")], found
    ok = _problems(tmp_path / "b", {"demo.yaml": BASE, "demo-go122.yaml": said}, ("demo", "demo-go122"))
    assert not [p for p in ok if "carried by" in p], ok
    twice = BASE.replace("id: demo", "id: demo-go122")
    dup = _problems(tmp_path / "c", {"demo.yaml": BASE, "demo-go122.yaml": twice}, ("demo", "demo-go122"))
    assert [p for p in dup if "reported twice" in p], dup
