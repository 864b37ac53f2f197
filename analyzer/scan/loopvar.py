"""Loops whose variables Go 1.22 makes per-iteration in a way the program can see, found in one file.

The compiler's own check (cmd/compile/internal/loopvar, what `-gcflags=-d=loopvar=2` prints) is
syntactic: a variable a `for` loop declares (`i := ...` in a 3-clause loop, `k, v := range ...`) is
reported when, inside the loop, a function literal captures it or its address is taken — `&v`,
`&v.f` on a struct value, `&v[i]` / `v[:]` on an array, or a method with a pointer receiver called or
taken as a value on it (`v.PtrMethod()`, which is `(&v).PtrMethod()`). A literal or `&` inside a
`return` of the innermost loop does not count (returning leaves every loop), and neither does a
literal called on the spot that the compiler inlines before the check (`func() { use(v) }()`).

`file_loops` reads one file's bytes and returns plain data (JSON-able, so it is cached by content);
`package_loop_vars` decides the conditional reasons (method receivers) over a package's files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from analyzer.scan.loopvar_types import (
    ARRAY,
    is_array,
    known_value,
    literal_type,
    named,
    range_types,
    unparen,
)
from analyzer.scan.parse import Node, first_error_line, parse_go, text

# A loop that declares variables has `:=` on its `for` line (gofmt keeps the header there): files
# without one cannot have such a loop. Comments and one-line bodies only add parses, never misses
# of gofmt'd code.
LOOP_PREFILTER = re.compile(rb"\bfor\b[^\n]*:=")
# an on-the-spot call the inliner keeps as a call: more than one call inside, or a statement the
# inliner refuses (Go's budget is 80 nodes; a call to a function it cannot inline costs 57)
_NOT_INLINED = frozenset({"defer_statement", "go_statement", "select_statement"})


@dataclass(frozen=True)
class Reason:
    """Why a loop variable's semantics change: `why` holds unless `method` is set, in which case it
    holds when `method` has a pointer receiver on `type` (any type of the package when `type` is "")."""

    why: str
    method: str = ""
    type: str = ""


@dataclass(frozen=True)
class LoopVar:
    """One variable a loop declares that may be captured or address-taken, with every reason found."""

    line: int  # 1-based, of the variable's name in the loop header
    column: int  # 1-based byte column, as the compiler reports it
    name: str
    function: str  # enclosing top-level function (`f`, `(*T).Run`), "" at package level
    text: str  # the loop's header line, stripped
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class FileLoops:
    """A file's candidate loop variables."""

    vars: tuple[LoopVar, ...] = ()
    error_line: int | None = None  # first line tree-sitter could not parse, None when it parsed


def has_loops(data: bytes) -> bool:
    """The byte prefilter: whether the file may hold a loop that declares variables."""
    return LOOP_PREFILTER.search(data) is not None


@cache
def _loop_query() -> Any:
    import tree_sitter_go
    from tree_sitter import Language, Query

    return Query(Language(tree_sitter_go.language()), "(for_statement) @loop")


def _captures(query: Any, node: Node, name: str) -> list[Node]:
    from tree_sitter import QueryCursor

    found: list[Node] = QueryCursor(query).captures(node).get(name, [])
    return sorted(found, key=lambda n: n.start_byte)


def file_loops(data: bytes) -> FileLoops:
    """The loop variables of one Go file whose per-iteration semantics may be visible."""
    tree = parse_go(data)
    root = tree.root_node
    found: list[LoopVar] = []
    decls = [d for d in root.children if d.type in ("function_declaration", "method_declaration")]
    end = -1
    d = 0
    for loop in _captures(_loop_query(), root, "loop"):
        if loop.start_byte < end:
            continue  # inside a loop already walked (nested loops and literals are walked with it)
        end = loop.end_byte
        while d < len(decls) and decls[d].end_byte <= loop.start_byte:
            d += 1
        decl = decls[d] if d < len(decls) and decls[d].start_byte <= loop.start_byte else None
        w = _Walk(data, decl)
        w.loop(loop)
        found.extend(w.result())
    error = first_error_line(root) if root.has_error else None
    return FileLoops(tuple(sorted(found, key=lambda v: (v.line, v.column))), error)


def _method(decl: Node) -> tuple[str, str, bool] | None:
    name = decl.child_by_field_name("name")
    recv = decl.child_by_field_name("receiver")
    if name is None or recv is None:
        return None
    params = [c for c in recv.named_children if c.type == "parameter_declaration"]
    if not params:
        return None
    t = params[0].child_by_field_name("type")
    pointer = False
    while t is not None and t.type in ("pointer_type", "parenthesized_type", "generic_type"):
        pointer = pointer or t.type == "pointer_type"
        t = t.child_by_field_name("type") if t.type == "generic_type" else t.named_children[0]
    if t is None or t.type != "type_identifier":
        return None
    return text(t), text(name), pointer


def _function_name(decl: Node | None) -> str:
    if decl is None:
        return ""
    name = decl.child_by_field_name("name")
    if name is None:
        return ""
    if decl.type == "function_declaration":
        return text(name)
    m = _method(decl)
    if m is None:
        return text(name)
    return f"(*{m[0]}).{m[1]}" if m[2] else f"{m[0]}.{m[1]}"


class _Var:
    """A loop variable while its loop is walked."""

    def __init__(self, ident: Node, fn: int, elem: str | None) -> None:
        self.ident = ident
        self.fn = fn  # index of the function frame that declares it
        self.elem = elem  # its type as written, when the loop's header tells ("" unknown)
        self.reasons: list[Reason] = []

    def add(self, r: Reason) -> None:
        if r not in self.reasons:
            self.reasons.append(r)


@dataclass
class _Frame:
    """A function body being walked: the loop under analysis's, or a literal's inside it."""

    depth: int = 0  # loops with per-iteration variables entered in this function
    returning: int = -1  # `depth` at the innermost enclosing return, -1 outside returns
    literal: str = ""  # `L:C` of the literal that opened the frame
    counts: bool = True  # the literal is outside every return of the frame that holds it


class _Walk:
    """Walks one outermost loop (and everything nested in it) with scopes, as cmd/compile's check does."""

    def __init__(self, data: bytes, decl: Node | None) -> None:
        self.data = data
        self.decl = decl
        self.scopes: list[dict[str, _Var | None]] = [{}]
        self.frames: list[_Frame] = [_Frame()]
        self.vars: list[_Var] = []

    def result(self) -> list[LoopVar]:
        out = []
        func = _function_name(self.decl)
        for v in self.vars:
            if not v.reasons:
                continue
            row, col = v.ident.start_point
            out.append(LoopVar(row + 1, col + 1, text(v.ident), func, self._line(v.ident), tuple(v.reasons)))
        return out

    def _line(self, node: Node) -> str:
        start = self.data.rfind(b"\n", 0, node.start_byte) + 1
        end = self.data.find(b"\n", node.start_byte)
        return self.data[start : end if end >= 0 else len(self.data)].decode(errors="replace").strip()

    # ------------------------------------------------------------------ scopes

    def lookup(self, name: str) -> _Var | None:
        for s in reversed(self.scopes):
            if name in s:
                return s[name]
        return None

    def bind(self, ident: Node, value: _Var | None = None) -> None:
        name = text(ident)
        if name != "_":
            self.scopes[-1][name] = value

    def scoped(self, nodes: Iterable[Node | None]) -> None:
        self.scopes.append({})
        for n in nodes:
            if n is not None:
                self.visit(n)
        self.scopes.pop()

    # ------------------------------------------------------------------ loops

    def loop(self, loop: Node) -> None:
        clause = next((c for c in loop.named_children if c.type in ("for_clause", "range_clause")), None)
        body = loop.child_by_field_name("body")
        frame = self.frames[-1]
        self.scopes.append({})
        if clause is not None and clause.type == "range_clause":
            left = clause.child_by_field_name("left")
            right = clause.child_by_field_name("right")
            defines = left is not None and any(c.type == ":=" for c in clause.children)
            if right is not None:
                self.visit(right)
            if left is not None and not defines:
                self.visit(left)  # `for k, v = range`: assignments to variables declared outside
            if defines and left is not None:
                idents = [c for c in left.named_children if c.type == "identifier"]
                elems = range_types(right, self.data, self.decl, loop.start_byte)
                for i, ident in enumerate(idents):
                    self.declare(ident, elems[i] if i < len(elems) else None)
            counted = defines
            rest: list[Node | None] = [body]
        else:
            init = clause.child_by_field_name("initializer") if clause is not None else None
            counted = True  # every 3-clause (and condition-only) loop is per-iteration in 1.22
            if init is not None and init.type == "short_var_declaration":
                right = init.child_by_field_name("right")
                if right is not None:
                    self.visit(right)
                left = init.child_by_field_name("left")
                values = right.named_children if right is not None else []
                for i, ident in enumerate(left.named_children if left is not None else []):
                    if ident.type == "identifier":
                        self.declare(ident, literal_type(values[i]) if i < len(values) else None)
            elif init is not None:
                self.visit(init)
            rest = []
            if clause is not None:
                rest += [clause.child_by_field_name("condition"), clause.child_by_field_name("update")]
            else:
                rest += [c for c in loop.named_children if c != body]  # `for cond {`: nodes compare by ==
            rest.append(body)
        if counted:
            frame.depth += 1
        for n in rest:
            if n is not None:
                self.visit(n)
        if counted:
            frame.depth -= 1
        self.scopes.pop()

    def declare(self, ident: Node, elem: str | None) -> None:
        if text(ident) == "_":
            return
        v = _Var(ident, len(self.frames) - 1, elem)
        self.vars.append(v)
        self.bind(ident, v)

    # ------------------------------------------------------------------ escapes

    def escapes_here(self) -> bool:
        """Whether `&`/a literal at this point counts: not inside a return of the innermost loop."""
        f = self.frames[-1]
        return f.depth > 0 and f.returning < f.depth

    def reference(self, v: _Var) -> None:
        """A use of v: a capture when it is inside a literal of v's function (or deeper)."""
        if len(self.frames) - 1 > v.fn:
            lit = self.frames[v.fn + 1]
            if lit.counts:
                v.add(Reason(f"captured by the func literal at {lit.literal}"))

    def array_use(self, node: Node, v: _Var, how: str) -> None:
        """`v[:]` or `&v[i]`: v's address when v is an array (as written, or a local array type)."""
        t = named(v.elem)
        if is_array(v.elem):
            self.addressed(node, f"address-taken ({how})")
        elif t is not None:
            row, col = node.start_point
            self.addressed(node, "", Reason(f"address-taken ({how}) at {row + 1}:{col + 1}", ARRAY, t))

    def addressed(self, node: Node, how: str, cond: Reason | None = None) -> None:
        """`node` (a loop variable's name) has its address taken, maybe (cond) implicitly."""
        v = self.lookup(text(node))
        if v is None:
            return
        if len(self.frames) - 1 > v.fn:
            self.reference(v)
            return
        if self.escapes_here():
            row, col = node.start_point
            where = f"{row + 1}:{col + 1}"
            v.add(cond if cond is not None else Reason(f"{how} at {where}"))

    def unary(self, node: Node) -> None:
        op = node.child_by_field_name("operator")
        operand = node.child_by_field_name("operand")
        if op is not None and text(op) == "&" and operand is not None:
            target, how = _outer_value(operand)
            v = self.lookup(text(target)) if target is not None else None
            if target is not None and v is not None:
                if how == "an element":
                    self.array_use(target, v, "an element")
                elif how == "address taken":
                    self.addressed(target, "address-taken")
                elif known_value(v.elem, how):
                    self.addressed(target, f"address-taken ({how})")
        if operand is not None:
            self.visit(operand)

    def selector(self, node: Node) -> None:
        operand = unparen(node.child_by_field_name("operand"))
        field = node.child_by_field_name("field")
        if operand is not None and operand.type == "identifier" and field is not None:
            v = self.lookup(text(operand))
            if v is not None and not (v.elem or "").startswith("*"):
                row, col = field.start_point
                name = text(field)
                t = named(v.elem)
                if t is not None:
                    self.addressed(
                        operand,
                        "",
                        Reason(f"the receiver of pointer method {name} at {row + 1}:{col + 1}", name, t),
                    )
        inner = node.child_by_field_name("operand")
        if inner is not None:
            self.visit(inner)

    def slice(self, node: Node) -> None:
        operand = unparen(node.child_by_field_name("operand"))
        if operand is not None and operand.type == "identifier":
            v = self.lookup(text(operand))
            if v is not None:
                self.array_use(operand, v, "array sliced")
        for c in node.named_children:
            self.visit(c)

    # ------------------------------------------------------------------ literals and statements

    def literal(self, lit: Node, inlined: bool) -> None:
        params = lit.child_by_field_name("parameters")
        body = lit.child_by_field_name("body")
        if inlined:
            self.scopes.append({})
            self._params(params)
            if body is not None:
                self.visit(body)
            self.scopes.pop()
            return
        row, col = lit.start_point
        self.frames.append(_Frame(literal=f"{row + 1}:{col + 1}", counts=self.escapes_here()))
        self.scopes.append({})
        self._params(params)
        if body is not None:
            self.visit(body)
        self.scopes.pop()
        self.frames.pop()

    def _params(self, params: Node | None) -> None:
        for p in params.named_children if params is not None else []:
            for c in p.named_children:
                if c.type == "identifier":
                    self.bind(c)

    def call(self, node: Node, deferred: bool = False) -> None:
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if args is not None:
            self.visit(args)
        if fn is not None and fn.type == "func_literal":
            self.literal(fn, inlined=not deferred and _inlinable(fn))
        elif fn is not None:
            self.visit(fn)

    def visit(self, node: Node) -> None:
        t = node.type
        if t == "identifier":
            v = self.lookup(text(node))
            if v is not None:
                self.reference(v)
        elif t == "for_statement":
            self.loop(node)
        elif t == "func_literal":
            self.literal(node, inlined=False)
        elif t == "call_expression":
            self.call(node)
        elif t in ("go_statement", "defer_statement"):
            for c in node.named_children:
                if c.type == "call_expression":
                    self.call(c, deferred=True)
                else:
                    self.visit(c)
        elif t == "unary_expression":
            self.unary(node)
        elif t == "selector_expression":
            self.selector(node)
        elif t == "slice_expression":
            self.slice(node)
        elif t == "return_statement":
            f = self.frames[-1]
            saved, f.returning = f.returning, f.depth
            for c in node.named_children:
                self.visit(c)
            f.returning = saved
        elif t == "short_var_declaration":
            right = node.child_by_field_name("right")
            if right is not None:
                self.visit(right)
            left = node.child_by_field_name("left")
            for ident in left.named_children if left is not None else []:
                if ident.type == "identifier" and text(ident) not in self.scopes[-1]:
                    self.bind(ident)
        elif t in ("var_spec", "const_spec"):
            for c in node.named_children:
                if c.type == "expression_list":
                    self.visit(c)
            for c in node.children_by_field_name("name"):
                self.bind(c)
        elif t in _SCOPES:
            self.scoped(node.named_children)
        elif t == "type_switch_statement":
            self.type_switch(node)
        elif t == "receive_statement":
            self.receive(node)
        elif t == "keyed_element":
            key = node.child_by_field_name("key")
            kids = key.named_children if key is not None else []
            bare = len(kids) == 1 and kids[0].type == "identifier"  # a field name, not a variable
            for c in node.named_children:
                if not (bare and c == key):
                    self.visit(c)
        elif t in _SKIP:
            return
        elif t == "binary_expression":
            self.binary(node)
        else:
            for c in node.named_children:
                self.visit(c)

    def binary(self, node: Node) -> None:
        """`a + b + c ...` without recursing down the chain (generated code has thousands)."""
        rights = []
        while node.type == "binary_expression":
            right = node.child_by_field_name("right")
            if right is not None:
                rights.append(right)
            left = node.child_by_field_name("left")
            if left is None:
                break
            node = left
        if node.type != "binary_expression":
            self.visit(node)
        for r in reversed(rights):
            self.visit(r)

    def type_switch(self, node: Node) -> None:
        self.scopes.append({})
        init = node.child_by_field_name("initializer")
        if init is not None:
            self.visit(init)
        value = node.child_by_field_name("value")
        if value is not None:
            self.visit(value)
        alias = node.child_by_field_name("alias")
        for ident in alias.named_children if alias is not None else []:
            self.bind(ident)
        for c in node.named_children:
            if c.type in ("type_case", "default_case"):
                self.visit(c)
        self.scopes.pop()

    def receive(self, node: Node) -> None:
        right = node.child_by_field_name("right")
        if right is not None:
            self.visit(right)
        left = node.child_by_field_name("left")
        defines = any(c.type == ":=" for c in node.children)
        for ident in left.named_children if left is not None else []:
            if defines and ident.type == "identifier":
                self.bind(ident)
            elif not defines:
                self.visit(ident)


# statements and clauses that open a scope (their initializers' names are theirs)
_SCOPES = frozenset(
    {
        "block", "expression_case", "type_case", "default_case", "communication_case",
        "if_statement", "expression_switch_statement", "select_statement",
    }
)  # fmt: skip
# type expressions and names that are never references to a variable
_SKIP = frozenset(
    {
        "type_identifier", "field_identifier", "package_identifier", "label_name", "comment",
        "interpreted_string_literal", "raw_string_literal", "int_literal", "float_literal",
        "imaginary_literal", "rune_literal", "type_declaration", "slice_type", "array_type",
        "map_type", "pointer_type", "channel_type", "function_type", "struct_type", "interface_type",
        "qualified_type", "generic_type", "type_arguments", "parameter_list",
    }
)  # fmt: skip


def _outer_value(node: Node) -> tuple[Node | None, str]:
    """The variable whose storage `&node` points into, and how: `address taken` for `&v`, else what
    must hold of v's type (`a field` of a struct value, `an element` of an array)."""
    how = "address taken"
    n = unparen(node)
    while n is not None:
        if n.type == "identifier":
            return n, how
        if n.type == "selector_expression":
            how = "a field" if how == "address taken" else how
            n = unparen(n.child_by_field_name("operand"))
        elif n.type == "index_expression":
            how = "an element"
            n = unparen(n.child_by_field_name("operand"))
        else:
            return None, how
    return None, how


def _inlinable(lit: Node) -> bool:
    """Whether the inliner likely inlines a literal called on the spot (before the loopvar check)."""
    calls = 0
    stack = [lit.child_by_field_name("body")]
    while stack:
        n = stack.pop()
        if n is None:
            continue
        if n.type in _NOT_INLINED or n.type == "func_literal":
            return False
        if n.type == "call_expression":
            calls += 1
            fn = n.child_by_field_name("function")
            if calls > 1 or (fn is not None and text(fn) in ("recover", "panic")):
                return False
        stack.extend(n.named_children)
    return True


# --------------------------------------------------------------------------- packages


def needs_methods(fl: FileLoops) -> bool:
    """Whether some reason of the file depends on its package's pointer methods."""
    return any(r.method for v in fl.vars for r in v.reasons)


def package_loop_vars(
    files: Sequence[tuple[str, FileLoops]], facts: frozenset[tuple[str, str]]
) -> list[tuple[str, LoopVar, Reason]]:
    """(file, loop variable, the first reason that holds) for a package's files: a conditional reason
    holds when the package declares its (type, method) (`facts`, from type_facts)."""
    out = []
    for rel, fl in files:
        for v in fl.vars:
            r = next((r for r in v.reasons if not r.method or (r.type, r.method) in facts), None)
            if r is not None:
                out.append((rel, v, r))
    return out


def to_json(fl: FileLoops) -> dict[str, Any]:
    return {
        "v": [
            [v.line, v.column, v.name, v.function, v.text, [[r.why, r.method, r.type] for r in v.reasons]]
            for v in fl.vars
        ],
        "e": fl.error_line,
    }


def from_json(d: dict[str, Any]) -> FileLoops:
    return FileLoops(
        tuple(
            LoopVar(int(a), int(b), str(c), str(f), str(t), tuple(Reason(*map(str, r)) for r in rs))
            for a, b, c, f, t, rs in d["v"]
        ),
        d["e"],
    )


__all__ = [
    "FileLoops",
    "LoopVar",
    "Reason",
    "file_loops",
    "from_json",
    "has_loops",
    "needs_methods",
    "package_loop_vars",
    "to_json",
]
