"""A cheap, conservative call graph inside one package: which unexported functions nothing can call.

Roots are exported functions, `main`, `init`, every method (an interface may call it), functions named
by `//export` or `//go:linkname`, and anything referenced at package level or from a method. A function
is called if a root's body (transitively) names it, as a call or as a value. Identifiers are matched by
name only, so shadowing can only make more functions look called, never fewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

import tree_sitter
import tree_sitter_go

_PRAGMA = re.compile(rb"^//(?:export|go:linkname)\s+(\w+)", re.MULTILINE)


@cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_go.language()))


def _identifiers(node: tree_sitter.Node) -> set[str]:
    out: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "identifier":
            out.add(n.text.decode() if n.text else "")
        stack.extend(n.children)
    return out


def _scan_file(source: bytes, funcs: dict[str, set[str]], roots: set[str], package_refs: set[str]) -> None:
    tree = _parser().parse(source)
    for child in tree.root_node.children:
        if child.type == "function_declaration":
            name_node = child.child_by_field_name("name")
            name = name_node.text.decode() if name_node is not None and name_node.text else ""
            body = child.child_by_field_name("body")
            refs = _identifiers(body) if body is not None else set()
            # parameters / results may name functions only as types; their bodies are what count
            funcs.setdefault(name, set()).update(refs)
        elif child.type not in ("package_clause", "import_declaration", "comment"):
            package_refs.update(_identifiers(child))
    roots.update(m.decode() for m in _PRAGMA.findall(source))


def uncalled_functions(sources: Iterable[bytes]) -> frozenset[str]:
    """Names of the package's top-level functions that no root can reach, from its non-test files."""
    funcs: dict[str, set[str]] = {}
    roots: set[str] = set()
    package_refs: set[str] = set()
    for src in sources:
        _scan_file(src, funcs, roots, package_refs)
    roots.update(n for n in funcs if n[:1].isupper() or n in ("main", "init", "_"))
    roots.update(n for n in package_refs if n in funcs)
    seen: set[str] = set()
    todo = [r for r in roots if r in funcs]
    while todo:
        f = todo.pop()
        if f in seen:
            continue
        seen.add(f)
        todo.extend(r for r in funcs[f] if r in funcs and r not in seen)
    return frozenset(n for n in funcs if n not in seen)


def is_called(function: str, uncalled: frozenset[str]) -> bool:
    """Whether a use inside `function` (Use.function notation) may run; methods and "" always may."""
    if not function or function.startswith("(") or "." in function:
        return True
    return function not in uncalled


def uncalled_by_package(sources: Mapping[str, Iterable[bytes]]) -> dict[str, frozenset[str]]:
    """uncalled_functions for each package key."""
    return {k: uncalled_functions(v) for k, v in sources.items()}
