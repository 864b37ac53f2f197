"""Go runtime variables in Dockerfiles: `ENV` per build stage, tied to the final image's ENTRYPOINT/CMD.

An ENV reaches the image's binary when its stage is the final stage or an ancestor of it (`FROM <stage>`);
in other stages only RUN commands (its own and those of stages built FROM it), e.g. `go build`, itself
a Go program.
`RUN VAR=value cmd` prefix assignments are found by the shell finder and tied to `cmd`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

from analyzer.deploy.common import binary_of_argv, split_words
from analyzer.deploy.shell import find_in_shell_line, programs
from analyzer.deploy.values import VARIABLES
from analyzer.model import EnvOp, EnvSetting, EnvSource

_INSTR = re.compile(r"^\s*([A-Za-z]+)(\s+|$)")


@dataclass
class _Stage:
    index: int
    name: str
    base: str
    parent: int | None  # index of the stage it is built FROM, if any
    envs: list[EnvSetting] = field(default_factory=list)
    env_runs: list[int] = field(default_factory=list)  # for each env: how many RUNs came before it
    runs: list[str] = field(default_factory=list)  # binaries of RUN commands
    entrypoint: list[str] | None = None
    cmd: list[str] | None = None


@dataclass(frozen=True)
class _Instruction:
    line: int  # 1-based line of the instruction keyword
    keyword: str
    args: str
    arg_col: int  # 1-based column of args on `line`
    single_line: bool


def _instructions(text: str) -> list[_Instruction]:
    escape = "\\"
    lines = text.splitlines()
    for ln in lines[:5]:
        m = re.match(r"^#\s*escape\s*=\s*(\S)", ln)
        if m:
            escape = m.group(1)
    out: list[_Instruction] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if not ln.strip() or ln.lstrip().startswith("#"):
            i += 1
            continue
        m = _INSTR.match(ln)
        if not m:
            i += 1
            continue
        start = i
        parts = [ln[m.end() :]]
        while parts[-1].rstrip().endswith(escape) and i + 1 < len(lines):
            parts[-1] = parts[-1].rstrip()[:-1]
            i += 1
            nxt = lines[i]
            if nxt.lstrip().startswith("#"):  # comment lines inside a continuation are dropped
                parts.append(escape)
                continue
            parts.append(nxt)
        out.append(
            _Instruction(
                start + 1,
                m.group(1).upper(),
                " ".join(p.strip() for p in parts),
                m.end() + 1,
                len(parts) == 1,
            )
        )
        i += 1
    return out


def _argv(args: str) -> list[str]:
    s = args.strip()
    if s.startswith("["):
        try:
            v = json.loads(s)
            if isinstance(v, list):
                return [str(x) for x in v]
        except ValueError:
            pass
    return ["/bin/sh", "-c", s]


def _env_pairs(args: str) -> list[tuple[str, str, int, bool]]:
    """(name, value, offset of value in args, verbatim) of an ENV instruction, both syntaxes."""
    s = args
    first = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)(=|\s+)", s)
    if first is None:
        return []
    if first.group(2) != "=":  # legacy `ENV K V`: the rest of the line is the value
        return [(first.group(1), s[first.end() :].strip(), first.end(), True)]
    out: list[tuple[str, str, int, bool]] = []
    i = 0
    while i < len(s):
        m = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)=").match(s, i)
        if m is None:
            break
        j = m.end()
        value: list[str] = []
        quote = ""
        start = j
        verbatim = True
        if j < len(s) and s[j] in "'\"":
            quote, start, j = s[j], j + 1, j + 1
        while j < len(s):
            c = s[j]
            if quote and c == quote:
                j += 1
                break
            if not quote and c.isspace():
                break
            if c == "\\" and j + 1 < len(s) and quote != "'":
                verbatim = False
                j += 1
                c = s[j]
            value.append(c)
            j += 1
        out.append((m.group(1), "".join(value), start, verbatim))
        i = j
    return out


def _stage_chain(stages: list[_Stage], index: int) -> list[_Stage]:
    chain = []
    cur: int | None = index
    while cur is not None:
        chain.append(stages[cur])
        cur = stages[cur].parent
    return chain


def _descendant_runs(stages: list[_Stage], index: int) -> list[str]:
    """RUN programs of the stages built FROM this one (they inherit its ENV)."""
    return [
        r
        for st in stages
        if st.index != index and index in {c.index for c in _stage_chain(stages, st.index)}
        for r in st.runs
    ]


def _image_binaries(stages: list[_Stage]) -> tuple[str, ...]:
    """The binaries of the final image: its ENTRYPOINT (and CMD when the entrypoint is a wrapper)."""
    entry: list[str] | None = None
    cmd: list[str] | None = None
    for st in _stage_chain(stages, len(stages) - 1):
        if entry is None and st.entrypoint is not None:
            entry = st.entrypoint
            cmd = cmd if cmd is not None else st.cmd
            break
        if cmd is None and st.cmd is not None:
            cmd = st.cmd
    argv = (entry or []) + (cmd or [])
    b = binary_of_argv(argv) if argv else None
    return (b,) if b else ()


def find_in_dockerfile(text: str, file: str) -> list[EnvSetting]:
    """ENV and RUN-prefix settings, each tied to the binaries it reaches."""
    stages: list[_Stage] = []
    names: dict[str, int] = {}
    for ins in _instructions(text):
        if ins.keyword == "FROM":
            words = [w for w in ins.args.split() if not w.startswith("--")]
            base = words[0] if words else ""
            name = words[2] if len(words) >= 3 and words[1].lower() == "as" else str(len(stages))
            st = _Stage(len(stages), name, base, names.get(base.lower()))
            names[name.lower()] = st.index
            stages.append(st)
            continue
        if not stages:
            continue
        st = stages[-1]
        if ins.keyword == "ENV":
            for var, value, off, verbatim in _env_pairs(ins.args):
                if var not in VARIABLES:
                    continue
                dynamic = "$" in value
                st.env_runs.append(len(st.runs))
                st.envs.append(
                    EnvSetting(
                        file,
                        ins.line,
                        ins.arg_col + off if ins.single_line else 0,
                        var,
                        None if dynamic else value,
                        EnvSource.DOCKERFILE,
                        EnvOp.DYNAMIC if dynamic else EnvOp.SET,
                        (),
                        f"stage {st.name}",
                        note="expands a build variable: not statically known" if dynamic else "",
                        verbatim=verbatim and ins.single_line,
                    )
                )
        elif ins.keyword == "RUN":
            if ins.args.strip().startswith("["):
                b = binary_of_argv(_argv(ins.args))
                st.runs.extend([b] if b else [])
            else:
                st.runs.extend(programs(ins.args))
            for s in find_in_shell_line(ins.args, file, ins.line, ins.arg_col, EnvSource.DOCKERFILE):
                st.env_runs.append(len(st.runs))
                st.envs.append(
                    replace(
                        s,
                        context=f"stage {st.name} RUN",
                        column=s.column if ins.single_line else 0,
                        verbatim=s.verbatim and ins.single_line,
                    )
                )
        elif ins.keyword == "ENTRYPOINT":
            st.entrypoint = _argv(ins.args) if ins.args.strip() else []
            st.cmd = None  # ENTRYPOINT resets an inherited CMD
        elif ins.keyword == "CMD":
            st.cmd = _argv(ins.args)
    if not stages:
        return []
    final = _image_binaries(stages)
    in_final = {s.index for s in _stage_chain(stages, len(stages) - 1)}
    out: list[EnvSetting] = []
    for st in stages:
        for s, before in zip(st.envs, st.env_runs, strict=True):
            if s.context.endswith(" RUN"):
                out.append(s)
            elif st.index in in_final:
                out.append(replace(s, binaries=final, context=f"{s.context} (final image)"))
            else:
                out.append(
                    replace(
                        s,
                        binaries=tuple(dict.fromkeys(st.runs[before:] + _descendant_runs(stages, st.index))),
                        context=f"{s.context} (build stage: reaches RUN commands, not the image)",
                    )
                )
    return out


__all__ = ["find_in_dockerfile", "split_words"]
