"""The canned reports as SIB sparql-examples (issue 21): one per report,
generated from the #+ headers, and each runs and answers what the report
answers (its parameters bound to the #+ example values)."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from lanzarote_kg.core.layout import Layout
from lanzarote_kg.pipeline.build import BuildOptions, run_build
from lanzarote_kg.reports.runner import run_report
from lanzarote_kg.sparql.catalogue import catalogue
from lanzarote_kg.sparql.concat import sorted_concatenations
from lanzarote_kg.sparql.engines import select_oxigraph

ROOT = Path(__file__).resolve().parents[3]
SH = Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = Namespace("https://schema.org/")
QUERIES = catalogue(ROOT / "queries")


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("examples") / "dist"
    layout = Layout(ROOT)
    source = layout.default_source if layout.default_source.exists() else None
    assert run_build(layout, BuildOptions(out_dir=out, source=source)).ok
    return out


@pytest.fixture(scope="module")
def examples(dist) -> Graph:
    return Graph().parse(dist / "sparql-examples.ttl", format="turtle")


@pytest.fixture(scope="module")
def store(dist) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(dist / "lanzarote-kg.nq"), format=ox.RdfFormat.N_QUADS)
    return store


def test_one_example_per_report(examples):
    nodes = set(examples.subjects(RDF.type, SH.SPARQLSelectExecutable))
    assert nodes == set(examples.subjects(RDF.type, SH.SPARQLExecutable))
    assert {str(n).rsplit("/", 1)[-1] for n in nodes} == {q.name for q in QUERIES}
    assert len(nodes) == len(QUERIES) >= 17


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_each_example_carries_the_headers_and_runs_as_the_report(query, examples, store):
    node = URIRef("https://w3id.org/lanzarote-kg/.well-known/sparql-examples/" + query.name)
    assert str(examples.value(node, RDFS.comment)) == (query.question or query.title)
    assert str(examples.value(node, RDFS.label)) == query.title
    assert examples.value(node, SCHEMA.target) == URIRef("http://127.0.0.1:7878/query")
    assert query.name in {str(k) for k in examples.objects(node, SCHEMA.keywords)}
    declared = {str(examples.value(d, SH.prefix)): str(examples.value(d, SH.namespace))
                for d in examples.objects(examples.value(node, SH.prefixes), SH.declare)}
    assert declared and all(f"PREFIX {p}: <{n}>" in query.text for p, n in declared.items())
    # The parameters and their types, with the example value.
    parameters = {str(examples.value(p, SH.name)): p for p in examples.objects(node, SH.parameter)}
    assert set(parameters) == {p.name for p in query.parameters}
    given = dict(part.split("=", 1) for part in query.extra.get("example", "").split())
    for parameter in query.parameters:
        described = parameters[parameter.name]
        assert str(examples.value(described, URIRef("http://purl.org/dc/terms/type"))) == parameter.type
        assert examples.value(described, SH.nodeKind) is not None
        assert examples.value(described, SH.defaultValue) is not None
    # It runs, and answers what the report answers.
    text = str(examples.value(node, SH.select))
    assert "#+" not in text
    example = sorted_concatenations(select_oxigraph(store, text, origin=query.name), text)
    report = run_report(ROOT / "queries", query.name, store, given).table
    assert example.variables == report.variables
    assert sorted(map(str, example.rows)) == sorted(map(str, report.rows))
    assert example.rows, f"{query.name}: the example answers no rows"
