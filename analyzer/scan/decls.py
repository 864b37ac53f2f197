"""Package-level declarations of one file, as a compact JSON-able summary the resolver's inference reads.

Summary keys: `t` types {name: {k: struct|interface|alias|named, f: {field: type}, e: [embedded names],
u: type}}, `m` methods {type: {method: [results]}}, `fn` functions {name: [results]}, `v` vars
{name: type}, `c` constant names, `cv` literal values of constants {name: text}. Types are in the
typerep notation, resolved against the file's imports.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from analyzer.scan.parse import NEW_ALIAS, Node, text, unquote
from analyzer.scan.typerep import UNIVERSE

Summary = dict[str, Any]


@lru_cache(maxsize=4096)  # every file's imports ask again: a few hundred distinct paths per package set
def std_name(path: str) -> str:
    """The package name an import path gets when the import has no name (a guess outside std)."""
    parts = path.split("/")
    last = parts[-1]
    if len(parts) > 1 and last.startswith("v") and last[1:].isdigit():
        last = parts[-2]
    for suffix in (".v1", ".v2", ".v3", ".v4", ".v5", ".v6", ".v7", ".v8", ".v9"):
        if last.endswith(suffix):
            last = last[: -len(suffix)]
    if last.startswith("go-"):
        last = last[3:]
    return last.replace("-", "_").replace(".", "_")


def imports_of(root: Node) -> tuple[dict[str, str], list[str]]:
    """(name -> import path, dot-imported paths) of a file; blank imports bind nothing."""
    names: dict[str, str] = {}
    dots: list[str] = []
    for decl in root.children:
        if decl.type != "import_declaration":
            continue
        specs = []
        for c in decl.named_children:
            if c.type == "import_spec":
                specs.append(c)
            elif c.type == "import_spec_list":
                specs.extend(s for s in c.named_children if s.type == "import_spec")
        for spec in specs:
            path_node = spec.child_by_field_name("path")
            if path_node is None:
                continue
            path = unquote(path_node)
            if path is None:
                continue
            name_node = spec.child_by_field_name("name")
            if name_node is None:
                names[std_name(path)] = path
            elif name_node.type == "dot":
                dots.append(path)
            elif name_node.type == "blank_identifier":
                continue
            else:
                names[text(name_node)] = path
    return names, dots


class TypeNotation:
    """Writes type expressions of one file in the typerep notation."""

    def __init__(self, own: str, imports: dict[str, str]) -> None:
        self.own = own
        self.imports = imports

    def name(self, ident: str) -> str:
        return ident if ident in UNIVERSE else f"{self.own}.{ident}"

    def of(self, node: Node | None) -> str:
        if node is None:
            return "?"
        t = node.type
        if t == "type_identifier" or t == "identifier":
            return self.name(text(node))
        if t == "qualified_type":
            pkg = self.imports.get(text(node.child_by_field_name("package")))
            name = node.child_by_field_name("name")
            return f"{pkg}.{text(name)}" if pkg and name is not None else "?"
        if t == "pointer_type":
            inner = node.named_children
            return "*" + self.of(inner[0]) if inner else "?"
        if t in ("slice_type", "array_type", "implicit_length_array_type"):
            return "[]" + self.of(node.child_by_field_name("element"))
        if t == "map_type":
            return (
                f"map[{self.of(node.child_by_field_name('key'))}]{self.of(node.child_by_field_name('value'))}"
            )
        if t == "channel_type":
            return "chan " + self.of(node.child_by_field_name("value"))
        if t == "function_type":
            return "func(" + ",".join(self.results(node.child_by_field_name("result"))) + ")"
        if t == "generic_type":
            return self.of(node.child_by_field_name("type"))
        if t in ("parenthesized_type", "type_elem"):
            inner = node.named_children
            return self.of(inner[0]) if inner else "?"
        if t == "selector_expression":  # a qualified type in expression position
            op = node.child_by_field_name("operand")
            field = node.child_by_field_name("field")
            if op is not None and op.type == "identifier" and field is not None:
                pkg = self.imports.get(text(op))
                return f"{pkg}.{text(field)}" if pkg else "?"
        return "?"

    def results(self, result: Node | None) -> list[str]:
        """Result types of a function's `result` node (a parameter list or a single type)."""
        if result is None:
            return []
        if result.type != "parameter_list":
            return [self.of(result)]
        out: list[str] = []
        for p in result.named_children:
            if p.type not in ("parameter_declaration", "variadic_parameter_declaration"):
                continue
            ty = self.of(p.child_by_field_name("type"))
            names = [c for c in p.children_by_field_name("name")]
            out.extend([ty] * max(1, len(names)))
        return out

    def value(self, expr: Node, index: int) -> str:
        """The type of a package-level var's initializer, possibly deferred to the resolver."""
        t = expr.type
        if t == "composite_literal":
            return self.of(expr.child_by_field_name("type"))
        if t == "unary_expression" and text(expr.child_by_field_name("operator") or expr) == "&":
            inner = self.value(expr.child_by_field_name("operand"), 0)
            return "*" + inner if inner != "?" else "?"
        if t == "parenthesized_expression" and expr.named_children:
            return self.value(expr.named_children[0], index)
        if t == "call_expression":
            fn = expr.child_by_field_name("function")
            if fn is None:
                return "?"
            if fn.type == "identifier":
                if text(fn) in ("new", NEW_ALIAS):
                    args = expr.child_by_field_name("arguments")
                    return "*" + self.of(args.named_children[0]) if args and args.named_children else "?"
                if text(fn) in UNIVERSE:
                    return text(fn)
                return f"!f:{self.own}.{text(fn)}:{index}"
            if fn.type == "selector_expression":
                op = fn.child_by_field_name("operand")
                field = fn.child_by_field_name("field")
                if op is not None and op.type == "identifier" and field is not None:
                    pkg = self.imports.get(text(op))
                    if pkg:
                        return f"!f:{pkg}.{text(field)}:{index}"
            return "?"
        if t == "identifier":
            return f"!v:{self.own}.{text(expr)}:0"
        if t == "selector_expression":
            op = expr.child_by_field_name("operand")
            field = expr.child_by_field_name("field")
            if op is not None and op.type == "identifier" and field is not None:
                pkg = self.imports.get(text(op))
                if pkg:
                    return f"!v:{pkg}.{text(field)}:0"
        if t == "func_literal":
            return "func(" + ",".join(self.results(expr.child_by_field_name("result"))) + ")"
        if t in ("interpreted_string_literal", "raw_string_literal"):
            return "string"
        return "?"


def _struct_members(note: TypeNotation, struct: Node) -> tuple[dict[str, str], list[str]]:
    fields: dict[str, str] = {}
    embeds: list[str] = []
    for fl in struct.named_children:
        if fl.type != "field_declaration_list":
            continue
        for fd in fl.named_children:
            if fd.type != "field_declaration":
                continue
            ty = fd.child_by_field_name("type")
            names = fd.children_by_field_name("name")
            if names:
                tn = note.of(ty)
                for n in names:
                    fields[text(n)] = tn
            elif ty is not None:
                base = ty
                star = any(c.type == "*" for c in fd.children)
                if base.type == "generic_type":
                    base = base.child_by_field_name("type")
                name_node = base.child_by_field_name("name") if base.type == "qualified_type" else base
                ename = text(name_node)
                tn = note.of(ty)
                fields[ename] = ("*" + tn) if star and tn != "?" else tn
                embeds.append(ename)
    return fields, embeds


def _interface_members(
    note: TypeNotation, iface: Node
) -> tuple[dict[str, str], list[str], dict[str, list[str]]]:
    fields: dict[str, str] = {}
    embeds: list[str] = []
    methods: dict[str, list[str]] = {}
    for c in iface.named_children:
        if c.type in ("method_elem", "method_spec"):
            name = c.child_by_field_name("name")
            if name is not None:
                methods[text(name)] = note.results(c.child_by_field_name("result"))
        elif c.type in ("type_elem", "constraint_elem"):
            for ty in c.named_children:
                if ty.type in ("qualified_type", "type_identifier"):
                    nm = ty.child_by_field_name("name") if ty.type == "qualified_type" else ty
                    fields[text(nm)] = note.of(ty)
                    embeds.append(text(nm))
    return fields, embeds, methods


def _type_spec(note: TypeNotation, spec: Node, out: dict[str, Any]) -> None:
    name = spec.child_by_field_name("name")
    ty = spec.child_by_field_name("type")
    if name is None or ty is None:
        return
    entry: dict[str, Any]
    if spec.type == "type_alias":
        entry = {"k": "alias", "u": note.of(ty)}
    elif ty.type == "struct_type":
        fields, embeds = _struct_members(note, ty)
        entry = {"k": "struct", "f": fields, "e": embeds}
    elif ty.type == "interface_type":
        fields, embeds, methods = _interface_members(note, ty)
        entry = {"k": "interface", "f": fields, "e": embeds, "im": methods}
    else:
        entry = {"k": "named", "u": note.of(ty)}
    out[text(name)] = entry


def receiver_type_name(method: Node) -> str:
    """The base type name of a method declaration's receiver (`T` for `(t *T[K])`)."""
    recv = method.child_by_field_name("receiver")
    if recv is None:
        return ""
    for p in recv.named_children:
        if p.type != "parameter_declaration":
            continue
        ty = p.child_by_field_name("type")
        while ty is not None and ty.type in ("pointer_type", "generic_type", "parenthesized_type"):
            ty = (
                ty.child_by_field_name("type")
                if ty.type == "generic_type"
                else (ty.named_children[0] if ty.named_children else None)
            )
        return text(ty) if ty is not None else ""
    return ""


def summarize(root: Node, own: str) -> Summary:
    """The package-level declarations of one parsed file (its package's import path is `own`)."""
    imports, _ = imports_of(root)
    note = TypeNotation(own, imports)
    types: dict[str, Any] = {}
    methods: dict[str, dict[str, list[str]]] = {}
    funcs: dict[str, list[str]] = {}
    vars_: dict[str, str] = {}
    consts: list[str] = []
    const_values: dict[str, str] = {}
    for decl in root.named_children:
        t = decl.type
        if t == "function_declaration":
            name = decl.child_by_field_name("name")
            if name is not None:
                funcs[text(name)] = note.results(decl.child_by_field_name("result"))
        elif t == "method_declaration":
            name = decl.child_by_field_name("name")
            recv = receiver_type_name(decl)
            if name is not None and recv:
                methods.setdefault(recv, {})[text(name)] = note.results(decl.child_by_field_name("result"))
        elif t == "type_declaration":
            for spec in decl.named_children:
                if spec.type in ("type_spec", "type_alias"):
                    _type_spec(note, spec, types)
        elif t == "var_declaration":
            for spec in _specs(decl, "var_spec"):
                _var_spec(note, spec, vars_)
        elif t == "const_declaration":
            for spec in _specs(decl, "const_spec"):
                # `A, B = ...`: the field also holds the `,` tokens between the names
                names = [n for n in spec.children_by_field_name("name") if n.type == "identifier"]
                consts.extend(text(n) for n in names)
                value = spec.child_by_field_name("value")
                values = list(value.named_children) if value is not None else []
                if len(values) == len(names):
                    for n, v in zip(names, values, strict=True):
                        lit = literal_value(v)
                        if lit is not None:
                            const_values[text(n)] = lit
    return {"t": types, "m": methods, "fn": funcs, "v": vars_, "c": consts, "cv": const_values}


LITERALS = frozenset({"int_literal", "float_literal", "imaginary_literal", "rune_literal", "true", "false"})


def literal_value(node: Node) -> str | None:
    """The constant text of a literal (a string literal's value, unquoted), None for anything else."""
    if node.type in ("interpreted_string_literal", "raw_string_literal"):
        return unquote(node)
    if node.type in LITERALS:
        return text(node)
    return None


def _specs(decl: Node, kind: str) -> list[Node]:
    out = []
    for c in decl.named_children:
        if c.type == kind:
            out.append(c)
        elif c.type.endswith("_spec_list"):
            out.extend(s for s in c.named_children if s.type == kind)
    return out


def _var_spec(note: TypeNotation, spec: Node, out: dict[str, str]) -> None:
    names = [text(n) for n in spec.children_by_field_name("name")]
    ty = spec.child_by_field_name("type")
    if ty is not None:
        tn = note.of(ty)
        for n in names:
            out[n] = tn
        return
    value = spec.child_by_field_name("value")
    values = [v for v in value.named_children] if value is not None else []
    for i, n in enumerate(names):
        if n == "_":
            continue
        if len(values) == len(names):
            out[n] = note.value(values[i], 0)
        elif len(values) == 1:
            out[n] = note.value(values[0], i)
        else:
            out[n] = "?"
