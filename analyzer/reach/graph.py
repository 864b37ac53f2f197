"""The package import graph (networkx) and each binary's import closure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True)
class PackageNode:
    """A package of the scanned tree as the reach graph sees it."""

    import_path: str
    dir: str  # relative to the scanned root
    imports: tuple[str, ...] = ()  # non-test imports (after build constraints)
    test_imports: tuple[str, ...] = ()  # imports of _test.go files (in-package and external)
    module: str = ""
    is_main: bool = False


def import_graph(packages: Iterable[PackageNode]) -> nx.DiGraph:
    """A DiGraph with an edge P -> Q for every non-test import; nodes carry `dir` and `module`."""
    g = nx.DiGraph()
    for p in packages:
        g.add_node(p.import_path, dir=p.dir, module=p.module, main=p.is_main)
    for p in packages:
        for imp in p.imports:
            g.add_edge(p.import_path, imp)
    return g


def closure(graph: nx.DiGraph, root: str) -> frozenset[str]:
    """Every package `root` links in, itself included."""
    if root not in graph:
        return frozenset({root})
    return frozenset(nx.descendants(graph, root)) | {root}


def closures(graph: nx.DiGraph, roots: Iterable[str]) -> dict[str, frozenset[str]]:
    return {r: closure(graph, r) for r in roots}


def reached_by(closure_of: Mapping[str, frozenset[str]], package: str) -> tuple[str, ...]:
    """The roots whose closure contains `package`, sorted."""
    return tuple(sorted(r for r, c in closure_of.items() if package in c))


def path_to(graph: nx.DiGraph, root: str, package: str) -> tuple[str, ...]:
    """A shortest import chain from root to package (for explaining why a binary reaches a use)."""
    try:
        return tuple(nx.shortest_path(graph, root, package))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return ()
