"""Load knowledge/entries/*.yaml: YAML with positions, JSON Schema check, conversion to Entry."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from analyzer.errors import KnowledgeError
from analyzer.kb.convert import entry_from
from analyzer.kb.yamlnodes import Located
from analyzer.model import Entry


@dataclass(frozen=True)
class Problem:
    """One authoring mistake in one entry file."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Document:
    """One entry file, parsed (data may be anything when the YAML is not a mapping)."""

    path: Path
    located: Located

    @property
    def data(self) -> Any:
        return self.located.data

    @property
    def name(self) -> str:
        return self.located.name

    def problem(self, path: Iterable[str | int], message: str, *, key: bool = False) -> Problem:
        return Problem(self.name, self.located.line(list(path), key=key), message)


def schema_path(directory: Path) -> Path:
    """The schema beside a KB directory, else the shipped one."""
    own = directory / "schema.json"
    if own.is_file():
        return own
    from analyzer.kb import default_dir

    return default_dir() / "schema.json"


@cache
def read_schema(path: Path) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@cache
def _validator(schema_text: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema_text))


def entry_files(directory: Path) -> list[Path]:
    """Every entry file of a KB directory (`entries/*.yaml`), sorted."""
    return sorted((directory / "entries").glob("*.yaml"))


def parse_file(path: Path, name: str | None = None) -> Document | Problem:
    """Read one file into a Document, or a Problem for unreadable YAML."""
    shown = name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return Problem(shown, err.object[: err.start].count(b"\n") + 1, "not valid UTF-8")
    except OSError as err:
        return Problem(shown, 1, f"cannot read: {err}")
    try:
        return Document(path, Located(text, shown))
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark is not None else 1
        return Problem(shown, line, f"invalid YAML: {err.problem or err}")
    except yaml.YAMLError as err:  # a reader error (a NUL, a control character): one line, at its line
        pos = getattr(err, "position", None)
        line = text[:pos].count("\n") + 1 if isinstance(pos, int) else 1
        return Problem(shown, line, f"invalid YAML: {str(err).splitlines()[0]}")
    except RecursionError:
        return Problem(shown, 1, "invalid YAML: nested too deeply")


def _describe(err: jsonschema.ValidationError) -> str:
    where = ".".join(str(p) for p in err.absolute_path)
    schema: dict[str, Any] = err.schema if isinstance(err.schema, dict) else {}
    if err.validator == "required":
        what = err.message.replace("is a required property", "is required")
    elif err.validator == "pattern":
        what = f"{err.instance!r} is not valid here (expected {schema.get('pattern')})"
    elif err.validator == "enum":
        what = f"{err.instance!r} is not one of {', '.join(map(str, schema.get('enum', ())))}"
    else:
        what = err.message
    return f"{where}: {what}" if where else what


def _non_string_key(data: Any) -> tuple[list[str | int], Any] | None:
    """The path to the first mapping whose key is not a string, and the key (None when all are)."""
    stack: list[tuple[Any, list[str | int]]] = [(data, [])]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                if not isinstance(k, str):
                    return path, k
                stack.append((v, [*path, k]))
        elif isinstance(node, list):
            stack.extend((v, [*path, i]) for i, v in enumerate(node))
    return None


def schema_problems(doc: Document, schema: dict[str, Any]) -> list[Problem]:
    """JSON Schema violations, each at the line of the offending value (of the key for unknown fields)."""
    if not isinstance(doc.data, dict):
        return [doc.problem([], "an entry must be a YAML mapping")]
    bad = _non_string_key(doc.data)
    if bad is not None:  # `1: x`, `? ` (a null key), `true: x`: JSON Schema (and the loader) need strings
        return [doc.problem(bad[0], f"key {bad[1]!r} is not a string", key=True)]
    validator = _validator(json.dumps(schema, sort_keys=True))
    out: list[Problem] = []
    for err in sorted(validator.iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path))):
        path = list(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            known = set(err.schema.get("properties", {})) if isinstance(err.schema, dict) else set()
            prefix = ".".join(map(str, path)) + ": " if path else ""
            for k in sorted(str(k) for k in err.instance if k not in known and not str(k).startswith("x-")):
                out.append(doc.problem([*path, k], f"{prefix}unknown field {k!r}", key=True))
            continue
        out.append(doc.problem(path, _describe(err)))
    return out


def load_problems(doc: Document, schema: dict[str, Any]) -> list[Problem]:
    """What stops an entry from loading: schema violations, repeated keys, id != file stem, a bad regex."""
    problems = schema_problems(doc, schema)
    if problems:
        return problems
    for key, line in doc.located.duplicate_keys():
        problems.append(Problem(doc.name, line, f"key {key!r} given twice (the later one would win)"))
    data = doc.data
    if data["id"] != doc.path.stem:
        problems.append(doc.problem(["id"], f"id {data['id']!r} differs from the file name "
                                             f"{doc.path.stem!r}"))
    for i, api in enumerate(data.get("affects") or ()):
        for j, cond in enumerate(api.get("conditions") or ()):
            if "matches" in cond:
                try:
                    re.compile(cond["matches"])
                except re.error as err:
                    problems.append(doc.problem(["affects", i, "conditions", j, "matches"],
                                                f"invalid regular expression: {err}"))
    return problems


def iter_documents(directory: Path) -> Iterator[Document | Problem]:
    for path in entry_files(directory):
        yield parse_file(path)


def load_directory(directory: Path) -> tuple[Entry, ...]:
    """Every entry of a KB directory, sorted by id; the first authoring problem raises KnowledgeError."""
    schema = read_schema(schema_path(directory))
    entries: dict[str, Entry] = {}
    for doc in iter_documents(directory):
        if isinstance(doc, Problem):
            raise KnowledgeError(doc.message, file=doc.file, line=doc.line)
        problems = load_problems(doc, schema)
        if problems:
            p = problems[0]
            raise KnowledgeError(p.message, file=p.file, line=p.line)
        entry = entry_from(doc.data, doc.name)
        if entry.id in entries:
            raise KnowledgeError(f"duplicate id {entry.id!r} (also in {entries[entry.id].source})",
                                 file=doc.name, line=doc.located.line(["id"]))
        entries[entry.id] = entry
    return tuple(entries[k] for k in sorted(entries))
