"""Byte-level prefilter generated from the targets: which files can hold a use, and where to look.

Package-level targets (functions, vars, types) can only be named in a file that imports their
package, so they need the quoted import path and a selector-qualified name (`"net"` and `.ParseIP`).
Members (methods, fields) can be reached from values of any origin: a selector (`.Verify`) or, for
fields, a literal key (`MinVersion:`) suffices. Dot imports fall back to bare names. The words
themselves (candidates) tell the resolver which declarations to walk.

A selector whose operand is one of the file's import names (`aws.String`, `unsafe.Pointer`) names a
package-level symbol of that import, never a member: the resolver reports it only when that
(import path, name) is a target. Such an occurrence is dropped, provided the import name is never
written in the file other than before a dot (so no local can shadow it) and the imports were read
with certainty (file_imports); otherwise it counts, as before.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from analyzer.scan.decls import std_name
from analyzer.scan.parse import BLANK as _BLANK
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


_IMPORT_DECL = re.compile(rb"(?m)^import[ \t]*(?:\((?P<group>[^()`]*?)^\)|(?P<one>[^\n]*))")
_SPEC = re.compile(rb'(?P<name>[\w.]+[ \t]+)?"(?P<path>[^"\\\n]+)"[ \t]*(?://[^\n]*)?')
_FIRST_DECL = re.compile(rb"(?m)^(?:func|type|var|const)\b")
_HEADER_TOKENS = re.compile(rb'//[^\n]*|/\*.*?\*/|"(?:[^"\\\n]|\\.)*"', re.S)


def _blank_comment(m: re.Match[bytes]) -> bytes:
    """A comment as spaces (newlines kept, so offsets and lines hold); strings unchanged."""
    t = m.group()
    return t if t.startswith(b'"') else t.translate(_BLANK)


_WORD_CHARS = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_WORD_OR_DOT = _WORD_CHARS | {0x2E}  # what a bytes pattern's [\w.] matches


def file_imports(data: bytes) -> dict[bytes, str] | None:
    """Import name -> path of a gofmt-laid-out file, as the resolver's imports_of names them (blank
    and dot imports left out); None when an import declaration is not one this reader is sure of."""
    got = _imports_and_spans(data)
    return None if got is None else got[0]


def _imports_and_spans(data: bytes) -> tuple[dict[bytes, str], list[tuple[int, int]]] | None:
    out: dict[bytes, str] = {}
    spans: list[tuple[int, int]] = []
    # imports come before every other declaration: later `import` lines are inside raw strings
    first = _FIRST_DECL.search(data)
    header = first.start() if first is not None else len(data)
    head = _HEADER_TOKENS.sub(_blank_comment, data[:header])
    if b"/*" in head:
        return None
    for m in _IMPORT_DECL.finditer(head):
        spans.append(m.span())
        body = m.group("group") if m.group("group") is not None else m.group("one")
        for line in body.split(b"\n"):
            line = line.strip()
            if not line or line.startswith(b"//"):
                continue
            sm = _SPEC.fullmatch(line)
            if sm is None:
                return None
            name = sm.group("name")
            path = sm.group("path").decode("utf-8", "replace")
            if name is None:
                out[std_name(path).encode()] = path
            elif name.strip() not in (b"_", b"."):
                out[name.strip()] = path
    return out, spans


def _operand(data: bytes, word_start: int) -> bytes | None:
    """The identifier before the dot of a selector whose field starts at word_start, when the operand
    is a bare identifier (not itself a selector, call or index)."""
    i = word_start - 1
    while i >= 0 and data[i] in b" \t\r\n":
        i -= 1
    if i < 0 or data[i] != 0x2E:  # "."
        return None
    j = i
    while j > 0 and data[j - 1] in _WORD_CHARS:
        j -= 1
    if j == i or (j > 0 and data[j - 1] == 0x2E) or data[j] in b"0123456789":
        return None
    return data[j:i]


class _ImportOperands:
    """Which selector operands of one file are import names no local can shadow."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        got = _imports_and_spans(data)
        self.imports, self._spans = got if got is not None else ({}, [])
        self._unshadowed: dict[bytes, bool] = {}

    def path(self, word_start: int) -> str | None:
        """The import path when the selector at word_start is qualified by an unshadowed import."""
        if not self.imports:
            return None
        op = _operand(self.data, word_start)
        if op is None:
            return None
        path = self.imports.get(op)
        if path is None:
            return None
        ok = self._unshadowed.get(op)
        if ok is None:
            ok = self._unshadowed[op] = self._only_before_dots(op)
        return path if ok else None

    def _only_before_dots(self, name: bytes) -> bool:
        # every use of the name outside the import declarations is `name.` (a line that is all
        # comment declares nothing)
        data = self.data
        for m in re.finditer(re.escape(name) + rb"(?!\w)(?!\s*\.)", data):  # literal first: fast
            if m.start() > 0 and data[m.start() - 1] in _WORD_CHARS:
                continue
            if any(a <= m.start() < b for a, b in self._spans):
                continue
            line = data[data.rfind(b"\n", 0, m.start()) + 1 : m.start()].lstrip(b" \t")
            if not line.startswith(b"//"):
                return False
        return True


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
    def keys(self) -> re.Pattern[bytes]:
        """A field as a literal key (`MinVersion:`), not preceded by a word character or a dot (which
        key_offsets checks: a leading lookbehind is tried at every byte); the word is group 1."""
        fields = {f.decode() for f in self._fields}
        return re.compile(rb"(" + _alt(fields) + rb")\s*:") if fields else _NEVER

    def key_offsets(self, data: bytes) -> list[int]:
        """Where a literal key starts: `(?<![\\w.])` + keys, the lookbehind checked here. Dropping a
        match never hides another: one starting inside it would follow a word character too."""
        return [
            m.start(1)
            for m in self.keys.finditer(data)
            if m.start(1) == 0 or data[m.start(1) - 1] not in _WORD_OR_DOT
        ]

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

    def _has_member(self, data: bytes) -> bool:
        ops: _ImportOperands | None = None
        for m in self.member_words.finditer(data):
            if ops is None:
                ops = _ImportOperands(data)
            path = ops.path(m.start(1))
            if path is None or (path, m.group(1).decode()) in self.targets.keys:
                return True
        return False

    @cached_property
    def member_words(self) -> re.Pattern[bytes]:
        """A member selector; the word is group 1."""
        words = {s.split(".", 1)[1] for _, s in self.targets.keys if "." in s}
        return re.compile(rb"\.\s*(" + _alt(words) + rb")\b") if words else _NEVER

    def wants(self, data: bytes) -> bool:
        """Whether the file may hold a use of some target."""
        if self._has_key(data) or self._has_package_name(data) or self._has_member(data):
            return True
        return _has_dot_import(data) and self.bare.search(data) is not None

    def candidates(self, data: bytes) -> list[int]:
        """Byte offsets of the target words a use can start at: after a dot, as a literal key, and
        anywhere in a file with a dot import (sorted)."""
        if _has_dot_import(data):
            return [m.start() for m in self.bare.finditer(data)]
        ops = _ImportOperands(data)
        keys = self.targets.keys
        out = []
        for m in self.words.finditer(data):
            path = ops.path(m.start(1))
            if path is None or (path, m.group(1).decode()) in keys:
                out.append(m.start(1))
        if self._has_key(data):
            out.extend(self.key_offsets(data))
            out.sort()
        return out
