"""YAML with positions: parse a document once into plain data and a node tree to find any value's line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

Path_ = Sequence[str | int]
# an entry has a few hundred values; aliases that expand past this are a "billion laughs" document
MAX_VALUES = 100_000


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader when present; a value that cannot be built is an error at its line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except ValueError as err:  # a bad date (2020-13-45), an integer of 5,000 digits
            problem = f"bad value: {str(err).splitlines()[0][:80]}"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None


def expanded_size(root: yaml.Node, limit: int = MAX_VALUES) -> int:
    """How many values the document holds with every alias expanded (limit + 1 once past the limit, or
    when an alias refers to a collection that holds it)."""
    size: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        kids: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            kids = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            kids = [n for kv in node.value for n in kv]
        if done:
            open_.discard(key)
            size[key] = min(limit + 1, 1 + sum(size[id(k)] for k in kids))
        elif key not in size:
            if key in open_:
                return limit + 1  # recursive
            open_.add(key)
            stack.append((node, True))
            stack.extend((k, False) for k in kids if id(k) not in size)
    return size[id(root)]


class Located:
    """A parsed YAML document that can tell the line of any value by its path of keys and indexes."""

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        loader = _Loader(text)  # libyaml when present: parse once, keep the nodes for line numbers
        try:
            self.node: yaml.Node | None = loader.get_single_node()
            if self.node is not None and expanded_size(self.node) > MAX_VALUES:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"aliases expand to more than {MAX_VALUES} values (or refer to themselves)",
                    self.node.start_mark,
                )
            # before construction: merge keys (`<<: *anchor`) are flattened into the nodes in place
            self._duplicates = self._find_duplicate_keys()
            self.data: Any = None if self.node is None else loader.construct_document(self.node)
        finally:
            loader.dispose()

    def line(self, path: Path_, *, key: bool = False) -> int:
        """1-based line of the value at `path` (of its key when `key`), else of the nearest parent."""
        node = self.node
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for i, step in enumerate(path):
            last = i == len(path) - 1
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == step:
                        line = (k if key and last else v).start_mark.line + 1
                        if k is not None and v.start_mark.line > k.start_mark.line and not last:
                            line = k.start_mark.line + 1
                        node = v
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if 0 <= step < len(node.value):
                    node = node.value[step]
                    line = node.start_mark.line + 1
                else:
                    return line
            else:
                return line
        return line

    def duplicate_keys(self) -> list[tuple[str, int]]:
        """Keys given twice in one mapping (YAML keeps the last silently), with the line of the repeat."""
        return list(self._duplicates)

    def _find_duplicate_keys(self) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        stack: list[yaml.Node] = [self.node] if self.node is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                seen: set[str] = set()
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value != "<<":
                        if k.value in seen:
                            out.append((k.value, k.start_mark.line + 1))
                        seen.add(k.value)
                    stack.append(v)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        return sorted(out, key=lambda kv: kv[1])

    def key_line(self, key: str) -> int:
        """Line of a top-level key, 1 when absent."""
        return self.line([key], key=True)
