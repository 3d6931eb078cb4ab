"""Positions of the actor-intervention network, from networkx's
force-directed layout with a fixed seed (same input, same picture)."""
from __future__ import annotations

import networkx as nx

SEED = 7
_HUB = "\0hub"  # an invisible centre that keeps the separate clusters together


def layout(edges: list[tuple[str, str, str]]) -> dict[str, tuple[float, float]]:
    """edges: (actor, role, context). Returns rounded (x, y) per node."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted({a for a, _, _ in edges} | {c for _, _, c in edges}))
    graph.add_edges_from(sorted({(a, c) for a, _, c in edges}), weight=1.0)
    graph.add_edges_from(((_HUB, c) for c in sorted({c for _, _, c in edges})), weight=0.15)
    positions = nx.spring_layout(graph, seed=SEED, iterations=300)
    positions.pop(_HUB)
    return {node: (round(float(x), 3), round(float(y), 3)) for node, (x, y) in positions.items()}
