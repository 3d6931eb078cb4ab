"""Deterministic IRIs for the blank nodes of the instance data.

Passages and interpretation notes are written as blank nodes in data/ for
readability. Parsers label blank nodes at random, which would make the
artifacts differ from build to build and would stop a triplestore load from
being verified triple by triple. So every blank node of the data is replaced
by an IRI derived from its content and from where it hangs: the same input
always gives the same IRIs. (rdflib's Graph.skolemize() reuses the random
labels; W3C RDF canonicalization relabels but keeps blank nodes.)

A blank node inside another (an RDF list, nested brackets) enters its
parent's content by its own content digest, so the work is linear in the
input and no recursion is involved: a 5,000-item list is 5,000 steps. Blank
nodes that reach each other in a cycle see each other as `[]`.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict

import pyoxigraph as ox

from lanzarote_kg.core.namespaces import ID, LKG
from lanzarote_kg.pipeline.cycles import components, is_cycle

_START = ox.NamedNode(str(LKG.startLine))
_END = ox.NamedNode(str(LKG.endLine))
_LINE_NUMBER = re.compile(r"[0-9]{1,7}")  # the paper has about 2,000 lines


def line_number(term) -> int | None:
    """A line number written as a literal, or None when it is not one
    (such as "abc" or a million digits: the shapes report those)."""
    if isinstance(term, ox.Literal) and _LINE_NUMBER.fullmatch(term.value):
        return int(term.value)
    return None


def skolemize(triples: list[ox.Triple]) -> list[ox.Triple]:
    """The triples with every blank node replaced by its skolem IRI."""
    # Only the triples that touch a blank node are looked at twice: at a
    # million triples most of them do not (issue 22).
    outgoing = defaultdict(list)
    incoming = defaultdict(list)
    blanks = {}
    touched = []
    blank = ox.BlankNode
    for index, t in enumerate(triples):
        subject, obj = t.subject, t.object
        if type(subject) is blank:
            outgoing[subject].append((t.predicate, obj))
            blanks.setdefault(subject, None)
            touched.append(index)
            if type(obj) is blank:
                incoming[obj].append((subject, t.predicate))
                blanks.setdefault(obj, None)
        elif type(obj) is blank:
            incoming[obj].append((subject, t.predicate))
            blanks.setdefault(obj, None)
            touched.append(index)
    if not blanks:
        return triples
    children = {node: [o for _, o in outgoing[node] if type(o) is blank] for node in blanks}
    component, order = {}, []
    for members in components(blanks, children.__getitem__):
        if is_cycle(members, children.__getitem__):
            component.update((member, members[0]) for member in members)
        order.extend(members)

    content: dict = {}
    for node in order:  # every blank node after the blank nodes it points to
        parts = []
        for predicate, obj in outgoing[node]:
            if type(obj) is blank:
                same_cycle = node in component and component.get(obj) == component[node]
                value = "[]" if same_cycle else "[" + _digest(content[obj]) + "]"
            else:
                value = str(obj)
            parts.append(f"{predicate} {value}")
        content[node] = ";".join(sorted(parts))

    def iri(node: ox.BlankNode) -> ox.NamedNode:
        anchors = sorted(f"{'[]' if type(s) is blank else s} {p}" for s, p in incoming[node])
        digest = _digest(content[node] + "|" + "|".join(anchors))
        start = end = None
        for predicate, obj in outgoing[node]:  # the last value wins, as a dict of them kept it
            if predicate == _START:
                start = line_number(obj)
            elif predicate == _END:
                end = line_number(obj)
        if start is not None and end is not None:
            return ox.NamedNode(f"{ID}passage/L{start:04d}-{end:04d}-{digest[:10]}")
        return ox.NamedNode(f"{ID}node/{digest[:16]}")

    mapping = {node: iri(node) for node in blanks}
    skolemized = list(triples)
    for index in touched:
        t = skolemized[index]
        skolemized[index] = ox.Triple(mapping.get(t.subject, t.subject), t.predicate, mapping.get(t.object, t.object))
    return skolemized


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
