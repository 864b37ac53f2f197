"""Which GOOS a file is built for: its `//go:build` line and its `_GOOS` file-name suffix.

Three-valued: a tag that is not a GOOS (an architecture, `cgo`, `go1.21`, a custom tag) is unknown, so a
file is ruled out for a platform only when its constraint is false whatever the unknown tags are.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


KNOWN_OS = _words(
    "aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 "
    "solaris wasip1 windows zos"
)
UNIX_OS = _words("aix android darwin dragonfly freebsd hurd illumos ios linux netbsd openbsd solaris")
KNOWN_ARCH = _words(
    "386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 "
    "mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm"
)
# GOOS values that also satisfy another OS tag (cmd/go's matchTag).
_IMPLIES = {"android": "linux", "illumos": "solaris", "ios": "darwin"}

_TOKEN = re.compile(r"\s*(\(|\)|!|&&|\|\||[A-Za-z0-9_.]+)")

Tri = bool | None


def _tag(tag: str, goos: str) -> Tri:
    if tag in KNOWN_OS:
        return tag == goos or _IMPLIES.get(goos) == tag
    if tag == "unix":
        return goos in UNIX_OS
    return None


def _not(v: Tri) -> Tri:
    return None if v is None else not v


def _and(a: Tri, b: Tri) -> Tri:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def _or(a: Tri, b: Tri) -> Tri:
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


class _Parser:
    def __init__(self, expr: str, goos: str) -> None:
        self.tokens: list[str] = []
        pos = 0
        text = expr.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None:
                raise ValueError(f"bad build constraint {expr!r}")
            self.tokens.append(m.group(1))
            pos = m.end()
        self.i = 0
        self.goos = goos

    def _peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def _next(self) -> str:
        tok = self._peek()
        if tok is None:
            raise ValueError("unexpected end of build constraint")
        self.i += 1
        return tok

    def parse(self) -> Tri:
        v = self._or()
        if self._peek() is not None:
            raise ValueError("trailing tokens in build constraint")
        return v

    def _or(self) -> Tri:
        v = self._and()
        while self._peek() == "||":
            self._next()
            v = _or(v, self._and())
        return v

    def _and(self) -> Tri:
        v = self._unary()
        while self._peek() == "&&":
            self._next()
            v = _and(v, self._unary())
        return v

    def _unary(self) -> Tri:
        tok = self._next()
        if tok == "!":
            return _not(self._unary())
        if tok == "(":
            v = self._or()
            if self._next() != ")":
                raise ValueError("missing ) in build constraint")
            return v
        if tok in (")", "&&", "||"):
            raise ValueError(f"unexpected {tok!r} in build constraint")
        return _tag(tok, self.goos)


def constraint_allows(expr: str, goos: str) -> Tri:
    """Whether a `//go:build` expression (without the prefix) holds for `goos`; None when it depends on
    other tags or cannot be parsed."""
    if not expr.strip():
        return True
    try:
        return _Parser(expr, goos).parse()
    except (ValueError, RecursionError):
        return None


def file_name_goos(path: str) -> str | None:
    """The GOOS a file name restricts to (`x_windows.go`, `x_linux_amd64_test.go`), None if none."""
    name = path.rsplit("/", 1)[-1]
    if not name.endswith(".go"):
        return None
    stem = name[:-3]
    if stem.endswith("_test"):
        stem = stem[: -len("_test")]
    i = stem.find("_")
    if i < 0:
        return None
    parts = stem[i:].split("_")
    if len(parts) >= 2 and parts[-1] in KNOWN_ARCH and parts[-2] in KNOWN_OS:
        return parts[-2]
    if parts[-1] in KNOWN_OS:
        return parts[-1]
    return None


def built_for(path: str, constraint: str, goos: str) -> Tri:
    """Whether the file at `path` with `//go:build constraint` is built for `goos` (None: unknown)."""
    named = file_name_goos(path)
    by_name: Tri = True if named is None else (named == goos or _IMPLIES.get(goos) == named)
    return _and(by_name, constraint_allows(constraint, goos))
