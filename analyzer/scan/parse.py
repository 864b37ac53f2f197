"""tree-sitter-go, loaded once per process, and small node helpers."""

from __future__ import annotations

import re
from functools import cache
from itertools import chain
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


@cache
def _ranged_parser() -> Any:
    """A second parser, whose included ranges are set per parse (the shared one always reads all)."""
    import tree_sitter_go
    from tree_sitter import Language, Parser

    return Parser(Language(tree_sitter_go.language()))


def _included(data: bytes, blanks: list[tuple[int, int]]) -> list[Any]:
    """tree-sitter Ranges covering the source but the blanked spans (each starts a line)."""
    from tree_sitter import Range

    out = []
    prev = row = 0
    point = (0, 0)
    for a, b in blanks:
        row += data.count(b"\n", prev, a)
        out.append(Range(point, (row, 0), prev, a))
        row += data.count(b"\n", a, b)
        point = (row, b - data.rfind(b"\n", 0, b) - 1)
        prev = b
    row += data.count(b"\n", prev)
    out.append(Range(point, (row, len(data) - data.rfind(b"\n") - 1), prev, len(data)))
    return out


def _gaps_between_tokens(root: Node, blanks: list[tuple[int, int]]) -> bool:
    """Whether each left-out span lies between tokens, and outside a method's signature.

    A token (a comment or raw string the skeleton misread as holding a body) running across a span
    would hold the source's bytes where the skeleton's are blank. Nodes that contain a span have the
    source's text too, which only matters where that text is read: `_function_name` reads a method's
    receiver. The top-level declarations are walked once, each asked for its spans: a tree-sitter
    node finds its parent, or a descendant, by scanning down from the root.
    """
    i = 0
    for decl in root.children:
        if i == len(blanks):
            break
        start, end = decl.start_byte, decl.end_byte
        while i < len(blanks) and blanks[i][1] <= end:
            a, b = blanks[i]
            if a < start:  # in no declaration
                return False
            node = decl.descendant_for_byte_range(a, b)
            if node is None or node.child_count == 0:
                return False
            if decl.type == "method_declaration" and any(
                c.type == "parameter_list" and c.start_byte <= a and b <= c.end_byte for c in decl.children
            ):
                return False
            i += 1
    return i == len(blanks)


def parse_skeleton(data: bytes, keep: list[int]) -> Any:
    """Parse the skeleton of the source (see skeleton); the whole source when that parses better.

    The blanked bodies are left out of the parse as excluded ranges rather than spaces: tree-sitter
    then never lexes them, and positions stay the source's. That tree is taken only when it has no
    error (tree-sitter's error recovery can differ on a discontinuous input) and no token runs
    across a span (_gaps_between_tokens); anything else is parsed as before, from the blanked bytes.
    """
    blanks = skeleton_spans(data, keep)
    if blanks:
        ranged = _ranged_parser()
        ranged.included_ranges = _included(data, blanks)
        tree = ranged.parse(data)
        if not tree.root_node.has_error and _gaps_between_tokens(tree.root_node, blanks):
            return tree
    tree = parse_go(skeleton(data, keep, blanks))
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


# a top-level func: at the file's start or after a newline (a literal-led pattern is searched fast;
# `(?m)^func` is tried at every byte)
_FUNC = re.compile(rb"\nfunc\b")
_NOT_SIGNATURE = re.compile(rb"\n[^\t )]")  # a signature's own lines are indented or start with `)`
_FUNC_FIRST = re.compile(rb"func\b")
BLANK = bytes(10 if i == 10 else 32 for i in range(256))  # every byte a space, newlines kept


def skeleton(data: bytes, keep: list[int], blanks: list[tuple[int, int]] | None = None) -> bytes:
    """The source with the bodies of top-level functions that hold no offset in `keep` blanked out.

    Positions and line numbers stay the same (bytes become spaces, newlines stay); parsing the rest is
    cheap. `blanks`: skeleton_spans(data, keep), when already known.
    """
    spans = skeleton_spans(data, keep) if blanks is None else blanks
    if not spans:
        return data
    out: list[bytes] = []
    last = 0
    for body, end in spans:
        out.append(data[last:body])
        out.append(data[body:end].translate(BLANK))
        last = end
    out.append(data[last:])
    return b"".join(out)


def skeleton_spans(data: bytes, keep: list[int]) -> list[tuple[int, int]]:
    """The (start, end) spans skeleton blanks: the insides of top-level function bodies that hold no
    offset in `keep`. Bodies are found as gofmt writes them: `func ... {` ending a line, `}` alone on a
    line; a span starts a line and ends at the newline before the `}`."""
    out: list[tuple[int, int]] = []
    last = 0
    k = 0
    first = _FUNC_FIRST.match(data)
    for m in chain((first,) if first is not None else (), _FUNC.finditer(data)):
        start = data.find(b"{\n", m.end())
        if start < 0:
            break
        if start < last or _NOT_SIGNATURE.search(data, m.end(), start) is not None:
            # a line at column 0 (not a signature's `)`) before the `{`: the function ended on its
            # own line (`func (e *E) Error() string { return e.msg }`) and the `{` opens another
            # declaration's body, a struct's or an interface's, which must never be blanked
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
            out.append((body, end))
            last = end
    return out


def first_error_line(node: Node) -> int:
    """The 1-based line of the first ERROR or missing node under node (node's own line if none)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "ERROR" or n.is_missing:
            row: int = n.start_point[0]
            return row + 1
        stack.extend(reversed([c for c in n.children if c.has_error or c.type == "ERROR" or c.is_missing]))
    row0: int = node.start_point[0]
    return row0 + 1
