"""Values of the Go runtime's environment variables, parsed the way the Go 1.27 runtime parses them."""

from __future__ import annotations

from dataclasses import dataclass

VARIABLES: tuple[str, ...] = ("GODEBUG", "GOGC", "GOMEMLIMIT", "GOMAXPROCS")

_MAX_INT64 = (1 << 63) - 1
_MAX_INT32 = (1 << 31) - 1


@dataclass(frozen=True)
class GodebugPair:
    """One `key=value` field of a GODEBUG string; `offset` is the key's 0-based index in the string."""

    key: str
    value: str
    offset: int
    overridden: bool = False  # a later field sets the same key (later duplicates win)


def parse_godebug(text: str) -> list[GodebugPair]:
    """The fields of a GODEBUG value, left to right, as runtime.parsegodebug splits them.

    Fields without `=` are skipped; keys are not trimmed (the runtime does not trim either).
    """
    pairs: list[GodebugPair] = []
    pos = 0
    for field in text.split(","):
        if "=" in field:
            key, value = field.split("=", 1)
            pairs.append(GodebugPair(key, value, pos))
        pos += len(field) + 1
    last = {p.key: i for i, p in enumerate(pairs)}
    return [GodebugPair(p.key, p.value, p.offset, last[p.key] != i) for i, p in enumerate(pairs)]


def _parse_int(text: str, limit: int) -> int | None:
    """strconv.ParseInt(text, 10, bits): optional sign, decimal digits, in range."""
    body = text[1:] if text[:1] in "+-" else text
    if not body or not body.isascii() or not body.isdigit():
        return None
    n = int(text)
    return n if -limit - 1 <= n <= limit else None


@dataclass(frozen=True)
class TuningValue:
    """What the runtime makes of GOGC / GOMEMLIMIT / GOMAXPROCS: `valid` False means ignored or fatal."""

    valid: bool
    meaning: str
    number: int | None = None


def parse_gogc(text: str) -> TuningValue:
    """runtime.readGOGC: `off` or a 32-bit integer (negative also turns the GC off); anything else is 100."""
    if text == "off":
        return TuningValue(True, "garbage collector off", -1)
    n = _parse_int(text, _MAX_INT32)
    if n is None:
        return TuningValue(False, "not an integer or `off`: ignored, GOGC=100 is used")
    if n < 0:
        return TuningValue(True, "negative: garbage collector off", n)
    return TuningValue(True, f"GC target {n}% heap growth", n)


def parse_byte_count(text: str) -> int | None:
    """runtime.parseByteCount: digits with an optional `B`, `KiB`, `MiB`, `GiB` or `TiB` suffix."""
    if not text:
        return None
    last = text[-1]
    if "0" <= last <= "9":
        n = _parse_int(text, _MAX_INT64)
        return n if n is not None and n >= 0 else None
    if last != "B" or len(text) < 2:
        return None
    c = text[-2]
    if "0" <= c <= "9":
        n = _parse_int(text[:-1], _MAX_INT64)
        return n if n is not None and n >= 0 else None
    if c != "i" or len(text) < 4:
        return None
    power = {"K": 1, "M": 2, "G": 3, "T": 4}.get(text[-3])
    if power is None:
        return None
    n = _parse_int(text[:-3], _MAX_INT64)
    if n is None or n < 0:
        return None
    total = n * 1024**power
    return total if total <= _MAX_INT64 else None


def parse_gomemlimit(text: str) -> TuningValue:
    """runtime.readGOMEMLIMIT: `off`, empty, or a byte count; anything else aborts the program at startup."""
    if text in ("", "off"):
        return TuningValue(True, "no memory limit", _MAX_INT64)
    n = parse_byte_count(text)
    if n is None:
        return TuningValue(False, "malformed: the runtime throws `malformed GOMEMLIMIT` at startup")
    return TuningValue(True, f"soft memory limit {n} bytes", n)


def parse_gomaxprocs(text: str) -> TuningValue:
    """schedinit: a positive 32-bit integer pins GOMAXPROCS; anything else is ignored."""
    n = _parse_int(text, _MAX_INT32)
    if n is None or n <= 0:
        return TuningValue(False, "not a positive integer: ignored, the default GOMAXPROCS is used")
    return TuningValue(True, f"GOMAXPROCS pinned to {n}", n)
