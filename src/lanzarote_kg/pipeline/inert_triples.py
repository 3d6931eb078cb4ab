"""Triples no OWL 2 RL rule can use, kept out of the reasoner.

reasonable returns every triple it was given along with what it inferred,
as rdflib terms, and the build converts them all back: at scale that
conversion is most of the reasoning stage. A triple `s p o` can only take
part in a rule through what the graph says about `p` (domain, range,
sub-property, inverse, chain, restriction, key, disjointness, symmetric or
transitive ...) or through owl:sameAs of s or o. So when the graph says
nothing about `p` but annotations, its declaration, a datatype range
(which types only the literal, a triple the build drops) or that it is
functional (applied outside the reasoner, see functional_properties), and
is not itself in the OWL, RDF or RDFS vocabulary, its triples are inert
and go around the reasoner. Measured on the scale corpus: labels, line
numbers and similar literals are about a third of the data. The closure is
the same as with them (the paper's dist/ is byte-identical, and
reasonable = owlrl is tested); if owl:sameAs between two different
resources is ever inferred, the build reasons again over every triple,
since sameAs would copy inert triples too.
"""
from __future__ import annotations

import pyoxigraph as ox

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode(_RDF + "type")
RANGE = ox.NamedNode(_RDFS + "range")
SUB_PROPERTY = ox.NamedNode(_RDFS + "subPropertyOf")
# What the graph may say of an inert property: its kind, and annotations.
_HARMLESS_KINDS = {ox.NamedNode(_OWL + k) for k in ("DatatypeProperty", "ObjectProperty", "AnnotationProperty",
                                                     "FunctionalProperty")} | {ox.NamedNode(_RDF + "Property")}
_ANNOTATIONS = {ox.NamedNode(_RDFS + k) for k in ("label", "comment", "isDefinedBy", "seeAlso")}


def _vocabulary(term) -> bool:
    return term.value.startswith((_RDF, _RDFS, _OWL)) and term not in _ANNOTATIONS


def _harmless(triple: ox.Triple) -> bool:
    """A statement about a property that no rule reads."""
    p, o = triple.predicate, triple.object
    if p == RDF_TYPE:
        return o in _HARMLESS_KINDS
    if p == RANGE:
        return isinstance(o, ox.NamedNode) and (o.value.startswith(_XSD) or o.value == _RDFS + "Literal")
    return not _vocabulary(p)  # an annotation (skos:definition, rdfs:label ...)


def inert_predicates(triples: list[ox.Triple]) -> set:
    """The predicates whose triples no rule can use (see the module's doc)."""
    used = {t.predicate for t in triples}
    inert = {p for p in used if p != RDF_TYPE and not _vocabulary(p)}
    literal_only = set(inert)
    for t in triples:
        if t.predicate in literal_only and not isinstance(t.object, ox.Literal):
            literal_only.discard(t.predicate)
    for t in triples:
        if t.subject in inert and not _harmless(t):
            inert.discard(t.subject)
        elif t.subject in inert and t.predicate == RANGE and t.subject not in literal_only:
            inert.discard(t.subject)  # a datatype range on resources: a clash the reasoner may report
        if t.object in inert and t.predicate != SUB_PROPERTY and _vocabulary(t.predicate):
            inert.discard(t.object)  # named by a restriction, inverse, chain, key ...
    return inert


def split_inert(triples: list[ox.Triple]) -> tuple[list[ox.Triple], list[ox.Triple]]:
    """(triples for the reasoner, inert triples)."""
    inert = inert_predicates(triples)
    active, passive = [], []
    for t in triples:
        (passive if t.predicate in inert else active).append(t)
    return active, passive
