"""stdlib.json covers what the scanner needs: every std package the KB names, with their types' members."""

from __future__ import annotations

from analyzer.kb import load_entries
from analyzer.scan.stdlib import is_std, stdlib
from analyzer.scan.targets import Targets
from analyzer.scan.typerep import parse, render


def test_every_kb_std_package_is_described() -> None:
    """If this fails, run tools/gen_stdlib/gen.sh (a new KB entry names a std package)."""
    pkgs = stdlib()
    targets = Targets.from_entries(load_entries())
    missing = sorted({p for p, _ in targets.keys if is_std(p) and p not in pkgs})
    assert not missing


def test_kb_members_exist_on_their_types() -> None:
    pkgs = stdlib()
    unknown = []
    for p, s in Targets.from_entries(load_entries()).keys:
        if not is_std(p) or "." not in s:
            continue
        owner, member = s.split(".", 1)
        t = pkgs[p].get("types", {}).get(owner)
        if t is None or (member not in t.get("f", {}) and member not in t.get("m", {})):
            unknown.append(f"{p}.{s}")
    assert not unknown


def test_inference_facts_are_there() -> None:
    x509 = stdlib()["crypto/x509"]
    assert x509["funcs"]["ParseCertificate"] == ["*crypto/x509.Certificate", "error"]
    assert "Verify" in x509["types"]["Certificate"]["m"]
    http = stdlib()["net/http"]
    assert http["types"]["Server"]["f"]["TLSConfig"] == "*crypto/tls.Config"
    assert stdlib()["io"]["types"]["ReadCloser"]["e"] == ["Reader", "Closer"]


def test_type_notation_round_trips() -> None:
    for s in ["*crypto/x509.Certificate", "[][]*crypto/x509.Certificate", "map[string][]net/http.Cookie",
              "func(*net/url.URL,error)", "chan time.Time", "error", "k8s.io/api/core/v1.Pod"]:
        assert render(parse(s)) == s
    assert parse("?") is None
