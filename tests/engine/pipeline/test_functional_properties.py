"""prp-fp runs outside reasonable (its own join of a functional property is
quadratic); the closure must still be OWL 2 RL's: the owl:sameAs it yields
go back to the reasoner, and the instance closure equals owlrl's."""
from __future__ import annotations

import pyoxigraph as ox

from lanzarote_kg.pipeline.reasoning import Reasoner, infer

X = "urn:x:"
OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _t(s, p, o) -> ox.Triple:
    return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), o if isinstance(o, ox.Literal) else ox.NamedNode(o))


ASSERTED = [
    _t(X + "has", RDF_TYPE, OWL + "FunctionalProperty"),
    _t(X + "a", X + "has", X + "b"), _t(X + "a", X + "has", X + "c"),  # so b = c
    _t(X + "b", X + "colour", ox.Literal("red")),
    _t(X + "d", X + "has", X + "e"),  # one value: only e = e
]


def _instances(reasoner: Reasoner) -> set[str]:
    return {str(t) for t in infer(ASSERTED, reasoner).inferred if t.subject.value.startswith(X)}


def test_functional_property_values_are_the_same_and_share_their_facts():
    inferred = _instances(Reasoner.REASONABLE)
    same = "<http://www.w3.org/2002/07/owl#sameAs>"
    assert f"<{X}b> {same} <{X}c>" in inferred and f"<{X}c> {same} <{X}b>" in inferred
    assert f'<{X}c> <{X}colour> "red"' in inferred  # eq-rep-s, drawn by the reasoner from the fed-back pair
    assert f"<{X}e> {same} <{X}e>" in inferred


def test_the_instance_closure_is_owlrl_s():
    def non_reflexive(reasoner):
        return {t for t in _instances(reasoner) if t.split(" ")[0] != t.split(" ")[2]}

    assert non_reflexive(Reasoner.REASONABLE) == non_reflexive(Reasoner.OWLRL)


def test_only_triples_no_rule_can_use_go_around_the_reasoner():
    from lanzarote_kg.pipeline.inert_triples import inert_predicates

    rdfs, xsd = "http://www.w3.org/2000/01/rdf-schema#", "http://www.w3.org/2001/XMLSchema#"
    triples = [
        _t(X + "line", rdfs + "range", xsd + "integer"), _t(X + "line", RDF_TYPE, OWL + "FunctionalProperty"),
        _t(X + "kind", rdfs + "domain", X + "Thing"),
        _t(X + "restriction", OWL + "onProperty", X + "role"),
        _t(X + "other", rdfs + "subPropertyOf", X + "broader"),  # broader's own triples stay inert
        _t(X + "a", X + "line", ox.Literal("7")), _t(X + "a", X + "kind", ox.Literal("k")),
        _t(X + "a", X + "role", X + "r"), _t(X + "a", rdfs + "label", ox.Literal("a")),
        _t(X + "a", X + "broader", X + "b"), _t(X + "a", X + "other", X + "b"),
    ]
    assert {p.value for p in inert_predicates(triples)} == {X + "line", rdfs + "label", X + "broader"}
