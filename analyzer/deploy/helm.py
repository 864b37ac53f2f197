"""Go runtime variables in YAML templates (`{{ }}`: Helm charts, kops models) that YAML will not load.

Line-based, but structural: an `env` list item counts only when its parent key is an env-like key, comment
lines and template-only lines (`{{- if ... }}`) are transparent, and a value holding `{{ }}` is not static.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from analyzer.deploy.common import binary_of_argv, image_binary
from analyzer.deploy.values import VARIABLES
from analyzer.model import EnvOp, EnvSetting, EnvSource

_VARS = "|".join(VARIABLES)
_NAME_ITEM = re.compile(rf"^(?P<ind>\s*)(?P<dash>-\s+)?name:\s*(?P<q>[\"']?)(?P<var>{_VARS})(?P=q)\s*(#.*)?$")
_MAP_KEY = re.compile(
    rf"^(?P<ind>\s*)(?P<dash>-\s+)?(?P<q>[\"']?)(?P<var>{_VARS})(?P=q):(?:\s+(?P<rest>.*))?$"
)
_LIST_STR = re.compile(rf"^(?P<ind>\s*)-\s+(?P<q>[\"']?)(?P<var>{_VARS})=(?P<rest>.*)$")
_KEY = re.compile(r"^(?P<ind>\s*)(?P<dash>-\s+)?(?P<key>[A-Za-z0-9_.\-\"']+):(?:\s+(?P<rest>.*))?$")


@dataclass(frozen=True)
class _Line:
    no: int  # 1-based
    text: str
    indent: int
    structural: bool  # not blank, not a comment, not a template-only line


_TPL_COMMENT = re.compile(r"\{\{-?\s*/\*.*?\*/\s*-?\}\}", re.S)


def _blank_template_comments(text: str) -> str:
    """`{{/* ... */}}` blocks become spaces (newlines kept): their text is documentation."""
    return _TPL_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _lines(text: str) -> list[_Line]:
    out = []
    for i, raw in enumerate(_blank_template_comments(text).splitlines(), 1):
        s = raw.strip()
        structural = bool(s) and not s.startswith("#") and not (s.startswith("{{") and s.endswith("}}"))
        out.append(_Line(i, raw, len(raw) - len(raw.lstrip(" ")), structural))
    return out


def _strip_comment(value: str) -> str:
    """Drop a trailing ` # comment` outside quotes."""
    quote = ""
    for i, c in enumerate(value):
        if quote:
            if c == quote:
                quote = ""
        elif c in "'\"" and (i == 0 or value[i - 1].isspace() or value[i - 1] == ":"):
            quote = c
        elif c == "#" and (i == 0 or value[i - 1].isspace()):
            return value[:i].rstrip()
    return value.rstrip()


def _scalar_value(rest: str) -> tuple[str, int, bool]:
    """(value, offset of its first character in `rest`, verbatim) of a one-line YAML scalar."""
    v = _strip_comment(rest)
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
        inner = v[1:-1]
        if v[0] == "'":
            return inner.replace("''", "'"), 1, "''" not in inner
        return inner.replace('\\"', '"').replace("\\\\", "\\"), 1, "\\" not in inner
    return v, 0, True


def _item_key_indent(line: _Line) -> int:
    m = _KEY.match(line.text)
    if m is None:
        return line.indent
    return len(m.group("ind")) + len(m.group("dash") or "")


def _item_span(lines: list[_Line], start: int, dash_indent: int) -> list[_Line]:
    """The lines of the list item whose dash is on lines[start]."""
    span = [lines[start]]
    for ln in lines[start + 1 :]:
        if ln.structural and ln.indent <= dash_indent:
            break
        span.append(ln)
    return span


TOP = -1  # _parent: the item is at the top of a named template (`{{ define }}`) or of the file


def _parent(lines: list[_Line], start: int, indent: int) -> int | None:
    """Index of the nearest structural line above `start` that is a parent of an item at `indent`.

    TOP when a `{{ define }}` line or the start of the file comes first.
    """
    for j in range(start - 1, -1, -1):
        ln = lines[j]
        if not ln.structural:
            if re.search(r"\{\{-?\s*define\s", ln.text):
                return TOP
            continue
        if ln.indent < indent or (ln.indent == indent and not ln.text.lstrip().startswith("-")):
            return j
    return TOP


def _is_env_key(line: _Line) -> bool:
    m = _KEY.match(line.text)
    return (
        m is not None
        and "env" in m.group("key").strip("\"'").lower()
        and not _strip_comment(m.group("rest") or "")
    )


def _container_binaries(lines: list[_Line], env_idx: int) -> tuple[tuple[str, ...], str]:
    """Binaries and name of the container item that holds the env key at lines[env_idx]."""
    env_indent = lines[env_idx].indent
    for j in range(env_idx, -1, -1):
        ln = lines[j]
        if not ln.structural:
            continue
        if ln.indent < env_indent and not ln.text.lstrip().startswith("-"):
            return (), ""  # left the item without finding its dash
        if (ln.text.lstrip().startswith("-") and ln.indent < env_indent) or (
            j == env_idx and ln.text.lstrip().startswith("-")
        ):
            span = _item_span(lines, j, ln.indent)
            key_indent = _item_key_indent(ln)
            found: dict[str, str] = {}
            for k, item_line in enumerate(span):
                m = _KEY.match(item_line.text)
                if m is None or _item_key_indent(item_line) != key_indent:
                    continue
                key = m.group("key")
                rest = _strip_comment(m.group("rest") or "")
                if key == "command" and not rest:
                    seq: list[str] = []
                    for x in span[k + 1 :]:
                        if not x.structural:
                            continue
                        if not x.text.lstrip().startswith("-") or x.indent < key_indent:
                            break
                        seq.append(x.text.strip()[1:].strip())
                    rest = "[" + ",".join(seq) + "]" if seq else ""
                found.setdefault(key, rest)
            name = _scalar_value(found.get("name", ""))[0]
            if found.get("command") and "{{" not in found["command"]:
                try:
                    argv = yaml.safe_load(found["command"])
                except yaml.YAMLError:
                    argv = None
                if isinstance(argv, list):
                    b = binary_of_argv([str(a) for a in argv])
                    if b:
                        return (b,), name
            image = _scalar_value(found.get("image", ""))[0]
            b = image_binary(image) if image else None
            return ((b,) if b else ()), name
    return (), ""


def _dynamic(
    file: str, line: int, col: int, var: str, bins: tuple[str, ...], ctx: str, note: str
) -> EnvSetting:
    """A setting whose value only the template engine or the cluster knows."""
    return EnvSetting(
        file, line, col, var, None, EnvSource.HELM, EnvOp.DYNAMIC, bins, ctx, note=note, verbatim=False
    )


def _make(
    file: str, ln: _Line, var: str, rest: str, col0: int, ctx: str, bins: tuple[str, ...]
) -> EnvSetting:
    value, off, verbatim = _scalar_value(rest)
    col = col0 + off + 1
    if "{{" in value:
        return _dynamic(file, ln.no, col, var, bins, ctx, "template expression: not statically known")
    return EnvSetting(file, ln.no, col, var, value, EnvSource.HELM, EnvOp.SET, bins, ctx, verbatim=verbatim)


def _env_item(file: str, lines: list[_Line], i: int, m: re.Match[str]) -> EnvSetting | None:
    ln = lines[i]
    var = m.group("var")
    key_indent = len(m.group("ind")) + len(m.group("dash") or "")
    start = i
    if not m.group("dash"):  # the dash is on an earlier line of the same item (`- value: x` first)
        for j in range(i - 1, -1, -1):
            if not lines[j].structural:
                continue
            if lines[j].text.lstrip().startswith("-") and _item_key_indent(lines[j]) == key_indent:
                start = j
                break
            if lines[j].indent < key_indent:
                return None
        else:
            return None
    dash_indent = lines[start].indent
    parent = _parent(lines, start, dash_indent)
    top = parent == TOP
    if parent is None or (not top and not _is_env_key(lines[parent])):
        return None
    bins, cname = _container_binaries(lines, parent) if not top else ((), "")
    ctx = f"container {cname}" if cname else ("env snippet (a named template or list)" if top else "env")
    for other in _item_span(lines, start, dash_indent):
        km = _KEY.match(other.text)
        if km is None or _item_key_indent(other) != key_indent:
            continue
        key = km.group("key")
        if key == "value":
            rest = km.group("rest") or ""
            return _make(file, other, var, rest, len(other.text) - len(rest), ctx, bins)
        if key == "valueFrom":
            note = "valueFrom: not statically known"
            return _dynamic(file, other.no, other.indent + 1, var, bins, ctx, note)
    if top:  # a top-level `- name: X` without a value is not evidently an env entry
        return None
    return EnvSetting(file, ln.no, ln.indent + 1, var, "", EnvSource.HELM, EnvOp.SET, bins, ctx)


def find_in_template(text: str, file: str) -> list[EnvSetting]:
    """Settings in a YAML template, by structure of lines (see the module docstring)."""
    lines = _lines(text)
    out: list[EnvSetting] = []
    for i, ln in enumerate(lines):
        if not ln.structural:
            continue
        m = _NAME_ITEM.match(ln.text)
        if m:
            s = _env_item(file, lines, i, m)
            if s is not None:
                out.append(s)
            continue
        m = _MAP_KEY.match(ln.text)
        if m:
            rest = m.group("rest") or ""
            if _strip_comment(rest):
                out.append(_make(file, ln, m.group("var"), rest, len(ln.text) - len(rest), "map key", ()))
            continue
        m = _LIST_STR.match(ln.text)
        if m:
            q = m.group("q")
            body = m.group("rest")
            body = _strip_comment(body)
            if q and body.endswith(q):
                body = body[:-1]
            col = len(ln.text) - len(m.group("rest"))
            s = _make(file, ln, m.group("var"), body, col, "list item", ())
            out.append(s)
    return out
