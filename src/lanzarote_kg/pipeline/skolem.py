"""Deterministic IRIs for the blank nodes of the instance data.

Passages and interpretation notes are written as blank nodes in data/ for
readability. Parsers label blank nodes at random, which would make the
artifacts differ from build to build and would stop a triplestore load from
being verified triple by triple. So every blank node of the data is replaced
by an IRI derived from its content and from where it hangs: the same input
always gives the same IRIs. (rdflib's Graph.skolemize() reuses the random
labels; W3C RDF canonicalization relabels but keeps blank nodes.)
"""
from __future__ import annotations

import hashlib
from collections import defaultdict

import pyoxigraph as ox

from lanzarote_kg.core.namespaces import ID, LKG

_START = ox.NamedNode(str(LKG.startLine))
_END = ox.NamedNode(str(LKG.endLine))


def skolemize(triples: list[ox.Triple]) -> list[ox.Triple]:
    """The triples with every blank node replaced by its skolem IRI."""
    outgoing = defaultdict(list)
    incoming = defaultdict(list)
    for t in triples:
        outgoing[t.subject].append((t.predicate, t.object))
        if isinstance(t.object, ox.BlankNode):
            incoming[t.object].append((t.subject, t.predicate))

    def content(node: ox.BlankNode, trail: frozenset) -> str:
        parts = []
        for predicate, obj in outgoing[node]:
            if isinstance(obj, ox.BlankNode):
                value = "[]" if obj in trail else "[" + content(obj, trail | {node}) + "]"
            else:
                value = str(obj)
            parts.append(f"{predicate} {value}")
        return ";".join(sorted(parts))

    def iri(node: ox.BlankNode) -> ox.NamedNode:
        anchors = sorted(f"{'[]' if isinstance(s, ox.BlankNode) else s} {p}" for s, p in incoming[node])
        digest = hashlib.sha256((content(node, frozenset()) + "|" + "|".join(anchors)).encode("utf-8")).hexdigest()
        values = dict((str(p), o) for p, o in outgoing[node])
        start, end = values.get(str(_START)), values.get(str(_END))
        if isinstance(start, ox.Literal) and isinstance(end, ox.Literal):
            return ox.NamedNode(f"{ID}passage/L{int(start.value):04d}-{int(end.value):04d}-{digest[:10]}")
        return ox.NamedNode(f"{ID}node/{digest[:16]}")

    mapping: dict = {}

    def mapped(term):
        if isinstance(term, ox.BlankNode):
            if term not in mapping:
                mapping[term] = iri(term)
            return mapping[term]
        return term

    return [ox.Triple(mapped(t.subject), t.predicate, mapped(t.object)) for t in triples]
