"""Classify environment settings for a target toolchain: what each key does to the binaries it reaches.

Categories (worst first): startup-fatal, slated-for-removal, overrides-default, silently-ignored,
not-static, runtime-tuning, reads-env. Each finding has a one-line reason and a severity.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping

from analyzer.deploy.godebugs import (
    FATAL_SINCE_MINOR,
    LIBRARY_KEYS,
    PRE_LIST_REMOVED,
    RUNTIME_KNOBS,
    UNDOCUMENTED,
    SettingsTable,
)
from analyzer.deploy.values import GodebugPair, parse_godebug, parse_gogc, parse_gomaxprocs, parse_gomemlimit
from analyzer.deploy.verify import verification_steps
from analyzer.model import (
    DeployCategory,
    DeployFinding,
    EnvOp,
    EnvSetting,
    GodebugSetting,
    Severity,
    VerificationStep,
)
from analyzer.versions import GoVersion

# binary name -> its DefaultGODEBUG as key -> value (from `go version -m` or the GODEBUG model), if known
DefaultsFor = Callable[[str], Mapping[str, str] | None]

C = DeployCategory


def _finding(
    s: EnvSetting,
    key: str,
    value: str | None,
    cat: DeployCategory,
    sev: Severity,
    reason: str,
    column: int = 0,
    relation: str = "",
    verification: tuple[VerificationStep, ...] = (),
) -> DeployFinding:
    return DeployFinding(
        setting=s,
        key=key,
        value=value,
        category=cat,
        severity=sev,
        reason=reason,
        file=s.file,
        line=s.line,
        column=column or s.column,
        relation=relation,
        verification=verification,
    )


def _removed(table: SettingsTable, key: str) -> int | None:
    st = table.lookup(key)
    return st.removed if st is not None else None


def _compiled_default(
    st: GodebugSetting, binaries: tuple[str, ...], defaults: DefaultsFor | None
) -> str | None:
    """The value all binaries were built with, when every binary's DefaultGODEBUG is known and they agree."""
    if defaults is None or not binaries:
        return None
    values = set()
    for b in binaries:
        d = defaults(b)
        if d is None:
            return None
        values.add(d.get(st.name, st.new or ""))
    return values.pop() if len(values) == 1 else None


def _override(
    s: EnvSetting, p: GodebugPair, st: GodebugSetting, col: int, defaults: DefaultsFor | None
) -> DeployFinding:
    key, value = p.key, p.value
    since = f"Go 1.{st.changed}" if st.changed else "the change"
    compiled = _compiled_default(st, s.binaries, defaults)
    steps = verification_steps(key, value, st, s.binaries) if value == st.old else ()
    if compiled is not None:
        if compiled == value:
            return _finding(
                s,
                key,
                value,
                C.OVERRIDES_DEFAULT,
                Severity.LOW,
                f"{key}={value} duplicates the binaries' compiled default: no effect",
                col,
                "duplicates",
                steps,
            )
        old = value == st.old
        what = f"pins the behavior from before {since}" if old else f"turns on the {since} behavior"
        return _finding(
            s,
            key,
            value,
            C.OVERRIDES_DEFAULT,
            Severity.MEDIUM,
            f"{key}={value} {what}, defeating the compiled default {key}={compiled}",
            col,
            "defeats",
            steps,
        )
    if st.old is None or st.changed is None:
        return _finding(
            s,
            key,
            value,
            C.OVERRIDES_DEFAULT,
            Severity.LOW,
            f"{key}={value} overrides the {st.package or 'library'} default (not tied to a go line)",
            col,
            "changes",
            verification_steps(key, value, st, s.binaries),
        )
    if value == st.old:
        return _finding(
            s,
            key,
            value,
            C.OVERRIDES_DEFAULT,
            Severity.MEDIUM,
            f"{key}={value} pins the behavior from before {since}: duplicates the default of binaries whose "
            f"go line is below 1.{st.changed}, defeats the new default of the others",
            col,
            "",
            steps,
        )
    if value == st.new:
        return _finding(
            s,
            key,
            value,
            C.OVERRIDES_DEFAULT,
            Severity.LOW,
            f"{key}={value} forces the {since} behavior: defeats a kept-go-line (or godebug) mitigation in "
            f"binaries whose go line is below 1.{st.changed}",
            col,
        )
    return _finding(
        s,
        key,
        value,
        C.OVERRIDES_DEFAULT,
        Severity.LOW,
        f"{key}={value}: neither the old ({st.old}) nor the new value",
        col,
    )


def classify_godebug_pair(
    s: EnvSetting,
    p: GodebugPair,
    table: SettingsTable,
    to: GoVersion,
    col: int = 0,
    defaults: DefaultsFor | None = None,
) -> list[DeployFinding]:
    """The findings for one `key=value` field of a GODEBUG value."""
    key, value = p.key, p.value
    st = table.lookup(key)
    setenv = s.op is EnvOp.SETENV
    later = " (a later field sets it again)" if p.overridden else ""
    removed = _removed(table, key)
    pre_list = PRE_LIST_REMOVED.get(key)
    if pre_list is None and st is not None and st.removed is not None and not st.known_since:
        pre_list = st.removed
    if pre_list is not None:  # removed before the runtime's Removed list: never checked, just ignored
        return [
            _finding(
                s,
                key,
                value,
                C.SILENTLY_IGNORED,
                Severity.MEDIUM,
                f"{key} was removed in Go 1.{pre_list}: silently ignored, the old behavior is gone",
                col,
            )
        ]
    if st is not None and removed is not None and st.removed_by(to):
        if table.is_old_value(key, value):
            if setenv:
                return [
                    _finding(
                        s,
                        key,
                        value,
                        C.SILENTLY_IGNORED,
                        Severity.HIGH,
                        f"os.Setenv of removed GODEBUG {key} (Go 1.{removed}) at old value {value}: no "
                        "effect here (only the startup environment is checked), but Go 1.27+ child "
                        "processes inheriting it abort at startup",
                        col,
                    )
                ]
            if to.minor >= FATAL_SINCE_MINOR:
                return [
                    _finding(
                        s,
                        key,
                        value,
                        C.STARTUP_FATAL,
                        Severity.CRITICAL,
                        f"removed GODEBUG {key} (Go 1.{removed}) set to old value {value}: binaries "
                        f"built with Go 1.{to.minor} abort at startup{later}",
                        col,
                    )
                ]
            return [
                _finding(
                    s,
                    key,
                    value,
                    C.SILENTLY_IGNORED,
                    Severity.HIGH,
                    f"removed GODEBUG {key} (Go 1.{removed}) at old value {value}: ignored by "
                    f"Go 1.{to.minor}, "
                    f"fatal at startup from Go 1.{FATAL_SINCE_MINOR}",
                    col,
                )
            ]
        return [
            _finding(
                s,
                key,
                value,
                C.SILENTLY_IGNORED,
                Severity.LOW,
                f"removed GODEBUG {key} (Go 1.{removed}) at a non-old value {value}: inert, drop it",
                col,
            )
        ]
    if st is not None and table.knows(key, to):
        out: list[DeployFinding] = []
        if st.removed is not None:  # announced for a later toolchain
            if table.is_old_value(key, value):
                fatal = max(st.removed, FATAL_SINCE_MINOR)
                then = (
                    "abort at startup"
                    if fatal == st.removed
                    else f"ignore it, from Go 1.{fatal} abort at startup"
                )
                out.append(
                    _finding(
                        s,
                        key,
                        value,
                        C.SLATED_FOR_REMOVAL,
                        Severity.HIGH,
                        f"{key} is removed in Go 1.{st.removed}: with {key}={value} binaries built "
                        f"with Go 1.{st.removed}+ {then}",
                        col,
                    )
                )
            else:
                out.append(
                    _finding(
                        s,
                        key,
                        value,
                        C.SLATED_FOR_REMOVAL,
                        Severity.LOW,
                        f"{key} is removed in Go 1.{st.removed}; {key}={value} is then inert",
                        col,
                    )
                )
        f = _override(s, p, st, col, defaults)
        if p.overridden:
            f = _finding(s, key, value, f.category, Severity.LOW, f.reason + later, col, f.relation)
        if st.immutable and setenv:
            f = _finding(
                s,
                key,
                value,
                C.SILENTLY_IGNORED,
                Severity.MEDIUM,
                f"{key} is immutable: os.Setenv after start has no effect",
                col,
            )
        out.append(f)
        return out
    first = table.first_known(key)
    if st is not None and first is not None:
        return [
            _finding(
                s,
                key,
                value,
                C.SILENTLY_IGNORED,
                Severity.LOW,
                f"{key} is introduced in Go {first}: Go 1.{to.minor} ignores it",
                col,
            )
        ]
    if key in RUNTIME_KNOBS or key.startswith("cpu."):
        return [
            _finding(
                s, key, value, C.RUNTIME_TUNING, Severity.LOW, f"runtime debugging knob {key}={value}", col
            )
        ]
    if key in LIBRARY_KEYS:
        return [
            _finding(
                s,
                key,
                value,
                C.OVERRIDES_DEFAULT,
                Severity.LOW,
                f"{key}={value}: {LIBRARY_KEYS[key]}",
                col,
                "changes",
            )
        ]
    if key in UNDOCUMENTED:
        return [_finding(s, key, value, C.RUNTIME_TUNING, Severity.LOW, f"undocumented setting {key}", col)]
    near = difflib.get_close_matches(key, [*table.settings, *RUNTIME_KNOBS], n=1, cutoff=0.8)
    hint = f" (did you mean {near[0]}?)" if near else ""
    return [
        _finding(
            s,
            key,
            value,
            C.SILENTLY_IGNORED,
            Severity.MEDIUM,
            f"unknown GODEBUG key {key!r}: silently ignored{hint}",
            col,
        )
    ]


def _tuning(s: EnvSetting, to: GoVersion) -> list[DeployFinding]:
    v = s.value or ""
    name = s.variable
    if not v:
        return []
    late = s.op is EnvOp.SETENV
    if name == "GOGC":
        t = parse_gogc(v)
        if not t.valid:
            return [_finding(s, name, v, C.SILENTLY_IGNORED, Severity.MEDIUM, f"GOGC={v}: {t.meaning}")]
        sev = Severity.MEDIUM if t.number is not None and t.number < 0 else Severity.LOW
        return [
            _finding(
                s,
                name,
                v,
                C.RUNTIME_TUNING,
                sev,
                f"GOGC={v}: {t.meaning}"
                + ("; set GOMEMLIMIT too or the heap grows without bound" if sev is Severity.MEDIUM else "")
                + ("; os.Setenv after start has no effect (use debug.SetGCPercent)" if late else ""),
            )
        ]
    if name == "GOMEMLIMIT":
        t = parse_gomemlimit(v)
        if not t.valid:
            hint = (
                " (units are B, KiB, MiB, GiB, TiB: e.g. 1GiB)"
                if v[-1:] in "KMGTkmgt" or v.endswith("B")
                else ""
            )
            if late:
                return [
                    _finding(
                        s,
                        name,
                        v,
                        C.SILENTLY_IGNORED,
                        Severity.HIGH,
                        f"GOMEMLIMIT={v} is malformed: no effect here, child Go processes abort at "
                        f"startup{hint}",
                    )
                ]
            return [
                _finding(
                    s,
                    name,
                    v,
                    C.STARTUP_FATAL,
                    Severity.CRITICAL,
                    f"GOMEMLIMIT={v} is malformed: every Go binary aborts at startup{hint}",
                )
            ]
        return [
            _finding(
                s,
                name,
                v,
                C.RUNTIME_TUNING,
                Severity.LOW,
                f"GOMEMLIMIT={v}: {t.meaning}"
                + ("; os.Setenv after start has no effect (use debug.SetMemoryLimit)" if late else ""),
            )
        ]
    t = parse_gomaxprocs(v)
    if not t.valid:
        return [_finding(s, name, v, C.SILENTLY_IGNORED, Severity.MEDIUM, f"GOMAXPROCS={v}: {t.meaning}")]
    extra = "; also turns off the container-aware default and its updates" if to.minor >= 25 else ""
    return [
        _finding(
            s,
            name,
            v,
            C.RUNTIME_TUNING,
            Severity.LOW,
            f"GOMAXPROCS={v}: {t.meaning}{extra}"
            + ("; os.Setenv after start has no effect (use runtime.GOMAXPROCS)" if late else ""),
        )
    ]


def classify_setting(
    s: EnvSetting, table: SettingsTable, to: GoVersion, defaults: DefaultsFor | None = None
) -> list[DeployFinding]:
    """All findings for one environment setting."""
    if s.op is EnvOp.READ:
        return [
            _finding(
                s,
                s.variable,
                None,
                C.READS_ENV,
                Severity.LOW,
                f"code reads ${s.variable} (a main() default or a child environment?)",
            )
        ]
    if s.op is EnvOp.DYNAMIC or s.value is None:
        what = "an environment file" if s.variable == "*" else f"${s.variable}"
        return [
            _finding(
                s,
                s.variable,
                None,
                C.NOT_STATIC,
                Severity.LOW,
                f"{what}: {s.note or 'value not statically known'}; "
                + ("check it for removed settings" if s.variable in ("GODEBUG", "*") else "check its value"),
            )
        ]
    if s.variable != "GODEBUG":
        return _tuning(s, to)
    out: list[DeployFinding] = []
    for p in parse_godebug(s.value):
        col = s.column + p.offset if s.verbatim and s.column else 0
        out.extend(classify_godebug_pair(s, p, table, to, col, defaults))
    return out


def classify_all(
    settings: list[EnvSetting], table: SettingsTable, to: GoVersion, defaults: DefaultsFor | None = None
) -> list[DeployFinding]:
    """Findings for every setting, in file/line/column order."""
    out = [f for s in settings for f in classify_setting(s, table, to, defaults)]
    return sorted(out, key=lambda f: (f.file, f.line, f.column, f.key, f.category.value))
