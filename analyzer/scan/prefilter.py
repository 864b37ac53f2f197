"""Byte-level prefilter generated from the targets: which files can hold a use, and where to look.

Package-level targets (functions, vars, types) can only be named in a file that imports their
package, so they need the quoted import path and a selector-qualified name (`"net"` and `.ParseIP`).
Members (methods, fields) can be reached from values of any origin: a selector (`.Verify`) or, for
fields, a literal key (`MinVersion:`) suffices. Dot imports fall back to bare names. The words
themselves (candidates) tell the resolver which declarations to walk.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from analyzer.scan.stdlib import stdlib
from analyzer.scan.targets import Targets

_DOT_IMPORT = re.compile(rb'(?m)^\s*(?:import\s*\(?\s*)?\.\s*"')
_NEVER = re.compile(rb"(?!)")


def _alt(words: frozenset[str] | set[str]) -> bytes:
    """An alternation of the words, factored as a trie (Python's re tries alternatives one by one)."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie(trie).encode()


def _trie(node: dict[str, Any]) -> str:
    end = "" in node
    branches = [re.escape(ch) + _trie(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?"
    return body


def _selector(words: frozenset[str] | set[str]) -> re.Pattern[bytes]:
    return re.compile(rb"\.\s*(?:" + _alt(words) + rb")\b") if words else _NEVER


def _is_field(package: str, owner: str, member: str) -> bool:
    """Whether a member may be a struct field (unknown outside the shipped std facts: maybe)."""
    t = stdlib().get(package, {}).get("types", {}).get(owner)
    if t is None:
        return True
    return member in t.get("f", {})


def _has_dot_import(data: bytes) -> bool:
    return b'. "' in data and _DOT_IMPORT.search(data) is not None


@dataclass(frozen=True)
class Prefilter:
    targets: Targets

    @cached_property
    def package_names(self) -> re.Pattern[bytes]:
        """A selector naming a package-level target (group 1: the name)."""
        names = {s for _, s in self.targets.keys if "." not in s}
        return re.compile(rb"\.\s*(" + _alt(names) + rb")\b") if names else _NEVER

    @cached_property
    def imports_of(self) -> dict[bytes, tuple[bytes, ...]]:
        """Package-level name -> the quoted import paths of the target packages declaring it."""
        out: dict[bytes, set[bytes]] = defaultdict(set)
        for p, s in self.targets.keys:
            if "." not in s:
                out[s.encode()].add(f'"{p}"'.encode())
        return {k: tuple(sorted(v)) for k, v in out.items()}

    def _has_package_name(self, data: bytes) -> bool:
        seen: set[bytes] = set()
        for m in self.package_names.finditer(data):
            name = m.group(1)
            if name in seen:
                continue
            seen.add(name)
            if any(imp in data for imp in self.imports_of.get(name, ())):
                return True
        return False

    @cached_property
    def _fields(self) -> tuple[bytes, ...]:
        return tuple(
            sorted(
                {
                    s.split(".", 1)[1].encode()
                    for p, s in self.targets.keys
                    if "." in s and _is_field(p, *s.split(".", 1))
                }
            )
        )

    @cached_property
    def members(self) -> re.Pattern[bytes]:
        """A member selector (`.Verify`)."""
        return _selector({s.split(".", 1)[1] for _, s in self.targets.keys if "." in s})

    @cached_property
    def keys(self) -> re.Pattern[bytes]:
        """A field as a literal key (`MinVersion:`); the word is group 1."""
        fields = {f.decode() for f in self._fields}
        return re.compile(rb"(?<![\w.])(" + _alt(fields) + rb")\s*:") if fields else _NEVER

    @cached_property
    def words(self) -> re.Pattern[bytes]:
        """Any target word after a dot; the word is group 1."""
        words = self.targets.words
        return re.compile(rb"\.\s*(" + _alt(words) + rb")\b") if words else _NEVER

    @cached_property
    def bare(self) -> re.Pattern[bytes]:
        words = self.targets.words
        return re.compile(rb"\b(?:" + _alt(words) + rb")\b") if words else _NEVER

    def _has_key(self, data: bytes) -> bool:
        # gofmt writes `Key: value`; the colon follows the key directly
        return any(f + b":" in data for f in self._fields)

    def wants(self, data: bytes) -> bool:
        """Whether the file may hold a use of some target."""
        if self.members.search(data) is not None or self._has_key(data) or self._has_package_name(data):
            return True
        return _has_dot_import(data) and self.bare.search(data) is not None

    def candidates(self, data: bytes) -> list[int]:
        """Byte offsets of the target words a use can start at: after a dot, as a literal key, and
        anywhere in a file with a dot import (sorted)."""
        if _has_dot_import(data):
            return [m.start() for m in self.bare.finditer(data)]
        out = [m.start(1) for m in self.words.finditer(data)]
        if self._has_key(data):
            out.extend(m.start(1) for m in self.keys.finditer(data))
            out.sort()
        return out
