"""The JSON report: the scan document itself, pretty-printed, keys in protocol order."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def render_json(document: Mapping[str, Any]) -> str:
    """The document as indented JSON with a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
