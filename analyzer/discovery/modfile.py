"""go.mod and go.work parsers, following golang.org/x/mod/modfile's syntax (tokens, line blocks, comments).

Strict functions (`parse_gomod`, `parse_gowork`) raise InputError naming `file:line`; the messages are the
go command's where it has one. They check syntax only: which toolchains accept a directive (`godebug`
needs Go 1.23) and whether a godebug key exists are the GODEBUG model's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.errors import InputError
from analyzer.model import GodebugLine, Module, Workspace
from analyzer.versions import GoVersion

# x/mod/modfile GoVersionRE and ToolchainRE
GO_VERSION_RE = re.compile(r"^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$")
TOOLCHAIN_RE = re.compile(r"^default$|^go1($|\.)")

_PUNCT = "\n()[]{},"
_GOMOD_VERBS = frozenset(
    {"module", "go", "toolchain", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore"}
)
_GOWORK_VERBS = frozenset({"go", "toolchain", "godebug", "use", "replace"})


@dataclass(frozen=True)
class Token:
    kind: str  # ident | string | one of _PUNCT | eof
    text: str
    line: int


@dataclass(frozen=True)
class Stmt:
    """One directive line: `verb args...` (a block's lines carry the block's verb)."""

    verb: str
    args: tuple[Token, ...]
    line: int
    in_block: bool = False
    block_line: int = 0


def _is_ident(c: str) -> bool:
    return c not in " ()[]{}," and not c.isspace() and c.isprintable()


def tokenize(text: str, file: str) -> list[Token]:
    """x/mod's lexer: identifiers, quoted strings, punctuation and newlines; `//` comments dropped."""
    toks: list[Token] = []
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c in " \t\r":
            i += 1
            continue
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if text.startswith("/*", i):
            raise InputError("mod files must use // comments (not /* */ comments)", file, line)
        if c in _PUNCT:
            toks.append(Token(c, c, line))
            if c == "\n":
                line += 1
            i += 1
            continue
        if c in '"`':
            j = i + 1
            while True:
                if j >= n:
                    raise InputError("unexpected EOF in string", file, line)
                if text[j] == "\n":
                    raise InputError("unexpected newline in string", file, line)
                if text[j] == c:
                    break
                if text[j] == "\\" and c == '"':
                    j += 1
                j += 1
            toks.append(Token("string", text[i : j + 1], line))
            i = j + 1
            continue
        if not _is_ident(c):
            raise InputError(f"unexpected input character {c!r}", file, line)
        j = i
        while j < n and _is_ident(text[j]) and not text.startswith("//", j):
            if text.startswith("/*", j):
                raise InputError("mod files must use // comments (not /* */ comments)", file, line)
            j += 1
        toks.append(Token("ident", text[i:j], line))
        i = j
    toks.append(Token("eof", "", line))
    return toks


def statements(text: str, file: str) -> list[Stmt]:
    """Group tokens into directive lines, expanding `verb ( ... )` blocks."""
    toks = tokenize(text, file)
    out: list[Stmt] = []
    lines: list[list[Token]] = [[]]
    for t in toks:
        if t.kind in ("\n", "eof"):
            lines.append([])
        else:
            lines[-1].append(t)
    block: str | None = None
    block_line = 0
    for ln in lines:
        if not ln:
            continue
        if block is not None:
            if ln[0].kind == ")":
                if len(ln) > 1:
                    raise InputError("syntax error (unexpected tokens after ')')", file, ln[0].line)
                block = None
                continue
            if any(t.kind in "()" for t in ln):
                raise InputError(
                    f"syntax error (unterminated block started at line {block_line})", file, ln[0].line
                )
            out.append(Stmt(block, tuple(ln), ln[0].line, True, block_line))
            continue
        if ln[0].kind != "ident":
            raise InputError(f"syntax error (unexpected {ln[0].text!r})", file, ln[0].line)
        if len(ln) >= 2 and ln[-1].kind == "(":
            if len(ln) != 2:
                raise InputError("syntax error (unexpected '(')", file, ln[0].line)
            block, block_line = ln[0].text, ln[0].line
            continue
        if any(t.kind in "()" for t in ln):
            raise InputError("syntax error (unexpected parenthesis)", file, ln[0].line)
        out.append(Stmt(ln[0].text, tuple(ln[1:]), ln[0].line))
    if block is not None:
        raise InputError(f"syntax error (unterminated block started at line {block_line})", file, block_line)
    return out


def unquote(tok: Token, file: str) -> str:
    """A token's string value (Go quoting for "..." and `...`)."""
    s = tok.text
    if tok.kind != "string":
        return s
    if s[0] == "`":
        return s[1:-1]
    try:
        out: str = s[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError as err:
        raise InputError(f"invalid quoted string {s}", file, tok.line) from err
    return out


def _words(st: Stmt, file: str) -> list[str]:
    return [unquote(t, file) for t in st.args]


def _godebug(st: Stmt, file: str) -> GodebugLine:
    args = st.args
    if len(args) != 1 or args[0].kind != "ident" or any(c in args[0].text for c in "\"`',"):
        raise InputError("usage: godebug key=value", file, st.line)
    key, eq, value = args[0].text.partition("=")
    if not eq:
        raise InputError("usage: godebug key=value", file, st.line)
    return GodebugLine(key, value, file, st.line, st.block_line)


def _go(st: Stmt, file: str) -> str:
    if len(st.args) != 1:
        raise InputError("go directive expects exactly one argument", file, st.line)
    v = unquote(st.args[0], file)
    if not GO_VERSION_RE.match(v):
        raise InputError(f"invalid go version '{v}': must match format 1.23.0", file, st.line)
    return v


def _toolchain(st: Stmt, file: str) -> str:
    if len(st.args) != 1:
        raise InputError("toolchain directive expects exactly one argument", file, st.line)
    v = unquote(st.args[0], file)
    if not TOOLCHAIN_RE.match(v):
        raise InputError(
            f"invalid toolchain version '{v}': must match format go1.23.0 or default", file, st.line
        )
    return v


def _replace(st: Stmt, file: str) -> tuple[str, str, str, str]:
    w = _words(st, file)
    if "=>" not in w:
        raise InputError("usage: replace module/path [v1.2.3] => other/module v1.4", file, st.line)
    i = w.index("=>")
    old, new = w[:i], w[i + 1 :]
    if len(old) not in (1, 2) or len(new) not in (1, 2):
        raise InputError("usage: replace module/path [v1.2.3] => other/module v1.4", file, st.line)
    return (old[0], old[1] if len(old) == 2 else "", new[0], new[1] if len(new) == 2 else "")


def _version(text: str) -> GoVersion | None:
    return GoVersion.try_parse(text)


def parse_gomod(text: str, file: str = "go.mod", dir: str = ".") -> Module:
    """Parse a go.mod file; raise InputError(file, line) on the first syntax error."""
    path, go_text, toolchain = "", "", ""
    go_line = module_line = 0
    seen_module = seen_go = seen_tc = False
    godebug: list[GodebugLine] = []
    requires: list[tuple[str, str]] = []
    excludes: list[tuple[str, str]] = []
    replaces: list[tuple[str, str, str, str]] = []
    retracts: list[str] = []
    for st in statements(text, file):
        v = st.verb
        if v not in _GOMOD_VERBS:
            raise InputError(f"unknown directive: {v}", file, st.line)
        if v == "module":
            if seen_module:
                raise InputError("repeated module statement", file, st.line)
            seen_module = True
            if len(st.args) != 1:
                raise InputError("usage: module module/path", file, st.line)
            path, module_line = unquote(st.args[0], file), st.line
        elif v == "go":
            if seen_go:
                raise InputError("repeated go statement", file, st.line)
            seen_go = True
            go_text, go_line = _go(st, file), st.line
        elif v == "toolchain":
            if seen_tc:
                raise InputError("repeated toolchain statement", file, st.line)
            seen_tc = True
            toolchain = _toolchain(st, file)
        elif v == "godebug":
            godebug.append(_godebug(st, file))
        elif v in ("require", "exclude"):
            w = _words(st, file)
            if len(w) != 2:
                raise InputError(f"usage: {v} module/path v1.2.3", file, st.line)
            (requires if v == "require" else excludes).append((w[0], w[1]))
        elif v == "replace":
            replaces.append(_replace(st, file))
        elif v == "retract":
            w = [x for x in _words(st, file) if x not in "[],"]
            if not w:
                raise InputError("usage: retract version or retract [low, high]", file, st.line)
            retracts.append(w[0] if len(w) == 1 else f"[{w[0]}, {w[1]}]")
        # tool / ignore: accepted, nothing the audit needs
    return Module(
        path=path,
        dir=dir,
        file=file,
        go=_version(go_text) if go_text else None,
        go_text=go_text,
        toolchain=toolchain,
        godebug=tuple(godebug),
        requires=tuple(requires),
        replaces=tuple(replaces),
        excludes=tuple(excludes),
        retracts=tuple(retracts),
        go_line=go_line,
        module_line=module_line,
    )


def _join(dir: str, rel: str) -> str:
    """`dir`/`rel` normalized, `/` separators, "." for the root; `..` above the root kept as is."""
    parts: list[str] = [] if dir == "." else dir.split("/")
    for p in rel.replace("\\", "/").split("/"):
        if p in ("", "."):
            continue
        if p == ".." and parts and parts[-1] != "..":
            parts.pop()
        else:
            parts.append(p)
    return "/".join(parts) or "."


def parse_gowork(text: str, file: str = "go.work", dir: str = ".") -> Workspace:
    """Parse a go.work file; `use` paths come back relative to the scanned root (`dir` is the go.work's)."""
    go_text, toolchain = "", ""
    go_line = 0
    seen_go = seen_tc = False
    godebug: list[GodebugLine] = []
    uses: list[str] = []
    replaces: list[tuple[str, str, str, str]] = []
    for st in statements(text, file):
        v = st.verb
        if v not in _GOWORK_VERBS:
            raise InputError(f"unknown directive: {v}", file, st.line)
        if v == "go":
            if seen_go:
                raise InputError("repeated go statement", file, st.line)
            seen_go = True
            go_text, go_line = _go(st, file), st.line
        elif v == "toolchain":
            if seen_tc:
                raise InputError("repeated toolchain statement", file, st.line)
            seen_tc = True
            toolchain = _toolchain(st, file)
        elif v == "godebug":
            godebug.append(_godebug(st, file))
        elif v == "use":
            w = _words(st, file)
            if len(w) != 1:
                raise InputError("usage: use local/dir", file, st.line)
            uses.append(_join(dir, w[0]))
        elif v == "replace":
            replaces.append(_replace(st, file))
    return Workspace(
        file=file,
        dir=dir,
        go=_version(go_text) if go_text else None,
        go_text=go_text,
        toolchain=toolchain,
        godebug=tuple(godebug),
        uses=tuple(sorted(set(uses))),
        replaces=tuple(replaces),
        go_line=go_line,
    )


def parse_modules_txt(text: str, file: str = "vendor/modules.txt") -> tuple[tuple[str, str, bool], ...]:
    """vendor/modules.txt: (module path, version, explicit) per `# path version` header.

    `## workspace` marks a workspace vendor directory and is accepted; package lines are skipped.
    """
    out: list[tuple[str, str, bool]] = []
    for i, raw in enumerate(text.split("\n"), 1):  # as Go: splitlines() also breaks at \x0c, \x1e, \x85
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            if out and any(a.strip() == "explicit" for a in line[3:].split(";")):
                p, ver, _ = out[-1]
                out[-1] = (p, ver, True)
            continue
        if line.startswith("# "):
            f = line[2:].split()
            if "=>" in f:
                f = f[: f.index("=>")]
            if not f:  # `# ` or `# => ./dir` (an IndexError before)
                raise InputError("malformed module line", file, i)
            out.append((f[0], f[1] if len(f) > 1 else "", False))
        elif line.startswith("#"):
            raise InputError(f"malformed line {line!r}", file, i)
    return tuple(out)
