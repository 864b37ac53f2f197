"""Go version strings as the go command reads them: go lines, toolchain names, `default=goX.Y`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

_VERSION = re.compile(r"^(?:go)?1\.(\d+)(?:\.(\d+))?((?:rc|beta)\d+)?$")


@total_ordering
@dataclass(frozen=True)
class GoVersion:
    """A Go version `1.minor[.patch]` or a pre-release `1.minorrcN`.

    Ordering follows cmd/go's gover: 1.21 < 1.21rc1 < 1.21.0 < 1.21.1; a language version with no
    patch (``1.21``) sorts before every release of that minor.
    """

    minor: int
    patch: int | None = None
    prerelease: str = ""

    @classmethod
    def parse(cls, text: str) -> GoVersion:
        """Parse `1.21`, `1.21.3`, `1.21rc2`, `go1.21.3`; raise ValueError otherwise."""
        m = _VERSION.match(text.strip())
        if not m:
            raise ValueError(f"invalid Go version {text!r}")
        minor = int(m.group(1))
        patch = int(m.group(2)) if m.group(2) is not None else None
        pre = m.group(3) or ""
        if pre and patch is not None:
            raise ValueError(f"invalid Go version {text!r}")
        return cls(minor, patch, pre)

    @classmethod
    def try_parse(cls, text: str) -> GoVersion | None:
        try:
            return cls.parse(text)
        except ValueError:
            return None

    def _key(self) -> tuple[int, int, int, int]:
        if self.prerelease:
            kind = 1 if self.prerelease.startswith("beta") else 2
            return (self.minor, kind, int(re.sub(r"\D", "", self.prerelease)), 0)
        if self.patch is None:
            return (self.minor, 0, 0, 0)
        return (self.minor, 3, self.patch, 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, GoVersion):
            return NotImplemented
        return self._key() < other._key()

    @property
    def is_prerelease(self) -> bool:
        return bool(self.prerelease)

    @property
    def lang(self) -> str:
        """The language version, `1.N`."""
        return f"1.{self.minor}"

    def __str__(self) -> str:
        if self.prerelease:
            return f"1.{self.minor}{self.prerelease}"
        if self.patch is None:
            return f"1.{self.minor}"
        return f"1.{self.minor}.{self.patch}"
