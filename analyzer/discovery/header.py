"""A Go file's header, read the way go/build reads it: build constraints, `//go:` directives before the
package clause, the package name, the import block, and the `// Code generated ... DO NOT EDIT.` marker.

Only the header is tokenized; the body is searched for misplaced `//go:debug` lines only on request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.discovery.constraints import (
    BuildContext,
    ConstraintError,
    Expr,
    evaluate,
    is_plus_build,
    parse_expr,
    parse_plus_build,
)
from analyzer.model import Directive

_GENERATED = re.compile(r"^// Code generated .* DO NOT EDIT\.$")
_IDENT = re.compile(r"[^\W\d]\w*")
_GODEBUG_LINE = re.compile(r"^[ \t]*(//go:debug(?:[ \t][^\n]*)?)$", re.M)


class HeaderError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Header:
    package: str
    package_line: int
    imports: tuple[str, ...]
    directives: tuple[Directive, ...]  # //go:debug before the package clause
    go_build: str  # the //go:build expression text, "" when none
    plus_build: tuple[str, ...]  # // +build lines in the leading comment block (used when no //go:build)
    generated: bool
    cgo: bool
    end: int  # offset just past the import block (or the package clause)
    package_end: int  # offset just past the package name


def parse_go_debug(text: str) -> tuple[str, str, str] | None:
    """cmd/go's ParseGoDebug syntax step: (key, value, error) or None when not a //go:debug line."""
    if not text.startswith("//go:debug"):
        return None
    m = re.search(r"[ \t]", text)
    if m is None:
        return ("", "", "missing key=value") if text.strip() == "//go:debug" else None
    k, eq, v = text[m.start() :].strip().partition("=")
    if not eq:
        return ("", "", "missing key=value")
    for what, s in (("key", k), ("value", v)):
        if re.search(r"[ \t]", s):
            return (k, v, f"{what} contains space")
        if "," in s:
            return (k, v, f"{what} contains comma")
    return (k, v, "")


def _leading_block(content: str) -> tuple[str, str, tuple[str, ...]]:
    """go/build parseFileHeader: (trimmed leading block, //go:build expression, +build lines)."""
    end = 0
    pos = 0
    ended = False
    in_star = False
    go_build = ""
    n = len(content)
    while pos < n:
        j = content.find("\n", pos)
        raw = content[pos:] if j < 0 else content[pos:j]
        pos = n if j < 0 else j + 1
        line = raw.strip()
        if not line and not ended:
            end = pos
            continue
        if not line.startswith("//"):
            ended = True
        if not in_star and _is_go_build(line):
            if go_build:
                raise HeaderError("multiple //go:build comments", content[:pos].count("\n"))
            go_build = line
        rest = line
        stop = False
        while rest:
            if in_star:
                k = rest.find("*/")
                if k >= 0:
                    in_star = False
                    rest = rest[k + 2 :].strip()
                    continue
                break
            if rest.startswith("//"):
                break
            if rest.startswith("/*"):
                in_star = True
                rest = rest[2:].strip()
                continue
            stop = True
            break
        if stop:
            break
    trimmed = content[:end]
    plus = tuple(ln.strip() for ln in trimmed.splitlines() if is_plus_build(ln))
    expr = go_build[len("//go:build") :].strip() if go_build else ""
    return trimmed, expr, plus


def _is_go_build(line: str) -> bool:
    if not line.startswith("//go:build"):
        return False
    rest = line[len("//go:build") :]
    return not rest or len(rest.strip()) < len(rest)


class _Lexer:
    """Just enough of the Go scanner for a header: comments, identifiers, strings, punctuation."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.pos = 0
        self.line = 1
        self.comments: list[tuple[str, int, int]] = []  # (text, line, offset) of // and /* */ comments

    def next(self) -> tuple[str, str, int]:
        """(kind, text, line); kind: ident | string | punct | eof."""
        s, n = self.src, len(self.src)
        while self.pos < n:
            c = s[self.pos]
            if c == "\n":
                self.line += 1
                self.pos += 1
            elif c in " \t\r\ufeff":
                self.pos += 1
            elif s.startswith("//", self.pos):
                j = s.find("\n", self.pos)
                j = n if j < 0 else j
                self.comments.append((s[self.pos : j].rstrip("\r"), self.line, self.pos))
                self.pos = j
            elif s.startswith("/*", self.pos):
                j = s.find("*/", self.pos + 2)
                if j < 0:
                    raise HeaderError("comment not terminated", self.line)
                self.comments.append((s[self.pos : j + 2], self.line, self.pos))
                self.line += s.count("\n", self.pos, j)
                self.pos = j + 2
            else:
                break
        if self.pos >= n:
            return ("eof", "", self.line)
        c = s[self.pos]
        line = self.line
        if c == '"':
            j = self.pos + 1
            while j < n and s[j] != '"':
                if s[j] == "\n":
                    raise HeaderError("string literal not terminated", line)
                j += 2 if s[j] == "\\" else 1
            if j >= n:
                raise HeaderError("string literal not terminated", line)
            text = s[self.pos : j + 1]
            self.pos = j + 1
            return ("string", text, line)
        if c == "`":
            j = s.find("`", self.pos + 1)
            if j < 0:
                raise HeaderError("raw string literal not terminated", line)
            text = s[self.pos : j + 1]
            self.line += text.count("\n")
            self.pos = j + 1
            return ("string", text, line)
        m = _IDENT.match(s, self.pos)
        if m:
            self.pos = m.end()
            return ("ident", m.group(0), line)
        self.pos += 1
        return ("punct", c, line)


def _unquote(lit: str) -> str:
    if lit.startswith("`"):
        return lit[1:-1]
    body = lit[1:-1]
    if "\\" not in body:
        return body
    try:
        return body.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError:
        return body


def parse_header(src: str) -> Header:
    """Read a Go file's header; raise HeaderError(line) when the package clause or imports are malformed."""
    _, go_build, plus = _leading_block(src)
    lx = _Lexer(src)
    kind, text, line = lx.next()
    if kind != "ident" or text != "package":
        raise HeaderError("expected 'package'", line)
    pkg_line = line
    # comments before the package keyword: directives and the generated marker
    before = list(lx.comments)
    kind, name, line = lx.next()
    if kind != "ident":
        raise HeaderError("expected package name", line)
    directives: list[Directive] = []
    generated = False
    for ctext, cline, _ in before:
        if ctext.startswith("//go:debug"):
            parsed = parse_go_debug(ctext)
            if parsed is not None:
                k, v, err = parsed
                directives.append(Directive(k, v, "", cline, ctext, True, err))
        if _GENERATED.match(ctext):
            generated = True
    imports: list[str] = []
    cgo = False
    end = package_end = lx.pos
    tok = lx.next()
    while tok[0] == "punct" and tok[1] == ";":
        tok = lx.next()
    while tok[0] == "ident" and tok[1] == "import":
        tok = lx.next()
        specs: list[str] = []
        if tok[0] == "punct" and tok[1] == "(":
            tok = lx.next()
            while not (tok[0] == "punct" and tok[1] == ")"):
                if tok[0] == "eof":
                    raise HeaderError("unterminated import block", tok[2])
                if tok[0] == "string":
                    specs.append(_unquote(tok[1]))
                elif not (tok[0] == "ident" or tok[1] in "._;"):
                    raise HeaderError(f"unexpected {tok[1]!r} in import block", tok[2])
                tok = lx.next()
            tok = lx.next()
        else:
            if tok[0] == "ident" or (tok[0] == "punct" and tok[1] in "._"):
                tok = lx.next()
            if tok[0] != "string":
                raise HeaderError("missing import path", tok[2])
            specs.append(_unquote(tok[1]))
            tok = lx.next()
        imports.extend(specs)
        cgo = cgo or "C" in specs
        end = lx.pos
        while tok[0] == "punct" and tok[1] == ";":
            tok = lx.next()
    return Header(
        name, pkg_line, tuple(imports), tuple(directives), go_build, plus, generated, cgo, end, package_end
    )


def constraint_expr(h: Header) -> tuple[str, Expr | None]:
    """(expression text for reports, parsed expression or None when unconstrained)."""
    if h.go_build:
        return h.go_build, parse_expr(h.go_build)
    exprs = [e for e in (parse_plus_build(p) for p in h.plus_build) if e is not None]
    if not exprs:
        return "", None
    e = exprs[0]
    for x in exprs[1:]:
        e = ("and", e, x)
    return " && ".join(
        f"({p.removeprefix('//').strip().removeprefix('+build').strip()})" for p in h.plus_build
    ), e


def selected(h: Header, ctx: BuildContext) -> bool:
    """Whether the header's constraints select the file for ctx (ConstraintError on a bad //go:build)."""
    _, e = constraint_expr(h)
    return True if e is None else evaluate(e, ctx)


def misplaced_directives(src: str, after: int) -> tuple[Directive, ...]:
    """`//go:debug` lines after offset `after` (past the package clause): go vet rejects, go build ignores."""
    out: list[Directive] = []
    for m in _GODEBUG_LINE.finditer(src, after):
        text = m.group(1).rstrip("\r")
        parsed = parse_go_debug(text)
        if parsed is None:
            continue
        k, v, err = parsed
        out.append(Directive(k, v, "", src.count("\n", 0, m.start()) + 1, text, False, err))
    return tuple(out)


__all__ = [
    "ConstraintError",
    "Header",
    "HeaderError",
    "constraint_expr",
    "misplaced_directives",
    "parse_go_debug",
    "parse_header",
    "selected",
]
