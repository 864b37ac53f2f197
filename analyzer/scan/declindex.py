"""Which package-level names a Go file declares, read from its layout without a parse.

The resolver asks a repo package for one name at a time (`RepoFacts.ensure`); only the files that
declare that name (a type, function, var or const of that name, or a method whose receiver's base
type has it) can answer. Knowing them without parsing saves parsing every file that merely mentions
the name.

`declared_names(data)` reads gofmt's layout: every top-level declaration starts at column 0 with its
keyword; a body, block or group opened at the end of such a line closes on a line that starts at
column 0 with `}`, `)` or `]`; inside, only labels (gofmt writes them at column 0) reach column 0.
A group's (`var (`, `const (`, `type (`) names are the first words of its indented lines. Anything
else (a declaration after `;`, an indented keyword outside every block, a column-0 line the layout
does not allow, a raw string or comment it cannot follow, a block that never closes) makes the
answer None: the caller then falls back to "every file whose bytes contain the word", which holds
for any layout. Extra names are harmless (they only load a file for nothing); a missing one is not,
which is why doubt means None.
"""

from __future__ import annotations

import re

# A column-0 line (group 1) and an indented keyword, each found after the newline that starts its line:
# a pattern led by a literal is searched with a fast scan, `(?m)^` is tried at every byte.
_COL0 = re.compile(rb"\n((?!//)[^\t\n \r][^\n]*)")  # line comments declare nothing: not visited
_COL0_FIRST = re.compile(rb"((?!//)[^\t\n \r][^\n]*)")  # the same on the file's first line
_INDENTED_DECL = re.compile(rb"\n[ \t]+(?:func|type|var|const|import)\b")
_INDENTED_FIRST = re.compile(rb"[ \t]+(?:func|type|var|const|import)\b")
_FUNC = re.compile(rb"func[ \t]+(\w+)[ \t]*[\[(]")
_METHOD = re.compile(rb"func[ \t]*\(([^()]*)\)[ \t]*(\w+)[ \t]*[\[(]")
_NAMES = re.compile(rb"(?:var|const)[ \t]+(\w+(?:[ \t]*,[ \t]*\w+)*)")
_TYPE = re.compile(rb"type[ \t]+(\w+)")
_GROUP = re.compile(rb"(?:var|const|type|import)[ \t]*\([ \t]*(?://.*)?$")
_SPEC = re.compile(rb"(?m)^[ \t]+(\w+(?:[ \t]*,[ \t]*\w+)*)")
_LABEL = re.compile(rb"\w+:[ \t]*(?://.*)?$")
_IMPORT = re.compile(rb'import[ \t]+(?:[\w.]+[ \t]+)?"[^"\n]*"[ \t]*(?://.*)?$')
_PACKAGE = re.compile(rb"package[ \t]+\w+[ \t]*(?://.*)?$")
_TRAILING_COMMENT = re.compile(rb"[ \t]*//[^\"`]*$")
_WORD = re.compile(rb"\w+")
_CLOSERS = (b"}", b")", b"]")


def _opens(line: bytes) -> bool:
    """Whether a line ends with an opening bracket (a block, group or multi-line list follows)."""
    s = _TRAILING_COMMENT.sub(b"", line) if b"//" in line else line
    return s.rstrip().endswith((b"{", b"(", b"["))


def _receiver_base(recv: bytes) -> bytes | None:
    """The base type name of a receiver's text: `r *T[K]` -> T, `T` -> T."""
    words = recv.replace(b"*", b" ").split(b"[", 1)[0].split()
    if not words or len(words) > 2:
        return None
    base = words[-1]
    return base if _WORD.fullmatch(base) else None


def _head(line: bytes) -> list[bytes] | None:
    """The names a top-level line declares (package and import lines declare none); None: not a
    line gofmt writes at column 0 outside a block."""
    if line.startswith(b"func"):
        fm = _FUNC.match(line)
        if fm is not None:
            return [fm.group(1)]
        mm = _METHOD.match(line)
        base = _receiver_base(mm.group(1)) if mm is not None else None
        return [base, mm.group(2)] if mm is not None and base is not None else None
    if line.startswith(b"type"):
        tm = _TYPE.match(line)
        return [tm.group(1)] if tm is not None else None
    if line.startswith((b"var", b"const")):
        vm = _NAMES.match(line)
        return [w.strip() for w in vm.group(1).split(b",")] if vm is not None else None
    if line.startswith(b"package"):
        return [] if _PACKAGE.match(line) else None
    if line.startswith(b"import"):
        return [] if _IMPORT.match(line) else None
    return None


def _line_end(data: bytes, pos: int) -> int:
    eol = data.find(b"\n", pos)
    return eol if eol >= 0 else len(data)


def _indented_decl(data: bytes, lo: int, hi: int) -> bool:
    """Whether a line starting in [lo, hi) is an indented keyword (`(?m)^[ \\t]+func\\b`...)."""
    if lo == 0 and _INDENTED_FIRST.match(data, 0, hi) is not None:
        return True
    return _INDENTED_DECL.search(data, max(lo - 1, 0), hi) is not None


def declared_names(data: bytes) -> frozenset[str] | None:
    """The package-level names the file declares (receiver base types included), or None when its
    layout is not one this reader can vouch for."""
    names: set[bytes] = set()
    first = _COL0_FIRST.match(data)
    lines = [first, *_COL0.finditer(data)] if first is not None else list(_COL0.finditer(data))
    spans: list[tuple[int, int]] = []  # (start, end) of blocks, bodies and groups
    i = 0
    n = len(lines)
    while i < n:
        m = lines[i]
        line = m.group(1).rstrip(b"\r")
        start = m.start(1)
        i += 1
        if line.startswith(b"/*"):
            close = data.find(b"*/", start + 2)
            if close < 0 or data[close + 2 : _line_end(data, close)].strip():
                return None
            while i < n and lines[i].start(1) <= close:
                i += 1
            continue
        if b";" in line:
            return None
        group = _GROUP.match(line) is not None
        head = [] if group else _head(line)
        if head is None:
            return None
        names.update(head)
        if b"`" in line:
            # a raw string: followed only on a line without other strings, runes or comments
            if group or b'"' in line or b"'" in line or b"//" in line:
                return None
            if line.count(b"`") % 2:
                close = data.find(b"`", start + line.rfind(b"`") + 1)
                if close < 0:
                    return None
                rest = data[close + 1 : _line_end(data, close)]
                if b";" in rest or b"`" in rest or b"+" in rest or _opens(rest):
                    return None
                while i < n and lines[i].start(1) <= close:
                    i += 1
                continue
        if not (group or _opens(line)):
            continue
        # a block: skip to its closing line (only labels may sit at column 0 inside)
        while True:
            if i >= n:
                return None
            inner = lines[i].group(1).rstrip(b"\r")
            if inner.startswith(_CLOSERS):
                if b";" in inner or b"`" in inner:
                    return None
                if group:
                    if inner.strip() != b")":
                        return None
                    for s in _SPEC.finditer(data, start, lines[i].start(1)):
                        names.update(w.strip() for w in s.group(1).split(b","))
                spans.append((start, lines[i].end(1)))
                i += 1
                if not group and _opens(inner):  # `}{` or `} {`: another block follows at once
                    start = lines[i - 1].start(1)
                    continue
                break
            if not group and _LABEL.match(inner):
                i += 1
                continue
            return None
    gap = 0  # a keyword indented outside every block: a layout this reader does not follow
    for a, b in [*spans, (len(data), len(data))]:
        if a > gap and _indented_decl(data, gap, a):
            return None
        gap = b
    return frozenset(w.decode("utf-8", "replace") for w in names if w != b"_")
