"""Damaged copies of the paper's graph for the SHACL tests: a change made
to the store in place and undone after (the store is built once), and the
results of the compiled shapes and of pyshacl-turbo as comparable sets of
(focus node, result path, source shape)."""
from __future__ import annotations

from contextlib import contextmanager

import pyoxigraph as ox
from rdflib.namespace import RDF

from lanzarote_kg.core.namespaces import SH, Graphs
from lanzarote_kg.core.terms import from_oxigraph
from lanzarote_kg.pipeline.shacl_terms import sparql_path
from lanzarote_kg.pipeline.validation import ShaclEngine, compiled_findings, compiled_shapes, validate

LKG = "https://w3id.org/lanzarote-kg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DATA = ox.NamedNode(str(Graphs.DATA))
PREAMBLE = (f"PREFIX lkg: <{LKG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            f"PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX xsd: <{XSD}>\n")


def iri(local: str) -> ox.NamedNode:
    return ox.NamedNode(LKG + local if ":" not in local else local)


def typed(text: str, datatype: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))


def first(store, where: str) -> list:
    """The first solution (in the order of its variables' text) of a SELECT over the union graph."""
    rows = [list(row) for row in store.query(PREAMBLE + where, use_default_graph_as_union=True)]
    assert rows, where
    return min(rows, key=lambda row: [str(term) for term in row])


@contextmanager
def damaged(store, remove=(), add=()):
    """Remove each triple (from every graph, asserted and inferred) and add
    each one to the data graph; undo both on exit."""
    removed = [quad for s, p, o in remove for quad in store.quads_for_pattern(s, p, o, None)]
    for quad in removed:
        store.remove(quad)
    added = [ox.Quad(s, p, o, DATA) for s, p, o in add]
    added = [quad for quad in dict.fromkeys(added) if quad not in store]
    for quad in added:
        store.add(quad)
    try:
        yield
    finally:
        for quad in added:
            store.remove(quad)
        for quad in removed:
            store.add(quad)


def compiled_results(kg) -> set:
    return {(from_oxigraph(f.focus), f.path, f.shape) for f in compiled_findings(kg.store, compiled_shapes(kg.shapes))}


def turbo_results(kg) -> set:
    report = validate(kg, ShaclEngine.TURBO).report_graph
    root = next(report.subjects(RDF.type, SH.ValidationReport))
    results = set()
    for result in report.objects(root, SH.result):
        path = report.value(result, SH.resultPath)
        results.add((report.value(result, SH.focusNode), "" if path is None else sparql_path(report, path),
                     report.value(result, SH.sourceShape)))
    return results
