"""Turn one schema-valid entry document into the model's frozen dataclasses."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from analyzer.model import (
    Api,
    Condition,
    Effect,
    Entry,
    GodebugSetting,
    Kind,
    MitigationAdvice,
    MitigationKind,
    Neutralizer,
    Severity,
    Syntax,
    Touch,
)
from analyzer.versions import GoVersion


def _version(text: Any) -> GoVersion | None:
    return None if text is None else GoVersion.parse(str(text))


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def godebug_from(doc: Mapping[str, Any]) -> GodebugSetting:
    """The `godebug` block as a GodebugSetting."""
    return GodebugSetting(
        name=str(doc["name"]),
        package=str(doc["package"]),
        old=_opt_str(doc.get("old")),
        new=_opt_str(doc.get("new")),
        changed=doc.get("changed"),
        known_since=tuple(sorted(GoVersion.parse(str(v)) for v in doc.get("known_since") or ())),
        removed=doc.get("removed"),
        opaque=bool(doc.get("opaque", False)),
        immutable=bool(doc.get("immutable", False)),
        before_introduced=_opt_str(doc.get("before_introduced")),
    )


def _condition(doc: Mapping[str, Any]) -> Condition:
    return Condition(
        when=str(doc["when"]),
        effect=Effect(doc["effect"]),
        arg=doc.get("arg"),
        matches=_opt_str(doc.get("matches")),
        field=_opt_str(doc.get("field")),
        reason=str(doc.get("reason", "")),
    )


def _api(doc: Mapping[str, Any]) -> Api:
    effect = doc.get("effect")
    return Api(
        package=str(doc["package"]),
        symbol=str(doc["symbol"]),
        touch=tuple(Touch(t) for t in doc.get("touch") or ("call",)),
        conditions=tuple(_condition(c) for c in doc.get("conditions") or ()),
        effect=None if effect is None else Effect(effect),
    )


def _neutralizer(doc: Mapping[str, Any]) -> Neutralizer:
    return Neutralizer(
        package=str(doc["package"]),
        symbol=str(doc["symbol"]),
        scope=str(doc.get("scope", "function")),
        reason=str(doc.get("reason", "")),
    )


def _mitigation(doc: Mapping[str, Any]) -> MitigationAdvice:
    return MitigationAdvice(
        kind=MitigationKind(doc["kind"]),
        text=str(doc["text"]).strip(),
        min_go=_version(doc.get("min_go")),
        until=_version(doc.get("until")),
    )


def entry_from(doc: Mapping[str, Any], source: str) -> Entry:
    """A schema-valid document as an Entry; `x-*` keys become `extra` (non-strings as JSON)."""
    godebug = doc.get("godebug")
    extra = tuple(
        sorted((k, v if isinstance(v, str) else json.dumps(v, sort_keys=True)) for k, v in doc.items()
               if k.startswith("x-"))
    )
    return Entry(
        id=str(doc["id"]),
        title=str(doc["title"]).strip(),
        go=GoVersion.parse(str(doc["go"])),
        kind=Kind(doc["kind"]),
        severity=Severity(doc["severity"]),
        summary=str(doc["summary"]).strip(),
        godebug=None if godebug is None else godebug_from(godebug),
        platforms=tuple(doc.get("platforms") or ()),
        affects=tuple(_api(a) for a in doc.get("affects") or ()),
        neutralizers=tuple(_neutralizer(n) for n in doc.get("neutralizers") or ()),
        mitigations=tuple(_mitigation(m) for m in doc.get("mitigations") or ()),
        metric=_opt_str(doc.get("metric")),
        references=tuple(str(r) for r in doc.get("references") or ()),
        notes=str(doc.get("notes", "")).strip(),
        source=source,
        extra=extra,
        syntax=Syntax(doc["syntax"]) if doc.get("syntax") is not None else None,
    )
