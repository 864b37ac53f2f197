"""What a main package's own code does before the program proper starts.

Finds `os.Setenv("GODEBUG", ...)` in main() or init() (the KEP-3744 "default in main()" mitigation),
the package-level functions main() names (`debug.SetGCPercent` for a GOGC default), and the anchors
a mitigation edit needs (the package clause, the first line inside func main).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

import tree_sitter
import tree_sitter_go

from analyzer.discovery import HeaderError, parse_header
from analyzer.plan.anchors import DirectivePlace, directive_place, split_lines

_KV = re.compile(r"([A-Za-z0-9_]+)=([^,\s\"`]*)")
_DIRECTIVE = re.compile(r"^//go:debug\s+([A-Za-z0-9_.-]+)=(\S*)\s*$")


@cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_go.language()))


@dataclass(frozen=True)
class MainFacts:
    # GODEBUG key -> (value, "file:line") set by os.Setenv in main()/init()
    setenv: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # (import path, symbol) -> "file:line" of each selector named in main()/init()
    calls: Mapping[tuple[str, str], str] = field(default_factory=dict)
    main_file: str | None = None
    package_line: int | None = None
    main_body_line: int | None = None
    # //go:debug key -> (value, "file:line"), from the lines before each file's package clause
    directives: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    directive_place: DirectivePlace | None = None  # where a new //go:debug line goes in main_file
    # key -> (line, text) of the //go:debug lines main_file has
    main_directives: Mapping[str, tuple[int, str]] = field(default_factory=dict)


def directives_of(file: str, source: bytes, package_line: int | None) -> dict[str, tuple[str, str]]:
    """The `//go:debug` settings of one file (only lines before the package clause count)."""
    out: dict[str, tuple[str, str]] = {}
    for i, raw in enumerate(split_lines(source.decode(errors="replace")), start=1):
        if package_line is not None and i >= package_line:
            break
        if m := _DIRECTIVE.match(raw.strip()):
            out[m.group(1)] = (m.group(2), f"{file}:{i}")
    return out


def _text(n: tree_sitter.Node | None) -> str:
    return n.text.decode() if n is not None and n.text else ""


def _imports(root: tree_sitter.Node) -> dict[str, str]:
    """Local name -> import path."""
    out: dict[str, str] = {}
    stack = [c for c in root.children if c.type == "import_declaration"]
    while stack:
        n = stack.pop()
        if n.type == "import_spec":
            path = _text(n.child_by_field_name("path")).strip('"`')
            name = _text(n.child_by_field_name("name")) or path.rsplit("/", 1)[-1]
            out[name] = path
        else:
            stack.extend(n.children)
    return out


def _strings(n: tree_sitter.Node) -> list[str]:
    out = []
    stack = [n]
    while stack:
        x = stack.pop()
        if x.type in ("interpreted_string_literal", "raw_string_literal"):
            out.append(_text(x)[1:-1])
        else:
            stack.extend(x.children)
    return out


def _walk_body(
    body: tree_sitter.Node, imports: Mapping[str, str], file: str, facts: dict[str, object]
) -> None:
    setenv: dict[str, tuple[str, str]] = facts["setenv"]  # type: ignore[assignment]
    calls: dict[tuple[str, str], str] = facts["calls"]  # type: ignore[assignment]
    stack = [body]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        if n.type != "selector_expression":
            continue
        operand = n.child_by_field_name("operand")
        if operand is None or operand.type != "identifier":
            continue
        path = imports.get(_text(operand))
        if path is None:
            continue
        sym = _text(n.child_by_field_name("field"))
        where = f"{file}:{n.start_point[0] + 1}"
        calls.setdefault((path, sym), where)
        call = n.parent
        if path == "os" and sym == "Setenv" and call is not None and call.type == "call_expression":
            args = [a for a in (call.child_by_field_name("arguments") or call).named_children]
            if len(args) == 2 and _strings(args[0]) == ["GODEBUG"]:
                for s in reversed(_strings(args[1])):
                    for k, v in _KV.findall(s):
                        setenv.setdefault(k, (v, where))


def main_facts(sources: Mapping[str, bytes]) -> MainFacts:
    """Facts of one main package from its non-test files (path relative to the root -> source)."""
    facts: dict[str, object] = {"setenv": {}, "calls": {}}
    main_file: str | None = None
    package_line: int | None = None
    body_line: int | None = None
    first: tuple[str, int] | None = None
    directives: dict[str, tuple[str, str]] = {}
    for file in sorted(sources):
        root = _parser().parse(sources[file]).root_node
        imports = _imports(root)
        pkg_line = next((c.start_point[0] + 1 for c in root.children if c.type == "package_clause"), None)
        directives.update(directives_of(file, sources[file], pkg_line))
        if first is None and pkg_line is not None:
            first = (file, pkg_line)
        for c in root.children:
            if c.type != "function_declaration":
                continue
            name = _text(c.child_by_field_name("name"))
            body = c.child_by_field_name("body")
            if name not in ("main", "init") or body is None:
                continue
            if name == "main":
                main_file, package_line, body_line = file, pkg_line, body.start_point[0] + 2
            _walk_body(body, imports, file, facts)
    if main_file is None and first is not None:
        main_file, package_line = first
    place, main_directives = _directive_anchors(sources[main_file] if main_file else None)
    return MainFacts(
        facts["setenv"],  # type: ignore[arg-type]
        facts["calls"],  # type: ignore[arg-type]
        main_file,
        package_line,
        body_line,
        directives,
        place,
        main_directives,
    )


def _directive_anchors(source: bytes | None) -> tuple[DirectivePlace | None, dict[str, tuple[int, str]]]:
    """Where a new //go:debug line goes in the main file (as fix places it), and its set keys' lines."""
    if source is None:
        return None, {}
    text = source.decode(errors="replace")
    try:
        new = directive_place(text, "")
        lines = text.split("\n")
        placed = {
            d.key: (d.line, lines[d.line - 1].strip()) for d in parse_header(text).directives if d.placed
        }
    except HeaderError:
        return None, {}
    return new, placed
