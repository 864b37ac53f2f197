"""Resolve the identifiers of one parsed file to package-level symbols and report the targets' uses.

Only declarations that contain a candidate word are walked; inside them, scopes are tracked so that
params, locals, closures and shadowed imports are told apart from package names, and the types of
locals are inferred lazily (see infer.py) for methods and fields.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from analyzer.model import SourceFile, Use, UseKind
from analyzer.scan.decls import TypeNotation, imports_of, receiver_type_name
from analyzer.scan.infer import Inference
from analyzer.scan.parse import Node, first_error_line, text, unquote
from analyzer.scan.scope import (
    DECLARED,
    LOCAL_TYPE,
    NTH,
    OPAQUE,
    RANGE_KEY,
    RANGE_VALUE,
    VALUE,
    Before,
    Binding,
    Scope,
    fixed,
)
from analyzer.scan.targets import Targets
from analyzer.scan.typerep import UNIVERSE, TypeRep, deref, first, parse
from analyzer.scan.world import RepoFacts, World

SCOPED_STMTS = frozenset(
    {
        "if_statement",
        "for_statement",
        "expression_switch_statement",
        "type_switch_statement",
        "select_statement",
    }
)
CONST_LITERALS = frozenset(
    {"int_literal", "float_literal", "imaginary_literal", "rune_literal", "true", "false", "nil", "iota"}
)


@dataclass(frozen=True)
class FileOutcome:
    uses: tuple[Use, ...]
    errors: tuple[int, ...]  # lines of parse errors in declarations that held candidates


def _same(a: Node | None, b: Node) -> bool:
    return a is not None and a.start_byte == b.start_byte and a.end_byte == b.end_byte and a.type == b.type


class FileResolver:
    """Walks one file's relevant declarations and collects target uses."""

    def __init__(
        self,
        root: Node,
        data: bytes,
        meta: SourceFile,
        own: str,
        targets: Targets,
        world: World,
        candidates: list[int],
    ) -> None:
        self.root = root
        self.data = data
        self.meta = meta
        self.own = own
        self.targets = targets
        self.world = world
        self.cands = candidates
        self.imports, self.dots = imports_of(root)
        self.note = TypeNotation(own, self.imports)
        self.inf = Inference(self)
        self.uses: list[Use] = []
        self.errors: list[int] = []
        self.function = ""
        self._lines: list[bytes] | None = None

    # ----------------------------------------------------------------- helpers

    def has_cand(self, node: Node) -> bool:
        i = bisect_left(self.cands, node.start_byte)
        return i < len(self.cands) and self.cands[i] < node.end_byte

    def own_declares(self, name: str) -> bool:
        f = self.world.facts(self.own)
        return f is not None and f.declares(name)

    def import_of(self, name: str, scope: Scope | None) -> str | None:
        """The import path an identifier names, unless a local or package-level name shadows it."""
        path = self.imports.get(name)
        if path is None:
            return None
        if scope is not None and scope.lookup(name) is not None:
            return None
        return path

    def line_text(self, row: int) -> str:
        if self._lines is None:
            self._lines = self.data.split(b"\n")
        if row < len(self._lines):
            return self._lines[row].decode("utf-8", "replace").strip()
        return ""

    def add(
        self,
        ident: Node,
        package: str,
        symbol: str,
        kind: UseKind,
        *,
        write: bool = False,
        args: tuple[str | None, ...] = (),
        keys: tuple[str, ...] = (),
    ) -> None:
        row, col = ident.start_point
        m = self.meta
        self.uses.append(
            Use(
                file=m.rel,
                line=row + 1,
                column=col + 1,
                package=package,
                symbol=symbol,
                kind=kind,
                pkg_dir=m.pkg_dir,
                function=self.function,
                write=write,
                args=args,
                literal_keys=keys,
                test=m.test,
                vendor=m.vendor,
                generated=m.generated,
                constraint=m.constraint,
                text=self.line_text(row),
            )
        )

    # ----------------------------------------------------------------- top level

    def run(self) -> FileOutcome:
        for decl in self.root.children:
            if not self.has_cand(decl):
                continue
            if decl.type == "ERROR" or decl.has_error:
                self.errors.append(first_error_line(decl))
                continue
            self.function = ""
            t = decl.type
            if t in ("function_declaration", "method_declaration"):
                self.function = _function_name(decl)
                scope = Scope()
                outer = self.bind_signature(decl, scope)
                for f in ("receiver", "type_parameters", "parameters", "result"):
                    c = decl.child_by_field_name(f)
                    if c is not None and self.has_cand(c):
                        self.visit_types(c, outer)  # `tls *tls.Config`: the type sees the package
                body = decl.child_by_field_name("body")
                if body is not None:
                    self.visit_block(body, scope)
            elif t in ("var_declaration", "const_declaration", "type_declaration"):
                self.visit_stmt(decl, Scope())
        return FileOutcome(tuple(self.uses), tuple(self.errors))

    def bind_params(self, plist: Node | None, scope: Scope, types: Scope | None = None) -> None:
        """Bind a parameter list's names; their types resolve in `types` (the signature's outer scope)."""
        if plist is None:
            return
        if plist.type != "parameter_list":
            return
        for p in plist.named_children:
            if p.type not in ("parameter_declaration", "variadic_parameter_declaration"):
                continue
            ty = p.child_by_field_name("type")
            variadic = 1 if p.type == "variadic_parameter_declaration" else 0
            b = Binding(DECLARED, ty, variadic, types if types is not None else scope)
            for n in p.children_by_field_name("name"):
                scope.bind(text(n), b)

    def bind_signature(self, fn: Node, scope: Scope) -> Scope:
        """Bind type params, receiver, params and results in scope; returns the scope their types see."""
        tparams = fn.child_by_field_name("type_parameters")
        if tparams is not None:
            for tp in tparams.named_children:
                for n in tp.children_by_field_name("name"):
                    scope.bind(text(n), Binding(LOCAL_TYPE))
        recv = fn.child_by_field_name("receiver")
        if recv is not None:
            for p in recv.named_children:
                ty = p.child_by_field_name("type")
                base = ty
                while base is not None and base.type in ("pointer_type", "parenthesized_type"):
                    base = base.named_children[0] if base.named_children else None
                if base is not None and base.type == "generic_type":
                    targs = base.child_by_field_name("type_arguments")
                    if targs is not None:
                        for a in targs.named_children:
                            scope.bind(text(a), Binding(LOCAL_TYPE))
        outer = Scope()
        outer.names.update(scope.names)  # type parameters only
        self.bind_params(recv, scope, outer)
        self.bind_params(fn.child_by_field_name("parameters"), scope, outer)
        self.bind_params(fn.child_by_field_name("result"), scope, outer)
        return outer

    # ----------------------------------------------------------------- statements

    def visit_block(self, block: Node, scope: Scope) -> None:
        inner = Scope(scope)
        for c in block.named_children:
            if c.type == "statement_list":
                self.visit_stmts(c, inner)
            else:
                self.visit_stmt(c, inner)

    def visit_stmts(self, stmts: Node, scope: Scope) -> None:
        for s in stmts.named_children:
            self.visit_stmt(s, scope)

    def visit_stmt(self, s: Node, scope: Scope) -> None:
        t = s.type
        relevant = self.has_cand(s)
        if t == "short_var_declaration":
            right = s.child_by_field_name("right")
            if relevant and right is not None:
                self.visit_expr(right, scope)
            self.bind_values(s.child_by_field_name("left"), right, scope)
        elif t == "var_declaration":
            for spec in _specs(s, "var_spec"):
                ty_node = spec.child_by_field_name("type")
                value = spec.child_by_field_name("value")
                if relevant:
                    if ty_node is not None and self.has_cand(ty_node):
                        self.visit_types(ty_node, scope)
                    if value is not None:
                        self.visit_expr(value, scope)
                names = spec.children_by_field_name("name")
                if ty_node is not None:
                    b = Binding(DECLARED, ty_node, 0, scope)
                    for n in names:
                        scope.bind(text(n), b)
                else:
                    self.bind_names(names, value, scope)
        elif t == "const_declaration":
            for spec in _specs(s, "const_spec"):
                if relevant:
                    for f in ("type", "value"):
                        c = spec.child_by_field_name(f)
                        if c is not None:
                            self.visit_expr(c, scope)
                names = spec.children_by_field_name("name")
                value = spec.child_by_field_name("value")
                values = list(value.named_children) if value is not None else []
                for i, n in enumerate(names):
                    v = values[i] if len(values) == len(names) else None
                    scope.bind(text(n), Binding(OPAQUE, v))
        elif t == "type_declaration":
            for spec in s.named_children:
                name = spec.child_by_field_name("name")
                ty = spec.child_by_field_name("type")
                if name is not None:  # a local type: its underlying type (it has no methods)
                    scope.bind(text(name), Binding(LOCAL_TYPE, ty, 0, scope))
                if relevant and ty is not None:
                    self.visit_types(ty, scope)
        elif not relevant:
            return
        elif t == "block":
            self.visit_block(s, scope)
        elif t == "statement_list":
            self.visit_stmts(s, scope)
        elif t in SCOPED_STMTS:
            self.visit_scoped(s, Scope(scope))
        elif t == "labeled_statement":
            for c in s.named_children:
                if c.type != "label_name":
                    self.visit_stmt(c, scope)
        elif t == "assignment_statement":
            self.visit_expr(s, scope)
        else:
            self.visit_expr(s, scope)

    def visit_scoped(self, s: Node, scope: Scope) -> None:
        t = s.type
        if t == "type_switch_statement":
            init = s.child_by_field_name("initializer")
            if init is not None:
                self.visit_stmt(init, scope)
            value = s.child_by_field_name("value")
            if value is not None and self.has_cand(value):
                self.visit_expr(value, scope)
            alias = s.child_by_field_name("alias")
            names = [text(n) for n in alias.named_children] if alias is not None else []
            for case in s.named_children:
                if case.type not in ("type_case", "default_case") or not self.has_cand(case):
                    continue
                cscope = Scope(scope)
                types = case.children_by_field_name("type") if case.type == "type_case" else []
                for ty in types:
                    if self.has_cand(ty):
                        self.visit_types(ty, scope)
                bound: Binding
                if len(types) == 1 and types[0].type != "nil":
                    bound = fixed(self.inf.type_of(types[0], scope))
                else:
                    bound = Binding(VALUE, value, 0, scope)
                for n in names:
                    cscope.bind(n, bound)
                for c in case.named_children:
                    if c.type == "statement_list":
                        self.visit_stmts(c, cscope)
            return
        for c in s.named_children:
            ct = c.type
            if ct in ("block",):
                self.visit_block(c, scope)
            elif ct == "for_clause":
                for f in ("initializer", "condition", "update"):
                    x = c.child_by_field_name(f)
                    if x is not None:
                        self.visit_stmt(x, scope)
            elif ct == "range_clause":
                right = c.child_by_field_name("right")
                if right is not None and self.has_cand(right):
                    self.visit_expr(right, scope)
                left = c.child_by_field_name("left")
                if left is not None:
                    if any(k.type == ":=" for k in c.children):
                        made: list[Binding] = []
                        for i, n in enumerate(left.named_children):
                            if n.type == "identifier":
                                b = Binding(RANGE_KEY if i == 0 else RANGE_VALUE, right, 0, scope)
                                made.append(b)
                                scope.bind(text(n), b)
                        before = Before(scope, made)
                        for b in made:
                            b.scope = before
                    elif self.has_cand(left):
                        self.visit_expr(left, scope)
            elif ct in ("expression_case", "default_case", "communication_case"):
                if self.has_cand(c):
                    self.visit_case(c, Scope(scope))
            elif ct == "if_statement":
                self.visit_scoped(c, Scope(scope))
            elif ct.endswith("_statement") or ct.endswith("_declaration"):
                self.visit_stmt(c, scope)
            elif self.has_cand(c):
                self.visit_expr(c, scope)

    def visit_case(self, case: Node, scope: Scope) -> None:
        for c in case.named_children:
            if c.type == "statement_list":
                self.visit_stmts(c, scope)
            elif c.type == "receive_statement":
                right = c.child_by_field_name("right")
                if right is not None and self.has_cand(right):
                    self.visit_expr(right, scope)
                left = c.child_by_field_name("left")
                if left is not None and any(k.type == ":=" for k in c.children):
                    self.bind_values(left, right, scope, receive=True)
            elif self.has_cand(c):
                self.visit_stmt(c, scope) if c.type.endswith("_statement") else self.visit_expr(c, scope)

    def bind_values(self, left: Node | None, right: Node | None, scope: Scope, receive: bool = False) -> None:
        if left is None:
            return
        names = [n for n in left.named_children if n.type == "identifier"]
        if receive and right is not None:
            for i, n in enumerate(names):
                scope.bind(text(n), Binding(RANGE_KEY, right, 0, scope) if i == 0 else Binding(OPAQUE))
            return
        self.bind_names(names, right, scope)

    def bind_names(self, names: list[Node], right: Node | None, scope: Scope) -> None:
        values = list(right.named_children) if right is not None else []
        if right is not None and right.type != "expression_list":
            values = [right]
        made: list[Binding] = []
        for i, n in enumerate(names):
            if len(values) == len(names):
                b = Binding(VALUE, values[i], 0, scope)
            elif len(values) == 1:
                b = Binding(NTH, values[0], i, scope)
            else:
                b = Binding(OPAQUE)
            made.append(b)
            scope.bind(text(n), b)
        before = Before(scope, made)
        for b in made:
            b.scope = before

    # ----------------------------------------------------------------- expressions

    def visit_expr(self, node: Node, scope: Scope) -> None:
        if not self.has_cand(node):
            return
        t = node.type
        if t == "selector_expression":
            field = node.child_by_field_name("field")
            if field is not None and self.has_cand(field):
                self.resolve_selector(node, field, scope)
            op = node.child_by_field_name("operand")
            if op is not None:
                self.visit_expr(op, scope)
            return
        if t == "identifier":
            self.resolve_ident(node, scope)
            return
        if t == "composite_literal":
            self.visit_composite(node, scope)
            return
        if t == "func_literal":
            fscope = Scope(scope)
            self.bind_params(node.child_by_field_name("parameters"), fscope, scope)
            self.bind_params(node.child_by_field_name("result"), fscope, scope)
            for f in ("parameters", "result"):
                c = node.child_by_field_name(f)
                if c is not None and self.has_cand(c):
                    self.visit_types(c, scope)
            body = node.child_by_field_name("body")
            if body is not None:
                self.visit_block(body, fscope)
            return
        if t in (
            "qualified_type",
            "type_identifier",
            "pointer_type",
            "slice_type",
            "array_type",
            "map_type",
            "channel_type",
            "function_type",
            "generic_type",
            "struct_type",
            "interface_type",
            "parenthesized_type",
        ):
            self.visit_types(node, scope)
            return
        if t == "literal_value":
            self.visit_literal(node, None, scope)
            return
        if t == "type_assertion_expression" or t == "type_conversion_expression":
            for c in node.named_children:
                if self.has_cand(c):
                    self.visit_types(c, scope) if c.type.endswith("_type") else self.visit_expr(c, scope)
            return
        if t == "field_identifier":
            return
        for c in node.named_children:
            self.visit_expr(c, scope)

    def visit_types(self, node: Node, scope: Scope) -> None:
        """Type expressions: qualified type names, and anything nested (struct fields, params, ...)."""
        if not self.has_cand(node):
            return
        t = node.type
        if t == "qualified_type":
            name = node.child_by_field_name("name")
            pkg = node.child_by_field_name("package")
            if name is not None and pkg is not None and self.has_cand(name):
                path = self.import_of(text(pkg), scope)
                if path is not None and (path, text(name)) in self.targets:
                    self.add(name, path, text(name), UseKind.REF)
            return
        if t == "type_identifier":
            self.resolve_ident(node, scope)
            return
        if t in ("field_identifier", "tag", "raw_string_literal", "interpreted_string_literal"):
            return
        if t == "parameter_declaration" or t == "field_declaration" or t == "variadic_parameter_declaration":
            ty = node.child_by_field_name("type")
            if ty is not None:
                self.visit_types(ty, scope)
            return
        for c in node.named_children:
            if c.type in ("identifier",):
                continue
            if c.type.endswith("_expression") or c.type == "func_literal":
                self.visit_expr(c, scope)
            else:
                self.visit_types(c, scope)

    def resolve_ident(self, ident: Node, scope: Scope) -> None:
        """A bare name: a use only through a dot import, when nothing closer declares it."""
        if not self.dots:
            return
        name = text(ident)
        if scope.lookup(name) is not None or self.own_declares(name):
            return
        for path in self.dots:
            if (path, name) not in self.targets:
                continue
            f = self.world.facts(path)
            if f is not None and not f.declares(name):
                continue
            kind = UseKind.REF
            if ident.type == "type_identifier" and _composite_type_of(ident):
                kind = UseKind.COMPOSITE
            elif _is_callee(ident) and not (f is not None and name in f.types):
                kind = UseKind.CALL
            self.add(
                ident, path, name, kind, args=self.call_args(ident, scope) if kind == UseKind.CALL else ()
            )
            return

    def resolve_selector(self, sel: Node, field: Node, scope: Scope) -> None:
        name = text(field)
        op = sel.child_by_field_name("operand")
        if op is None:
            return
        if op.type == "identifier":
            path = self.import_of(text(op), scope)
            if path is not None:
                if (path, name) in self.targets:
                    f = self.world.facts(path)
                    is_type = f is not None and name in f.types
                    callee = _is_callee(sel)
                    kind = UseKind.CALL if callee and not is_type else UseKind.REF
                    self.add(
                        field,
                        path,
                        name,
                        kind,
                        args=self.call_args(sel, scope) if kind == UseKind.CALL else (),
                    )
                return
        recv = first(self.inf.infer(op, scope))
        is_type_operand = False
        if recv is None:
            recv = self.inf.as_type(op, scope)  # a method expression (*T).M
            is_type_operand = recv is not None
        if recv is None:
            return
        m = self.world.member(recv, name)
        if m is None:
            return
        symbol = f"{m.owner}.{name}"
        if (m.package, symbol) not in self.targets:
            return
        if m.method:
            callee = _is_callee(sel)
            kind = UseKind.CALL if callee else UseKind.REF
            args = self.call_args(sel, scope) if callee and not is_type_operand else ()
            self.add(field, m.package, symbol, kind, args=args)
        else:
            self.add(field, m.package, symbol, UseKind.FIELD, write=_is_write(sel))

    def call_args(self, callee: Node, scope: Scope | None = None) -> tuple[str | None, ...]:
        node = callee
        p = node.parent
        while p is not None and p.type == "parenthesized_expression":
            node, p = p, p.parent
        if p is None or p.type != "call_expression":
            return ()
        args = p.child_by_field_name("arguments")
        if args is None:
            return ()
        return tuple(self.const_text(a, scope) for a in args.named_children if a.type != "comment")

    def const_text(self, node: Node, scope: Scope | None) -> str | None:
        t = node.type
        if t in ("interpreted_string_literal", "raw_string_literal"):
            return unquote(node)
        if t in CONST_LITERALS:
            return text(node)
        if t == "parenthesized_expression" and node.named_children:
            return self.const_text(node.named_children[0], scope)
        if t == "unary_expression":
            op = node.child_by_field_name("operand")
            inner = self.const_text(op, scope) if op is not None else None
            return None if inner is None else text(node)
        if t == "selector_expression":
            op = node.child_by_field_name("operand")
            field = node.child_by_field_name("field")
            if op is not None and op.type == "identifier" and field is not None:
                path = self.imports.get(text(op))
                f = self.world.facts(path) if path else None
                if f is not None and f.is_const(text(field)):
                    return text(node)
        if t == "identifier":  # a named constant: its literal value when it has one, else its name
            b = scope.lookup(text(node)) if scope is not None else None
            if b is not None:
                if b.mode == OPAQUE and b.expr is not None and b.expr.type != "identifier":
                    return self.const_text(b.expr, None)
                return None
            f = self.world.facts(self.own)
            if isinstance(f, RepoFacts):
                value = f.const_value(text(node))
                if value is not None:
                    return value
            if f is not None and f.is_const(text(node)):
                return text(node)
        return None

    # ----------------------------------------------------------------- composite literals

    def visit_composite(self, lit: Node, scope: Scope) -> None:
        ty = lit.child_by_field_name("type")
        body = lit.child_by_field_name("body")
        lt = self.inf.type_of(ty, scope) if ty is not None else None
        if ty is not None and self.has_cand(ty):
            base = ty.child_by_field_name("type") if ty.type == "generic_type" else ty
            if base is not None and base.type == "qualified_type":
                name = base.child_by_field_name("name")
                pkg = base.child_by_field_name("package")
                path = self.import_of(text(pkg), scope) if pkg is not None else None
                if name is not None and path is not None and (path, text(name)) in self.targets:
                    self.add(name, path, text(name), UseKind.COMPOSITE, keys=_literal_keys(body))
            elif base is not None and base.type == "type_identifier" and self.dots:
                before = len(self.uses)
                self.resolve_ident(base, scope)
                if len(self.uses) > before:
                    u = self.uses[-1]
                    self.uses[-1] = Use(**{**u.__dict__, "literal_keys": _literal_keys(body)})
            else:
                self.visit_types(ty, scope)
        if body is not None:
            self.visit_literal(body, lt, scope)

    def visit_literal(self, body: Node, lt: TypeRep | None, scope: Scope) -> None:
        if not self.has_cand(body):
            return
        shape = self.inf.shape(lt)
        for el in body.named_children:
            if el.type == "keyed_element":
                parts = [c for c in el.named_children if c.type != "comment"]
                if len(parts) != 2:
                    continue
                key, value = parts
                key_inner = (
                    key.named_children[0] if key.type == "literal_element" and key.named_children else key
                )
                vt: TypeRep | None = None
                if shape is not None and shape[0] == "struct":
                    spath, sname, fields = shape[1], shape[2], shape[3]
                    if key_inner.type == "identifier":
                        fname = text(key_inner)
                        vt = fields.get(fname)
                        if self.has_cand(key_inner) and (spath, f"{sname}.{fname}") in self.targets:
                            self.add(key_inner, spath, f"{sname}.{fname}", UseKind.FIELD, write=True)
                elif shape is not None and shape[0] == "map":
                    self.visit_element(key_inner, shape[1], scope)
                    vt = shape[2]
                else:
                    if shape is not None and shape[0] == "list":
                        vt = shape[1]
                    if key_inner.type != "identifier" or shape is not None:
                        self.visit_element(key_inner, None, scope)
                value_inner = (
                    value.named_children[0]
                    if value.type == "literal_element" and value.named_children
                    else value
                )
                self.visit_element(value_inner, vt, scope)
            else:
                inner = el.named_children[0] if el.type == "literal_element" and el.named_children else el
                et = shape[1] if shape is not None and shape[0] == "list" else None
                self.visit_element(inner, et, scope)

    def visit_element(self, node: Node, et: TypeRep | None, scope: Scope) -> None:
        if node.type == "literal_value":
            self.visit_literal(node, deref(et), scope)
        else:
            self.visit_expr(node, scope)


# --------------------------------------------------------------------------- syntax roles


def _is_callee(node: Node) -> bool:
    p = node.parent
    while p is not None and p.type in ("parenthesized_expression", "index_expression", "generic_type"):
        if p.type == "index_expression" and not _same(p.child_by_field_name("operand"), node):
            return False
        node, p = p, p.parent
    return p is not None and p.type == "call_expression" and _same(p.child_by_field_name("function"), node)


def _is_write(sel: Node) -> bool:
    p = sel.parent
    if p is None:
        return False
    if p.type in ("inc_statement", "dec_statement", "inc_dec_statement"):
        return True
    if p.type == "expression_list":
        gp = p.parent
        return (
            gp is not None and gp.type == "assignment_statement" and _same(gp.child_by_field_name("left"), p)
        )
    return False


def _composite_type_of(ident: Node) -> bool:
    p = ident.parent
    if p is not None and p.type == "generic_type":
        ident, p = p, p.parent
    return p is not None and p.type == "composite_literal" and _same(p.child_by_field_name("type"), ident)


def _literal_keys(body: Node | None) -> tuple[str, ...]:
    if body is None:
        return ()
    keys = []
    for el in body.named_children:
        if el.type == "keyed_element" and el.named_children:
            k = el.named_children[0]
            k = k.named_children[0] if k.type == "literal_element" and k.named_children else k
            if k.type == "identifier":
                keys.append(text(k))
    return tuple(sorted(keys))


def _function_name(decl: Node) -> str:
    name = decl.child_by_field_name("name")
    if name is None:
        return ""
    if decl.type == "function_declaration":
        return text(name)
    recv = decl.child_by_field_name("receiver")
    star = recv is not None and "*" in text(recv)
    base = receiver_type_name(decl)
    return f"(*{base}).{text(name)}" if star else f"{base}.{text(name)}"


def _specs(decl: Node, kind: str) -> list[Node]:
    out = []
    for c in decl.named_children:
        if c.type == kind:
            out.append(c)
        elif c.type.endswith("_spec_list"):
            out.extend(s for s in c.named_children if s.type == kind)
    return out


__all__ = ["UNIVERSE", "FileOutcome", "FileResolver", "parse"]
