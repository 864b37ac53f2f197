"""Every registered format renders every kind of document, and `convert` re-renders saved reports."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from analyzer import __version__
from analyzer.cli import main
from analyzer.report import FORMATS, render
from analyzer.report.kbinfo import ACTION_STATUSES as ACTION
from analyzer.report.sarif import FINGERPRINT_KEY
from tests.report.fixture_docs import DOCUMENTS, assert_golden, fixed_kb, load, validate_sarif  # noqa: F401  (a fixture)

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = ("examples/k8s-shaped", "--to", "1.27")


def test_the_ci_formats_are_registered() -> None:
    assert {"text", "json", "sarif", "markdown", "github"} <= set(FORMATS)


@pytest.mark.usefixtures("fixed_kb")
@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_format_renders_every_document_deterministically(fmt: str, name: str) -> None:
    doc = load(name)
    out = render(doc, fmt)
    assert isinstance(out, str) and out.endswith("\n")
    assert out == render(json.loads(json.dumps(doc)), fmt)
    assert doc == load(name), f"{fmt} must not mutate the document"


@pytest.mark.usefixtures("fixed_kb")
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


@pytest.mark.usefixtures("fixed_kb")
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


# --------------------------------------------------------------------------- on the example repository


def _scan(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["scan", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _committed_copy(tree: str, dest: Path) -> Path:
    """`tree` as committed at HEAD, written under dest (local edits and untracked files would move the
    goldens away from what CI sees); the tree itself when this is no git checkout."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", "--format=tar", "HEAD", "--", tree],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return REPO / tree
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest / tree


@pytest.fixture(scope="module")
def example_document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One JSON scan of the example repository (paths relative to it, as CI would see them)."""
    root = _committed_copy(EXAMPLE[0], tmp_path_factory.mktemp("example"))
    code, out, err = _scan(str(root), *EXAMPLE[1:], "--format", "json")
    assert code in (0, 1), err
    doc: dict[str, Any] = json.loads(out)
    return doc


_GOLDEN_NAMES = {"markdown": "md"}  # file extension per format, where it is not the format's name
E2E_GOLDEN = {"text": "k8s-shaped-to-127.txt", "json": "k8s-shaped-to-127.json.txt"}


def example_golden(kind: str, fmt: str) -> str:
    """The golden file of `kind` (scan or uses) on the example repository in format `fmt`."""
    return f"k8s-shaped{'' if kind == 'scan' else '-uses'}.{_GOLDEN_NAMES.get(fmt, fmt)}"


@pytest.fixture(scope="module")
def example_uses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The `uses` document of the example repository as committed."""
    root = _committed_copy(EXAMPLE[0], tmp_path_factory.mktemp("example-uses"))
    result = CliRunner().invoke(main, ["uses", str(root), "--no-cache", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


@pytest.mark.parametrize("kind", ["scan", "uses"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_example_repository_golden(
    example_document: dict[str, Any], example_uses: dict[str, Any], fmt: str, kind: str
) -> None:
    """Golden output of every registered format on examples/k8s-shaped (a new format fails here until it
    has its golden); rewrite with GODEBUG_AUDIT_UPDATE_GOLDEN=1 after a KB or scanner change, and review
    the diff."""
    doc = example_document if kind == "scan" else example_uses
    text = render(doc, fmt)
    if fmt == "sarif":
        validate_sarif(text)
    if fmt == "json":
        assert json.loads(text) == doc
    text = text.replace(f'"version": "{__version__}"', '"version": "<version>"')
    if kind == "scan" and fmt in E2E_GOLDEN:
        # the end-to-end transcript of the README's command holds this output already (after its two
        # header lines); one golden, so a KB change rewrites it once
        transcript = (REPO / "tests" / "e2e" / "golden" / E2E_GOLDEN[fmt]).read_text()
        assert text == transcript.split("\n", 2)[2], f"differs from tests/e2e/golden/{E2E_GOLDEN[fmt]}"
        return
    assert_golden(example_golden(kind, fmt), text)


def test_example_findings_reach_every_ci_format(example_document: dict[str, Any]) -> None:
    acting = [f for f in example_document["findings"] if f["status"] in ACTION and not f.get("suppressed")]
    assert acting, "the example repository should have findings that need action"
    sarif = validate_sarif(render(example_document, "sarif"))["runs"][0]["results"]
    github = render(example_document, "github")
    markdown = render(example_document, "markdown")
    for f in acting:
        assert any(r["partialFingerprints"][FINGERPRINT_KEY] == f["fingerprint"] for r in sarif)
        assert f"file={f['file']},line={f['line']},col={f['column']}," in github
        assert f"`{f['file']}:{f['line']}:{f['column']}`" in markdown


@pytest.fixture
def incomplete_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(REPO / "testdata" / "e2e" / "keep122", tree)
    return tree


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_exit_codes_are_the_same_for_every_format(
    fmt: str, incomplete_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = str(incomplete_tree)
    assert _scan(tree, "--to", "1.24", "--go-line", "bump", "--format", fmt)[0] == 1
    assert _scan(tree, "--to", "1.24", "--go-line", "bump", "--fail-on", "none", "--format", fmt)[0] == 0
    code, out, err = _scan(tree, "--to", "not-a-version", "--format", fmt)
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    # exit 3 needs a skipped file: the scan's own document, with one file it could not read
    from analyzer.plan import stages

    real = stages.run_audit

    def incomplete(opts: Any) -> dict[str, Any]:
        doc = real(opts)
        doc["skipped"] = [{"file": "pkg/x.go", "reason": "not valid UTF-8", "line": 1}]
        return doc

    monkeypatch.setattr(stages, "run_audit", incomplete)
    args = (tree, "--to", "1.24", "--fail-on", "none", "--format", fmt)
    assert _scan(*args)[0] == 0
    assert _scan(*args, "--strict")[0] == 3


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_the_real_uses_output(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(
        main, ["uses", "examples/k8s-shaped", "--format", "json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["uses"], "the example repository uses tracked APIs"
    out = render(doc, fmt)
    if fmt == "sarif":
        results = validate_sarif(out)["runs"][0]["results"]
        assert {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results} == {
            u["file"] for u in doc["uses"]
        }
    if fmt in ("markdown", "github"):
        assert all(
            f"{u['file']}:{u['line']}" in out or f"file={u['file']},line={u['line']}," in out
            for u in doc["uses"]
        )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_uses_command_speaks_every_format_as_convert_does(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    args = ["uses", "examples/k8s-shaped", "--no-cache"]
    saved = CliRunner().invoke(main, [*args, "--format", "json"], catch_exceptions=False)
    direct = CliRunner().invoke(main, [*args, "--format", fmt], catch_exceptions=False)
    assert saved.exit_code == direct.exit_code == 0, direct.stderr
    report = tmp_path / "uses.json"
    report.write_text(saved.stdout)
    converted = CliRunner().invoke(main, ["convert", str(report), "--format", fmt], catch_exceptions=False)
    assert converted.exit_code == 0
    if fmt == "json":  # the uses command keeps its compact layout; the document is the same
        assert json.loads(converted.stdout) == json.loads(direct.stdout)
    else:
        assert converted.stdout == direct.stdout
    assert direct.stdout.strip(), f"uses --format {fmt} printed nothing"


def test_uses_rejects_an_unknown_format() -> None:
    result = CliRunner().invoke(main, ["uses", str(REPO / "examples" / "k8s-shaped"), "--format", "pdf"])
    assert result.exit_code == 2 and "pdf" in result.stderr
