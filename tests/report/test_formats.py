"""Every registered format renders every kind of document, and `convert` re-renders saved reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_docs import DOCUMENTS, fixed_kb, load  # noqa: F401  (a fixture)

from analyzer.cli import main
from analyzer.report import FORMATS, render

pytestmark = pytest.mark.usefixtures("fixed_kb")


def test_the_ci_formats_are_registered() -> None:
    assert {"text", "json", "sarif", "markdown", "github"} <= set(FORMATS)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_format_renders_every_document_deterministically(fmt: str, name: str) -> None:
    doc = load(name)
    out = render(doc, fmt)
    assert isinstance(out, str) and out.endswith("\n")
    assert out == render(json.loads(json.dumps(doc)), fmt)
    assert doc == load(name), f"{fmt} must not mutate the document"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_convert_gives_what_render_gives(tmp_path: Path, fmt: str) -> None:
    report = tmp_path / "report.json"
    report.write_text(json.dumps(load("scan")))
    result = CliRunner().invoke(main, ["convert", str(report), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout == render(load("scan"), fmt)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(report), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0 and out.read_text() == render(load("scan"), fmt)


def test_convert_reads_stdin_and_uses_documents() -> None:
    result = CliRunner().invoke(
        main, ["convert", "-", "--format", "markdown"], input=json.dumps(load("uses"))
    )
    assert result.exit_code == 0
    assert "use(s) of tracked APIs" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "report.json:1: not a JSON report"),
        ('{"schema_version": "2", "findings": []}', "unsupported schema_version '2'"),
        ('{"findings": []}', "unsupported schema_version None"),
        ("[1, 2]", "expected a JSON object"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_convert_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: str | bytes, message: str) -> None:
    report = tmp_path / "report.json"
    if isinstance(content, bytes):
        report.write_bytes(content)
    else:
        report.write_text(content)
    result = CliRunner().invoke(main, ["convert", str(report), "--format", "sarif"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("godebug-audit: error: ") and message in lines[0]
    assert result.stdout == ""


def test_convert_missing_file_and_unknown_format_exit_2(tmp_path: Path) -> None:
    missing = CliRunner().invoke(main, ["convert", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "nope.json" in missing.stderr
    unknown = CliRunner().invoke(main, ["convert", str(tmp_path / "nope.json"), "--format", "pdf"])
    assert unknown.exit_code == 2
