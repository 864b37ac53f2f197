"""PR mode: compare a scan of the work tree with a scan of the base revision read from git.

`scan_pr(path, ref, scan)` is the scan command's one call; `pr_compare` is the pure comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from analyzer.errors import AuditError
from analyzer.pr.compare import diff_build_settings, new_findings, pr_compare
from analyzer.pr.defaults import shipped_default_value
from analyzer.pr.git import base_tree, changed_build_files, locate

__all__ = ["diff_build_settings", "new_findings", "pr_compare", "scan_pr"]

Scan = Callable[[Path], dict[str, Any]]


def scan_pr(path: Path, ref: str, scan: Scan, head: dict[str, Any] | None = None) -> dict[str, Any]:
    """Scan `path` and its state at `ref` (merge base with HEAD) with `scan`, and compare the two.

    Pass `head` when the work tree is already scanned (with suppressions applied: apply them before the
    comparison, so that ignores matching old findings are not reported unused). `scan` for the base should
    not apply suppressions: an ignore without a reason in the base must not stop the PR's scan.
    """
    checkout = locate(path, ref)
    if head is None:
        head = scan(path)
    base_error = None
    with base_tree(checkout) as base_root:
        try:
            base = scan(base_root)
        except AuditError as err:
            # the base cannot be audited (the change adds the module, or fixes a broken go.mod):
            # everything at the head is new, and the report says why
            base, base_error = {"findings": [], "binaries": []}, str(err)
    files = changed_build_files(checkout)
    changes = diff_build_settings(
        {p: b for p, (b, _) in files.items()}, {p: a for p, (_, a) in files.items()}
    )
    doc = pr_compare(base, head, changes, base=ref, default_value=shipped_default_value())
    if base_error is not None:
        doc["pr"]["base_error"] = base_error
    return doc
