"""What inference knows of named types, functions and vars: std facts plus the repo's declarations.

Repo declarations load lazily per package through a loader; the packages consulted are recorded so
that cached results can be checked against them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from analyzer.scan.decls import Summary
from analyzer.scan.stdlib import is_std, stdlib
from analyzer.scan.typerep import TypeRep, deref, parse, results_type

DeclLoader = Callable[[str, str], list[Summary] | None]  # (package, name) -> new files' summaries


@dataclass(frozen=True)
class TypeDecl:
    kind: str  # struct | interface | alias | named | other
    fields: dict[str, TypeRep | None] = field(default_factory=dict)
    embeds: tuple[str, ...] = ()
    methods: dict[str, tuple[TypeRep | None, ...]] = field(default_factory=dict)
    under: TypeRep | None = None


@dataclass(frozen=True)
class Member:
    """A field or method found on a type: declared on `package`.`owner`."""

    package: str
    owner: str
    name: str
    method: bool
    type: TypeRep | None  # the field's type, or ("F", results) for a method


@dataclass
class PackageFacts:
    types: dict[str, TypeDecl]
    funcs: dict[str, tuple[TypeRep | None, ...]]
    vars: dict[str, TypeRep | None]
    consts: frozenset[str]

    def declares(self, name: str) -> bool:
        return name in self.types or name in self.funcs or name in self.vars or name in self.consts

    def is_const(self, name: str) -> bool:
        return name in self.consts


def _results(xs: list[str]) -> tuple[TypeRep | None, ...]:
    return tuple(parse(x) for x in xs)


def _std_facts(path: str) -> PackageFacts | None:
    raw = stdlib().get(path)
    if raw is None:
        return None
    types: dict[str, TypeDecl] = {}
    for name, t in raw.get("types", {}).items():
        under = t.get("u", "")
        if "a" in t:
            types[name] = TypeDecl("alias", under=parse(t["a"]))
            continue
        kind = under if under in ("struct", "interface") else "other"
        types[name] = TypeDecl(
            kind,
            fields={k: parse(v) for k, v in t.get("f", {}).items()},
            embeds=tuple(t.get("e", ())),
            methods={k: _results(v) for k, v in t.get("m", {}).items()},
            under=None if kind != "other" else parse(under),
        )
    return PackageFacts(
        types=types,
        funcs={k: _results(v) for k, v in raw.get("funcs", {}).items()},
        vars={k: parse(v) for k, v in raw.get("vars", {}).items()},
        consts=frozenset(raw.get("consts", ())),
    )


class _Lazy:
    """A read-only mapping view of one kind of declaration; asking for a name loads the files naming it."""

    def __init__(self, owner: RepoFacts, table: dict[str, Any]) -> None:
        self._owner = owner
        self._table = table

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        self._owner.ensure(name)
        return name in self._table

    def get(self, name: str, default: Any = None) -> Any:
        self._owner.ensure(name)
        return self._table.get(name, default)

    def __getitem__(self, name: str) -> Any:
        self._owner.ensure(name)
        return self._table[name]


NameLoader = Callable[[str], list[Summary]]


def _richness(t: dict[str, Any]) -> int:
    return len(t.get("f", {})) + len(t.get("im", {})) + (1 if "u" in t else 0)


class RepoFacts:
    """A repo package's declarations, loaded a file at a time: only files whose bytes name what is asked."""

    def __init__(self, load: NameLoader) -> None:
        self._load = load
        self._asked: set[str] = set()
        self._raw_types: dict[str, dict[str, Any]] = {}
        self._methods: dict[str, dict[str, tuple[TypeRep | None, ...]]] = {}
        self._types: dict[str, TypeDecl] = {}
        self._funcs: dict[str, tuple[TypeRep | None, ...]] = {}
        self._vars: dict[str, TypeRep | None] = {}
        self._consts: set[str] = set()
        self._const_values: dict[str, str] = {}
        self.types = _Lazy(self, self._types)
        self.funcs = _Lazy(self, self._funcs)
        self.vars = _Lazy(self, self._vars)
        self.consts = _Lazy(self, {})

    def ensure(self, name: str) -> None:
        if name in self._asked:
            return
        self._asked.add(name)
        summaries = self._load(name)
        if not summaries:
            return
        touched: set[str] = set()
        for s in summaries:
            for tname, ms in s["m"].items():
                self._methods.setdefault(tname, {}).update({k: _results(v) for k, v in ms.items()})
                touched.add(tname)
            self._funcs.update({k: _results(v) for k, v in s["fn"].items()})
            self._vars.update({k: parse(v) for k, v in s["v"].items()})
            self._consts.update(s["c"])
            self._const_values.update(s.get("cv", {}))
            for tname, t in s["t"].items():
                # files under exclusive build constraints may both declare it: keep the richer one
                old = self._raw_types.get(tname)
                if old is None or _richness(t) >= _richness(old):
                    self._raw_types[tname] = t
                touched.add(tname)
        for tname in touched:
            t = self._raw_types.get(tname)
            if t is None:
                continue
            own = dict(self._methods.get(tname, {}))
            own.update({k: _results(v) for k, v in t.get("im", {}).items()})
            self._types[tname] = TypeDecl(
                t["k"],
                fields={k: parse(v) for k, v in t.get("f", {}).items()},
                embeds=tuple(t.get("e", ())),
                methods=own,
                under=parse(t["u"]) if "u" in t else None,
            )

    def declares(self, name: str) -> bool:
        self.ensure(name)
        return name in self._types or name in self._funcs or name in self._vars or name in self._consts

    def is_const(self, name: str) -> bool:
        self.ensure(name)
        return name in self._consts

    def const_value(self, name: str) -> str | None:
        """A constant's literal value (unquoted strings), None when not a literal constant."""
        self.ensure(name)
        return self._const_values.get(name)


class World:
    """Lookups over std facts and lazily loaded repo package declarations."""

    def __init__(
        self, loader: DeclLoader, shared: dict[str, PackageFacts | RepoFacts | None] | None = None
    ) -> None:
        self._loader = loader
        self._facts: dict[str, PackageFacts | RepoFacts | None] = shared if shared is not None else {}
        self.consulted: set[str] = set()

    def facts(self, path: str) -> PackageFacts | RepoFacts | None:
        if not is_std(path):
            self.consulted.add(path)
        if path in self._facts:
            f = self._facts.pop(path)  # most recently used last: the owner trims the oldest
            self._facts[path] = f
            return f
        facts: PackageFacts | RepoFacts | None
        if is_std(path):
            facts = _std_facts(path)
        elif self._loader(path, "") is None:
            facts = None
        else:
            loader = self._loader
            facts = RepoFacts(lambda name: loader(path, name) or [])
        self._facts[path] = facts
        return facts

    def type_decl(self, path: str, name: str) -> TypeDecl | None:
        f = self.facts(path) if path else None
        return f.types.get(name) if f is not None else None

    def resolve(self, t: TypeRep | None, depth: int = 0) -> TypeRep | None:
        """Settle a deferred type (a package var's initializer) into a concrete one."""
        if t is None or t[0] != "D" or depth > 8:
            return None if t is not None and t[0] == "D" else t
        _, kind, path, name, index = t
        f = self.facts(path)
        if f is None:
            return None
        if kind == "v":  # a var initialized from another var, or from a function value
            if name in f.vars:
                return self.resolve(f.vars.get(name), depth + 1)
            fn = f.funcs.get(name)
            return ("F", fn) if fn is not None else None
        if name in f.types:  # a conversion T(x)
            return ("N", path, name)
        results = f.funcs.get(name)
        if results is None:
            return None
        r = results_type(results)
        if index and r is not None and r[0] == "T":
            return self.resolve(r[1][index] if index < len(r[1]) else None, depth + 1)
        return self.resolve(r if index == 0 else None, depth + 1)

    def underlying_decl(self, t: TypeRep | None, depth: int = 0) -> tuple[str, str, TypeDecl] | None:
        """(package, name, decl) of a named type, following aliases."""
        t = deref(t)
        while t is not None and t[0] == "N" and depth < 10:
            decl = self.type_decl(t[1], t[2])
            if decl is None:
                return None
            if decl.kind == "alias":
                t = deref(decl.under)
                depth += 1
                continue
            return t[1], t[2], decl
        return None

    def member(self, t: TypeRep | None, name: str, depth: int = 0) -> Member | None:
        """The field or method `name` of a value of type t: direct, then promoted through embedding."""
        if depth > 6:
            return None
        anon = deref(t)
        if anon is not None and anon[0] == "A":  # an anonymous struct
            fields = dict(anon[1])
            if name in fields:
                return Member("", "", name, False, fields[name])
            for e in anon[2]:
                m = self.member(fields.get(e), name, depth + 1)
                if m is not None:
                    return m
            return None
        found = self.underlying_decl(t)
        if found is None:
            return None
        path, tname, decl = found
        if name in decl.methods:
            return Member(path, tname, name, True, ("F", decl.methods[name]))
        struct = decl
        spath, sname = path, tname
        hops = 0
        while (
            struct.kind == "named" and hops < 6
        ):  # type X Y: Y's fields (not its methods), or an interface's methods
            nxt = self.underlying_decl(struct.under)
            if nxt is None:
                return None
            spath, sname, struct = nxt
            hops += 1
            if struct.kind == "interface" and name in struct.methods:
                return Member(spath, sname, name, True, ("F", struct.methods[name]))
        if struct.kind == "other" and struct.under is not None and hops < 6:
            nxt = self.underlying_decl(struct.under)
            if nxt is not None and nxt[2].kind == "struct":
                spath, sname, struct = nxt
        if struct.kind == "struct" and name in struct.fields:
            return Member(spath, sname, name, False, struct.fields[name])
        for e in struct.embeds:
            m = self.member(struct.fields.get(e), name, depth + 1)
            if m is not None:
                return m
        return None

    def func_type(self, path: str, name: str) -> TypeRep | None:
        f = self.facts(path)
        if f is None or name not in f.funcs:
            return None
        return ("F", f.funcs[name])

    def snapshot(self) -> dict[str, Any]:
        return {"consulted": sorted(self.consulted)}
