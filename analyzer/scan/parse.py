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


def parse_skeleton(data: bytes, keep: list[int]) -> Any:
    """Parse the skeleton of the source (see skeleton); the whole source when that parses better."""
    tree = parse_go(skeleton(data, keep))
    if tree.root_node.has_error:
        full = parse_go(data)
        if _error_decls(full.root_node) < _error_decls(tree.root_node):
            return full
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


_FUNC = re.compile(rb"(?m)^func\b")
_BLANK = bytes(10 if i == 10 else 32 for i in range(256))  # every byte a space, newlines kept


def skeleton(data: bytes, keep: list[int]) -> bytes:
    """The source with the bodies of top-level functions that hold no offset in `keep` blanked out.

    Positions and line numbers stay the same (bytes become spaces, newlines stay); parsing the rest is
    cheap. Bodies are found as gofmt writes them: `func ... {` ending a line, `}` alone on a line.
    """
    out: list[bytes] = []
    last = 0
    k = 0
    for m in _FUNC.finditer(data):
        start = data.find(b"{\n", m.end())
        if start < 0:
            break
        sig_end = data.find(b"\n}", m.end(), start)
        if sig_end >= 0 or start < last:
            continue
        end = data.find(b"\n}", start)
        while end >= 0 and data.count(b"`", start, end) % 2:  # inside a raw string: not the end
            end = data.find(b"\n}", end + 2)
        if end < 0:
            break
        body = start + 2
        while k < len(keep) and keep[k] < body:
            k += 1
        if k < len(keep) and keep[k] < end:
            continue
        if end > body:
            out.append(data[last:body])
            out.append(data[body:end].translate(_BLANK))
            last = end
    if not out:
        return data
    out.append(data[last:])
    return b"".join(out)
