"""Types of loop variables as the source writes them, for the loop-variable pass (loopvar.py).

The compiler's check needs types where an address is taken implicitly or only into the variable
itself: `v.M()` takes `&v` when M has a pointer receiver, `&v.f` points into v when v is a struct
value (not a pointer), `&v[i]` and `v[:]` when v is an array (not a slice). The pass has no type
checker: it reads the ranged expression's type where the enclosing function writes it (parameters,
`var x T`, `x := make(T, ...)`, composite literals), and asks the package's own declarations
(`type_facts`: methods with pointer receivers, array types) about named types.
"""

from __future__ import annotations

import re

from analyzer.scan.parse import Node, text


def unparen(node: Node | None) -> Node | None:
    while node is not None and node.type == "parenthesized_expression" and node.named_child_count == 1:
        node = node.named_children[0]
    return node


ARRAY = "[array]"  # a Reason's `method` when it holds if `type` is an array type
_ARRAY_TYPE = re.compile(rb"(?m)^(?:type[ \t]+|[ \t]+)(\w+)[ \t]+\[[^\]\n]+\]")
_POINTER_METHOD = re.compile(rb"(?m)^func\s*\(\s*(?:\w+\s+)?\*\s*(\w+)(?:\[[^\]]*\])?\s*\)\s*(\w+)")


def type_facts(data: bytes) -> frozenset[tuple[str, str]]:
    """What a file declares that conditional reasons ask about: (type, method) of every method with a
    pointer receiver (`func (t *T) M`), and (type, ARRAY) of array types (`type A [4]int`)."""
    methods = {(t.decode(), m.decode()) for t, m in _POINTER_METHOD.findall(data)}
    return frozenset(methods | {(t.decode(), ARRAY) for t in _ARRAY_TYPE.findall(data)})


def known_value(elem: str | None, how: str) -> bool:
    """Whether `&v.f` points into v itself: v is a value of a named type, as written."""
    return elem is not None and elem != "" and not elem.startswith("*") and named(elem) is not None


def is_array(elem: str | None) -> bool:
    return elem is not None and re.match(r"\[[^\]]+\]", elem) is not None and not elem.startswith("[]")


def named(elem: str | None) -> str | None:
    """The local type name a value type is written as (`T`, `T[int]`), None for other types."""
    if not elem:
        return None
    m = re.fullmatch(r"([A-Za-z_]\w*)(?:\[.*\])?", elem)
    if m is None or m.group(1) in _BUILTIN:
        return None
    return m.group(1)


_BUILTIN = frozenset(
    {
        "bool", "byte", "complex64", "complex128", "error", "float32", "float64", "int", "int8",
        "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64",
        "uintptr", "any",
    }
)  # fmt: skip


def literal_type(value: Node) -> str | None:
    """The type a `v := value` gets, when value says it as written (`T{}`, `&T{}`, `[]T{}`)."""
    value = unparen(value) or value
    if value.type == "composite_literal":
        t = value.child_by_field_name("type")
        return text(t) if t is not None else None
    if value.type == "unary_expression" and text(value).startswith("&"):
        inner = value.child_by_field_name("operand")
        if inner is not None and inner.type == "composite_literal":
            t = inner.child_by_field_name("type")
            return "*" + text(t) if t is not None else None
    if value.type in ("int_literal", "float_literal", "interpreted_string_literal", "raw_string_literal"):
        return "int"
    return None


def range_types(right: Node | None, data: bytes, decl: Node | None, before: int) -> list[str | None]:
    """(key type, value type) of a range loop, from the ranged expression's type as written."""
    t = _expr_type(right, data, decl, before)
    if t is None:
        return [None, None]
    t = t.strip()
    if t.startswith("..."):
        t = "[]" + t[3:]
    m = re.match(r"(\[[^\]]*\])(.*)", t)
    if m:
        return ["int", m.group(2).strip()]
    if t.startswith("map["):
        depth = 0
        for i, ch in enumerate(t):
            depth += ch == "["
            depth -= ch == "]"
            if depth == 0 and i > 3:
                return [t[4:i], t[i + 1 :].strip()]
    if t == "string":
        return ["int", "rune"]
    m = re.fullmatch(r"(?:<-\s*)?chan\b(?:\s*<-)?\s*(.+)", t)
    if m:
        return [m.group(1).strip(), None]  # a channel's one variable is its element
    return [None, None]


def _expr_type(node: Node | None, data: bytes, decl: Node | None, before: int) -> str | None:
    """The type of a ranged expression as written: a literal, a parameter or local declared with its
    type in the enclosing function before the loop, or else a package-level var of the file."""
    node = unparen(node)
    if node is None:
        return None
    if node.type == "composite_literal":
        return literal_type(node)
    if node.type in ("int_literal",):
        return None
    if node.type != "identifier":
        return None
    name = text(node)
    n = re.escape(name)
    if decl is None:
        return _package_var_type(data, n)
    for plist in (decl.child_by_field_name("receiver"), decl.child_by_field_name("parameters")):
        for p in plist.named_children if plist is not None else []:
            if any(c.type == "identifier" and text(c) == name for c in p.named_children):
                t = p.child_by_field_name("type")
                if t is not None:
                    return ("..." if p.type == "variadic_parameter_declaration" else "") + text(t)
    body = data[decl.start_byte : before].decode(errors="replace")
    decls = re.findall(
        rf"(?m)(?:\bvar\s+{n}\s+([^=\n]+?)\s*(?:=|$)|\b{n}\s*:=\s*(?:make\(\s*([^,)\n]+)|(\[[^\n{{]*|map\[[^\n{{]*)\{{))",
        body,
    )
    if decls:
        return next((g.strip() for g in decls[-1] if g), None)
    if re.search(rf"\b{n}\b[^\n=]*:=|\bvar\s+{n}\b|\b{n}\b[^\n]*\bfunc\b", body):
        return None  # a local (or a literal's parameter) whose type the code does not write
    return _package_var_type(data, n)


def _package_var_type(data: bytes, n: str) -> str | None:
    """The type of a package-level var of the file: `var x T`, `var x = T{...}`, in a `var (` block
    `x = T{...}` (a struct field never has `=`)."""
    text_ = data.decode(errors="replace")
    m = re.search(
        rf"(?m)^(?:var[ \t]+{n}[ \t]+([^=\n]+?)[ \t]*(?:=|$)|(?:var[ \t]+|\t){n}[ \t]*=[ \t]*"
        rf"(\[[^\n{{]*|map\[[^\n{{]*|&?\w+(?:\.\w+)?)\{{)",
        text_,
    )
    if m is None:
        return None
    t = m.group(1) or m.group(2)
    return "*" + t[1:] if t.startswith("&") else t.strip()


__all__ = [
    "ARRAY",
    "is_array",
    "known_value",
    "literal_type",
    "named",
    "range_types",
    "type_facts",
    "unparen",
]
