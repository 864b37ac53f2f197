"""The text report of a `uses` document: one `file:line:col: package.symbol [entries]` line per use, then
the skipped files. The same lines `godebug-audit uses` prints, so `convert --format text` gives them back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def render_uses_text(document: Mapping[str, Any]) -> str:
    """Render the `uses` command's document as its text report."""
    lines = []
    for u in document.get("uses") or []:
        tags = sorted(set(u.get("entries") or [])) + [
            f"neutralizes {i}" for i in sorted(set(u.get("neutralizes") or []))
        ]
        suffix = f" [{', '.join(tags)}]" if tags else ""
        where = f"{u.get('file')}:{u.get('line')}:{u.get('column')}"
        lines.append(f"{where}: {u.get('package')}.{u.get('symbol')}{suffix}\n")
    for s in document.get("skipped") or []:
        where = f"{s.get('file')}:{s['line']}" if s.get("line") else str(s.get("file"))
        lines.append(f"{where}: skipped: {s.get('reason', '')}\n")
    return "".join(lines)
