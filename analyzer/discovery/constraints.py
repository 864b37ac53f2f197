"""Build constraints as go/build applies them: `//go:build` expressions, `// +build` lines, GOOS/GOARCH
file-name suffixes, and the tags a build context satisfies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from analyzer.versions import GoVersion

# internal/syslist (Go 1.27.3)
KNOWN_OS = frozenset(
    [
        "aix",
        "android",
        "darwin",
        "dragonfly",
        "freebsd",
        "hurd",
        "illumos",
        "ios",
        "js",
        "linux",
        "nacl",
        "netbsd",
        "openbsd",
        "plan9",
        "solaris",
        "wasip1",
        "windows",
        "zos",
    ]
)
UNIX_OS = frozenset(
    [
        "aix",
        "android",
        "darwin",
        "dragonfly",
        "freebsd",
        "hurd",
        "illumos",
        "ios",
        "linux",
        "netbsd",
        "openbsd",
        "solaris",
    ]
)
KNOWN_ARCH = frozenset(
    [
        "386",
        "amd64",
        "amd64p32",
        "arm",
        "armbe",
        "arm64",
        "arm64be",
        "loong64",
        "mips",
        "mipsle",
        "mips64",
        "mips64le",
        "mips64p32",
        "mips64p32le",
        "ppc",
        "ppc64",
        "ppc64le",
        "riscv",
        "riscv64",
        "s390",
        "s390x",
        "sparc",
        "sparc64",
        "wasm",
    ]
)


class ConstraintError(ValueError):
    """A `//go:build` line that does not parse."""


@dataclass(frozen=True)
class BuildContext:
    """The tags a build satisfies (go/build.Context's matchTag)."""

    goos: str = "linux"
    goarch: str = "amd64"
    toolchain: GoVersion = field(default_factory=lambda: GoVersion(27, 3))
    cgo: bool = False
    tags: frozenset[str] = field(default_factory=frozenset)

    def match(self, tag: str) -> bool:
        if tag == "cgo":
            return self.cgo
        if tag in (self.goos, self.goarch, "gc"):
            return True
        if (self.goos, tag) in (("android", "linux"), ("illumos", "solaris"), ("ios", "darwin")):
            return True
        if tag == "unix" and self.goos in UNIX_OS:
            return True
        if tag == "boringcrypto":
            tag = "goexperiment.boringcrypto"
        if tag in self.tags:
            return True
        if tag == f"{self.goarch}.v1" and self.goarch == "amd64":  # GOAMD64=v1 default tool tag
            return True
        m = re.fullmatch(r"go1\.(\d+)", tag)
        return m is not None and 1 <= int(m.group(1)) <= self.toolchain.minor


# --------------------------------------------------------------------------- expressions

Expr = tuple[Any, ...]  # ("tag", name) | ("not", e) | ("and", a, b) | ("or", a, b)

_TOKEN = re.compile(r"\s*(\(|\)|!|&&|\|\||[A-Za-z0-9_.]+)")


MAX_SIZE = 1000  # go/build/constraint maxSize: deeper expressions are "build expression too large"
MAX_OLD_SIZE = 100  # its maxOldSize: AND/OR operators in a `// +build` line


def parse_expr(text: str) -> Expr:
    """Parse a `//go:build` expression (without the `//go:build` prefix)."""
    try:
        return _parse_expr(text)
    except RecursionError:  # nesting Go accepts (up to MAX_SIZE) but Python's stack does not
        raise ConstraintError("build expression too large") from None


def _parse_expr(text: str) -> Expr:
    toks: list[str] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ConstraintError(f"unexpected token {text[pos:].strip()[:10]!r}")
        toks.append(m.group(1))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    if not toks:
        raise ConstraintError("unexpected end of expression")
    i = 0
    size = 0

    def peek() -> str | None:
        return toks[i] if i < len(toks) else None

    def take() -> str:
        nonlocal i
        t = toks[i]
        i += 1
        return t

    def or_() -> Expr:
        x = and_()
        while peek() == "||":
            take()
            x = ("or", x, and_())
        return x

    def and_() -> Expr:
        x = not_()
        while peek() == "&&":
            take()
            x = ("and", x, not_())
        return x

    def not_() -> Expr:  # go/build/constraint exprParser.not: `!!x` is an error, as in Go
        nonlocal size
        size += 1
        if size > MAX_SIZE:
            raise ConstraintError("build expression too large")
        if peek() == "!":
            take()
            if peek() == "!":
                raise ConstraintError("double negation not allowed")
            return ("not", atom())
        return atom()

    def atom() -> Expr:
        t = peek()
        if t is None:
            raise ConstraintError("unexpected end of expression")
        if t == "(":
            take()
            x = or_()
            if peek() != ")":
                raise ConstraintError("missing close paren")
            take()
            return x
        if t in (")", "&&", "||"):
            raise ConstraintError(f"unexpected token {t}")
        return ("tag", take())

    x = or_()
    if i != len(toks):
        raise ConstraintError(f"unexpected token {toks[i]}")
    return x


def parse_plus_build(line: str) -> Expr | None:
    """A `// +build` line as an expression: spaces are OR, commas AND, `!` NOT. None if empty."""
    body = line.strip().removeprefix("//").strip().removeprefix("+build")
    terms: list[Expr] = []
    if body.count(",") + len(body.split()) > MAX_OLD_SIZE + 1:
        return None  # Go: "expression too complex for // +build lines", and go/build ignores the line
    for word in body.split():
        ands: list[Expr] = []
        for lit in word.split(","):
            neg = lit.startswith("!")
            name = lit[1:] if neg else lit
            if not name or not re.fullmatch(r"[A-Za-z0-9_.]+", name) or name.startswith("!"):
                return None  # go/build ignores +build lines that do not parse
            ands.append(("not", ("tag", name)) if neg else ("tag", name))
        e = ands[0]
        for a in ands[1:]:
            e = ("and", e, a)
        terms.append(e)
    if not terms:
        return None
    e = terms[0]
    for t in terms[1:]:
        e = ("or", e, t)
    return e


def is_plus_build(line: str) -> bool:
    s = line.strip()
    if not s.startswith("//"):
        return False
    s = s[2:].strip()
    return s.startswith("+build") and (len(s) == 6 or s[6] in " \t")


def evaluate(expr: Expr, ctx: BuildContext) -> bool:
    op = expr[0]
    if op == "tag":
        return ctx.match(expr[1])
    if op == "not":
        return not evaluate(expr[1], ctx)
    # chains are left-deep (a && b && c is ((a && b) && c), one per `// +build` line): walk them in a
    # loop, so that thousands of lines do not exhaust Python's stack
    rights = []
    while expr[0] == op:
        rights.append(expr[2])
        expr = expr[1]
    operands = (expr, *reversed(rights))
    if op == "and":
        return all(evaluate(x, ctx) for x in operands)
    return any(evaluate(x, ctx) for x in operands)


# --------------------------------------------------------------------------- file names


def good_os_arch_file(name: str, ctx: BuildContext) -> bool:
    """go/build goodOSArchFile: `name_GOOS`, `name_GOARCH`, `name_GOOS_GOARCH` (optionally `_test`)."""
    name = name.split(".", 1)[0]
    i = name.find("_")
    if i < 0:
        return True
    parts = name[i:].split("_")
    if parts and parts[-1] == "test":
        parts = parts[:-1]
    n = len(parts)
    if n >= 2 and parts[n - 2] in KNOWN_OS and parts[n - 1] in KNOWN_ARCH:
        return ctx.match(parts[n - 1]) and ctx.match(parts[n - 2])
    if n >= 1 and (parts[n - 1] in KNOWN_OS or parts[n - 1] in KNOWN_ARCH):
        return ctx.match(parts[n - 1])
    return True


def go_version_minor(expr: Expr) -> int | None:
    """The minimum Go minor a `//go:build` expression implies (go/build/constraint.GoVersion): `go1.22 &&
    linux` gives 22, `go1.21 || go1.22` 21, `!go1.22` or no go1.N tag None. Since Go 1.21 it is the
    language version of the file (raised to at least 1.21 by the compiler)."""
    v = _min_version(expr, True)
    return v if v > 0 else None


def _min_version(expr: Expr, positive: bool) -> int:
    op = expr[0]
    if op == "tag":
        if not positive:
            return -1
        if expr[1] == "go1":
            return 0
        m = re.fullmatch(r"go1\.(\d+)", expr[1])
        return int(m.group(1)) if m else -1
    if op == "not":
        return _min_version(expr[1], not positive)
    a, b = _min_version(expr[1], positive), _min_version(expr[2], positive)
    # `and` needs both, so the larger minimum; `or` needs either, so the smaller (swapped under `!`)
    return max(a, b) if (op == "and") == positive else _or_version(a, b)


def _or_version(a: int, b: int) -> int:
    return min(a, b)
