"""Match scanned uses against KB entries: affected APIs, conditions, neutralizers, platforms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from analyzer.match.conditions import effect_of, touch_fits
from analyzer.match.constraints import built_for
from analyzer.model import Effect, Entry, LoopVarUse, Match, Neutralizer, Syntax, Use, UseKind

Key = tuple[str, str]
# (package, symbol, pkg_dir of the use) -> uses: neutralizers only count inside the use's package
Index = Mapping[tuple[str, str, str], Sequence[Use]]


def targets(entries: Iterable[Entry]) -> frozenset[Key]:
    """Every (package, symbol) the scanner must report: the entries' affected APIs and neutralizers."""
    out: set[Key] = set()
    for e in entries:
        out.update((a.package, a.symbol) for a in e.affects)
        out.update((n.package, n.symbol) for n in e.neutralizers)
    return frozenset(out)


def _pins(n: Use) -> bool:
    """A neutralizer field pins the behavior only when it is set, not when it is read."""
    return n.kind != UseKind.FIELD or n.write


def _in_scope(scope: str, n: Use, use: Use) -> bool:
    if n.pkg_dir != use.pkg_dir:
        return False
    if n.test and not use.test:
        return False  # a test file's neutralizer does not cover the code it tests
    match scope:
        case "package":
            return True
        case "file":
            return n.file == use.file
        case "function":
            return n.file == use.file and n.function == use.function
    return False  # `main`/`binary` scopes are decided per binary by the planner


def _neutralized(neutralizers: Sequence[Neutralizer], use: Use, index: Index) -> str | None:
    for nz in neutralizers:
        for n in index.get((nz.package, nz.symbol, use.pkg_dir), ()):
            if n is use or (n.file, n.line, n.column) == (use.file, use.line, use.column):
                continue
            if _pins(n) and _in_scope(nz.scope, n, use):
                name = f"{nz.package.rsplit('/', 1)[-1]}.{nz.symbol}"
                where = f"{name} at {n.file}:{n.line}"
                return f"{nz.reason} ({where})" if nz.reason else f"neutralized by {where}"
    return None


def _off_platform(entry: Entry, use: Use) -> str | None:
    """Why the use's file is never built for any of the entry's platforms (None if it may be)."""
    if not entry.platforms:
        return None
    if any(built_for(use.file, use.constraint, p) is not False for p in entry.platforms):
        return None
    return f"{use.file} is not built for {', '.join(entry.platforms)}"


def use_index(uses: Iterable[Use]) -> dict[tuple[str, str, str], list[Use]]:
    """Uses by (package, symbol, package dir), the neutralizer lookup of `match_entry`."""
    out: dict[tuple[str, str, str], list[Use]] = defaultdict(list)
    for u in uses:
        out[(u.package, u.symbol, u.pkg_dir)].append(u)
    for lst in out.values():  # the first neutralizer cited must not depend on input order
        lst.sort(key=lambda u: (u.file, u.line, u.column))
    return out


def match_entry(entry: Entry, use: Use, index: Index) -> Match | None:
    """The match of one use against one entry, or None when the entry names no API it touches.

    `index` (see `use_index`) holds the uses that may neutralize it.
    """
    for api in entry.affects:
        if (api.package, api.symbol) != (use.package, use.symbol) or not touch_fits(api, use):
            continue
        off = _off_platform(entry, use)
        if off is not None:
            return Match(entry.id, use, Effect.UNAFFECTED, off)
        effect, reason = effect_of(api, use)
        if effect != Effect.UNAFFECTED:
            why = _neutralized(entry.neutralizers, use, index)
            if why is not None:
                return Match(entry.id, use, Effect.NEUTRALIZED, why)
        return Match(entry.id, use, effect, reason)
    return None


def match_uses(entries: Iterable[Entry], uses: Iterable[Use]) -> tuple[Match, ...]:
    """Every (entry, use) pair where the use touches an affected API, sorted by position then entry.

    Each match says certain, possible or unaffected (by the API's conditions) or neutralized (a
    neutralizer of the entry is used in the required scope).
    """
    entry_list = sorted(entries, key=lambda e: e.id)
    use_list = list(uses)
    index = use_index(use_list)
    by_symbol: dict[Key, list[Use]] = defaultdict(list)
    for u in use_list:
        by_symbol[(u.package, u.symbol)].append(u)
    by_api: dict[Key, list[Entry]] = defaultdict(list)
    for e in entry_list:
        for key in dict.fromkeys((a.package, a.symbol) for a in e.affects):
            by_api[key].append(e)
    out: list[Match] = []
    for key, entries_here in by_api.items():
        for u in by_symbol.get(key, ()):
            for e in entries_here:
                m = match_entry(e, u, index)
                if m is not None:
                    out.append(m)
    out.sort(key=lambda m: (m.use.file, m.use.line, m.use.column, m.entry, m.use.symbol, repr(m)))
    return tuple(out)


def match_loop_vars(entries: Iterable[Entry], found: Iterable[LoopVarUse]) -> list[Match]:
    """The loop-variable pass's findings as matches of every entry whose `syntax` is loopvar: certain,
    with the pass's reason (what captures the variable or takes its address)."""
    ids = sorted(e.id for e in entries if e.syntax == Syntax.LOOPVAR)
    return [Match(i, f.use, Effect.CERTAIN, f.why) for f in found for i in ids]
