"""`kb list/show/new/validate` and `explain` through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from analyzer.cli import main
from analyzer.kb import load_entries

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_kb_list_json_shape() -> None:
    code, out, _ = _run("kb", "list", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert list(doc) == ["entries"]
    entries = load_entries()
    assert [e["id"] for e in doc["entries"]] == [e.id for e in entries]
    for e in doc["entries"]:
        assert list(e) == ["id", "go", "kind", "godebug", "affects"]
        if e["godebug"] is not None:
            assert list(e["godebug"]) == ["name", "package", "old", "new", "removed", "opaque", "immutable"]
        assert all(list(a) == ["package", "symbol"] for a in e["affects"])
    tls = next(e for e in doc["entries"] if e["id"] == "tls10server")
    assert tls["godebug"]["removed"] == 27 and tls["go"] == "1.22"
    assert {"package": "crypto/tls", "symbol": "Config"} in tls["affects"]


def test_kb_list_text_and_show() -> None:
    code, out, _ = _run("kb", "list")
    assert code == 0 and len(out.splitlines()) == len(load_entries())
    code, out, _ = _run("kb", "show", "panicnil")
    assert code == 0 and out == (ROOT / "knowledge" / "entries" / "panicnil.yaml").read_text()


def test_kb_unknown_id_is_one_line_exit_2() -> None:
    for args in (("kb", "show", "no-such"), ("explain", "no-such")):
        code, out, err = _run(*args)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and "no-such" in err and err.startswith("godebug-audit: error:")


def test_kb_explain_renders_mitigations() -> None:
    code, out, _ = _run("explain", "httpmuxgo121")
    assert code == 0
    assert out.startswith("httpmuxgo121: ")
    assert "godebug httpmuxgo121=1" in out and "net/http.ServeMux.Handle" in out
    # a setting name finds the entry that carries it when no entry has that id
    code, out, _ = _run("explain", "tls10server")
    assert code == 0 and "Go 1.23+; not from Go 1.27" in out


def test_kb_new_scaffolds_and_refuses_existing(tmp_path: Path) -> None:
    kb = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", kb)
    (tmp_path / "testdata" / "kb").mkdir(parents=True)
    code, out, _ = _run("kb", "new", "demo-go128", "--dir", str(kb))
    assert code == 0
    assert (kb / "entries" / "demo-go128.yaml").is_file()
    assert (tmp_path / "testdata" / "kb" / "demo-go128" / "main.go").is_file()
    # the skeleton loads, but validate rejects its placeholders
    assert "demo-go128" in {e.id for e in load_entries(kb)}
    code, out, _ = _run("kb", "validate", str(kb))
    assert code == 2 and "demo-go128.yaml:2: title still holds a TODO placeholder" in out
    code, _, err = _run("kb", "new", "demo-go128", "--dir", str(kb))
    assert code == 2 and "already exists" in err
    code, _, err = _run("kb", "new", "bad id", "--dir", str(kb))
    assert code == 2 and "invalid id" in err


def test_kb_broken_entry_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    kb = tmp_path / "knowledge"
    (kb / "entries").mkdir(parents=True)
    text = (
        (ROOT / "knowledge" / "entries" / "panicnil.yaml")
        .read_text()
        .replace("severity: medium", "severity: huge")
    )
    (kb / "entries" / "panicnil.yaml").write_text(text)
    code, out, err = _run("kb", "list", "--dir", str(kb))
    line = text.splitlines().index("severity: huge") + 1
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(
        f"godebug-audit: error: {kb / 'entries' / 'panicnil.yaml'}:{line}: severity: 'huge'"
    )
    code, out, _ = _run("kb", "validate", str(kb))
    assert code == 2 and out.startswith(f"{kb / 'entries' / 'panicnil.yaml'}:{line}: ")
    code, _, err = _run("kb", "validate", str(tmp_path))
    assert code == 2 and "not a knowledge base" in err
