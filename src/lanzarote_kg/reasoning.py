"""OWL 2 RL closure.

Two engines: `reasonable` (Rust, the default, about 50 times faster here) and
`owlrl` (the reference implementation on rdflib). Tests check that both give
the same closure over the project's instances. Neither engine's output is
trusted blindly for consistency: owlrl reports clashes as err:ErrorMessage
triples, reasonable reports none, so the build also runs the consistency
checks in queries/checks/ over the closure.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rdflib import BNode, Graph, Literal
from rdflib.namespace import OWL, RDF, XSD

from .namespaces import ERR


class Reasoner(str, Enum):
    REASONABLE = "reasonable"
    OWLRL = "owlrl"


def _plain(term):
    # reasonable types plain literals as xsd:string; rdflib keeps the two
    # apart, so map them back to keep the closure comparable with the input.
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _closure_reasonable(asserted: Graph) -> Graph:
    import reasonable

    engine = reasonable.PyReasoner()
    engine.from_graph(asserted)
    closure = Graph()
    for triple in engine.reason():
        closure.add(tuple(_plain(term) for term in triple))
    return closure


def _closure_owlrl(asserted: Graph) -> Graph:
    import owlrl

    closure = Graph()
    closure += asserted
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False,
                           datatype_axioms=False).expand(closure)
    return closure


@dataclass
class Closure:
    """What reasoning adds, and any clash the engine itself reported."""

    inferred: Graph
    engine_errors: list[str]


def infer(asserted: Graph, reasoner: Reasoner = Reasoner.REASONABLE) -> Closure:
    """The triples the closure adds to the asserted graph.

    Dropped: triples mentioning blank nodes (they describe anonymous class
    expressions of the ontology and would need labels shared across named
    graphs) and `owl:Thing` typings (true of everything, noise for users).
    owlrl's err:ErrorMessage reports are returned as engine_errors.
    """
    closure = _closure_reasonable(asserted) if reasoner is Reasoner.REASONABLE else _closure_owlrl(asserted)
    inferred = Graph()
    for s, p, o in closure:
        if (s, p, o) in asserted:
            continue
        if isinstance(s, BNode) or isinstance(o, BNode):
            continue
        if p == RDF.type and o == OWL.Thing:
            continue
        inferred.add((s, p, o))
    errors = sorted(str(message) for message in closure.objects(None, ERR.error))
    return Closure(inferred=inferred, engine_errors=errors)
