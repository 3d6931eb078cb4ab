"""owl:imports are never followed: the graph is exactly the files under
ontology/ and data/, and nothing is fetched. An import is satisfied when the
ontology it names is one of those files; every other import, and every
cycle of imports between them, is named in a warning line so that it is
not silently dropped."""
from __future__ import annotations

import pyoxigraph as ox

from lanzarote_kg.core.namespaces import Graphs
from lanzarote_kg.pipeline.cycles import components, is_cycle

_IMPORTS = ox.NamedNode("http://www.w3.org/2002/07/owl#imports")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ONTOLOGY = ox.NamedNode("http://www.w3.org/2002/07/owl#Ontology")


def import_warnings(store: ox.Store, origins: dict) -> list[str]:
    """`LKG-W001` per import not followed, `LKG-W002` per import cycle."""
    asserted = [ox.NamedNode(str(g)) for g in Graphs.ASSERTED]
    edges: dict[str, list[str]] = {}
    for graph in asserted:
        for quad in store.quads_for_pattern(None, _IMPORTS, None, graph):
            edges.setdefault(_name(quad.subject), []).append(_name(quad.object))
    loaded = {_name(q.subject) for g in asserted for q in store.quads_for_pattern(None, _TYPE, _ONTOLOGY, g)}
    warnings = []
    for importer in sorted(edges):
        where = str(origins.get(importer, ""))
        for imported in sorted(set(edges[importer])):
            if imported not in loaded:
                warnings.append(f"LKG-W001: {where + ': ' if where else ''}<{importer}> owl:imports <{imported}>: "
                                f"not followed (imports are never fetched; only the Turtle files under ontology/ "
                                f"are read)")
    for cycle in _cycles({k: [v for v in vs if v in loaded] for k, vs in edges.items()}):
        members = ", ".join(f"<{node}>" for node in cycle)
        warnings.append(f"LKG-W002: {origins.get(cycle[0], 'ontology/')}: owl:imports cycle between {members}: "
                        f"each is read once from its file, nothing is fetched")
    return warnings


def _name(term) -> str:
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """The groups of ontologies that import each other, each sorted."""
    def successors(node: str) -> list[str]:
        return sorted(set(edges.get(node, ())))
    groups = [sorted(m) for m in components(sorted(edges), successors) if is_cycle(m, successors)]
    return sorted(groups)
