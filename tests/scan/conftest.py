"""Shared fixtures for scanner tests: the targets our fixtures exercise, and the inline-expectation parser."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from analyzer.model import Api, Entry, Kind, Neutralizer, Severity, Touch
from analyzer.versions import GoVersion

TESTDATA = Path(__file__).resolve().parents[2] / "testdata" / "scan"

TARGETS = [
    ("net", "ParseIP"),
    ("net", "ParseCIDR"),
    ("crypto/x509", "ParseCertificate"),
    ("crypto/x509", "Certificate.Verify"),
    ("crypto/tls", "Config"),
    ("crypto/tls", "Config.MinVersion"),
    ("crypto/tls", "Config.InsecureSkipVerify"),
    ("net/http", "Server"),
    ("net/http", "Transport.TLSClientConfig"),
    ("net/url", "URL.Port"),
    ("os/exec", "LookPath"),
    ("os/exec", "Command"),
    ("os/exec", "ErrDot"),
    ("io", "Reader.Read"),
    ("golang.org/x/net/http2", "ConfigureServer"),
    ("time", "Timer.Stop"),
]


def entries() -> list[Entry]:
    """Hand-made entries naming the targets (affects) plus one neutralizer."""
    def api(p: str, s: str) -> Api:
        return Api(p, s, (Touch.CALL, Touch.REF, Touch.COMPOSITE, Touch.FIELD_READ, Touch.FIELD_WRITE))

    half = len(TARGETS) // 2
    common = dict(go=GoVersion.parse("1.22"), kind=Kind.LIBRARY, severity=Severity.LOW, summary="test")
    return [
        Entry(id="first", title="first", affects=tuple(api(p, s) for p, s in TARGETS[:half]), **common),
        Entry(
            id="second", title="second", affects=tuple(api(p, s) for p, s in TARGETS[half:]),
            neutralizers=(Neutralizer("crypto/tls", "Config.MinVersion"),), **common,
        ),
    ]


_USE = re.compile(r"use ([\w./-]+?)\.([A-Z]\w*(?:\.\w+)?) (call|ref|composite|field)( write)?")

Expect = tuple[str, int, str, str, str, bool]


def expectations(root: Path) -> tuple[Counter[Expect], set[tuple[str, int]]]:
    """Inline expectations of every .go file under root: `// use pkg.Symbol kind [write]` (comma-separated
    for several on one line) and `// skipped` for a line the scanner must report as skipped."""
    uses: Counter[Expect] = Counter()
    skipped: set[tuple[str, int]] = set()
    for path in sorted(root.rglob("*.go")):
        rel = path.relative_to(root).as_posix()
        for i, line in enumerate(path.read_bytes().decode("utf-8", "replace").splitlines(), 1):
            if "//" not in line:
                continue
            comment = line.rsplit("// ", 1)[-1] if " // " in line or line.lstrip().startswith("//") else ""
            for m in _USE.finditer(comment):
                uses[(rel, i, m.group(1), m.group(2), m.group(3), bool(m.group(4)))] += 1
            if comment.strip() == "skipped":
                skipped.add((rel, i))
    return uses, skipped
