"""Lexical scopes of a function body: names bound to lazily inferred types."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from analyzer.scan.parse import Node
from analyzer.scan.typerep import TypeRep

# how a binding's type is computed from its expression when first asked
VALUE, NTH, RANGE_KEY, RANGE_VALUE, FIXED, OPAQUE, LOCAL_TYPE, DECLARED = range(8)  # DECLARED: expr is a type


class Binding:
    """A local name; its type is inferred from `expr` only when a lookup needs it."""

    __slots__ = ("done", "expr", "index", "mode", "scope", "type")

    def __init__(
        self,
        mode: int,
        expr: Node | None = None,
        index: int = 0,
        scope: Scope | None = None,
        type_: TypeRep | None = None,
    ) -> None:
        self.mode = mode
        self.expr = expr
        self.index = index
        self.scope = scope
        self.type = type_
        self.done = mode in (FIXED, OPAQUE) or (mode == LOCAL_TYPE and expr is None)

    def get(self, infer: Callable[[Binding], TypeRep | None]) -> TypeRep | None:
        if not self.done:
            self.done = True  # before inferring: a self-reference yields unknown, not a loop
            self.type = infer(self)
        return self.type


class Scope:
    __slots__ = ("names", "parent")

    def __init__(self, parent: Scope | None = None) -> None:
        self.parent = parent
        self.names: dict[str, Binding] = {}

    def bind(self, name: str, binding: Binding) -> None:
        if name != "_":
            self.names[name] = binding

    def lookup(self, name: str) -> Binding | None:
        s: Scope | None = self
        while s is not None:
            b = s.names.get(name)
            if b is not None:
                return b
            s = s.parent
        return None


class Before(Scope):
    """A scope as the right-hand side of a declaration sees it: without the names it declares
    (`url, err := url.Parse(s)` calls the package, not the new variable)."""

    __slots__ = ("skip",)

    def __init__(self, scope: Scope, skip: list[Binding]) -> None:
        super().__init__(scope)
        self.skip = skip

    def lookup(self, name: str) -> Binding | None:
        s: Scope | None = self.parent
        while s is not None:
            b = s.names.get(name)
            if b is not None and not any(b is k for k in self.skip):
                return b
            s = s.parent
        return None


def fixed(t: TypeRep | None) -> Binding:
    return Binding(FIXED, type_=t)


def opaque() -> Binding:
    return Binding(OPAQUE)


__all__ = [
    "FIXED",
    "LOCAL_TYPE",
    "NTH",
    "OPAQUE",
    "RANGE_KEY",
    "RANGE_VALUE",
    "VALUE",
    "Any",
    "Binding",
    "Scope",
]
