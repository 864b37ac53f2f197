"""tree-sitter-go, loaded once per process, and small node helpers."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

Node = Any  # tree_sitter.Node (the binding ships no type information)


@cache
def parser() -> Any:
    """The process's tree-sitter parser for Go."""
    import tree_sitter_go
    from tree_sitter import Language, Parser

    return Parser(Language(tree_sitter_go.language()))


# tree-sitter-go predates Go 1.26's new(expr) and fails on `new("0600")`; the same bytes with `new(`
# spelled `n3w(` (same length, so positions hold) parse as an ordinary call, which inference reads as new.
NEW_ALIAS = "n3w"
_NEW = re.compile(rb"\bnew\(")


def parse_go(data: bytes) -> Any:
    """Parse Go source into a tree (retrying Go 1.26 `new(expr)` as a call when that has fewer errors)."""
    tree = parser().parse(data)
    if tree.root_node.has_error and b"new(" in data:
        alt = parser().parse(_NEW.sub(NEW_ALIAS.encode() + b"(", data))
        if _error_decls(alt.root_node) < _error_decls(tree.root_node):
            return alt
    return tree


def _error_decls(root: Node) -> int:
    return sum(1 for c in root.children if c.type == "ERROR" or c.has_error)


def text(node: Node) -> str:
    t: bytes = node.text
    return t.decode("utf-8", "replace")


def unquote(node: Node) -> str | None:
    """The value of a string literal node, None when it is not one (escapes kept as written, but `\\"`)."""
    s = text(node)
    if node.type == "raw_string_literal":
        return s[1:-1]
    if node.type == "interpreted_string_literal":
        body = s[1:-1]
        if "\\" not in body:
            return body
        try:
            import ast

            value = ast.literal_eval('"' + body.replace('"', '\\"').replace('\\\\"', '\\"') + '"')
        except (ValueError, SyntaxError):
            return body
        return value if isinstance(value, str) else body
    return None
