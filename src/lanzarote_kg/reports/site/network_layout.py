"""Positions of the actor-intervention network, from rustworkx's
force-directed (Fruchterman-Reingold) layout with a fixed seed: same
input, same picture. rustworkx rather than networkx by measurement on the
paper's network (61 nodes): 0.04 s to import and lay out against 0.63 s,
a third of the site's time budget (docs/SITE.md)."""
from __future__ import annotations

import rustworkx as rx

SEED = 7
_HUB = "\0hub"  # an invisible centre that keeps the separate clusters together


def layout(edges: list[tuple[str, str, str]]) -> dict[str, tuple[float, float]]:
    """edges: (actor, role, context). Returns rounded (x, y) per node."""
    contexts = sorted({c for _, _, c in edges})
    names = sorted({a for a, _, _ in edges} | set(contexts)) + [_HUB]
    graph = rx.PyGraph()
    index = dict(zip(names, graph.add_nodes_from(names)))
    graph.add_edges_from([(index[a], index[c], 1.0) for a, c in sorted({(a, c) for a, _, c in edges})]
                         + [(index[_HUB], index[c], 0.15) for c in contexts])
    positions = rx.spring_layout(graph, seed=SEED, num_iter=300, weight_fn=float)
    return {name: (round(float(positions[i][0]), 3), round(float(positions[i][1]), 3))
            for name, i in index.items() if name != _HUB}
