"""Bad input never raises: every finder and the classifier on arbitrary text built from the tokens they
look for (quotes, continuations, template braces, heredocs, YAML indicators)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.deploy import find_settings
from analyzer.deploy.classify import classify_all
from analyzer.deploy.godebugs import default_table
from analyzer.deploy.walk import FileKind
from analyzer.versions import GoVersion

TOKENS = [
    "GODEBUG",
    "GOGC",
    "GOMEMLIMIT",
    "GOMAXPROCS",
    "=",
    "x509sha1=1",
    ",",
    " ",
    "\t",
    "\n",
    "\\\n",
    "'",
    '"',
    "`",
    "{{",
    "}}",
    "- name: ",
    "value: ",
    "env:",
    "  ",
    "#",
    "//",
    "[Service]",
    "Environment=",
    "ENV ",
    "FROM a AS b",
    "RUN ",
    "export ",
    "<<EOF",
    "EOF",
    "$",
    "${GODEBUG}",
    "os.Setenv(",
    ")",
    ":",
    "|",
    "[",
    "]",
    "ifndef ",
    "endif",
    "valueFrom:",
    "ExecStart=",
    "ENTRYPOINT [",
    "{",
    "}",
    "%",
    "-e ",
]
TEXT = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
TABLE = default_table()


@settings(max_examples=60, deadline=None)
@given(text=TEXT, kind=st.sampled_from(list(FileKind)))
def test_finders_and_classifier_never_raise(text: str, kind: FileKind) -> None:
    found, skipped = find_settings("f", kind, "GODEBUG\n" + text)
    for s in found:
        assert s.line >= 1 and s.column >= 0
    classify_all(found, TABLE, GoVersion(27, 3))
    for sk in skipped:
        assert sk.file == "f"
