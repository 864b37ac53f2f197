"""Reachability: which binaries link a package in (import graph), and whether its function can run (calls)."""

from analyzer.reach.calls import uncalled_functions
from analyzer.reach.graph import PackageNode, closure, closures, import_graph, path_to, reached_by

__all__ = [
    "PackageNode",
    "closure",
    "closures",
    "import_graph",
    "path_to",
    "reached_by",
    "uncalled_functions",
]
