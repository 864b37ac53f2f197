"""What an ignore is, and the pure step that applies ignores to a scan document."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatchcase
from typing import Any

from analyzer.suppress.pathglob import path_matches


@dataclass(frozen=True)
class Ignore:
    """An accepted finding: entry id (or fnmatch pattern) plus the reason someone wrote down."""

    entry: str
    reason: str
    source: str  # "file:line" where the ignore is written

    def matches(self, finding: Mapping[str, Any]) -> bool:
        return fnmatchcase(str(finding.get("entry", "")), self.entry)

    def describe(self) -> dict[str, Any]:
        return {"entry": self.entry, "reason": self.reason, "source": self.source, "kind": self.kind}

    @property
    def kind(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class InlineIgnore(Ignore):
    """`//godebug-audit:ignore ENTRY REASON` on a finding's line or the line above."""

    file: str = ""
    line: int = 0

    @property
    def kind(self) -> str:
        return "inline"

    def matches(self, finding: Mapping[str, Any]) -> bool:
        return (
            super().matches(finding)
            and finding.get("file") == self.file
            and finding.get("line") in (self.line, self.line + 1)
        )


@dataclass(frozen=True)
class ConfigIgnore(Ignore):
    """An `ignore:` item of `.godebug-audit.yaml`: entry, path globs, reason, optional `until` date.

    `prefix` is the scan root relative to the config file's directory: globs are written relative to the
    config file, findings are relative to the scan root.
    """

    paths: tuple[str, ...] = ()
    until: date | None = None
    prefix: str = ""

    @property
    def kind(self) -> str:
        return "config"

    def expired(self, today: date) -> bool:
        return self.until is not None and self.until < today

    def matches(self, finding: Mapping[str, Any]) -> bool:
        if not super().matches(finding):
            return False
        if not self.paths:
            return True
        path = "/".join(p for p in (self.prefix, str(finding.get("file", ""))) if p)
        return any(path_matches(g, path) for g in self.paths)

    def describe(self) -> dict[str, Any]:
        out = super().describe()
        if self.paths:
            out["paths"] = list(self.paths)
        if self.until is not None:
            out["until"] = self.until.isoformat()
        return out


def apply_suppressions(document: Mapping[str, Any], ignores: Iterable[Ignore], today: date) -> dict[str, Any]:
    """Mark the findings that an ignore covers; report ignores that matched nothing or have expired.

    A suppressed finding stays in the document with `suppressed: {kind, reason, source}`; it does not count
    for --fail-on. An expired config ignore is not applied. Returns a new document.
    """
    doc: dict[str, Any] = copy.deepcopy(dict(document))
    active: list[Ignore] = []
    expired: list[Ignore] = []
    for ig in ignores:
        if isinstance(ig, ConfigIgnore) and ig.expired(today):
            expired.append(ig)
        else:
            active.append(ig)
    used: set[int] = set()
    for finding in doc.get("findings") or []:
        hits = [n for n, ig in enumerate(active) if ig.matches(finding)]
        used.update(hits)
        if hits and not finding.get("suppressed"):
            first = active[hits[0]]
            finding["suppressed"] = {"kind": first.kind, "reason": first.reason, "source": first.source}
    doc["suppressions"] = {
        "unused": sorted((ig.describe() for n, ig in enumerate(active) if n not in used), key=_order),
        "expired": sorted((ig.describe() for ig in expired), key=_order),
    }
    return doc


def _order(d: Mapping[str, Any]) -> tuple[str, str]:
    return (str(d["source"]), str(d["entry"]))


def counts_for_fail_on(finding: Mapping[str, Any]) -> bool:
    """Whether a finding counts towards the --fail-on threshold (suppressed ones do not)."""
    return not finding.get("suppressed")
