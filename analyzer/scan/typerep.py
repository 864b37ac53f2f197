"""Type representations for light inference, and the compact notation stdlib.json and decl summaries use.

Notation: `path.Name` a named type (universe types bare: `error`, `int`), `*T`, `[]T`, `map[K]V`,
`chan T`, `func(R1,R2)` (results only), `?` unknown. Deferred values in decl summaries:
`!f:path.Func:i` (result i of a package-level function), `!v:path.Var` (a package-level var's type).

In Python a type is a tuple: ("N", path, name) | ("P", t) | ("S", t) | ("M", k, v) | ("C", t) |
("F", results) | ("T", results) (a multi-value) | ("D", kind, path, name, index) (deferred); None unknown.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

TypeRep = tuple[Any, ...]

UNIVERSE = frozenset(
    [
        "bool",
        "byte",
        "complex64",
        "complex128",
        "error",
        "float32",
        "float64",
        "int",
        "int8",
        "int16",
        "int32",
        "int64",
        "rune",
        "string",
        "uint",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "uintptr",
        "any",
        "comparable",
    ]
)

# universe names that are not types: looking them up in a package is pointless
PREDECLARED = UNIVERSE | frozenset(
    [
        "nil",
        "true",
        "false",
        "iota",
        "append",
        "cap",
        "clear",
        "close",
        "complex",
        "copy",
        "delete",
        "imag",
        "len",
        "make",
        "max",
        "min",
        "new",
        "panic",
        "print",
        "println",
        "real",
        "recover",
        "_",
    ]
)


def named(path: str, name: str) -> TypeRep:
    return ("N", path, name)


def pointer(t: TypeRep | None) -> TypeRep | None:
    return None if t is None else ("P", t)


def deref(t: TypeRep | None) -> TypeRep | None:
    """The pointed-to type of a pointer; other types unchanged."""
    if t is not None and t[0] == "P":
        inner: TypeRep = t[1]
        return inner
    return t


def element(t: TypeRep | None) -> TypeRep | None:
    """What indexing, ranging (the value) or receiving from t yields."""
    t = deref(t)
    if t is None:
        return None
    if t[0] in ("S", "C"):
        e: TypeRep | None = t[1]
        return e
    if t[0] == "M":
        v: TypeRep | None = t[2]
        return v
    if t == ("N", "", "string"):
        return ("N", "", "byte")
    return None


def first(t: TypeRep | None) -> TypeRep | None:
    """A multi-value's first value; single values unchanged."""
    if t is not None and t[0] == "T":
        return t[1][0] if t[1] else None
    return t


def nth(t: TypeRep | None, i: int) -> TypeRep | None:
    """Value i of a multi-value (i == 0 of a single value is itself)."""
    if t is not None and t[0] == "T":
        return t[1][i] if i < len(t[1]) else None
    return t if i == 0 else None


def results_type(results: tuple[TypeRep | None, ...]) -> TypeRep | None:
    """What calling a function with these results yields."""
    if len(results) == 1:
        return results[0]
    if not results:
        return None
    return ("T", results)


def _split_top(s: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(s):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(s[start:i])
            start = i + 1
    if s:
        parts.append(s[start:])
    return parts


@lru_cache(maxsize=65536)
def parse(s: str) -> TypeRep | None:
    """A notation string as a TypeRep (None for `?` or anything malformed)."""
    if not s or s == "?":
        return None
    if s[0] == "*":
        return pointer(parse(s[1:]))
    if s.startswith("[]"):
        inner = parse(s[2:])
        return None if inner is None else ("S", inner)
    if s.startswith("map["):
        depth = 0
        for i in range(3, len(s)):
            if s[i] == "[":
                depth += 1
            elif s[i] == "]":
                depth -= 1
                if depth == 0:
                    return ("M", parse(s[4:i]), parse(s[i + 1 :]))
        return None
    if s.startswith("chan "):
        inner = parse(s[5:])
        return None if inner is None else ("C", inner)
    if s.startswith("func(") and s.endswith(")"):
        return ("F", tuple(parse(p) for p in _split_top(s[5:-1])))
    if s[0] == "!":
        kind, _, rest = s[1:].partition(":")
        ref, _, idx = rest.partition(":")
        path, _, name = ref.rpartition(".")
        return ("D", kind, path, name, int(idx or 0))
    path, dot, name = s.rpartition(".")
    if not dot:
        return ("N", "", s)
    return ("N", path, name)


def render(t: TypeRep | None) -> str:
    """The notation string of a TypeRep (inverse of parse)."""
    if t is None:
        return "?"
    match t[0]:
        case "N":
            return f"{t[1]}.{t[2]}" if t[1] else str(t[2])
        case "P":
            return "*" + render(t[1])
        case "S":
            return "[]" + render(t[1])
        case "M":
            return f"map[{render(t[1])}]{render(t[2])}"
        case "C":
            return "chan " + render(t[1])
        case "F":
            return "func(" + ",".join(render(r) for r in t[1]) + ")"
        case "D":
            return f"!{t[1]}:{t[2]}.{t[3]}:{t[4]}"
    return "?"
