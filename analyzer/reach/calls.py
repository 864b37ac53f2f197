"""A cheap, conservative call graph inside one package: which unexported functions nothing can call.

Roots are exported functions, `main`, `init`, every method (an interface may call it), functions named
by `//export` or `//go:linkname`, and anything referenced at package level or from a method. A function
is called if a root's body (transitively) names it, as a call or as a value.

It reads gofmt'd layout, not a syntax tree: a top-level declaration starts at column 0 with its keyword
and runs to the next one. Identifiers are matched by name, after comments and string literals are
blanked. Every way this can be wrong (shadowing, a field named like a function, code that is not
gofmt'd) makes more functions look called, never fewer.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping

_PRAGMA = re.compile(r"^//(?:export|go:linkname)\s+(\w+)", re.MULTILINE)
# comments and literals (strings, runes), blanked before identifiers are collected
_NOISE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|`[^`]*`|\'(?:\\.|[^\'\\\n])+\'', re.DOTALL)
# a top-level declaration starts a line with its keyword; anything else at column 0 (the `) {` of a
# signature split over lines, a closing brace) continues the declaration before it
_TOP = re.compile(r"^(?=(?:func|var|const|type|import|package)\b)", re.MULTILINE)
_FUNC = re.compile(r"func\s+([A-Za-z_]\w*)\s*[\[(]")
_METHOD = re.compile(r"func\s*\(")
_IDENT = re.compile(r"[A-Za-z_]\w*")


def _blank(m: re.Match[str]) -> str:
    text = m.group(0)
    return "\n" * text.count("\n") if text.startswith(("/", "`")) else '""'


def _scan_file(source: str, funcs: dict[str, set[str]], roots: set[str], package_refs: set[str]) -> None:
    roots.update(_PRAGMA.findall(source))
    clean = _NOISE.sub(_blank, source)
    starts = [m.start() for m in _TOP.finditer(clean)] + [len(clean)]
    for a, b in itertools.pairwise(starts):
        chunk = clean[a:b]
        if m := _FUNC.match(chunk):
            name = m.group(1)
            body = chunk[m.end() :]
            funcs.setdefault(name, set()).update(_IDENT.findall(body))
        elif not chunk.startswith(("package", "import")) or _METHOD.match(chunk):
            package_refs.update(_IDENT.findall(chunk))


def uncalled_functions(sources: Iterable[bytes]) -> frozenset[str]:
    """Names of the package's top-level functions that no root can reach, from its non-test files."""
    funcs: dict[str, set[str]] = {}
    roots: set[str] = set()
    package_refs: set[str] = set()
    for src in sources:
        _scan_file(src.decode(errors="replace"), funcs, roots, package_refs)
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
