"""GODEBUG and friends in Go code: `os.Setenv`/`t.Setenv` (set in a running program: not checked at
startup, inherited by children), `"GODEBUG=..."` strings (a child process's `cmd.Env`), and
`os.Getenv`/`os.LookupEnv` reads. Only string-literal values can be classified.

A lexer pass blanks comments first, so commented-out code is not a finding.
"""

from __future__ import annotations

import re

from analyzer.deploy.values import VARIABLES
from analyzer.model import EnvOp, EnvSetting, EnvSource

_VARS = "|".join(VARIABLES)
_STR = r"(?:\"(?:[^\"\\\n]|\\.)*\"|`[^`]*`)"
_SETENV = re.compile(
    rf"\b(?P<recv>os|syscall|t|b|f|tb)\.Setenv\(\s*\"(?P<var>{_VARS})\"\s*,\s*(?P<arg>{_STR})?"
)
_GETENV = re.compile(rf"\b(?:os|syscall)\.(?:Getenv|LookupEnv)\(\s*\"(?P<var>{_VARS})\"\s*\)")
# `env["GODEBUG"] = "..."` and `{"GODEBUG": "..."}`: a child process environment built as a map
# and `corev1.EnvVar{Name: "GODEBUG", Value: "..."}` (operators building pod specs)
_MAPSET = re.compile(
    rf"(?:\[\s*\"(?P<var>{_VARS})\"\s*\]\s*=|\"(?P<var2>{_VARS})\"\s*:"
    rf"|Name:\s*\"(?P<var3>{_VARS})\"\s*,\s*Value:)\s*(?P<arg>{_STR})"
)
_ENVSTR = re.compile(rf"\"(?P<var>{_VARS})=(?P<value>(?:[^\"\\\n]|\\.)*)\"")
_PACKAGE = re.compile(r"^\s*package\s+(\w+)", re.M)


def blank_comments(src: str) -> str:
    """The source with comments replaced by spaces (newlines kept), strings and runes left intact."""
    out = list(src)
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "/" and src[i : i + 2] == "//":
            j = src.find("\n", i)
            j = n if j < 0 else j
            out[i:j] = " " * (j - i)
            i = j
        elif c == "/" and src[i : i + 2] == "/*":
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out[i:j] = [ch if ch == "\n" else " " for ch in src[i:j]]
            i = j
        elif c in "\"'`":
            j = i + 1
            while j < n and src[j] != c:
                if src[j] == "\\" and c != "`":
                    j += 1
                elif src[j] == "\n" and c != "`":
                    break
                j += 1
            i = j + 1
        else:
            i += 1
    return "".join(out)


def _unquote(lit: str) -> tuple[str, bool]:
    """(value, verbatim) of a Go string literal; escapes other than \\\" and \\\\ make it inexact."""
    if lit.startswith("`"):
        return lit[1:-1], "\n" not in lit
    body = lit[1:-1]
    if "\\" not in body:
        return body, True
    try:
        return bytes(body, "utf-8").decode("unicode_escape"), False
    except UnicodeDecodeError:
        return body, False


def _pos(src: str, offset: int) -> tuple[int, int]:
    line = src.count("\n", 0, offset) + 1
    col = offset - (src.rfind("\n", 0, offset) + 1) + 1
    return line, col


_PART = re.compile(r"\"(,?[A-Za-z0-9_.]+=[^\",]*(?:,[A-Za-z0-9_.]+=[^\",]*)*,?)\"")


def _literal_parts(
    src: str, code: str, start: int, file: str, var: str, binaries: tuple[str, ...], ctx: str
) -> list[EnvSetting]:
    """`k=v` string literals inside a non-literal Setenv value (`godebug+",x509sha1=1"`): classifiable."""
    if var != "GODEBUG":
        return []
    depth, end = 1, start
    while end < len(code) and depth:
        depth += {"(": 1, ")": -1}.get(code[end], 0)
        end += 1
    out = []
    for pm in _PART.finditer(code, start, end):
        body = pm.group(1)
        lead = len(body) - len(body.lstrip(","))
        line, col = _pos(src, pm.start(1) + lead)
        out.append(
            EnvSetting(
                file,
                line,
                col,
                var,
                body.strip(","),
                EnvSource.GO,
                EnvOp.SETENV,
                binaries,
                ctx,
                note="a literal part of a computed value (appended to the inherited GODEBUG?)",
            )
        )
    return out


def find_in_go(src: str, file: str) -> list[EnvSetting]:
    """Setenv/Getenv calls and `VAR=value` string literals in one Go file."""
    code = blank_comments(src)
    pkg = _PACKAGE.search(code)
    is_main = pkg is not None and pkg.group(1) == "main"
    dir_name = file.rsplit("/", 2)[-2] if "/" in file else ""
    binaries = (dir_name,) if is_main and dir_name else ()
    test = file.endswith("_test.go")
    where = "test " if test else ""
    out: list[EnvSetting] = []
    setenv_spans: list[tuple[int, int]] = []
    for m in _SETENV.finditer(code):
        setenv_spans.append(m.span())
        var = m.group("var")
        arg = m.group("arg")
        ctx = f"{where}{m.group('recv')}.Setenv"
        if arg is None:
            line, col = _pos(src, m.start())
            out.append(
                EnvSetting(
                    file,
                    line,
                    col,
                    var,
                    None,
                    EnvSource.GO,
                    EnvOp.DYNAMIC,
                    binaries,
                    ctx,
                    note="value is not a string literal",
                    verbatim=False,
                )
            )
            out.extend(_literal_parts(src, code, m.end(), file, var, binaries, ctx))
            continue
        value, verbatim = _unquote(arg)
        line, col = _pos(src, m.start("arg") + 1)
        out.append(
            EnvSetting(
                file,
                line,
                col,
                var,
                value,
                EnvSource.GO,
                EnvOp.SETENV,
                binaries,
                ctx,
                note="set at run time: inherited by child processes",
                verbatim=verbatim,
            )
        )
    for m in _GETENV.finditer(code):
        line, col = _pos(src, m.start())
        out.append(
            EnvSetting(
                file,
                line,
                col,
                m.group("var"),
                None,
                EnvSource.GO,
                EnvOp.READ,
                binaries,
                f"{where}read",
                note="reads the variable",
            )
        )
    for m in _MAPSET.finditer(code):
        value, verbatim = _unquote(m.group("arg"))
        line, col = _pos(src, m.start("arg") + 1)
        var = m.group("var") or m.group("var2") or m.group("var3")
        out.append(
            EnvSetting(
                file,
                line,
                col,
                var,
                value,
                EnvSource.GO,
                EnvOp.SET,
                (),
                f"{where}map entry (a child process environment?)",
                verbatim=verbatim,
            )
        )
    for m in _ENVSTR.finditer(code):
        if any(a <= m.start() < b for a, b in setenv_spans):
            continue
        value, verbatim = _unquote('"' + m.group("value") + '"')
        line, col = _pos(src, m.start("value"))
        out.append(
            EnvSetting(
                file,
                line,
                col,
                m.group("var"),
                value,
                EnvSource.GO,
                EnvOp.SET,
                (),
                f"{where}string literal (a child process environment?)",
                verbatim=verbatim,
            )
        )
    return sorted(out, key=lambda s: (s.line, s.column))
