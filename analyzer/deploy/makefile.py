"""Go runtime variables in Makefiles: exported make variables (`export VAR := ...`, `VAR = ...` +
`export VAR`, target-specific `t: export VAR=...`) and recipe lines (shell, via the shell finder).

Conditionals (`ifndef GODEBUG`, `ifeq ($(GODEBUG),)`) and `$(GODEBUG)` references are not assignments.
"""

from __future__ import annotations

import re

from analyzer.deploy.common import continued_lines
from analyzer.deploy.shell import find_in_shell_line
from analyzer.deploy.values import VARIABLES
from analyzer.model import EnvOp, EnvSetting, EnvSource

_VARS = "|".join(VARIABLES)
_ASSIGN = re.compile(
    rf"^(?P<pre>(?:[^:=#\s][^:=#]*?:\s*)?(?:(?:export|override|private)\s+)*)"
    rf"(?P<var>{_VARS})\s*(?P<op>::=|:::=|:=|\?=|\+=|!=|=)\s*(?P<value>.*)$"
)
_EXPORT = re.compile(r"^\s*export\s+(?P<names>[^=]*)$")
_CONDITIONAL = re.compile(
    r"^\s*(ifn?def|ifn?eq|else|endif|define|endef|include|-include|sinclude|undefine)\b"
)


def _strip_comment(text: str) -> str:
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "#":
            return text[:i].rstrip()
        i += 1
    return text.rstrip()


def find_in_makefile(text: str, file: str) -> list[EnvSetting]:
    """Make-level exported assignments and recipe-line shell settings."""
    joined = continued_lines(text)
    multi = {no for no, _, continued in joined if continued}  # lines that start a continued logical line
    logical = [(no, t, t.startswith("\t")) for no, t, _ in joined]  # (line, text, is recipe)
    logical = _recipes_only_in_rules(logical)
    exported: set[str] = set()
    export_all = False
    for _, t, recipe in logical:
        if recipe:
            continue
        m = _EXPORT.match(_strip_comment(t))
        if m:
            names = m.group("names").split()
            exported.update(names)
            export_all = export_all or not names
        if t.strip().startswith(".EXPORT_ALL_VARIABLES"):
            export_all = True
    out: list[EnvSetting] = []
    in_define = False
    for line_no, t, recipe in logical:
        if recipe:
            body = t[1:]
            stripped = body.lstrip("@-+ \t")
            col = len(t) - len(stripped) + 1
            exact = line_no not in multi and "$$" not in stripped
            for s in find_in_shell_line(stripped.replace("$$", "$"), file, line_no, col, EnvSource.MAKEFILE):
                out.append(s if exact else _inexact(s))
            continue
        if re.match(r"^\s*define\b", t):
            in_define = True
            continue
        if in_define:
            in_define = not re.match(r"^\s*endef\b", t)
            continue
        if _CONDITIONAL.match(t):
            continue
        lead = len(t) - len(t.lstrip())  # tab-indented make lines inside conditionals
        m = _ASSIGN.match(_strip_comment(t[lead:]))
        if not m:
            continue
        var, op, value = m.group("var"), m.group("op"), m.group("value")
        is_export = "export" in m.group("pre").split() or var in exported or export_all
        target = m.group("pre").split(":")[0].strip() if ":" in m.group("pre") else ""
        ctx = f"target {target}" if target else "make variable"
        notes = []
        if not is_export:
            notes.append("not exported: reaches recipes only if already in make's environment")
        if op == "?=":
            notes.append("only if not already set")
        col = lead + m.start("value") + 1
        if op == "!=" or "$" in value:
            out.append(
                EnvSetting(
                    file,
                    line_no,
                    col,
                    var,
                    None,
                    EnvSource.MAKEFILE,
                    EnvOp.DYNAMIC,
                    (),
                    ctx,
                    note="; ".join([*notes, "expands make variables or a shell: not static"]),
                    verbatim=False,
                )
            )
            continue
        if op == "+=":
            notes.append("appended to the inherited value (with a space, as make does)")
        out.append(
            EnvSetting(
                file, line_no, col, var, value, EnvSource.MAKEFILE, EnvOp.SET, (), ctx, note="; ".join(notes)
            )
        )
    return out


_RULE = re.compile(r"^[^\t#=:][^#=]*?:(?![=:])")


def _recipes_only_in_rules(logical: list[tuple[int, str, bool]]) -> list[tuple[int, str, bool]]:
    """A tab-indented line is a recipe only after a rule; elsewhere (e.g. in `ifndef`) it is a make line."""
    out: list[tuple[int, str, bool]] = []
    in_rule = False
    for no, text, tab in logical:
        stripped = text.strip()
        if tab:
            out.append((no, text, in_rule))
            continue
        if stripped and not stripped.startswith("#") and not _CONDITIONAL.match(text):
            in_rule = bool(_RULE.match(text))
        out.append((no, text, False))
    return out


def _inexact(s: EnvSetting) -> EnvSetting:
    return EnvSetting(
        s.file,
        s.line,
        s.column,
        s.variable,
        s.value,
        s.source,
        s.op,
        s.binaries,
        s.context,
        s.note,
        verbatim=False,
    )
