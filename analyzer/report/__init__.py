"""Renderers over the scan document (analyzer.report.protocol). Each is pure: document in, string out.

`FORMATS` is the registry; `render(document, fmt)` looks a format up. Every renderer takes both kinds
of document: the scan's (analyzer.report.protocol) and the `uses` command's. Renderers that live in other
modules load lazily, so the text report does not import SARIF code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from analyzer.errors import UsageError

Renderer = Callable[[Mapping[str, Any]], str]


def _lazy(module: str, function: str) -> Renderer:
    def render(document: Mapping[str, Any]) -> str:
        fn: Renderer = getattr(importlib.import_module(module), function)
        return fn(document)

    render.__name__ = function
    return render


def _text(document: Mapping[str, Any]) -> str:
    from analyzer.report.kbinfo import document_kind

    if document_kind(document) == "uses":
        return _lazy("analyzer.report.uses_text", "render_uses_text")(document)
    return _lazy("analyzer.report.text", "render_text")(document)


FORMATS: dict[str, Renderer] = {
    "text": _text,
    "json": _lazy("analyzer.report.json_report", "render_json"),
    "sarif": _lazy("analyzer.report.sarif", "render_sarif"),
    "markdown": _lazy("analyzer.report.markdown", "render_markdown"),
    "github": _lazy("analyzer.report.github", "render_github"),
}


def register(name: str, renderer: Renderer) -> None:
    """Add (or replace) a format."""
    FORMATS[name] = renderer


def render(document: Mapping[str, Any], fmt: str) -> str:
    """Render `document` in format `fmt`; UsageError for an unknown format."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise UsageError(f"unknown format {fmt!r} (known: {', '.join(sorted(FORMATS))})") from None
    return renderer(document)
