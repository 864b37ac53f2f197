"""The KB loader: the shipped entries load, and a broken file names its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.errors import KnowledgeError
from analyzer.kb import default_dir, entry_by_id, load_entries, settings
from analyzer.versions import GoVersion

GOOD = """\
id: demo
title: demo
go: "1.22"
kind: library
severity: low
summary: >-
  demo
godebug:
  name: demo
  package: net/http
  old: "1"
  new: "0"
  changed: 22
  known_since: ["1.22"]
references: [https://go.dev/doc/godebug]
"""


def _kb(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "entries").mkdir(parents=True)
    for name, text in files.items():
        (tmp_path / "entries" / name).write_text(text)
    return tmp_path


def test_kb_shipped_entries_load_sorted() -> None:
    entries = load_entries()
    ids = [e.id for e in entries]
    assert ids == sorted(ids)
    assert {"x509sha1", "panicnil", "httpmuxgo121"} <= set(ids)
    names = [s.name for s in settings(entries)]
    assert names == sorted(names) and len(names) == len(set(names))
    assert (default_dir() / "schema.json").is_file()


def test_kb_backport_known_since() -> None:
    s = entry_by_id(load_entries(), "urlmaxqueryparams").godebug
    assert s is not None
    assert not s.known_by(GoVersion.parse("1.25.5"))
    assert s.known_by(GoVersion.parse("1.25.6"))
    assert s.known_by(GoVersion.parse("1.27.3"))


def test_kb_entry_fields(tmp_path: Path) -> None:
    e = load_entries(_kb(tmp_path, {"demo.yaml": GOOD}))[0]
    assert e.go == GoVersion.parse("1.22") and e.godebug is not None
    assert e.godebug.changed == 22 and e.godebug.old == "1" and e.godebug.known_since == (GoVersion(22),)


def test_kb_unknown_field_names_line(tmp_path: Path) -> None:
    bad = GOOD.replace("  changed: 22\n", "  changed: 22\n  chnaged: 3\n")
    with pytest.raises(KnowledgeError) as info:
        load_entries(_kb(tmp_path, {"demo.yaml": bad}))
    assert info.value.line == 14 and "chnaged" in info.value.message
    assert str(info.value.file).endswith("demo.yaml")


def test_kb_id_must_match_stem(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError) as info:
        load_entries(_kb(tmp_path, {"other.yaml": GOOD}))
    assert info.value.line == 1 and "file name" in info.value.message


def test_kb_invalid_yaml_line(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError) as info:
        load_entries(_kb(tmp_path, {"demo.yaml": GOOD + "notes: [unclosed\n"}))
    assert info.value.line is not None and info.value.line >= 16


def test_kb_entry_by_id_unknown() -> None:
    with pytest.raises(KnowledgeError):
        entry_by_id(load_entries(), "no-such-entry")


def test_kb_ships_in_the_package() -> None:
    """analyzer/knowledge (package data in the wheel) is the repository's knowledge/ directory."""
    import analyzer

    packaged = Path(analyzer.__file__).resolve().parent / "knowledge"
    root = Path(__file__).resolve().parents[2] / "knowledge"
    assert packaged.resolve() == root.resolve()
    assert [e.id for e in load_entries(packaged)] == [e.id for e in load_entries(root)]


def test_kb_repeated_key_and_extensions(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError) as info:
        load_entries(
            _kb(
                tmp_path / "a",
                {"demo.yaml": GOOD.replace("severity: low\n", "severity: low\nseverity: high\n")},
            )
        )
    assert info.value.line == 6 and "given twice" in info.value.message
    e = load_entries(_kb(tmp_path / "b", {"demo.yaml": GOOD + "x-owner: sig-net\nx-tags: [a, b]\n"}))[0]
    assert e.extra == (("x-owner", "sig-net"), ("x-tags", '["a", "b"]'))


def test_kb_settings_prefer_the_entry_named_after_the_setting(tmp_path: Path) -> None:
    other = GOOD.replace("id: demo\n", "id: a-demo-go122\n").replace('new: "0"', 'new: "2"')
    kb = _kb(tmp_path, {"demo.yaml": GOOD, "a-demo-go122.yaml": other})
    entries = load_entries(kb)
    assert [e.id for e in entries] == ["a-demo-go122", "demo"]
    (s,) = settings(entries)
    assert s.new == "0"


def test_kb_schema_is_a_valid_draft_2020_12_schema() -> None:
    import json

    import jsonschema

    schema = json.loads((default_dir() / "schema.json").read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
