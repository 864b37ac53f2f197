"""`.godebug-audit.yaml`: plan defaults and ignores, found upward from the scanned path or given by --config.

plan:                     # defaults for scan options; the command line wins
  from: "1.22"
  to: "1.27"
  go_line: "1.27"
  goos: [linux, windows]
  fail_on: high
ignore:
  - entry: x509sha1       # entry id, or an fnmatch pattern such as "x509*"
    paths: ["vendor/**"]  # globs relative to this file's directory; none = everywhere
    reason: "vendored code never verifies SHA-1 certificates"   # required
    until: 2027-03-31     # optional; after it the ignore is reported as expired, not applied
"""

from __future__ import annotations

import os
from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from analyzer.errors import InputError
from analyzer.safeio import read_bytes
from analyzer.suppress.ignores import ConfigIgnore
from analyzer.versions import GoVersion

CONFIG_NAME = ".godebug-audit.yaml"
_PLAN_KEYS = ("from", "to", "go_line", "goos", "fail_on")
_IGNORE_KEYS = ("entry", "paths", "reason", "until")


@dataclass(frozen=True)
class PlanDefaults:
    """Scan option defaults from the config file; None where the file says nothing."""

    from_: str | None = None
    to: str | None = None
    go_line: str | None = None
    goos: tuple[str, ...] = ()
    fail_on: str | None = None


@dataclass(frozen=True)
class Config:
    path: str
    plan: PlanDefaults = PlanDefaults()
    ignores: tuple[ConfigIgnore, ...] = ()


def plan_overrides(plan: PlanDefaults, given: Collection[str]) -> dict[str, str]:
    """Scan parameters to take from the config: those it sets and the command line did not give.

    Keys are the scan command's parameter names (`to`, `from_`, `go_line`, `goos`, `fail_on`).
    """
    values = {
        "to": plan.to,
        "from_": plan.from_,
        "go_line": plan.go_line,
        "goos": ",".join(plan.goos) if plan.goos else None,
        "fail_on": plan.fail_on,
    }
    return {k: v for k, v in values.items() if v is not None and k not in given}


class _Lined(dict[Hashable, Any]):
    line: int = 0


class _Loader(yaml.SafeLoader):
    """Safe YAML whose mappings remember their line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except ValueError as err:  # a bad date (2020-13-45), an integer of 5,000 digits: at its line
            problem = f"bad value: {str(err).splitlines()[0][:80]}"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None


def _mapping(loader: _Loader, node: yaml.MappingNode) -> _Lined:
    loader.flatten_mapping(node)
    pairs = loader.construct_pairs(node, deep=True)
    for k, _ in pairs:
        if not isinstance(k, Hashable):  # `? {a: 1}`: SafeLoader's own mappings reject it the same way
            raise yaml.constructor.ConstructorError(None, None, "found unhashable key", node.start_mark)
    m = _Lined(pairs)
    m.line = node.start_mark.line + 1
    return m


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def find_config(start: Path) -> Path | None:
    """The nearest `.godebug-audit.yaml` at or above `start`, stopping at the repository root (`.git`)."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for d in (here, *here.parents):
        candidate = d / CONFIG_NAME
        if candidate.is_file():
            return candidate
        if (d / ".git").exists():
            return None
    return None


def resolve_config(scan_root: Path, given: str | Path | None = None) -> Config | None:
    """The config for a scan: `--config` when given (it must exist), else the nearest one upward."""
    if given is not None:
        path = Path(given)
        if not path.is_file():
            raise InputError("no such config file", file=str(path))
        return load_config(path, scan_root)
    found = find_config(scan_root)
    return load_config(found, scan_root) if found is not None else None


def load_config(path: Path, scan_root: Path | None = None) -> Config:
    """Read and check a config file; `scan_root` lets path globs (relative to the file) meet findings."""
    where = str(path)
    try:
        text = read_bytes(path, limit=1024 * 1024).decode("utf-8")
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader
    except UnicodeDecodeError as err:
        raise InputError("not valid UTF-8", where, err.object[: err.start].count(b"\n") + 1) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", file=where) from None
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise InputError(f"invalid YAML: {err.problem}", file=where, line=line) from None
    except yaml.YAMLError as err:  # a reader error (a NUL, a control character): one line, at its line
        pos = getattr(err, "position", None)
        line = text[:pos].count("\n") + 1 if isinstance(pos, int) else None
        raise InputError(f"invalid YAML: {str(err).splitlines()[0]}", file=where, line=line) from None
    except RecursionError:
        raise InputError("invalid YAML: nested too deeply", file=where) from None
    if data is None:
        return Config(path=where)
    if not isinstance(data, Mapping):
        raise InputError("expected a mapping with `plan` and `ignore`", file=where, line=1)
    _only(data, ("plan", "ignore"), where)
    prefix = ""
    shown = where  # how reports name the file: relative to the scan root when inside it, like findings
    if scan_root is not None:
        rel = os.path.relpath(scan_root.resolve(), path.resolve().parent)
        prefix = "" if rel == "." or rel.startswith("..") else Path(rel).as_posix()
        inside = os.path.relpath(path.resolve(), scan_root.resolve())
        if not inside.startswith(".."):
            shown = Path(inside).as_posix()
    items = data.get("ignore") or []
    if not isinstance(items, list):
        raise InputError("`ignore` must be a list", file=where, line=_line(data))
    return Config(
        path=where,
        plan=_plan(data.get("plan"), where, _line(data)),
        ignores=tuple(_ignore(item, where, shown, prefix, _line(data)) for item in items),
    )


def _line(m: object) -> int | None:
    return m.line if isinstance(m, _Lined) else None


def _only(m: Mapping[Hashable, Any], keys: tuple[str, ...], where: str) -> None:
    for k in m:
        if k not in keys:
            expected = ", ".join(keys)
            raise InputError(f"unknown key {k!r} (expected one of: {expected})", file=where, line=_line(m))


def _plan(raw: object, where: str, line: int | None) -> PlanDefaults:
    if raw is None:
        return PlanDefaults()
    if not isinstance(raw, Mapping):
        raise InputError("`plan` must be a mapping", file=where, line=line)
    _only(raw, _PLAN_KEYS, where)
    versions: dict[str, str | None] = {}
    for key in ("from", "to", "go_line"):
        value = raw.get(key)
        # YAML reads 1.20 as the float 1.2: insist on quotes rather than guess
        if value is not None and (not isinstance(value, str) or GoVersion.try_parse(value) is None):
            raise InputError(
                f'plan.{key}: not a Go version string: {value!r} (quote it: "1.22")',
                file=where,
                line=_line(raw),
            )
        versions[key] = value
    goos = raw.get("goos") or ()
    if isinstance(goos, str):
        goos = (goos,)
    if not isinstance(goos, (list, tuple)) or not all(isinstance(g, str) for g in goos):
        raise InputError("plan.goos: expected a list of GOOS names", file=where, line=_line(raw))
    fail_on = raw.get("fail_on")
    if isinstance(fail_on, list) and all(isinstance(x, str) for x in fail_on):
        fail_on = ",".join(fail_on)
    if fail_on is not None and not isinstance(fail_on, str):
        raise InputError(
            "plan.fail_on: expected statuses (a list or comma-separated)", file=where, line=_line(raw)
        )
    return PlanDefaults(versions["from"], versions["to"], versions["go_line"], tuple(goos), fail_on)


def _ignore(item: object, where: str, shown: str, prefix: str, line: int | None) -> ConfigIgnore:
    if not isinstance(item, Mapping):
        raise InputError("each `ignore` item must be a mapping", file=where, line=line)
    at = _line(item)
    _only(item, _IGNORE_KEYS, where)
    entry = item.get("entry")
    if not isinstance(entry, str) or not entry:
        raise InputError("ignore: `entry` is required", file=where, line=at)
    reason = item.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise InputError(f"ignore {entry}: a reason is required", file=where, line=at)
    paths = item.get("paths") or ()
    if isinstance(paths, str):
        paths = (paths,)
    if not isinstance(paths, (list, tuple)) or not all(isinstance(p, str) for p in paths):
        raise InputError(f"ignore {entry}: `paths` must be a list of globs", file=where, line=at)
    until = item.get("until")
    if isinstance(until, str):
        try:
            until = date.fromisoformat(until)
        except ValueError:
            until = False
    if until is not None and not isinstance(until, date):
        raise InputError(f"ignore {entry}: `until` is not a date (YYYY-MM-DD)", file=where, line=at)
    return ConfigIgnore(
        entry=entry,
        reason=reason.strip(),
        source=f"{shown}:{at}",
        paths=tuple(paths),
        until=until,
        prefix=prefix,
    )
