"""The byte prefilter: a selector qualified by an import name is no member use; doubt keeps the file."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from analyzer.scan.prefilter import Prefilter, file_imports
from analyzer.scan.targets import Targets

PF = Prefilter(Targets.of([("crypto/x509/pkix", "Name.String"), ("net", "ParseIP"), ("os", "Stat")]))

QUALIFIED = b'''package p

import (
	"github.com/aws/aws-sdk-go/aws"
	"os"
)

// aws names the SDK here; os.Open is no target
func f() {
	_ = aws.String("x")
	_, _ = os.Open("y")
}
'''


def test_file_imports_names_them_as_the_resolver_does() -> None:
    assert file_imports(QUALIFIED) == {b"aws": "github.com/aws/aws-sdk-go/aws", b"os": "os"}
    assert file_imports(b'package p\n\nimport u "net/url"\nimport _ "embed"\nimport . "fmt"\n') == {
        b"u": "net/url"
    }
    assert file_imports(b'package p\n\nimport ("fmt"; "os")\n') is None


def test_an_import_qualified_selector_is_no_member_use() -> None:
    assert not PF.wants(QUALIFIED)
    assert PF.candidates(QUALIFIED) == []


def test_a_shadowed_import_name_counts() -> None:
    src = QUALIFIED.replace(b'_ = aws.String("x")', b'aws := name()\n\t_ = aws.String()')
    assert PF.wants(src)
    assert src.index(b"String()") in PF.candidates(src)


def test_a_member_on_a_value_counts() -> None:
    src = QUALIFIED.replace(b'_ = aws.String("x")', b"_ = cert.Subject.String()")
    assert PF.wants(src)


def test_a_package_level_target_behind_its_import_counts() -> None:
    src = QUALIFIED.replace(b'os.Open("y")', b'os.Stat("y")')
    assert PF.wants(src)
    assert src.index(b"Stat(") in PF.candidates(src)


def test_unreadable_imports_keep_every_selector() -> None:
    src = QUALIFIED.replace(b"import (\n", b"import (\n\t\"a\"; \"b\"\n")
    assert file_imports(src) is None
    assert PF.wants(src)


def test_import_lines_after_the_first_declaration_are_not_imports() -> None:
    src = b'/* License */\npackage p\n\nimport "os"\n\nvar doc = `\nimport (\n\t"x/bar"\n)\n`\n\n'
    src += b"func f() {\n\t_ = bar.String()\n\t_, _ = os.Stat(\"\")\n}\n"
    assert file_imports(src) == {b"os": "os"}
    assert src.index(b"String()") in PF.candidates(src)


KEYED = Prefilter(Targets.of([("crypto/tls", "Config.MinVersion"), ("example.com/x", "T.Err")]))
LOOKBEHIND = re.compile(rb"(?<![\w.])(Err|MinVersion)\s*:")


@given(st.lists(st.sampled_from(["Err", "MinVersion", "x", ".", " ", ":", "\n", "_", "é", "Errx"])))
def test_key_offsets_match_the_lookbehind_pattern(parts: list[str]) -> None:
    data = "".join(parts).encode()
    assert KEYED.key_offsets(data) == [m.start(1) for m in LOOKBEHIND.finditer(data)]
