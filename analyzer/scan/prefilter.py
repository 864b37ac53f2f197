"""Byte-level prefilter generated from the targets: which files can hold a use, and where to look.

A file is parsed only if it has a selector-qualified target word (`.ParseIP`, `.Config`), a target
field as a literal key (`MinVersion:`), or a dot import with a bare target word. Words themselves
(candidates) tell the resolver which declarations to walk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from analyzer.scan.targets import Targets

_DOT_IMPORT = re.compile(rb'(?m)^\s*(?:import\s*\(?\s*)?\.\s*"')


def _alt(words: frozenset[str]) -> bytes:
    return b"|".join(re.escape(w.encode()) for w in sorted(words, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Prefilter:
    targets: Targets

    @cached_property
    def selector(self) -> re.Pattern[bytes]:
        words = self.targets.words
        if not words:
            return re.compile(rb"(?!)")
        alt = _alt(words)
        pieces = [rb"\.\s*(?:" + alt + rb")\b"]
        if self.targets.fields:
            pieces.append(rb"\b(?:" + _alt(self.targets.fields) + rb")\s*:")
        return re.compile(b"|".join(pieces))

    @cached_property
    def bare(self) -> re.Pattern[bytes]:
        words = self.targets.words
        return re.compile(rb"\b(?:" + _alt(words) + rb")\b") if words else re.compile(rb"(?!)")

    def wants(self, data: bytes) -> bool:
        """Whether the file may hold a use of some target."""
        if self.selector.search(data) is not None:
            return True
        return _DOT_IMPORT.search(data) is not None and self.bare.search(data) is not None

    def candidates(self, data: bytes) -> list[int]:
        """Byte offsets of every target word (sorted)."""
        return [m.start() for m in self.bare.finditer(data)]
