"""Whether a use touches an API the way the entry says, and what its conditions make of it."""

from __future__ import annotations

import re
from functools import cache

from analyzer.model import Api, Condition, Effect, Touch, Use, UseKind

WHEN = frozenset(
    {"arg-constant", "arg-nonconstant", "literal-without-field", "literal-with-field", "line-matches"}
)


def touch_of(use: Use) -> Touch:
    """The Touch a scanned use is: a call, a reference, a composite literal, a field read or write."""
    match use.kind:
        case UseKind.CALL:
            return Touch.CALL
        case UseKind.REF:
            return Touch.REF
        case UseKind.COMPOSITE:
            return Touch.COMPOSITE
        case UseKind.FIELD:
            return Touch.FIELD_WRITE if use.write else Touch.FIELD_READ
        case UseKind.LOOP_VAR:
            return Touch.REF  # names no API: never matched against `affects`


def touch_fits(api: Api, use: Use) -> bool:
    """Whether the use touches the API in one of the listed ways (a call also names, so it is a ref)."""
    t = touch_of(use)
    return t in api.touch or (t == Touch.CALL and Touch.REF in api.touch)


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _arg(use: Use, index: int | None) -> tuple[bool, str | None]:
    """(present, constant text) of argument `index` (0-based) of a call use."""
    i = index or 0
    if use.kind != UseKind.CALL or i >= len(use.args):
        return False, None
    return True, use.args[i]


def applies(cond: Condition, use: Use) -> bool:
    """Whether one condition holds for the use (unknown `when` values never hold)."""
    match cond.when:
        case "arg-constant":
            present, value = _arg(use, cond.arg)
            if not present or value is None:
                return False
            return cond.matches is None or _regex(cond.matches).search(value) is not None
        case "arg-nonconstant":
            present, value = _arg(use, cond.arg)
            return present and value is None
        case "literal-without-field":
            return use.kind == UseKind.COMPOSITE and cond.field not in use.literal_keys
        case "literal-with-field":
            return use.kind == UseKind.COMPOSITE and cond.field in use.literal_keys
        case "line-matches":  # the use's source line (Use.text)
            return cond.matches is not None and _regex(cond.matches).search(use.text) is not None
    return False


def _describe(cond: Condition, use: Use) -> str:
    if cond.reason:
        return cond.reason
    match cond.when:
        case "arg-constant":
            _, value = _arg(use, cond.arg)
            return f"argument {(cond.arg or 0) + 1} is the constant {value!r}"
        case "arg-nonconstant":
            return f"argument {(cond.arg or 0) + 1} is not a constant"
        case "literal-without-field":
            return f"the literal does not set {cond.field}"
        case "literal-with-field":
            return f"the literal sets {cond.field}"
    return cond.when


def effect_of(api: Api, use: Use) -> tuple[Effect, str]:
    """The effect of the first condition that holds, with its reason.

    When none holds: the API's own `effect`, else certain for an API without conditions and
    possible for one whose conditions cannot decide this use.
    """
    for cond in api.conditions:
        if applies(cond, use):
            return cond.effect, _describe(cond, use)
    if api.effect is not None:
        return api.effect, ""
    if not api.conditions:
        return Effect.CERTAIN, ""
    return Effect.POSSIBLE, "no condition decides this use"
