"""The JSON report: the scan document itself, pretty-printed, keys in protocol order."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analyzer.jsontext import dumps


def render_json(document: Mapping[str, Any]) -> str:
    """The document as indented JSON with a final newline."""
    return dumps(document, 2, ensure_ascii=False) + "\n"
