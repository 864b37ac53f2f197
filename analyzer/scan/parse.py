"""tree-sitter-go, loaded once per process, and small node helpers."""

from __future__ import annotations

from functools import cache
from typing import Any

Node = Any  # tree_sitter.Node (the binding ships no type information)


@cache
def parser() -> Any:
    """The process's tree-sitter parser for Go."""
    import tree_sitter_go
    from tree_sitter import Language, Parser

    return Parser(Language(tree_sitter_go.language()))


def parse_go(data: bytes) -> Any:
    """Parse Go source bytes into a tree."""
    return parser().parse(data)


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
