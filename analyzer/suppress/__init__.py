"""Suppressions: inline `//godebug-audit:ignore` comments and `.godebug-audit.yaml` ignores.

Public surface: `collect_inline_ignores`, `find_config`, `load_config`, `apply_suppressions`,
`counts_for_fail_on`, `resolve_config` and `suppress_document` (the scan command's two calls).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from analyzer.suppress.config import (
    CONFIG_NAME,
    Config,
    PlanDefaults,
    find_config,
    load_config,
    plan_overrides,
    resolve_config,
)
from analyzer.suppress.ignores import (
    ConfigIgnore,
    Ignore,
    InlineIgnore,
    apply_suppressions,
    counts_for_fail_on,
)
from analyzer.suppress.inline import collect_inline_ignores, files_with_ignores, parse_inline_ignores

__all__ = [
    "CONFIG_NAME",
    "Config",
    "ConfigIgnore",
    "Ignore",
    "InlineIgnore",
    "PlanDefaults",
    "apply_suppressions",
    "collect_inline_ignores",
    "counts_for_fail_on",
    "files_with_ignores",
    "find_config",
    "load_config",
    "parse_inline_ignores",
    "plan_overrides",
    "resolve_config",
    "suppress_document",
]


def suppress_document(
    document: Mapping[str, Any],
    root: Path,
    config: Config | None,
    today: date | None = None,
    cache_dir: Path | None = None,
) -> dict[str, Any]:
    """Collect inline ignores (files with findings, and Go files that mention the directive) under `root`,
    add the config's, and apply them. `cache_dir`: where which files mention it is kept by stat."""
    files = {str(f["file"]) for f in document.get("findings") or []}
    if root.is_dir():
        files.update(files_with_ignores(root, cache_dir))
    ignores: list[Ignore] = [*collect_inline_ignores(root, files)]
    if config is not None:
        ignores.extend(config.ignores)
    return apply_suppressions(document, ignores, today or date.today())
