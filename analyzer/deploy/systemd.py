"""Go runtime variables in systemd units: `Environment=` of `[Service]` (several quoted assignments per
line), `EnvironmentFile=` (noted: not read), tied to the unit's ExecStart binaries."""

from __future__ import annotations

from dataclasses import replace

from analyzer.deploy.common import basename, continued_lines, split_words
from analyzer.deploy.values import VARIABLES
from analyzer.model import EnvOp, EnvSetting, EnvSource


def environment_assignments(value: str, col0: int) -> list[tuple[str, str, int, bool]]:
    """(name, value, 1-based column of the value, verbatim) of `A=1 "B=2 3" 'C=x'`."""
    out = []
    i = 0
    while i < len(value):
        if value[i].isspace():
            i += 1
            continue
        quote = value[i] if value[i] in "'\"" else ""
        j = i + 1 if quote else i
        start = j
        buf: list[str] = []
        verbatim = True
        while j < len(value):
            c = value[j]
            if quote and c == quote:
                break
            if not quote and c.isspace():
                break
            if c == "\\" and j + 1 < len(value):
                verbatim = False
                j += 1
                c = value[j]
            buf.append(c)
            j += 1
        word = "".join(buf)
        name, eq, val = word.partition("=")
        if eq:
            out.append((name, val, col0 + start + len(name) + 1, verbatim))
        i = j + 1
    return out


def find_in_unit(text: str, file: str) -> list[EnvSetting]:
    """Environment= settings of the [Service] section and EnvironmentFile= notes."""
    section = ""
    found: list[EnvSetting] = []
    execs: list[str] = []
    for line_no, line, _ in continued_lines(text, strip_tail=True):
        s = line.strip()
        if not s or s[0] in "#;":
            continue
        if s.startswith("[") and s.endswith("]"):
            section = s
            continue
        if section != "[Service]" or "=" not in s:
            continue
        key, _, value = s.partition("=")
        key = key.strip()
        value_col = line.index("=") + 2 + (len(value) - len(value.lstrip()))
        value = value.strip()
        if key == "Environment":
            for name, val, col, verbatim in environment_assignments(value, value_col):
                if name in VARIABLES:
                    dynamic = "%" in val or "$" in val
                    found.append(
                        EnvSetting(
                            file,
                            line_no,
                            col,
                            name,
                            None if dynamic else val,
                            EnvSource.SYSTEMD,
                            EnvOp.DYNAMIC if dynamic else EnvOp.SET,
                            (),
                            "[Service] Environment",
                            note="uses specifiers or variables: not statically known" if dynamic else "",
                            verbatim=verbatim,
                        )
                    )
        elif key == "EnvironmentFile" and value:
            found.append(
                EnvSetting(
                    file,
                    line_no,
                    value_col,
                    "*",
                    None,
                    EnvSource.SYSTEMD,
                    EnvOp.DYNAMIC,
                    (),
                    "[Service] EnvironmentFile",
                    note=f"EnvironmentFile={value}: not read (it may set GODEBUG, GOGC, ...)",
                )
            )
        elif key in ("ExecStart", "ExecStartPre", "ExecStartPost", "ExecReload") and value:
            argv = split_words(value.lstrip("-@+!:|"))
            if argv:  # ExecStart first: it is the service's program
                execs.insert(0 if key == "ExecStart" else len(execs), basename(argv[0]))
    binaries = tuple(dict.fromkeys(b for b in execs if b))
    return [replace(s, binaries=binaries) for s in found]
