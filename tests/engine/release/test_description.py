"""The release's dataset description (issue 21): every figure and checksum
recounted from the files, independently of the build's code (SPARQL on
Oxigraph over the N-Quads, hashlib over the bytes), and the HCLS shapes."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import Graph

from lanzarote_kg.core.layout import Layout
from lanzarote_kg.core.namespaces import Graphs
from lanzarote_kg.pipeline.build import BuildOptions, run_build
from lanzarote_kg.pipeline.description import SHAPES_FILE

ROOT = Path(__file__).resolve().parents[3]
P = """PREFIX void: <http://rdfs.org/ns/void#> PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>
PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX spdx: <http://spdx.org/rdf/terms#> PREFIX dct: <http://purl.org/dc/terms/>
PREFIX pav: <http://purl.org/pav/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
DESCRIPTION = f"<{Graphs.DESCRIPTION}>"


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "dist"
    layout = Layout(ROOT)
    source = layout.default_source if layout.default_source.exists() else None
    result = run_build(layout, BuildOptions(out_dir=out, source=source))
    assert result.ok
    return out


@pytest.fixture(scope="module")
def store(dist) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(dist / "lanzarote-kg.nq"), format=ox.RdfFormat.N_QUADS)
    return store


def scalar(store, query: str) -> int:
    rows = list(store.query(P + query))
    return int(rows[0][0].value)


def described(store, query: str) -> list:
    return [tuple(None if t is None else t.value for t in row) for row in store.query(P + query)]


def graph_pattern(graph: str | None) -> tuple[str, str]:
    """(prefix, suffix) around a pattern: one named graph, or the union of
    the five counted graphs as a set of triples (the default graph)."""
    if graph:
        return f"GRAPH <{graph}> {{", "}"
    values = " ".join(f"<{g}>" for g in Graphs.ALL)
    return f"{{ SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{", "} } }"


def recount(store, graph: str | None) -> dict:
    a, b = graph_pattern(graph)
    counts = {
        "triples": scalar(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {a} ?s ?p ?o {b} }}"),
        "entities": scalar(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {a} ?s ?p ?o {b} "
                                  "FILTER (?p = rdf:type && isIRI(?s)) }".replace("rdf:type", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>")),
        "distinctSubjects": scalar(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {a} ?s ?p ?o {b} }}"),
        "distinctObjects": scalar(store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {a} ?s ?p ?o {b} FILTER (!isLiteral(?o)) }}"),
        "properties": scalar(store, f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {a} ?s ?p ?o {b} }}"),
        "classes": scalar(store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {a} ?s ?p ?o {b} "
                                 "FILTER (?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> && isIRI(?o)) }"),
    }
    literals = scalar(store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {a} ?s ?p ?o {b} FILTER (isLiteral(?o)) }}")
    classes = {c: int(n) for c, n in described(store, f"""SELECT ?o (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {a} ?s ?p ?o {b}
        FILTER (?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> && isIRI(?o)) }} GROUP BY ?o""")}
    classes["http://www.w3.org/2000/01/rdf-schema#Literal"] = literals
    properties = {p: int(n) for p, n in described(store, f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {a} ?s ?p ?o {b} }} GROUP BY ?p")}
    return {"counts": counts, "classes": classes, "properties": properties}


def stated(store, node_query: str) -> dict:
    """The figures the description states of the node ?d selected by node_query."""
    counts = {}
    for name in ("triples", "entities", "distinctSubjects", "distinctObjects", "properties", "classes"):
        rows = described(store, f"SELECT ?v WHERE {{ GRAPH {DESCRIPTION} {{ {node_query} ?d void:{name} ?v }} }}")
        assert len(rows) == 1, (name, rows)
        counts[name] = int(rows[0][0])
    classes = {c: int(n) for c, n in described(store, f"""SELECT ?c ?n WHERE {{ GRAPH {DESCRIPTION} {{ {node_query}
        ?d void:classPartition ?part . ?part void:class ?c ; void:entities ?n }} }}""")}
    properties = {p: int(n) for p, n in described(store, f"""SELECT ?p ?n WHERE {{ GRAPH {DESCRIPTION} {{ {node_query}
        ?d void:propertyPartition ?part . ?part void:property ?p ; void:triples ?n }} }}""")}
    return {"counts": counts, "classes": classes, "properties": properties}


@pytest.mark.parametrize("graph", [str(g) for g in Graphs.ALL])
def test_every_figure_of_each_named_graph_is_recounted_equal(store, graph):
    if not scalar(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"):
        pytest.skip(f"{graph} is empty in this build (no source text)")
    figures = stated(store, f"?d sd:name <{graph}> ; a void:Dataset .")
    assert figures == recount(store, graph)
    assert figures["counts"]["triples"] > 0


def test_every_figure_of_the_whole_dataset_is_recounted_equal(store):
    for name in ("lanzarote-kg.trig", "lanzarote-kg.nq"):
        figures = stated(store, f"?d dcat:downloadURL ?url . FILTER (STRENDS(STR(?url), '/{name}'))")
        assert figures == recount(store, None), name
    # The default graph of the service is that union.
    total = recount(store, None)["counts"]["triples"]
    assert described(store, f"SELECT ?n WHERE {{ GRAPH {DESCRIPTION} {{ ?s sd:defaultGraph ?g . ?g void:triples ?n }} }}") == [(str(total),)]


def test_every_file_of_dist_is_described_with_its_size_and_checksum(dist):
    void = Graph().parse(dist / "void.ttl", format="turtle")
    rows = void.query(P + """SELECT ?url ?size ?sum ?media WHERE { ?d a dcat:Distribution ; dcat:downloadURL ?url ;
        dcat:mediaType ?media . OPTIONAL { ?d dcat:byteSize ?size ; spdx:checksum/spdx:checksumValue ?sum } }""")
    seen = {}
    for url, size, digest, media in rows:
        seen[str(url).rsplit("/", 1)[-1]] = (size, digest, media)
    files = {p.name for p in dist.iterdir() if p.is_file()}
    # void.ttl describes every other file, not itself (a file cannot hold its own checksum).
    assert set(seen) == files - {"void.ttl"}
    for name, (size, digest, media) in seen.items():
        payload = (dist / name).read_bytes()
        assert int(size) == len(payload), name
        assert str(digest) == hashlib.sha256(payload).hexdigest(), name
        assert str(media).startswith("https://www.iana.org/assignments/media-types/")


def test_the_description_graph_is_void_ttl_without_the_sizes_of_the_files_that_hold_it(dist, store):
    void = {str(t) for t in ox.parse(path=str(dist / "void.ttl"), format=ox.RdfFormat.TURTLE)}
    graph = {str(q.triple) for q in ox.parse(path=str(dist / "lanzarote-kg.nq"), format=ox.RdfFormat.N_QUADS)
             if q.graph_name == ox.NamedNode(str(Graphs.DESCRIPTION))}
    extra = void - graph
    assert graph <= void
    assert extra and all(("/lanzarote-kg.trig" in line or "/lanzarote-kg.nq" in line) for line in extra)
    assert all(("byteSize" in line or "spdx" in line) for line in extra)
    # Inside the graph, those two files have no size and no checksum.
    assert not described(store, f"""SELECT ?d WHERE {{ GRAPH {DESCRIPTION} {{ ?d dcat:byteSize ?n ; dcat:downloadURL ?u .
        FILTER (STRENDS(STR(?u), '.nq') || STRENDS(STR(?u), '.trig')) }} }}""")


def test_version_level_names_the_source_document_its_checksum_and_the_software(dist, store):
    rows = described(store, f"""SELECT ?version ?doc ?sum WHERE {{ GRAPH {DESCRIPTION} {{ ?v pav:version ?version ;
        dct:isVersionOf ?summary ; dct:source ?doc . ?doc spdx:checksum/spdx:checksumValue ?sum }} }}""")
    from lanzarote_kg import __version__
    assert rows and all(r[0] == __version__ for r in rows)
    recorded = described(store, """SELECT ?doc ?sum WHERE { GRAPH <https://w3id.org/lanzarote-kg/graph/data> {
        ?doc a <https://w3id.org/lanzarote-kg/ontology#SourceDocument> ;
             <https://w3id.org/lanzarote-kg/ontology#sha256> ?sum } }""")
    assert sorted((d, s) for _, d, s in rows) == sorted(recorded)
    source = Layout(ROOT).default_source
    if source.exists():
        assert hashlib.sha256(source.read_bytes()).hexdigest() in {s for _, s in recorded}
    created = described(store, f"SELECT DISTINCT ?w WHERE {{ GRAPH {DESCRIPTION} {{ ?d pav:createdWith ?w }} }}")
    assert created == [(f"https://w3id.org/lanzarote-kg/software/lanzarote-kg/{__version__}",)]


def test_service_description_names_the_graphs_and_the_entailment_of_the_inferred_graph(store):
    named = {r[0] for r in described(store, f"SELECT ?g WHERE {{ GRAPH {DESCRIPTION} {{ ?x sd:namedGraph/sd:name ?g }} }}")}
    present = {r[0] for r in described(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert named == present  # the five graphs (annotations when there is a source text) and the description
    assert set(map(str, Graphs.ALL[:4])) | {str(Graphs.DESCRIPTION)} <= named
    regime = described(store, f"""SELECT ?g ?r ?profile WHERE {{ GRAPH {DESCRIPTION} {{ ?n sd:name ?g ;
        sd:entailmentRegime ?r ; sd:supportedEntailmentProfile ?profile }} }}""")
    assert regime == [(str(Graphs.INFERRED), "http://www.w3.org/ns/entailment/OWL-RDF-Based",
                       "http://www.w3.org/ns/owl-profile/RL")]
    assert described(store, f"SELECT ?f WHERE {{ GRAPH {DESCRIPTION} {{ ?s a sd:Service ; sd:feature ?f }} }}") == [
        ("http://www.w3.org/ns/sparql-service-description#UnionDefaultGraph",)]


def test_the_description_conforms_to_the_hcls_shapes(dist):
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    for name in ("void.ttl", "sparql-examples.ttl"):
        data = Graph().parse(dist / name, format="turtle")
        conforms, _, text = validate(data, shacl_graph=shapes)
        assert conforms, f"{name}: {text}"


def test_the_hcls_shapes_catch_a_missing_licence_and_a_bad_checksum(dist):
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    text = (dist / "void.ttl").read_text(encoding="utf-8")
    data = Graph().parse(data=text, format="turtle")
    from rdflib import URIRef
    license_ = URIRef("http://purl.org/dc/terms/license")
    data.remove((URIRef("https://w3id.org/lanzarote-kg/dataset"), license_, None))
    conforms, _, report = validate(data, shacl_graph=shapes)
    assert not conforms and "license" in report
    data = Graph().parse(data=text.replace('checksumValue "', 'checksumValue "zz', 1), format="turtle")
    conforms, _, report = validate(data, shacl_graph=shapes)
    assert not conforms and "checksumValue" in report


def test_the_description_says_nothing_that_changes_from_build_to_build(dist):
    import re
    text = (dist / "void.ttl").read_text(encoding="utf-8")
    # Dates come from CHANGELOG.md headings only: no clock time anywhere.
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:", text)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    for date in re.findall(r'"(\d{4}-\d{2}-\d{2})"\^\^xsd:date', text):
        assert date in changelog


def test_triplestore_doc_states_no_count_of_this_release(store):
    """docs/TRIPLESTORE.md takes its counts from the build (void.ttl), so it
    cannot go stale: no graph's current triple count is written in it."""
    text = (ROOT / "docs" / "TRIPLESTORE.md").read_text(encoding="utf-8")
    counts = [int(n) for (n,) in described(store, f"SELECT ?n WHERE {{ GRAPH {DESCRIPTION} {{ ?d sd:name ?g ; void:triples ?n }} }}")]
    assert counts
    for n in counts:
        if n >= 100:
            assert f"{n:,}" not in text and f" {n} " not in text, n
    assert "graph/description" in text and "void.ttl" in text
