"""Light type inference over expressions: enough to find the receiver type of a method or field use.

Knows declared types (params, vars, fields), std function and method results (stdlib.json), the repo's
own declarations, composite literals, `&T{}`, `new(T)`, conversions, assertions, indexing, ranging and
multi-value results. Anything else (generics, untyped arithmetic) is unknown: no use is reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analyzer.scan.parse import NEW_ALIAS, Node, text
from analyzer.scan.scope import DECLARED, LOCAL_TYPE, NTH, RANGE_KEY, RANGE_VALUE, VALUE, Binding, Scope
from analyzer.scan.typerep import UNIVERSE, TypeRep, deref, first, nth, parse, pointer, results_type

if TYPE_CHECKING:
    from analyzer.scan.resolve import FileResolver

INT: TypeRep = ("N", "", "int")
MAX_DEPTH = 40


class Inference:
    """Types of expressions in one file; scopes and package facts come from the resolver."""

    def __init__(self, res: FileResolver) -> None:
        self.res = res
        self.world = res.world
        self.depth = 0

    # ----------------------------------------------------------------- type expressions

    def type_of(self, node: Node | None, scope: Scope | None) -> TypeRep | None:
        """The type a type expression denotes (locals shadowing type names make it unknown)."""
        if node is None:
            return None
        if node.type == "type_identifier":
            name = text(node)
            b = scope.lookup(name) if scope is not None else None
            if b is not None:
                return b.get(self.binding) if b.mode == LOCAL_TYPE else None
            return self.named_here(name)
        if node.type == "qualified_type":
            pkg = node.child_by_field_name("package")
            if pkg is not None and scope is not None and scope.lookup(text(pkg)) is not None:
                return None
        kind = node.type
        if kind == "struct_type":
            return self.struct_of(node, scope)
        if kind in ("pointer_type", "parenthesized_type"):
            inner = node.named_children
            if not inner:
                return None
            it = self.type_of(inner[0], scope)
            return pointer(it) if kind == "pointer_type" else it
        if kind in ("slice_type", "array_type", "implicit_length_array_type"):
            et = self.type_of(node.child_by_field_name("element"), scope)
            return None if et is None else ("S", et)
        if kind == "map_type":
            return (
                "M",
                self.type_of(node.child_by_field_name("key"), scope),
                self.type_of(node.child_by_field_name("value"), scope),
            )
        if kind == "channel_type":
            ct = self.type_of(node.child_by_field_name("value"), scope)
            return None if ct is None else ("C", ct)
        t = parse(self.res.note.of(node))
        return self._fix_dots(t)

    def struct_of(self, node: Node, scope: Scope | None) -> TypeRep:
        """An anonymous struct type: ("A", ((field, type), ...), (embedded names, ...))."""
        fields: list[tuple[str, TypeRep | None]] = []
        embeds: list[str] = []
        for fl in node.named_children:
            if fl.type != "field_declaration_list":
                continue
            for fd in fl.named_children:
                if fd.type != "field_declaration":
                    continue
                ty = fd.child_by_field_name("type")
                names = fd.children_by_field_name("name")
                ft = self.type_of(ty, scope)
                if names:
                    fields.extend((text(n), ft) for n in names)
                elif ty is not None:
                    base = ty.child_by_field_name("type") if ty.type == "generic_type" else ty
                    nm = (
                        base.child_by_field_name("name")
                        if base is not None and base.type == "qualified_type"
                        else base
                    )
                    if nm is None:
                        continue
                    if any(c.type == "*" for c in fd.children):
                        ft = pointer(ft)
                    fields.append((text(nm), ft))
                    embeds.append(text(nm))
        return ("A", tuple(fields), tuple(embeds))

    def named_here(self, name: str) -> TypeRep | None:
        """A type name written unqualified in this file: own package, universe, or a dot import."""
        own = self.world.facts(self.res.own)
        if own is not None and name in own.types:
            return ("N", self.res.own, name)
        if name in UNIVERSE:
            return ("N", "", name)
        for path in self.res.dots:
            f = self.world.facts(path)
            if f is not None and name in f.types:
                return ("N", path, name)
        return ("N", self.res.own, name)

    def _fix_dots(self, t: TypeRep | None) -> TypeRep | None:
        if t is None or not self.res.dots:
            return t
        if t[0] == "N" and t[1] == self.res.own:
            return self.named_here(t[2])
        if t[0] in ("P", "S", "C"):
            inner = self._fix_dots(t[1])
            return None if inner is None else (t[0], inner)
        return t

    def as_type(self, expr: Node, scope: Scope) -> TypeRep | None:
        """The type an expression-position node denotes, if it names one (`T(x)`, `(*T)(x)`, `pkg.T`)."""
        t = expr.type
        if t == "identifier":
            name = text(expr)
            b = scope.lookup(name)
            if b is not None:
                return b.get(self.binding) if b.mode == LOCAL_TYPE else None
            own = self.world.facts(self.res.own)
            if own is not None and own.declares(name):
                return ("N", self.res.own, name) if name in own.types else None
            if name in UNIVERSE:
                return ("N", "", name)
            for path in self.res.dots:
                f = self.world.facts(path)
                if f is not None and name in f.types:
                    return ("N", path, name)
            return None
        if t == "selector_expression":
            op = expr.child_by_field_name("operand")
            field = expr.child_by_field_name("field")
            if op is None or field is None or op.type != "identifier":
                return None
            qual = self.res.import_of(text(op), scope)
            if qual is None:
                return None
            f = self.world.facts(qual)
            return ("N", qual, text(field)) if f is not None and text(field) in f.types else None
        if t == "parenthesized_expression" and expr.named_children:
            return self.as_type(expr.named_children[0], scope)
        if t == "unary_expression":
            op = expr.child_by_field_name("operator")
            operand = expr.child_by_field_name("operand")
            if op is not None and text(op) == "*" and operand is not None:
                return pointer(self.as_type(operand, scope))
            return None
        if t == "generic_type":
            return self.type_of(expr, scope)
        if t.endswith("_type"):
            return self.type_of(expr, scope)
        return None

    # ----------------------------------------------------------------- values

    def binding(self, b: Binding) -> TypeRep | None:
        if b.expr is None or b.scope is None:
            return None
        if b.mode == LOCAL_TYPE:
            return self.type_of(b.expr, b.scope)
        if b.mode == DECLARED:
            t = self.type_of(b.expr, b.scope)
            return ("S", t) if b.index and t is not None else t
        if b.mode == VALUE:
            return first(self.infer(b.expr, b.scope))
        if b.mode == NTH:
            return nth(self.infer(b.expr, b.scope), b.index)
        if b.mode in (RANGE_KEY, RANGE_VALUE):
            over = self.under(self.infer(b.expr, b.scope))
            if over is None:
                return None
            if b.expr.type == "unary_expression" and over[0] == "C":  # `v := <-ch` in a select case
                return over
            kind = over[0]
            if kind == "M":
                k: TypeRep | None = over[1] if b.mode == RANGE_KEY else over[2]
                return k
            if kind == "C":
                c: TypeRep | None = over[1] if b.mode == RANGE_KEY else None
                return c
            if kind == "S":
                s: TypeRep | None = INT if b.mode == RANGE_KEY else over[1]
                return s
            if over == ("N", "", "string"):
                return INT if b.mode == RANGE_KEY else ("N", "", "rune")
            if over[0] == "N" and over[1] == "" and b.mode == RANGE_KEY:
                return over  # range over an integer
        return None

    def under(self, t: TypeRep | None) -> TypeRep | None:
        """A named type's underlying composite type (slice, map, chan, func, pointer); t otherwise."""
        for _ in range(8):
            t = self.world.resolve(t)
            if t is None or t[0] != "N" or not t[1]:
                return t
            decl = self.world.type_decl(t[1], t[2])
            if decl is None or decl.under is None or decl.kind in ("struct", "interface"):
                return t
            t = decl.under
        return t

    def shape(self, lt: TypeRep | None) -> tuple[Any, ...] | None:
        """What a composite literal of type lt holds: ("struct", pkg, name, fields), ("list", elem) or
        ("map", key, value)."""
        u = self.under(lt)
        if u is None:
            return None
        if u[0] == "S":
            return ("list", u[1])
        if u[0] == "M":
            return ("map", u[1], u[2])
        if u[0] == "A":
            return ("struct", "", "", dict(u[1]))
        if u[0] == "N":
            found = self.world.underlying_decl(u)
            if found is None:
                return None
            path, name, decl = found
            hops = 0
            while decl.kind in ("named", "other") and decl.under is not None and hops < 6:
                nxt = self.world.underlying_decl(decl.under)
                if nxt is None:
                    return None
                path, name, decl = nxt
                hops += 1
            if decl.kind == "struct":
                return ("struct", path, name, decl.fields)
        return None

    def infer(self, expr: Node, scope: Scope) -> TypeRep | None:
        """The type of a value expression, None when unknown (multi-values as ("T", results))."""
        if self.depth > MAX_DEPTH:
            return None
        self.depth += 1
        try:
            return self.world.resolve(self._infer(expr, scope))
        finally:
            self.depth -= 1

    def _infer(self, expr: Node, scope: Scope) -> TypeRep | None:
        t = expr.type
        if t == "identifier":
            return self.ident(text(expr), scope)
        if t == "parenthesized_expression":
            return self.infer(expr.named_children[0], scope) if expr.named_children else None
        if t == "selector_expression":
            op = expr.child_by_field_name("operand")
            field = expr.child_by_field_name("field")
            if op is None or field is None:
                return None
            name = text(field)
            if op.type == "identifier":
                path = self.res.import_of(text(op), scope)
                if path is not None:
                    f = self.world.facts(path)
                    if f is None:
                        return None
                    if name in f.vars:
                        return f.vars[name]
                    if name in f.funcs:
                        return ("F", f.funcs[name])
                    return None
            recv = first(self.infer(op, scope))
            if recv is None:
                return None
            m = self.world.member(recv, name)
            return m.type if m is not None else None
        if t == "call_expression":
            return self.call(expr, scope)
        if t == "type_conversion_expression":
            return self.type_of(expr.child_by_field_name("type"), scope)
        if t == "unary_expression":
            op = expr.child_by_field_name("operator")
            operand = expr.child_by_field_name("operand")
            if operand is None or op is None:
                return None
            o = text(op)
            if o == "&":
                return pointer(first(self.infer(operand, scope)))
            if o == "*":
                inner = first(self.infer(operand, scope))
                return deref(inner) if inner is not None and inner[0] == "P" else None
            if o == "<-":
                ch = self.under(first(self.infer(operand, scope)))
                return ch[1] if ch is not None and ch[0] == "C" else None
            if o == "!":
                return ("N", "", "bool")
            return first(self.infer(operand, scope))
        if t == "composite_literal":
            return self.type_of(expr.child_by_field_name("type"), scope)
        if t == "index_expression":
            over = self.under(first(self.infer(expr.child_by_field_name("operand"), scope)))
            over = self.under(deref(over)) if over is not None and over[0] == "P" else over
            if over is None:
                return None
            if over[0] == "S":
                s: TypeRep | None = over[1]
                return s
            if over[0] == "M":
                return ("T", (over[2], ("N", "", "bool")))
            if over[0] == "F":  # a generic function instantiated: F[T]
                return over
            return None
        if t == "slice_expression":
            return first(self.infer(expr.child_by_field_name("operand"), scope))
        if t == "type_assertion_expression":
            return ("T", (self.type_of(expr.child_by_field_name("type"), scope), ("N", "", "bool")))
        if t == "func_literal":
            return ("F", tuple(parse(r) for r in self.res.note.results(expr.child_by_field_name("result"))))
        if t in ("interpreted_string_literal", "raw_string_literal"):
            return ("N", "", "string")
        if t == "binary_expression":
            op = expr.child_by_field_name("operator")
            if op is not None and text(op) in ("==", "!=", "<", ">", "<=", ">=", "&&", "||"):
                return ("N", "", "bool")
            left = expr.child_by_field_name("left")
            return first(self.infer(left, scope)) if left is not None else None
        return None

    def ident(self, name: str, scope: Scope) -> TypeRep | None:
        b = scope.lookup(name)
        if b is not None:
            if b.mode == LOCAL_TYPE:
                return None
            return b.get(self.binding)
        own = self.world.facts(self.res.own)
        if own is not None:
            if name in own.vars:
                return own.vars[name]
            if name in own.funcs:
                return ("F", own.funcs[name])
            if own.declares(name):
                return None
        for path in self.res.dots:
            f = self.world.facts(path)
            if f is None:
                continue
            if name in f.vars:
                return f.vars[name]
            if name in f.funcs:
                return ("F", f.funcs[name])
        return None

    def call(self, expr: Node, scope: Scope) -> TypeRep | None:
        fn = expr.child_by_field_name("function")
        args = expr.child_by_field_name("arguments")
        if fn is None:
            return None
        argv = [a for a in args.named_children if a.type != "comment"] if args is not None else []
        if fn.type == "identifier" and scope.lookup(text(fn)) is None and not self._own_declares(text(fn)):
            name = text(fn)
            if name in ("new", NEW_ALIAS) and argv:
                inner = self.as_type(argv[0], scope) if not argv[0].type.endswith("_type") else None
                if inner is None:
                    inner = self.type_of(argv[0], scope) if argv[0].type.endswith("_type") else None
                if inner is None:  # Go 1.26 new(expr): a pointer to the value's type
                    inner = first(self.infer(argv[0], scope))
                return pointer(inner)
            if name == "make" and argv:
                return (
                    self.type_of(argv[0], scope)
                    if argv[0].type.endswith("_type")
                    else self.as_type(argv[0], scope)
                )
            if name == "append" and argv:
                return first(self.infer(argv[0], scope))
            if name in ("len", "cap", "copy"):
                return INT
        as_t = self.as_type(fn, scope)
        if as_t is not None:
            return as_t
        ft = first(self.infer(fn, scope))
        ft = self.under(ft)
        if ft is None or ft[0] != "F":
            return None
        return results_type(tuple(ft[1]))

    def _own_declares(self, name: str) -> bool:
        own = self.world.facts(self.res.own)
        return own is not None and own.declares(name)
