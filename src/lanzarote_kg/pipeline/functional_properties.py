"""OWL 2 RL rule prp-fp (functional properties), outside the reasoner.

reasonable 0.4.4 joins every triple of a functional property with every
other triple of the same property, not only those sharing a subject:
measured on 10,000 `lkg:startLine` triples alone it took 11 s and 1.8 GB,
on 20,000 four times that, and on the 100k-triple synthetic build 77 s and
12 GB (the paper's graph only escapes because it is small). So the build
takes the `owl:FunctionalProperty` declarations out of the reasoner's input
and applies the rule here, grouping by (subject, property), which is linear:

    prp-fp: p a owl:FunctionalProperty, x p y1, x p y2  =>  y1 owl:sameAs y2

Like reasonable, it yields the pairs between resources (y1 = y2 included,
the reflexive triples reasonable gives) and none between literals (a
literal cannot be a subject; two values of a functional datatype property
are caught by the shapes' sh:maxCount). The non-reflexive pairs go back to
the reasoner, so their consequences (eq-sym, eq-trans, eq-rep-*) are drawn.
"""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

OWL_FUNCTIONAL = ox.NamedNode("http://www.w3.org/2002/07/owl#FunctionalProperty")
OWL_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def split_declarations(asserted: list[ox.Triple]) -> tuple[set, list[ox.Triple]]:
    """(functional properties, the asserted triples without their declarations)."""
    functional, rest = set(), []
    for triple in asserted:
        if triple.predicate == RDF_TYPE and triple.object == OWL_FUNCTIONAL:
            functional.add(triple.subject)
        else:
            rest.append(triple)
    return functional, rest


def same_as(triples, functional: set) -> set[ox.Triple]:
    """What prp-fp concludes from `triples` (ox.Triple, or (s, p, o) of
    pyoxigraph terms): owl:sameAs between the resource values a subject has
    for one functional property."""
    if not functional:
        return set()
    values: dict = defaultdict(set)
    for s, p, o in triples:
        if p in functional and not isinstance(o, ox.Literal):
            values[(s, p)].add(o)
    found = set()
    for objects in values.values():
        for y1 in objects:
            for y2 in objects:
                found.add(ox.Triple(y1, OWL_SAME_AS, y2))
    return found
