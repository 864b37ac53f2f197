"""PR mode, the pure part: what a change does relative to its base revision.

`pr_compare` keeps only the findings that are new on the head side, matched by fingerprint (entry,
binary, package directory, enclosing function, symbol: not the line), so moving code does not make old
findings new; likewise the deployment findings (by file, setting and context). It lists the per-binary
behavior changes that appeared or went away, and the build-setting lines (go, toolchain, .go-version,
godebug, //go:debug) the change edits, from `diff_build_settings`.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from analyzer.model import STATUS_ORDER
from analyzer.pr.defaults import DefaultValue
from analyzer.report.protocol import ACTION

BUILD_FILES = ("go.mod", "go.work", ".go-version")

_DIRECTIVE = re.compile(r"^\s*(go|toolchain)\s+(\S+)")
_GODEBUG_LINE = re.compile(r"^\s*godebug\s+(.*)$")
_GODEBUG_BLOCK = re.compile(r"^\s*godebug\s*\(\s*$")
_GO_DEBUG = re.compile(r"^//go:debug\s+(\S+)")


def _strip_comment(line: str) -> str:
    return line.split("//", 1)[0].strip()


Settings = dict[tuple[str, str], tuple[str, int]]  # (kind, key) -> (value, 1-based line)


def build_settings(path: str, text: str) -> dict[tuple[str, str], str]:
    """The build-setting lines of one file as {(kind, key): value}.

    kinds: `go`, `toolchain`, `godebug` (go.mod / go.work), `go-version` (.go-version), `go:debug` (.go).
    """
    return {k: v for k, (v, _) in build_settings_at(path, text).items()}


def build_settings_at(path: str, text: str) -> Settings:
    """As build_settings, with the line each value is written on."""
    out: Settings = {}
    name = path.rsplit("/", 1)[-1]
    if name == ".go-version":
        for n, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                out[("go-version", "")] = (line.strip(), n)
                break
        return out
    if name.endswith(".go"):
        for n, line in enumerate(text.splitlines(), start=1):
            m = _GO_DEBUG.match(line)
            if m:
                for pair in m.group(1).split(","):
                    key, _, value = pair.partition("=")
                    out[("go:debug", key)] = (value, n)
            elif line.startswith("package "):
                break  # //go:debug counts only before the package clause
        return out
    in_block = False
    for n, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw)
        if in_block:
            if line == ")":
                in_block = False
            elif line:
                _godebug_pairs(line, n, out)
            continue
        if _GODEBUG_BLOCK.match(line):
            in_block = True
        elif m := _GODEBUG_LINE.match(line):
            _godebug_pairs(m.group(1), n, out)
        elif m := _DIRECTIVE.match(line):
            out[(m.group(1), "")] = (m.group(2), n)
    return out


def _godebug_pairs(text: str, line: int, out: Settings) -> None:
    for pair in text.replace(",", " ").split():
        key, _, value = pair.partition("=")
        out[("godebug", key)] = (value, line)


def is_build_file(path: str) -> bool:
    """Whether a path can carry build-setting lines."""
    return path.endswith(".go") or path.rsplit("/", 1)[-1] in BUILD_FILES


def diff_build_settings(base_files: Mapping[str, str], head_files: Mapping[str, str]) -> list[dict[str, Any]]:
    """The build-setting lines that differ between two {path: text} maps (a missing path has none).

    `line` is where the head writes the setting (the base's line for a removed one); sorted by file, line.
    """
    out: list[dict[str, Any]] = []
    for path in sorted(set(base_files) | set(head_files)):
        if not is_build_file(path):
            continue
        before = build_settings_at(path, base_files.get(path, ""))
        after = build_settings_at(path, head_files.get(path, ""))
        for kind, key in sorted(set(before) | set(after)):
            b, a = before.get((kind, key)), after.get((kind, key))
            if (b and b[0]) != (a and a[0]):
                change: dict[str, Any] = {
                    "file": path,
                    "kind": kind,
                    "before": b[0] if b else None,
                    "after": a[0] if a else None,
                    "line": a[1] if a else b[1] if b else None,
                }
                if key:
                    change["setting"] = key
                out.append(change)
    return sorted(out, key=lambda c: (c["file"], c["line"] or 0, c["kind"], c.get("setting", "")))


def finding_key(finding: Mapping[str, Any]) -> str:
    """What identifies a finding across revisions: entry, package directory, enclosing function, symbol.

    Not the line, nor the file within its package, nor the line's text: moving a call, or editing its
    arguments, keeps it the same finding. The binary is added per binary by `new_findings`. A finding
    without `function` (an older document) falls back to the document's fingerprint.
    """
    if "function" not in finding and finding.get("fingerprint"):
        return str(finding["fingerprint"])
    pkg_dir = str(finding.get("file", "")).rpartition("/")[0] or "."
    parts = (
        finding.get("entry"),
        pkg_dir,
        finding.get("function", ""),
        finding.get("package"),
        finding.get("symbol"),
    )
    return "\x00".join(str(p) for p in parts)


def _line_order(f: Mapping[str, Any]) -> tuple[str, int, int]:
    return (str(f.get("file", "")), int(f.get("line") or 0), int(f.get("column") or 0))


def new_findings(
    base: Iterable[Mapping[str, Any]], head: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Head findings that the base lacks, per binary; each gets `new_in` (the binaries it is new for).

    Several findings may share a fingerprint (two calls in one function): they pair up in line order, so
    one more call is one new finding.
    """
    left: Counter[tuple[str, str]] = Counter()
    for f in base:
        for b in f.get("binaries") or [""]:
            left[(finding_key(f), b)] += 1
    out = []
    for f in sorted(head, key=_line_order):
        new_in = []
        for b in f.get("binaries") or [""]:
            k = (finding_key(f), b)
            if left[k] > 0:
                left[k] -= 1
            else:
                new_in.append(b)
        if new_in:
            item = dict(f)
            item["new_in"] = [b for b in new_in if b]
            out.append(item)
    return out


def deploy_key(d: Mapping[str, Any]) -> tuple[str, ...]:
    """What identifies a deployment finding across revisions: file, category, variable, key, value and
    context (the container or unit), not the line."""
    parts = ("file", "category", "variable", "key", "value", "context")
    return tuple(str(d.get(p) or "") for p in parts)


def new_deploy(base: Iterable[Mapping[str, Any]], head: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Head deployment findings the base lacks (equal keys pair up, so one more copy is one new)."""
    left = Counter(deploy_key(d) for d in base)
    out = []
    for d in head:
        k = deploy_key(d)
        if left[k] > 0:
            left[k] -= 1
        else:
            out.append(dict(d))
    return out


def _change_key(c: Mapping[str, Any]) -> tuple[str, str]:
    return (str(c.get("entry", "")), str(c.get("godebug") or ""))


def _acts(c: Mapping[str, Any]) -> bool:
    return str(c.get("status", "changed")) in ACTION


def _change_facts(c: Mapping[str, Any]) -> tuple[object, ...]:
    return (c.get("status"), c.get("before"), c.get("after"))


def _godebug_map(text: object) -> dict[str, str]:
    pairs = (p.partition("=") for p in str(text or "").split(",") if p)
    return {k: v for k, _, v in pairs}


def _default_godebug_diff(
    base: Mapping[str, Any],
    head: Mapping[str, Any],
    toolchains: tuple[str, str] = ("", ""),
    default_value: DefaultValue | None = None,
) -> list[dict[str, Any]]:
    """Settings whose compiled default (`godebug_before`, the binary's DefaultGODEBUG today) differs.

    With `default_value`, a setting one side leaves out counts as the value that side's toolchain
    (`toolchains`: base's, head's) behaves as, so an entry that only spells out a default is no switch.
    """
    if "godebug_before" not in base or "godebug_before" not in head:
        return []
    old, new = _godebug_map(base["godebug_before"]), _godebug_map(head["godebug_before"])
    out = []
    for k in sorted(set(old) | set(new)):
        b, a = old.get(k), new.get(k)
        if default_value is not None:
            b = b if b is not None else default_value(k, toolchains[0])
            a = a if a is not None else default_value(k, toolchains[1])
        if b != a:
            out.append({"entry": None, "godebug": k, "before": b, "after": a})
    return out


def binary_effects(
    base: Sequence[Mapping[str, Any]],
    head: Sequence[Mapping[str, Any]],
    toolchains: tuple[str, str] = ("", ""),
    default_value: DefaultValue | None = None,
) -> list[dict[str, Any]]:
    """Per binary, the behavior changes needing action (document `binaries[].changes`) added or gone
    since the base,
    and `now`: the settings whose value before the bump differs, i.e. what the change itself switches
    (a go-line or godebug edit) for binaries built with the current toolchain."""
    base_by_dir = {str(b.get("dir")): b for b in base}
    head_by_dir = {str(b.get("dir")): b for b in head}
    out = []
    for d in sorted(set(base_by_dir) | set(head_by_dir)):
        old = {_change_key(c): c for c in (base_by_dir.get(d) or {}).get("changes") or []}
        new = {_change_key(c): c for c in (head_by_dir.get(d) or {}).get("changes") or []}
        # added: what needs action now that did not, or not this way; removed: what needed action before
        # and no longer does (the change mitigates it, or the bump no longer touches it)
        added = [
            new[k]
            for k in sorted(new)
            if _acts(new[k]) and (k not in old or _change_facts(old[k]) != _change_facts(new[k]))
        ]
        removed = [old[k] for k in sorted(old) if _acts(old[k]) and (k not in new or not _acts(new[k]))]
        now = [
            {
                "entry": k[0],
                "godebug": new[k].get("godebug"),
                "before": old[k]["before"],
                "after": new[k]["before"],
            }
            for k in sorted(set(old) & set(new))
            if old[k].get("before") != new[k].get("before") and "before" in old[k] and "before" in new[k]
        ]
        if d in base_by_dir and d in head_by_dir:
            known = {c["godebug"] for c in now if c.get("godebug")}
            now += [
                c
                for c in _default_godebug_diff(base_by_dir[d], head_by_dir[d], toolchains, default_value)
                if c["godebug"] not in known
            ]
        state = "added" if d not in base_by_dir else "removed" if d not in head_by_dir else "kept"
        if added or removed or now or state != "kept":
            import_path = (head_by_dir.get(d) or base_by_dir.get(d) or {}).get("import_path", "")
            out.append(
                {
                    "dir": d,
                    "import_path": import_path,
                    "binary": state,
                    "now": now,
                    "added": added,
                    "removed": removed,
                }
            )
    return out


def _counts(statuses: Iterable[object]) -> dict[str, int]:
    c = Counter(str(s) for s in statuses)
    return {s.value: c[s.value] for s in STATUS_ORDER if c[s.value]}


def pr_compare(
    base_document: Mapping[str, Any],
    head_document: Mapping[str, Any],
    build_changes: Sequence[Mapping[str, Any]] = (),
    base: str = "",
    default_value: DefaultValue | None = None,
) -> dict[str, Any]:
    """The head document, reduced to what the change brings, plus a `pr` section.

    `findings` keeps only new findings (see new_findings); each binary's `changes` keeps only the
    behavior changes that are new or differ from the base's, so --fail-on counts what the change adds.
    `deploy` keeps only new deployment findings (see new_deploy).
    `pr`: {"base", "build_changes" (see diff_build_settings), "binaries" (see binary_effects),
    "findings": {"base", "head", "new"} counts, and "deploy" counts when either side has any}.
    `default_value` (see analyzer.pr.defaults) resolves settings a DefaultGODEBUG leaves out.
    """
    doc: dict[str, Any] = copy.deepcopy(dict(head_document))
    base_findings = list(base_document.get("findings") or [])
    head_findings = list(head_document.get("findings") or [])
    fresh = new_findings(base_findings, head_findings)
    toolchains = (
        str((base_document.get("plan") or {}).get("from") or ""),
        str((head_document.get("plan") or {}).get("from") or ""),
    )
    effects = copy.deepcopy(
        binary_effects(
            base_document.get("binaries") or [],
            head_document.get("binaries") or [],
            toolchains,
            default_value,
        )
    )
    added = {e["dir"]: e["added"] for e in effects}
    for b in doc.get("binaries") or []:
        b["changes"] = copy.deepcopy(added.get(str(b.get("dir")), []))
        if "summary" in b:
            b["summary"] = _counts(c.get("status") for c in b["changes"])
    doc["findings"] = copy.deepcopy(fresh)
    base_deploy = list(base_document.get("deploy") or [])
    head_deploy = list(head_document.get("deploy") or [])
    if "deploy" in doc:
        doc["deploy"] = copy.deepcopy(new_deploy(base_deploy, head_deploy))
    if isinstance(doc.get("summary"), dict):
        doc["summary"]["findings"] = _counts(f.get("status") for f in fresh)
        doc["summary"]["changes"] = _counts(
            c.get("status") for b in doc.get("binaries") or [] for c in b["changes"]
        )
    doc["pr"] = {
        "base": base,
        "build_changes": [dict(c) for c in build_changes],
        "binaries": effects,
        "findings": {"base": len(base_findings), "head": len(head_findings), "new": len(fresh)},
    }
    if head_deploy or base_deploy:
        new = len(doc.get("deploy") or [])
        doc["pr"]["deploy"] = {"base": len(base_deploy), "head": len(head_deploy), "new": new}
    return doc
