"""Deterministic IRIs for the blank nodes of the instance data.

Passages and interpretation notes are written as blank nodes in data/ for
readability. rdflib labels blank nodes at random on every parse, which would
make the artifacts differ from build to build and would stop a triplestore
load from being verified triple by triple. So every blank node of the data
graph is replaced by an IRI derived from its content and from where it hangs:
the same input always gives the same IRIs. (rdflib's own Graph.skolemize()
reuses the random labels, so it cannot be used for this.)
"""
from __future__ import annotations

import hashlib

from rdflib import BNode, Graph, URIRef

from .namespaces import ID, LKG


def _content_signature(node: BNode, graph: Graph, trail: frozenset) -> str:
    """A string that depends only on the node's outgoing triples."""
    parts = []
    for predicate, obj in graph.predicate_objects(node):
        if isinstance(obj, BNode):
            value = "[]" if obj in trail else "[" + _content_signature(obj, graph, trail | {node}) + "]"
        else:
            value = obj.n3()
        parts.append(f"{predicate.n3()} {value}")
    return ";".join(sorted(parts))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def skolem_iri(node: BNode, graph: Graph) -> URIRef:
    """The IRI that replaces one blank node of the data graph."""
    content = _content_signature(node, graph, frozenset())
    anchors = sorted(
        f"{(s.n3() if not isinstance(s, BNode) else '[]')} {p.n3()}" for s, p in graph.subject_predicates(node)
    )
    digest = _digest(content + "|" + "|".join(anchors))
    start = graph.value(node, LKG.startLine)
    end = graph.value(node, LKG.endLine)
    if start is not None and end is not None:
        return ID[f"passage/L{int(start):04d}-{int(end):04d}-{digest[:10]}"]
    return ID[f"node/{digest[:16]}"]


def skolemize(graph: Graph) -> Graph:
    """A copy of the graph with every blank node replaced by its skolem IRI."""
    mapping = {}
    for term in set(graph.subjects()) | set(graph.objects()):
        if isinstance(term, BNode):
            mapping[term] = skolem_iri(term, graph)
    result = Graph()
    for s, p, o in graph:
        result.add((mapping.get(s, s), p, mapping.get(o, o)))
    return result
