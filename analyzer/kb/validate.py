"""`kb validate`: the schema plus the cross-field checks an entry author can get wrong, each at file:line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from analyzer.kb.loader import (
    Document,
    Problem,
    iter_documents,
    load_problems,
    read_schema,
    schema_path,
    schema_problems,
)
from analyzer.kb.scaffold import PLACEHOLDER
from analyzer.model import MitigationKind
from analyzer.versions import GoVersion

# mitigation kinds that are GODEBUG settings, with the first toolchain that honors them
_SETTING_MITIGATIONS = {"godebug-gomod": GoVersion(23), "godebug-directive": GoVersion(21)}
_ORDER = [k.value for k in MitigationKind]
_TABLE_FIELDS = ("package", "changed", "removed", "opaque", "immutable", "known_since")


def _v(text: Any) -> GoVersion | None:
    return GoVersion.try_parse(str(text)) if text is not None else None


def _godebug_problems(doc: Document) -> list[Problem]:
    data = doc.data
    g = data.get("godebug")
    out: list[Problem] = []
    if g is None:
        if data.get("metric") is not None:
            out.append(doc.problem(["metric"], "metric without a godebug block"))
        return out
    gp = ["godebug"]
    if g.get("changed") is not None and g.get("old") is None:
        out.append(doc.problem([*gp, "changed"], "changed is set but old is null: go lines before "
                               f"1.{g['changed']} get the old value, so name it"))
    if g.get("changed") is not None and g.get("removed") is not None and g["removed"] < g["changed"]:
        out.append(doc.problem([*gp, "removed"],
                               f"removed ({g['removed']}) is before changed ({g['changed']})"))
    if g.get("old") is not None and g.get("old") == g.get("new"):
        out.append(doc.problem([*gp, "new"], f"new equals old ({g['old']!r})"))
    known = [_v(x) for x in g.get("known_since") or ()]
    versions = [k for k in known if k is not None]
    if versions != sorted(versions):
        out.append(doc.problem([*gp, "known_since"], "known_since must be sorted, oldest first"))
    minors = [k.minor for k in versions]
    if len(set(minors)) != len(minors):
        out.append(doc.problem([*gp, "known_since"], "known_since lists one version per minor"))
    if not versions and g.get("removed") is None:
        out.append(doc.problem([*gp, "known_since"], "known_since is empty but removed is null: "
                               "a setting no toolchain knows must say when it was removed"))
    if g.get("removed") is not None and versions and max(minors) >= g["removed"]:
        out.append(doc.problem([*gp, "known_since"], f"known_since names a toolchain at or after the "
                               f"removal (1.{g['removed']})"))
    metric = data.get("metric")
    if metric is not None:
        if g.get("opaque"):
            out.append(doc.problem(["metric"], "an opaque setting has no non-default-behavior metric"))
        want = f"/godebug/non-default-behavior/{g['name']}:events"
        if metric != want:
            out.append(doc.problem(["metric"],
                                   f"metric {metric!r} does not name the setting (want {want!r})"))
    changed = g.get("changed")
    go = _v(data.get("go"))
    if changed is not None and go is not None and go.minor != changed:
        out.append(doc.problem(["go"], f"go is {go} but the setting changed in 1.{changed}"))
    if data.get("kind") != "toolchain" and str(g.get("package", "")).startswith("cmd/"):
        out.append(doc.problem(["kind"], f"the setting belongs to {g['package']}: kind must be toolchain"))
    return out


def _mitigation_problems(doc: Document) -> list[Problem]:
    data = doc.data
    g = data.get("godebug")
    removed = g.get("removed") if g else None
    out: list[Problem] = []
    last = -1
    for i, m in enumerate(data.get("mitigations") or ()):
        p: list[str | int] = ["mitigations", i]
        kind = m["kind"]
        rank = _ORDER.index(kind)
        if rank < last:
            out.append(doc.problem([*p, "kind"],
                                   f"{kind} after a more visible mitigation: list least visible first"))
        last = max(last, rank)
        min_go, until = _v(m.get("min_go")), _v(m.get("until"))
        if kind in _SETTING_MITIGATIONS:
            if g is None:
                out.append(doc.problem([*p, "kind"], f"a {kind} mitigation needs a godebug block"))
            elif g.get("old") is None and kind != "main-default":
                out.append(doc.problem([*p, "kind"], f"a {kind} mitigation needs godebug.old"))
        floor = _SETTING_MITIGATIONS.get(kind)
        if floor is not None and (min_go is None or min_go < floor):
            what = "go.mod godebug lines" if kind == "godebug-gomod" else "//go:debug directives"
            out.append(doc.problem([*p, "min_go" if min_go else "kind"],
                                   f"{what} need Go {floor} or later (min_go {min_go or 'missing'})"))
        known = [k for k in (_v(x) for x in (g or {}).get("known_since") or ()) if k is not None]
        if floor is not None and known and min_go is not None and min_go < min(known):
            out.append(doc.problem([*p, "min_go"], f"min_go {min_go} is before the first toolchain that "
                                   f"knows the setting ({min(known)}): older ones reject it"))
        if kind == "main-default" and g is not None and g.get("immutable"):
            out.append(doc.problem([*p, "kind"], "an immutable setting cannot be changed from main"))
        if kind == "go-line" and g is None and data.get("kind") != "language":
            out.append(doc.problem([*p, "kind"], "a go-line mitigation needs a go-line gated setting "
                                   "(godebug.changed) or a language change"))
        if kind == "go-line" and g is not None and g.get("changed") is None:
            out.append(doc.problem([*p, "kind"], "a go-line mitigation needs godebug.changed (the setting "
                                   "is not go-line gated)"))
        if min_go is not None and until is not None and until <= min_go:
            out.append(doc.problem([*p, "until"], f"until ({until}) is not after min_go ({min_go})"))
        if removed is not None and kind != "none" and kind != "code-change" and g is not None:
            if until is None:
                out.append(doc.problem([*p, "kind"], f"the setting was removed in 1.{removed}: say until"))
            elif until > GoVersion(removed):
                out.append(doc.problem([*p, "until"], f"until ({until}) is after the removal (1.{removed})"))
    return out


def _affects_problems(doc: Document, fixtures: Path | None) -> list[Problem]:
    data = doc.data
    out: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for i, api in enumerate(data.get("affects") or ()):
        p: list[str | int] = ["affects", i]
        key = (api["package"], api["symbol"])
        if key in seen:
            out.append(doc.problem([*p, "symbol"], f"{api['package']}.{api['symbol']} is listed twice"))
        seen.add(key)
        touch = api.get("touch") or ["call"]
        if any(t.startswith("field_") for t in touch) and "." not in api["symbol"]:
            out.append(doc.problem([*p, "touch"], "field touches need a Type.Field symbol"))
        for j, c in enumerate(api.get("conditions") or ()):
            cp: list[str | int] = [*p, "conditions", j]
            when = c["when"]
            if when.startswith("arg-") and "arg" not in c:
                out.append(doc.problem([*cp, "when"], f"{when} needs arg"))
            if when not in ("arg-constant", "line-matches") and "matches" in c:
                out.append(doc.problem([*cp, "matches"], f"matches means nothing for {when}"))
            if when == "line-matches" and "matches" not in c:
                out.append(doc.problem([*cp, "when"], f"{when} needs matches"))
            if when.startswith("literal-"):
                if "field" not in c:
                    out.append(doc.problem([*cp, "when"], f"{when} needs field"))
                if "composite" not in touch:
                    out.append(doc.problem([*cp, "when"], f"{when} needs touch: [composite]"))
            elif "field" in c:
                out.append(doc.problem([*cp, "field"], f"field means nothing for {when}"))
            if when.startswith("arg-") and touch == ["composite"]:
                out.append(doc.problem([*cp, "when"], f"{when} on an API touched only as a composite"))
    for i, n in enumerate(data.get("neutralizers") or ()):
        if (n["package"], n["symbol"]) in seen:
            out.append(doc.problem(["neutralizers", i, "symbol"], "a neutralizer cannot be an affected API"))
    if data.get("affects") and fixtures is not None and not (fixtures / str(data["id"])).is_dir():
        out.append(doc.problem(["affects"], f"no fixtures: {fixtures.name}/{data['id']}/ is missing "
                               "(kb new scaffolds it)", key=True))
    return out


def _placeholder_problems(doc: Document) -> list[Problem]:
    out: list[Problem] = []
    for key in ("title", "summary", "notes"):
        if PLACEHOLDER in str(doc.data.get(key, "")):
            out.append(doc.problem([key], f"{key} still holds a {PLACEHOLDER} placeholder"))
    for i, r in enumerate(doc.data.get("references") or ()):
        if PLACEHOLDER in r:
            out.append(doc.problem(["references", i], f"reference {r} is a placeholder"))
    return out


def _reference_problems(doc: Document) -> list[Problem]:
    out: list[Problem] = []
    refs = doc.data.get("references") or []
    for i, r in enumerate(refs):
        if refs.index(r) != i:
            out.append(doc.problem(["references", i], f"{r} is listed twice"))
        if re.match(r"^https?://go\.dev/issues?/\d+$", r) is None and re.search(r"golang/go/issues/\d+", r):
            out.append(doc.problem(["references", i], "cite Go issues as https://go.dev/issue/N"))
    return out


def _syntax_problems(doc: Document) -> list[Problem]:
    data = doc.data
    if data.get("syntax") is not None and data.get("kind") != "language":
        return [doc.problem(["syntax"], "a syntax pass is for language changes: kind must be language")]
    return []


def document_problems(doc: Document, schema: dict[str, Any], fixtures: Path | None) -> list[Problem]:
    """Every problem of one entry file: schema first; cross-field checks only on schema-valid data."""
    if schema_problems(doc, schema):
        return schema_problems(doc, schema)
    return [*load_problems(doc, schema), *_godebug_problems(doc), *_mitigation_problems(doc),
            *_affects_problems(doc, fixtures), *_reference_problems(doc), *_placeholder_problems(doc),
            *_syntax_problems(doc)]


def _cross_entry_problems(docs: Iterable[Document]) -> list[Problem]:
    out: list[Problem] = []
    ids: dict[str, Document] = {}
    settings: dict[str, Document] = {}
    for doc in docs:
        data = doc.data
        ident = str(data["id"]).lower()
        if ident in ids:
            out.append(doc.problem(["id"], f"duplicate id {data['id']!r} (also in {ids[ident].name})"))
        else:
            ids[ident] = doc
        g = data.get("godebug")
        if g is None:
            continue
        first = settings.setdefault(g["name"], doc)
        if first is doc:
            continue
        other = first.data["godebug"]
        for f in _TABLE_FIELDS:
            if g.get(f) != other.get(f):
                out.append(doc.problem(["godebug", f], f"godebug {g['name']}: {f} is {g.get(f)!r} here but "
                                       f"{other.get(f)!r} in {first.name}"))
    return out


def _one_entry_per_setting(docs: Iterable[Document]) -> list[Problem]:
    """One behavior change, one finding: a setting is carried by at most one entry with affects, and a
    setting-only entry beside it (the table's copy) names that entry in its notes, saying why it exists."""
    by_setting: dict[str, list[Document]] = {}
    for doc in docs:
        g = doc.data.get("godebug")
        if g is not None:
            by_setting.setdefault(str(g["name"]), []).append(doc)
    out: list[Problem] = []
    for name, group in sorted(by_setting.items()):
        rich = [d for d in group if d.data.get("affects")]
        for extra in rich[1:]:
            out.append(extra.problem(["godebug", "name"], f"godebug {name} is also carried by "
                                     f"{rich[0].data['id']}, which has affects too: each use would be "
                                     "reported twice; merge the entries"))
        if not rich:
            continue
        rid = str(rich[0].data["id"])
        for d in group:
            if not d.data.get("affects") and rid not in str(d.data.get("notes") or ""):
                out.append(d.problem(["godebug", "name"], f"godebug {name} is carried by {rid}, which has "
                                     "the affected APIs: this setting-only entry is not reported; say why "
                                     f"it exists (name {rid} in notes) or remove it"))
    return out


def validate_directory(directory: Path, fixtures: Path | None = None) -> list[Problem]:
    """All problems of a KB directory, sorted by file and line. `fixtures`: testdata/kb to require."""
    schema = read_schema(schema_path(directory))
    problems: list[Problem] = []
    valid: list[Document] = []
    for doc in iter_documents(directory):
        if isinstance(doc, Problem):
            problems.append(doc)
            continue
        found = document_problems(doc, schema, fixtures)
        problems.extend(found)
        if isinstance(doc.data, dict) and "id" in doc.data:
            valid.append(doc)
    problems.extend(_cross_entry_problems(valid))
    problems.extend(_one_entry_per_setting(valid))
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.message))
