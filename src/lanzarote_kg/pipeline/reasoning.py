"""OWL 2 RL closure.

Three engines: `compiled` (the default: the rules the T-box triggers, as
tables run over the store, see compiled_reasoning), `reasonable` (Rust,
some 50 times faster than owlrl here; it closes the T-box for `compiled`,
and takes over, with a warning, when the T-box uses a construct the tables
lack) and `owlrl` (the reference implementation on rdflib). Tests check
that compiled = reasonable exactly and reasonable = owlrl on the instances. Neither engine's output is
trusted blindly for consistency: owlrl reports clashes as err:ErrorMessage
triples, reasonable reports none, so the build also runs the consistency
checks of queries/checks/ over the closure.
"""
from __future__ import annotations

import tempfile
from itertools import chain
from dataclasses import dataclass, field
from enum import Enum

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from lanzarote_kg.core.terms import TermConverter
from lanzarote_kg.core.namespaces import ERR, Graphs
from lanzarote_kg.pipeline.compiled_reasoning import compiled_closure
from lanzarote_kg.pipeline.functional_properties import same_as, split_declarations
from lanzarote_kg.pipeline.inert_triples import split_inert

_OWL_THING = ox.NamedNode("http://www.w3.org/2002/07/owl#Thing")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ERROR = ox.NamedNode(str(ERR.error))


class Reasoner(str, Enum):
    COMPILED = "compiled"
    REASONABLE = "reasonable"
    OWLRL = "owlrl"


@dataclass
class Closure:
    """What reasoning adds, and any clash the engine itself reported."""

    inferred: list  # ox.Triple
    engine_errors: list[str]
    warnings: list[str] = field(default_factory=list)  # "LKG-W003: ..." when `compiled` fell back


def _load(engine, triples) -> None:
    # reasonable parses a Turtle file in Rust much faster than it converts
    # an rdflib graph, so its input goes through one.
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/input.ttl"
        ox.serialize(triples, output=path, format=ox.RdfFormat.TURTLE)
        engine.load_file(path)


def _closure_reasonable(asserted: list[ox.Triple], prune: bool = True) -> set[ox.Triple]:
    """The closure as pyoxigraph triples (without the inert triples, which
    it would only repeat); prp-fp is applied outside the engine (see
    functional_properties), until it adds no new owl:sameAs."""
    import reasonable

    functional, engine_input = split_declarations(asserted)
    engine_input, inert = split_inert(engine_input) if prune else (engine_input, [])
    engine = reasonable.PyReasoner()
    _load(engine, engine_input)
    convert = TermConverter()
    closure: set[ox.Triple] = set()
    while True:
        closure.update(_to_oxigraph(engine.reason(), convert))  # rdflib terms, converted
        derived = same_as(chain(closure, inert), functional) - closure
        closure |= derived
        # Reflexive owl:sameAs has no consequence; the others go back in.
        pairs = [t for t in derived if t.subject != t.object
                 and isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode)]
        if not pairs:
            return closure
        if inert:  # owl:sameAs would copy the inert triples too: reason over everything
            return _closure_reasonable(asserted, prune=False)
        _load(engine, pairs)


def _closure_owlrl(asserted: list[ox.Triple]):
    import owlrl

    convert = TermConverter()
    closure = Graph()
    closure.addN((convert.to_rdflib(t.subject), convert.to_rdflib(t.predicate), convert.to_rdflib(t.object), closure)
                 for t in asserted)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False,
                           datatype_axioms=False).expand(closure)
    return closure


def _to_oxigraph(triples, convert: TermConverter):
    for s, p, o in triples:
        if isinstance(s, Literal) or not isinstance(p, URIRef):
            continue  # owlrl's generalized RDF (literal subjects) cannot be stored
        yield ox.Triple(convert.to_oxigraph(s), convert.to_oxigraph(p), convert.to_oxigraph(o))


def _asserted_store(asserted) -> tuple[ox.Store, list]:
    """The store and its graphs to reason over: the build's store (its
    asserted named graphs), or a list of triples put in a store's default graph."""
    if isinstance(asserted, ox.Store):
        return asserted, [ox.NamedNode(str(g)) for g in Graphs.ASSERTED]
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in asserted)
    return store, [ox.DefaultGraph()]


def infer(asserted: ox.Store | list[ox.Triple], reasoner: Reasoner = Reasoner.COMPILED,
          ordered: bool = True) -> Closure:
    """The triples the closure adds to the asserted triples, sorted (unless
    `ordered` is False: the build only adds them to the store, and sorting
    600k triples by their text took 3 s at a million).

    `asserted` is the build's store (reasoned over its asserted named
    graphs, read through its indexes by `compiled`) or a list of triples.
    Dropped: generalized triples (a literal as subject, which owlrl makes),
    triples mentioning blank nodes (they describe anonymous class
    expressions of the ontology and would need labels shared across named
    graphs) and `owl:Thing` typings (true of everything, noise for users).
    owlrl's err:ErrorMessage reports are returned as engine_errors.
    """
    warnings = []
    if reasoner is Reasoner.COMPILED:
        closure = compiled_closure(*_asserted_store(asserted), _closure_reasonable)
        if isinstance(closure, set):  # holds only what is not asserted
            return _kept(closure, set(), warnings, ordered)
        warnings.append(closure.warning())  # Unsupported: reasonable gives the closure
        reasoner = Reasoner.REASONABLE
    if isinstance(asserted, ox.Store):
        asserted = [q.triple for g in Graphs.ASSERTED
                    for q in asserted.quads_for_pattern(None, None, None, ox.NamedNode(str(g)))]
    if reasoner is Reasoner.REASONABLE:
        closure = _closure_reasonable(asserted)
    else:
        closure = _to_oxigraph(_closure_owlrl(asserted), TermConverter())
    return _kept(closure, set(asserted), warnings, ordered)


def _kept(closure, known: set, warnings: list[str], ordered: bool = True) -> Closure:
    """The closure's triples as `infer` returns them (see there)."""
    inferred, errors = set(), []
    for triple in closure:
        if triple.predicate == _ERROR:
            errors.append(triple.object.value)
        if triple in known:
            continue
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            continue
        if triple.predicate == _RDF_TYPE and triple.object == _OWL_THING:
            continue
        inferred.add(triple)
    return Closure(inferred=sorted(inferred, key=str) if ordered else list(inferred), engine_errors=sorted(errors),
                   warnings=warnings)
