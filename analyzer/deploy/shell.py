"""Go runtime variables in shell scripts and env files: `export VAR=...`, `VAR=... cmd args` prefixes,
`env VAR=... cmd`, `docker run -e VAR=...`, here-document lines.

Only assignment positions count: `echo $GODEBUG`, `[ -z "$GODEBUG" ]`, `echo "GODEBUG=x"` and comments
are not assignments. Makefile recipes reuse `find_in_shell_line`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.deploy.common import binary_of_argv
from analyzer.deploy.values import VARIABLES
from analyzer.model import EnvOp, EnvSetting, EnvSource

_ASSIGN = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(\+?=)")
_SEPARATORS = {";", "&&", "||", "|", "&", "(", ")", "{", "}", "!"}
_KEYWORDS = {"then", "do", "else", "elif", "time", "if", "while", "until"}
_EXPORTERS = {"export", "declare", "typeset", "local", "readonly"}
_HEREDOC = re.compile(r"<<-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1")


@dataclass(frozen=True)
class Word:
    text: str  # after quote removal
    start: int  # offset of the raw word in the joined text
    raw: str  # the raw characters


def words_of(text: str) -> list[Word | str]:
    """Words and separator operators of one logical shell line; stops at a comment."""
    out: list[Word | str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c == "#":
            break
        two = text[i : i + 2]
        if two in ("&&", "||"):
            out.append(two)
            i += 2
            continue
        if c in ";|&(){}":
            out.append(c)
            i += 1
            continue
        start = i
        buf: list[str] = []
        quote = ""
        while i < n:
            c = text[i]
            if quote:
                if c == quote:
                    quote = ""
                elif c == "\\" and quote == '"' and i + 1 < n and text[i + 1] in '"\\$`':
                    i += 1
                    buf.append(text[i])
                else:
                    buf.append(c)
            elif c in "'\"":
                quote = c
            elif c == "\\" and i + 1 < n:
                i += 1
                buf.append(text[i])
            elif c.isspace() or c in ";|&()":
                break
            elif c == "$" and text[i : i + 2] in ("$(", "${"):
                close = ")" if text[i + 1] == "(" else "}"
                j = text.find(close, i + 2)
                j = n - 1 if j < 0 else j
                buf.append(text[i : j + 1])
                i = j
            else:
                buf.append(c)
            i += 1
        out.append(Word("".join(buf), start, text[start:i]))
    return out


def _self_append(var: str, value: str) -> str | None:
    """`${GODEBUG:+$GODEBUG,}k=v`, `$GODEBUG,k=v`, `k=v,${GODEBUG}` -> `k=v`; None if others remain."""
    v = re.sub(r"\$\{" + var + r":\+[^}]*\}", "", value)
    v = re.sub(r"\$\{" + var + r"\}|\$" + var + r"(?![A-Za-z0-9_])", "", v)
    if "$" in v or "`" in v:
        return None
    return v.strip(",")


def _setting(
    var: str,
    op: str,
    word: Word,
    where: _Where,
    source: EnvSource,
    binaries: tuple[str, ...],
    context: str,
    note: str = "",
) -> EnvSetting:
    raw_value = word.raw[len(var) + len(op) :]
    value = word.text[len(var) + len(op) :]
    offset = word.start + len(var) + len(op) + (1 if raw_value[:1] in ("'", '"') else 0)
    line, col = where.position(offset)
    verbatim = raw_value.strip("'\"") == value and where.exact
    dynamic = "$" in value or "`" in value
    if dynamic or op == "+=":
        static = _self_append(var, value) if dynamic else value
        if static is None:
            return EnvSetting(
                where.file,
                line,
                col,
                var,
                None,
                source,
                EnvOp.DYNAMIC,
                binaries,
                context,
                note="expands shell variables: not statically known",
                verbatim=False,
            )
        extra = "appends to the inherited value"
        return EnvSetting(
            where.file,
            line,
            col,
            var,
            static,
            source,
            EnvOp.SET,
            binaries,
            context,
            note=f"{note}; {extra}" if note else extra,
            verbatim=False,
        )
    return EnvSetting(
        where.file, line, col, var, value, source, EnvOp.SET, binaries, context, note=note, verbatim=verbatim
    )


@dataclass(frozen=True)
class _Where:
    """Maps offsets in a joined logical line back to (line, column) in the file."""

    file: str
    starts: tuple[tuple[int, int, int], ...]  # (offset in joined text, line, column of that offset)
    exact: bool = True

    def position(self, offset: int) -> tuple[int, int]:
        best = self.starts[0]
        for s in self.starts:
            if s[0] <= offset:
                best = s
        return best[1], best[2] + offset - best[0]


def _commands(items: list[Word | str]) -> list[list[Word]]:
    cmds: list[list[Word]] = [[]]
    for it in items:
        if isinstance(it, str):
            cmds.append([])
        elif not cmds[-1] and it.text in _KEYWORDS:
            continue
        else:
            cmds[-1].append(it)
    return [c for c in cmds if c]


def _scan_command(words: list[Word], where: _Where, source: EnvSource, out: list[EnvSetting]) -> None:
    prefix: list[tuple[str, str, Word]] = []
    i = 0
    while i < len(words) and (m := _ASSIGN.match(words[i].raw)):
        prefix.append((m.group(1), m.group(2), words[i]))
        i += 1
    rest = words[i:]
    argv = [w.text for w in rest]
    if prefix:
        b = binary_of_argv(argv) if argv else None
        for var, op, w in prefix:
            if var in VARIABLES:
                if argv:
                    ctx = f"prefix of `{' '.join(argv[:3])}`"
                    out.append(_setting(var, op, w, where, source, (b,) if b else (), ctx))
                else:
                    out.append(
                        _setting(
                            var,
                            op,
                            w,
                            where,
                            source,
                            (),
                            "shell assignment",
                            note="shell variable: in the environment only if exported",
                        )
                    )
    if not rest:
        return
    head = rest[0].text
    if head in _EXPORTERS:
        if head != "export" and not any(w.text.startswith("-") and "x" in w.text for w in rest[1:]):
            return
        for w in rest[1:]:
            m = _ASSIGN.match(w.raw)
            if m and m.group(1) in VARIABLES:
                out.append(_setting(m.group(1), m.group(2), w, where, source, (), f"{head}"))
        return
    if head == "env":
        j = 1
        inner: list[tuple[str, str, Word]] = []
        while j < len(rest) and (rest[j].text.startswith("-") or _ASSIGN.match(rest[j].raw)):
            m = _ASSIGN.match(rest[j].raw)
            if m:
                inner.append((m.group(1), m.group(2), rest[j]))
            j += 1
        b = binary_of_argv([w.text for w in rest[j:]])
        for var, op, w in inner:
            if var in VARIABLES:
                out.append(_setting(var, op, w, where, source, (b,) if b else (), "env"))
        return
    # `docker run -e VAR=v`, `kubectl set env`, `--env=VAR=v`
    for j, w in enumerate(rest[1:], 1):
        target: Word | None = None
        if w.text in ("-e", "--env") and j + 1 < len(rest):
            target = rest[j + 1]
        elif w.raw.startswith("--env="):
            target = Word(w.text[6:], w.start + 6, w.raw[6:])
        elif head == "make" or (head == "kubectl" and "env" in argv[:3]):
            target = w
        if target is not None:
            m = _ASSIGN.match(target.raw)
            if m and m.group(1) in VARIABLES:
                out.append(_setting(m.group(1), m.group(2), target, where, source, (), f"argument of {head}"))


_BUILTINS = frozenset(
    {
        "cd",
        "set",
        "export",
        "echo",
        "true",
        "false",
        "test",
        "[",
        "[[",
        ":",
        "source",
        ".",
        "exit",
        "unset",
        "shift",
        "eval",
        "printf",
        "read",
        "wait",
        "trap",
        "umask",
        "ulimit",
        "local",
        "declare",
        "return",
    }
)


def programs(text: str) -> list[str]:
    """The programs a shell line runs, in order (builtins left out): `cd x && go build` -> [go]."""
    out: list[str] = []
    for cmd in _commands(words_of(text)):
        b = binary_of_argv([w.text for w in cmd])
        if b and b not in _BUILTINS and b not in out:
            out.append(b)
    return out


def find_in_shell_line(
    text: str, file: str, line: int, column: int, source: EnvSource = EnvSource.SHELL
) -> list[EnvSetting]:
    """Settings in one logical shell line whose first character is at (line, column)."""
    out: list[EnvSetting] = []
    where = _Where(file, ((0, line, column),))
    for cmd in _commands(words_of(text)):
        _scan_command(cmd, where, source, out)
    return out


def _logical_lines(text: str) -> list[tuple[str, _Where, bool]]:
    """Backslash-continued lines joined, each with its offset map; here-documents kept as lines."""
    lines = text.splitlines()
    out: list[tuple[str, _Where, bool]] = []
    i = 0
    heredoc: str | None = None
    while i < len(lines):
        raw = lines[i]
        if heredoc is not None:
            if raw.strip() == heredoc:
                heredoc = None
            else:
                out.append((raw, _Where("", ((0, i + 1, 1),)), True))  # file filled in by the caller
            i += 1
            continue
        starts = [(0, i + 1, 1)]
        joined = raw
        while joined.endswith("\\") and not joined.endswith("\\\\") and i + 1 < len(lines):
            joined = joined[:-1]
            i += 1
            starts.append((len(joined), i + 1, 1))
            joined += lines[i]
        m = _HEREDOC.search(joined)
        if m and "#" not in joined[: m.start()]:
            heredoc = m.group(2)
        out.append((joined, _Where("", tuple(starts)), False))
        i += 1
    return out


def _heredoc_line(text: str, where: _Where, source: EnvSource, out: list[EnvSetting]) -> None:
    """A `VAR=value` (or `export VAR=value`) line of a here-document: likely an env file being written;
    an `Environment=` line: a systemd unit being written."""
    fm = re.match(r"^(\s*EnvironmentFile=)(\S.*)$", text)
    if fm:
        line, _ = where.position(0)
        out.append(
            EnvSetting(
                where.file,
                line,
                len(fm.group(1)) + 1,
                "*",
                None,
                source,
                EnvOp.DYNAMIC,
                (),
                "here-document systemd EnvironmentFile",
                note=f"EnvironmentFile={fm.group(2).strip()}: not read (it may set GODEBUG, GOGC, ...)",
            )
        )
        return
    um = re.match(r"^(\s*Environment=)(.*)$", text)
    if um:
        from analyzer.deploy.systemd import environment_assignments

        for var, value, col, verbatim in environment_assignments(um.group(2), len(um.group(1)) + 1):
            if var in VARIABLES:
                line, _ = where.position(0)
                dynamic = "$" in value or "%" in value
                out.append(
                    EnvSetting(
                        where.file,
                        line,
                        col,
                        var,
                        None if dynamic else value,
                        source,
                        EnvOp.DYNAMIC if dynamic else EnvOp.SET,
                        (),
                        "here-document systemd Environment=",
                        note="expands variables: not statically known" if dynamic else "",
                        verbatim=verbatim,
                    )
                )
        return
    m = re.match(r"^(\s*(?:export\s+)?)(\S.*)$", text)
    if m is None:
        return
    words = [x for x in words_of(m.group(2)) if isinstance(x, Word)]
    am = _ASSIGN.match(words[0].raw) if words else None
    if am is None or am.group(1) not in VARIABLES:
        return
    w0 = Word(words[0].text, words[0].start + len(m.group(1)), words[0].raw)
    out.append(
        _setting(
            am.group(1),
            am.group(2),
            w0,
            where,
            source,
            (),
            "here-document",
            note="a line of a here-document (an env file being written?)",
        )
    )


def find_in_shell(text: str, file: str, source: EnvSource = EnvSource.SHELL) -> list[EnvSetting]:
    """Settings in a shell script, env file or here-document."""
    out: list[EnvSetting] = []
    for joined, w, in_heredoc in _logical_lines(text):
        where = _Where(file, w.starts)
        if in_heredoc:
            _heredoc_line(joined, where, source, out)
            continue
        for cmd in _commands(words_of(joined)):
            _scan_command(cmd, where, source, out)
    return out
