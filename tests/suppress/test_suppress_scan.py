"""Suppressions through `godebug-audit scan`: inline comments and the config file on a real tree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from analyzer.cli import main

MAIN = """package main

import (
\t"fmt"
\t"net"
\t"os"
)

func main() {
\t{ignore}
\tfmt.Println(net.ParseIP(os.Args[1]))
}
"""

CONFIG = """\
plan:
  from: "1.16"
  to: "1.19"
ignore:
  - entry: x509-sha1-go118
    reason: nothing here verifies certificates
  - entry: parseip-*
    paths: [cmd]
    reason: superseded by the inline comment
    until: 2020-01-01
"""


def _tree(root: Path, ignore: str) -> Path:
    (root / "cmd" / "app").mkdir(parents=True)
    (root / "go.mod").write_text("module example.com/m\n\ngo 1.16\n")
    (root / "cmd" / "app" / "main.go").write_text(MAIN.replace("{ignore}", ignore))
    (root / ".godebug-audit.yaml").write_text(CONFIG)
    return root


def _scan(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["scan", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_inline_and_config_suppressions_end_to_end(tmp_path: Path) -> None:
    tree = _tree(
        tmp_path / "t", "//godebug-audit:ignore parseip-leading-zeros-go117 inputs come from our own flags"
    )
    code, out, err = _scan(str(tree), "--format", "json")  # --from/--to from the config file
    assert code in (0, 1), err
    doc: dict[str, Any] = json.loads(out)
    assert (doc["plan"]["from"], doc["plan"]["to"]) == ("1.16.0", "1.19.0")
    (finding,) = doc["findings"]
    assert finding["suppressed"] == {
        "kind": "inline",
        "reason": "inputs come from our own flags",
        "source": "cmd/app/main.go:10",
    }
    sup = doc["suppressions"]
    assert [u["entry"] for u in sup["unused"]] == ["x509-sha1-go118"]
    assert [(e["entry"], e["until"]) for e in sup["expired"]] == [("parseip-*", "2020-01-01")]
    schema = Path(__file__).resolve().parents[2] / "analyzer" / "schemas" / "report.schema.json"
    jsonschema.validate(doc, json.loads(schema.read_text()))
    text = _scan(str(tree))[1]
    assert "\nUnused suppressions (1)\n" in text and "\nExpired suppressions (1)\n" in text
    sarif = json.loads(_scan(str(tree), "--format", "sarif")[1])
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "parseip-leading-zeros-go117"]
    assert result["suppressions"][0]["justification"] == "inputs come from our own flags"
    assert result["suppressions"][0]["kind"] == "inSource"
    assert "cmd/app/main.go" not in _scan(str(tree), "--format", "github")[1].split("suppression")[0]


def test_config_ignore_applies_by_path(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "t", "")
    cfg = (tree / ".godebug-audit.yaml").read_text().replace("until: 2020-01-01", "until: 2999-01-01")
    (tree / ".godebug-audit.yaml").write_text(cfg)
    doc = json.loads(_scan(str(tree), "--format", "json")[1])
    (finding,) = doc["findings"]
    assert finding["suppressed"]["kind"] == "config"
    assert finding["suppressed"]["source"] == ".godebug-audit.yaml:7"  # relative to the scan root
    assert doc["suppressions"]["expired"] == []


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_inline_ignore_without_reason_stops_the_scan_with_file_and_line(tmp_path: Path, fmt: str) -> None:
    tree = _tree(tmp_path / "t", "//godebug-audit:ignore parseip-leading-zeros-go117")
    code, out, err = _scan(str(tree), "--format", fmt)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "godebug-audit: error: cmd/app/main.go:10: //godebug-audit:ignore parseip-leading-zeros-go117: "
        "a reason is required"
    ]


def test_command_line_wins_over_config_plan(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "t", "")
    doc = json.loads(_scan(str(tree), "--to", "1.18", "--format", "json")[1])
    assert (doc["plan"]["from"], doc["plan"]["to"]) == ("1.16.0", "1.18.0")


def test_given_config_file_is_used(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "t", "")
    other = tmp_path / "ci.yaml"
    other.write_text("plan:\n  from: '1.16'\n  to: '1.17'\n")
    doc = json.loads(_scan(str(tree), "--config", str(other), "--format", "json")[1])
    assert doc["plan"]["to"] == "1.17.0"
    assert doc["suppressions"] == {"unused": [], "expired": []}


ACCEPT_WIDE = """\
plan:
  from: "1.16"
  to: "1.19"
ignore:
  - entry: gc-pacer-go118
    reason: GOGC measured under Go 1.18
  - entry: tls10default
    paths: ["cmd/*"]
    reason: every peer speaks TLS 1.2
"""


def test_accepting_every_use_of_a_change_makes_the_scan_pass(tmp_path: Path) -> None:
    """A binary change whose every finding is suppressed no longer counts for --fail-on, and a config
    ignore accepts a binary-wide change (no finding carries it) by its entry and the binary's directory."""
    ignore = "//godebug-audit:ignore parseip-leading-zeros-go117 inputs come from our own flags"
    accepted = _tree(tmp_path / "a", ignore)
    (accepted / ".godebug-audit.yaml").write_text(ACCEPT_WIDE)
    code, out, err = _scan(str(accepted), "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    acting = {
        c["entry"]: c
        for b in doc["binaries"]
        for c in b["changes"]
        if c["tier"] in ("reached", "binary-wide")
    }
    assert acting["parseip-leading-zeros-go117"]["suppressed"]["source"] == "cmd/app/main.go:10"
    assert acting["gc-pacer-go118"]["suppressed"]["reason"] == "GOGC measured under Go 1.18"
    assert acting["tls10default"]["suppressed"]["kind"] == "config"
    assert doc["suppressions"] == {"unused": [], "expired": []}
    still_open = _tree(tmp_path / "b", "")
    (still_open / ".godebug-audit.yaml").write_text(ACCEPT_WIDE)
    assert _scan(str(still_open), "--format", "json")[0] == 1
