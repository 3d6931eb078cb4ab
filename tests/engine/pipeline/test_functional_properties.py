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
