"""Go runtime variables in YAML that loads: Kubernetes manifests (any object with containers, multi-document),
Helm values files, docker-compose files, CI workflow `env:` maps, ConfigMap `data:`.

Positions come from the YAML nodes, so flow style and odd indentation are handled exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import yaml

from analyzer.deploy.common import GO_WRAPPERS, basename, binary_of_argv, image_binary, is_variable
from analyzer.model import EnvOp, EnvSetting, EnvSource, Skipped


# libyaml's safe loader when PyYAML was built with it (about 10x faster on big manifests; the same nodes and
# marks), else the pure-Python one.
class _SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader, libyaml's when present."""


@dataclass(frozen=True)
class _Ctx:
    source: EnvSource
    obj: str = ""  # Kind/name of the document
    container: str = ""
    binaries: tuple[str, ...] = ()
    path: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()  # the file's lines, for documents embedded in block scalars

    def where(self) -> str:
        parts = [p for p in (self.obj, f"container {self.container}" if self.container else "") if p]
        if not self.container and self.path:
            parts.append(".".join(self.path))
        return " ".join(parts)


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _get(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    for k, v in node.value:
        if _scalar(k) == key:
            found: yaml.Node = v
            return found
    return None


def _strings(node: yaml.Node | None) -> list[str]:
    if isinstance(node, yaml.SequenceNode):
        return [s for s in (_scalar(n) for n in node.value) if s is not None]
    s = _scalar(node)
    return s.split() if s else []


def _container_binaries(node: yaml.MappingNode) -> tuple[str, ...]:
    """command+args (or compose entrypoint+command) first, else the image's name.

    A Go wrapper (`/go-runner ... /usr/local/bin/kube-apiserver`) gets the environment too: both are named.
    """
    # Kubernetes: command + args; compose: entrypoint + command (a compose `command` alone is the argv)
    pairs = (
        (("entrypoint", "command"), ("command", "")) if _get(node, "entrypoint") else (("command", "args"),)
    )
    for key, more in pairs:
        argv = _strings(_get(node, key))
        if argv:
            full = argv + (_strings(_get(node, more)) if more else [])
            b = binary_of_argv(full)
            wrapper = basename(argv[0])
            if wrapper in GO_WRAPPERS and b and b != wrapper:
                return (b, wrapper)
            if b:
                return (b,)
    image = _scalar(_get(node, "image"))
    b = image_binary(image) if image else None
    return (b,) if b else ()


def _is_container(node: yaml.MappingNode) -> bool:
    return _get(node, "image") is not None or (
        _get(node, "name") is not None
        and (_get(node, "command") is not None or _get(node, "env") is not None)
    )


def _setting(file: str, ctx: _Ctx, name: str, vnode: yaml.Node | None, anchor: yaml.Node) -> EnvSetting:
    value = _scalar(vnode)
    node = vnode if isinstance(vnode, yaml.ScalarNode) else anchor
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    style = getattr(node, "style", None)
    verbatim = True
    if isinstance(vnode, yaml.ScalarNode):
        if style in ("'", '"'):
            col += 1
            verbatim = "\\" not in (value or "") and "'" not in (value or "")
        elif style in ("|", ">"):
            line, col, verbatim = line + 1, 0, False
        if vnode.start_mark.line != vnode.end_mark.line and style not in ("|", ">"):
            verbatim = False
    note = ""
    if value is not None and "{{" in value:
        value, note, verbatim = None, "template expression: not statically known", False
    return EnvSetting(
        file=file,
        line=line,
        column=col,
        variable=name,
        value=value,
        source=ctx.source,
        note=note,
        op=EnvOp.SET if value is not None else EnvOp.DYNAMIC,
        binaries=ctx.binaries,
        context=ctx.where(),
        verbatim=verbatim,
    )


def _env_list(file: str, seq: yaml.SequenceNode, ctx: _Ctx, out: list[EnvSetting]) -> None:
    for item in seq.value:
        if isinstance(item, yaml.ScalarNode):
            _assignment_string(file, item, ctx, out)
            continue
        if not isinstance(item, yaml.MappingNode):
            continue
        name = _scalar(_get(item, "name"))
        if name is None or not is_variable(name):
            continue
        vnode = _get(item, "value")
        if vnode is None and _get(item, "valueFrom") is not None:
            key_node = next(k for k, _ in item.value if _scalar(k) == "valueFrom")
            s = _setting(file, ctx, name, None, key_node)
            note = "valueFrom: not statically known"
            source = _get(item, "valueFrom")
            if isinstance(source, yaml.MappingNode) and source.value:
                kind = _scalar(source.value[0][0]) or ""
                ref = (
                    _scalar(_get(source.value[0][1], "resource"))
                    if isinstance(source.value[0][1], yaml.MappingNode)
                    else None
                )
                note = f"valueFrom {kind}" + (f" {ref}" if ref else "") + ": not statically known"
                if kind == "resourceFieldRef" and name == "GOMEMLIMIT":
                    note += " (a plain byte count at run time: a valid GOMEMLIMIT)"
                if kind == "resourceFieldRef" and name == "GOMAXPROCS":
                    note += " (a whole number of CPUs, at least 1, at run time: a valid GOMAXPROCS)"
            out.append(replace(s, op=EnvOp.DYNAMIC, note=note))
        elif vnode is None:
            out.append(replace(_setting(file, ctx, name, None, item), value="", op=EnvOp.SET))
        elif isinstance(vnode, yaml.ScalarNode):
            out.append(_setting(file, ctx, name, vnode, item))


def _assignment_string(file: str, node: yaml.ScalarNode, ctx: _Ctx, out: list[EnvSetting]) -> None:
    """A `VAR=value` string (compose `environment:` lists)."""
    name, eq, value = node.value.partition("=")
    if not eq or not is_variable(name):
        return
    s = _setting(file, ctx, name, node, node)
    out.append(replace(s, value=value, column=s.column + len(name) + 1 if s.column else 0))


def _walk(file: str, node: yaml.Node, ctx: _Ctx, out: list[EnvSetting]) -> None:
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(file, item, replace(ctx, path=(*ctx.path, str(i))), out)
        return
    if not isinstance(node, yaml.MappingNode):
        return
    if _is_container(node):
        ctx = replace(
            ctx,
            container=_scalar(_get(node, "name")) or (ctx.path[-1] if ctx.path else ""),
            binaries=_container_binaries(node) or ctx.binaries,
        )
    for knode, vnode in node.value:
        key = _scalar(knode)
        if key is None:
            continue
        if key.lower() in ("env", "environment", "extraenv") and isinstance(vnode, yaml.SequenceNode):
            _env_list(file, vnode, replace(ctx, path=(*ctx.path, key)), out)
        elif is_variable(key) and isinstance(vnode, yaml.ScalarNode):
            out.append(_setting(file, ctx, key, vnode, knode))
        elif isinstance(vnode, yaml.ScalarNode) and vnode.style == "|":
            out.extend(_embedded(file, vnode, replace(ctx, path=(*ctx.path, key))))
        else:
            _walk(file, vnode, replace(ctx, path=(*ctx.path, key)), out)


def _embedded(file: str, node: yaml.ScalarNode, ctx: _Ctx) -> list[EnvSetting]:
    """Settings in a manifest or systemd unit held in a `key: |` block (kops task files, cloud-init)."""
    text = node.value
    if not any(v in text for v in ("GODEBUG", "GOGC", "GOMEMLIMIT", "GOMAXPROCS", "EnvironmentFile")):
        return []
    first = node.start_mark.line + 1  # 0-based index of the block's first content line
    indent = 0
    if first < len(ctx.lines):
        raw = ctx.lines[first]
        indent = len(raw) - len(raw.lstrip(" "))
    if "[Service]" in text:
        from analyzer.deploy.systemd import find_in_unit

        found = find_in_unit(text, file)
    elif "apiVersion:" in text or "env:" in text:
        found, _ = find_in_yaml(text, file)
    else:
        return []
    where = ctx.where()
    return [
        replace(
            s,
            line=s.line + first,
            column=s.column + indent if s.column else 0,
            context=f"{where} (embedded) {s.context}".strip(),
        )
        for s in found
    ]


def _doc_ctx(doc: yaml.Node, source: EnvSource) -> _Ctx:
    if not isinstance(doc, yaml.MappingNode):
        return _Ctx(source)
    if _get(doc, "services") is not None and _get(doc, "kind") is None:
        return _Ctx(EnvSource.COMPOSE)
    kind = _scalar(_get(doc, "kind")) or ""
    meta = _get(doc, "metadata")
    name = (_scalar(_get(meta, "name")) if isinstance(meta, yaml.MappingNode) else None) or ""
    obj = f"{kind}/{name}" if kind else ""
    return _Ctx(source, obj=obj)


def find_in_yaml(text: str, file: str) -> tuple[list[EnvSetting], list[Skipped]]:
    """Settings in a YAML file that loads; a YAML error gives one Skipped with its line."""
    out: list[EnvSetting] = []
    try:
        docs = list(yaml.compose_all(text, Loader=_SafeLoader))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        return [], [Skipped(file=file, reason=f"invalid YAML: {problem}", line=line)]
    lines = tuple(text.splitlines())
    for doc in docs:
        if doc is not None:
            _walk(file, doc, replace(_doc_ctx(doc, EnvSource.KUBERNETES), lines=lines), out)
    return out, []
