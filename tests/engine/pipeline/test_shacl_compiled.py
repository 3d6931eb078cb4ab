"""Issue 22: the shapes compiled to SPARQL give pyshacl-turbo's results.

One planted violation per constraint, target and path kind the project's
shapes use; damaged copies of the paper's graph drawn by hypothesis (the
compiled shapes find a violation iff pyshacl-turbo does, with the same
(focus, path, source shape) set); the conforming report's bytes; the
fallback to pyshacl-turbo with its warning; datatype well-formedness."""
from __future__ import annotations

import os
from types import SimpleNamespace

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from helpers import ROOT
from lanzarote_kg.core.layout import Layout
from lanzarote_kg.core.namespaces import PREFIXES, Graphs
from lanzarote_kg.pipeline import serialization as ser
from lanzarote_kg.pipeline.knowledge_graph import load
from lanzarote_kg.pipeline.reasoning import infer
from lanzarote_kg.pipeline.validation import ShaclEngine, compiled_findings, compiled_shapes, validate
from shacl_damage import DATA, compiled_results, damaged, first, iri, turbo_results, typed

SCALE = int(os.environ.get("LKG_FUZZ_SCALE", "0"))  # `make fuzz` runs more examples, random each time
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SKOS_DEFINITION = ox.NamedNode("http://www.w3.org/2004/02/skos/core#definition")


@pytest.fixture(scope="module")
def graph():
    """The paper's graph, reasoned, built once: each test damages it and undoes the damage."""
    kg = load(Layout(ROOT))
    kg.set_inferred(infer(kg.triples(*Graphs.ASSERTED)).inferred)
    return kg


def _replace(store, where: str, predicate: str, new):
    """Remove ?s's value of `predicate` and give it `new` instead: (remove, add, ?s)."""
    subject, old = first(store, where)
    return [(subject, iri(predicate), old)], [(subject, iri(predicate), new)], subject


def _plant(store, case: str):
    """(remove, add, expected (focus, path, component)) for one planted violation."""
    passage = first(store, "SELECT ?p WHERE { ?p lkg:quote ?q }")[0]
    start = f"SELECT ?s ?o WHERE {{ <{passage.value}> lkg:startLine ?o BIND(<{passage.value}> AS ?s) }}"
    if case == "minCount":
        (quote,) = first(store, f"SELECT ?q WHERE {{ <{passage.value}> lkg:quote ?q }}")
        return [(passage, iri("quote"), quote)], [], (passage, f"<{iri('quote').value}>", "minCount")
    if case == "maxCount":
        return [], [(passage, iri("startLine"), typed("99999", "integer"))], (passage, "<%sstartLine>" % iri("").value, "maxCount")
    if case in ("datatype-other", "datatype-ill-formed", "minInclusive"):
        new = {"datatype-other": typed("7", "decimal"), "datatype-ill-formed": typed("1.5", "integer"),
               "minInclusive": typed("0", "integer")}[case]
        remove, add, focus = _replace(store, start, "startLine", new)
        component = "minInclusive" if case == "minInclusive" else "datatype"
        return remove, add, (focus, f"<{iri('startLine').value}>", component)
    if case == "node":  # a date not of the form xsd:gYear allows, through lkgsh:PartialDate's sh:or
        remove, add, focus = _replace(store, "SELECT ?s ?o WHERE { ?s lkg:date ?o }", "date",
                                      typed("two thousand", "gYear"))
        return remove, add, (focus, f"<{iri('date').value}>", "node")
    if case == "class":  # evidence that is no passage (the source document)
        remove, add, focus = _replace(store, "SELECT ?s ?o WHERE { ?s a lkg:Place ; lkg:evidence ?o }", "evidence",
                                      iri("https://w3id.org/lanzarote-kg/id/document/coe-2012-international-cooperation-lanzarote"))
        return remove, add, (focus, f"<{iri('evidence').value}>", "class")
    if case in ("languageIn", "uniqueLang"):
        subject, label = first(store, "SELECT ?s ?l WHERE { ?s a lkg:Place ; rdfs:label ?l }")
        new = ox.Literal("elsewhere", language="fr" if case == "languageIn" else "en")
        remove = [(subject, RDFS_LABEL, label)] if case == "languageIn" else []
        return remove, [(subject, RDFS_LABEL, new)], (subject, f"<{RDFS_LABEL.value}>", case)
    if case == "pattern":
        remove, add, focus = _replace(store, "SELECT ?s ?o WHERE { ?s lkg:sha256 ?o }", "sha256", ox.Literal("XYZ"))
        return remove, add, (focus, f"<{iri('sha256').value}>", "pattern")
    if case in ("minLength", "maxLength"):
        text = "ab" if case == "minLength" else "word " * 90
        remove, add, focus = _replace(store, f"SELECT ?s ?o WHERE {{ <{passage.value}> lkg:quote ?o "
                                             f"BIND(<{passage.value}> AS ?s) }}", "quote", ox.Literal(text))
        return remove, add, (focus, f"<{iri('quote').value}>", case)
    if case == "hasValue":
        remove, add, focus = _replace(store, "SELECT ?s ?o WHERE { ?s lkg:labelCoined ?o }", "labelCoined",
                                      typed("false", "boolean"))
        return remove, add, (focus, f"<{iri('labelCoined').value}>", "hasValue")
    if case == "nodeKind":
        return [], [(passage, iri("supports"), ox.Literal("a label"))], (passage, f"<{iri('supports').value}>", "nodeKind")
    if case == "or-node-shape":  # something that is no passage supports a statement
        (place,) = first(store, "SELECT ?s WHERE { ?s a lkg:Place }")
        return [], [(place, iri("supports"), RDFS_LABEL)], (place, "", "or")
    if case == "or-property-shape":  # a participant that is no actor
        remove, add, focus = _replace(store, "SELECT ?s ?o WHERE { ?s lkg:participant ?o }", "participant", passage)
        return remove, add, (focus, f"<{iri('participant').value}>", "or")
    if case == "xone":  # a topic that is both kinds
        (topic,) = first(store, "SELECT ?t WHERE { ?t a lkg:ThematicTopic }")
        return [], [(topic, RDF_TYPE, iri("MeansOfAction"))], (topic, "", "xone")
    if case == "not":
        (objective,) = first(store, "SELECT ?o WHERE { ?o a lkg:SpecificObjective }")
        return [], [(objective, RDF_TYPE, iri("CommonObjective"))], (objective, "", "not")
    if case == "node-nested-property":  # a supported value that names no property
        supporter, value, prop = first(store, "SELECT ?s ?v ?p WHERE { ?s lkg:supportsValue ?v . ?v lkg:property ?p }")
        return [(value, iri("property"), prop)], [], (supporter, f"<{iri('supportsValue').value}>", "node")
    if case == "sparql-date-order":
        remove, add, focus = _replace(store, "SELECT ?s ?o WHERE { ?s lkg:startDate ?a ; lkg:endDate ?o }", "endDate",
                                      typed("1900", "gYear"))
        return remove, add, (focus, "", "sparql")
    if case == "sparql-country":
        country, source = first(store, "SELECT ?c ?s WHERE { ?c lkg:iso3166Alpha2 ?i ; lkg:externalSource ?s }")
        return [(country, iri("externalSource"), source)], [], (country, "", "sparql")
    if case == "sparql-target":  # an ontology class without its definition
        (term,) = first(store, "SELECT ?c WHERE { ?c a owl:Class ; skos:definition ?d FILTER(STRSTARTS(STR(?c), STR(lkg:))) }"
                        .replace("owl:Class", "<http://www.w3.org/2002/07/owl#Class>"))
        return [(term, SKOS_DEFINITION, None)], [], (term, f"<{SKOS_DEFINITION.value}>", "minCount")
    if case == "target-node":
        ontology = ox.NamedNode("https://w3id.org/lanzarote-kg/ontology")
        license_ = ox.NamedNode("http://purl.org/dc/terms/license")
        return [(ontology, license_, None)], [], (ontology, f"<{license_.value}>", "minCount")
    if case == "target-objects-of":  # an interpretation without its reason
        (interpretation,) = first(store, "SELECT ?i WHERE { ?s lkg:interpretation ?i }")
        return [(interpretation, iri("reason"), None)], [], (interpretation, f"<{iri('reason').value}>", "minCount")
    if case == "inverse-path":  # an erratum nothing points to
        subject, erratum = first(store, "SELECT ?s ?e WHERE { ?s lkg:erratum ?e }")
        return [(subject, iri("erratum"), erratum)], [], (erratum, f"^(<{iri('erratum').value}>)", "minCount")
    if case == "sequence-path":  # a document part that names no document
        part, document = first(store, f"SELECT ?t ?d WHERE {{ <{passage.value}> lkg:inPart ?t . ?t lkg:partOfDocument ?d }}")
        path = f"(<{iri('inPart').value}>/<{iri('partOfDocument').value}>)"
        return [(part, iri("partOfDocument"), document)], [], (passage, path, "minCount")
    if case == "subclass-target":  # typed with a subclass in the data only (no closure): still a target
        node = ox.NamedNode("https://w3id.org/lanzarote-kg/id/country/planted")
        return [], [(node, RDF_TYPE, iri("Country"))], (node, f"<{iri('evidence').value}>", "minCount")
    raise AssertionError(case)


PLANTED = ["minCount", "maxCount", "datatype-other", "datatype-ill-formed", "minInclusive", "node", "class",
           "languageIn", "uniqueLang", "pattern", "minLength", "maxLength", "hasValue", "nodeKind", "or-node-shape",
           "or-property-shape", "xone", "not", "node-nested-property", "sparql-date-order", "sparql-country",
           "sparql-target", "target-node", "target-objects-of", "inverse-path", "sequence-path", "subclass-target"]


@pytest.mark.parametrize("case", PLANTED)
def test_a_planted_violation_is_found_by_the_compiled_shapes(graph, case):
    remove, add, expected = _plant(graph.store, case)
    queries = [q for q in compiled_shapes(graph.shapes) if q.component == expected[2]]  # the others: below
    with damaged(graph.store, remove, add):
        found = {(f.focus, f.path, f.component) for f in compiled_findings(graph.store, queries)}
    assert expected in found, sorted(map(str, found))[:10]


def test_every_planted_violation_gives_pyshacl_turbos_results(graph):
    remove, add = [], []
    for case in PLANTED:
        more_remove, more_add, _ = _plant(graph.store, case)
        remove += more_remove
        add += more_add
    with damaged(graph.store, remove, add):
        compiled, turbo = compiled_results(graph), turbo_results(graph)
    assert len(turbo) > len(PLANTED)
    assert compiled == turbo


def test_a_class_value_typed_by_a_subclass_in_the_data_alone_conforms(graph):
    """sh:class follows rdfs:subClassOf* in the data graph, as SHACL says,
    so it does not depend on the closure holding the superclass typing."""
    (event,) = first(graph.store, "SELECT ?e WHERE { ?e a lkg:Event ; lkg:location ?l }")
    node = ox.NamedNode("https://w3id.org/lanzarote-kg/id/country/planted")
    add = [(node, RDF_TYPE, iri("Country")), (event, iri("location"), node)]
    with damaged(graph.store, [], add):
        found = compiled_findings(graph.store, compiled_shapes(graph.shapes))
        assert compiled_results(graph) == turbo_results(graph)
    assert not [f for f in found if f.component == "class"]
    assert {f.focus for f in found} == {node}  # its missing label and evidence


# --- damaged copies drawn by hypothesis ------------------------------------------------

LITERALS = [typed("two thousand", "gYear"), typed("2011", "gYear"), typed("2011-13", "gYearMonth"),
            typed("2011-02-29", "date"), typed("2012-02-29", "date"), typed("2011", "integer"), typed("abc", "integer"),
            typed("1.5", "integer"), typed("0", "integer"), typed("01", "integer"), typed("1e3", "decimal"),
            typed(".5", "decimal"), typed("TRUE", "boolean"), typed("false", "boolean"), typed("P1W", "duration"),
            typed("P18M", "duration"), ox.Literal("ab"), ox.Literal("EUR"), ox.Literal("eur"), ox.Literal("2011"),
            ox.Literal("x", language="en"), ox.Literal("x", language="fr"), ox.Literal("word " * 90),
            ox.NamedNode("https://w3id.org/lanzarote-kg/id/place/nowhere")]
KINDS = ("drop", "second-value", "retype", "repoint", "unlabel", "relabel", "untype", "add-triple")


@pytest.fixture(scope="module")
def pools(graph):
    """What a damage picks from: the data statements whose predicate a shape's path names, and the subjects."""
    shaped = {iri(p) for p in ("quote", "startLine", "endLine", "inPart", "partOfDocument", "evidence", "date",
                               "startDate", "endDate", "numericValue", "amount", "currency", "unit", "participant",
                               "participationIn", "role", "sequence", "supports", "labelCoined", "referenceYear",
                               "duration", "instrumentKind", "topicOf", "erratum", "externalSource", "iso3166Alpha2",
                               "sha256", "textFile", "location", "deonticForce", "requirement", "bearer", "itemOf",
                               "claimKind", "reason", "interpretation", "preparatoryTo")} | {RDFS_LABEL}
    statements = sorted((q.triple for q in graph.store.quads_for_pattern(None, None, None, DATA)
                         if q.predicate in shaped), key=str)
    subjects = sorted({t.subject for t in statements if isinstance(t.subject, ox.NamedNode)}, key=str)
    types = sorted((q.triple for q in graph.store.quads_for_pattern(None, RDF_TYPE, None, DATA)), key=str)
    return SimpleNamespace(statements=statements, subjects=subjects, types=types, predicates=sorted(shaped, key=str))


def _damage(pools, kind: str, i: int, j: int):
    """(remove, add) for one damage; i and j pick among the pools."""
    s, p, o = pools.statements[i % len(pools.statements)]
    other = pools.statements[j % len(pools.statements)]
    subject = pools.subjects[j % len(pools.subjects)]
    if kind == "drop":
        return [(s, p, o)], []
    if kind == "second-value":
        return [], [(s, p, other.object)]
    if kind == "retype":
        return [(s, p, o)], [(s, p, LITERALS[j % len(LITERALS)])]
    if kind == "repoint":
        return [(s, p, o)], [(s, p, subject)]
    if kind == "unlabel":
        return [(subject, RDFS_LABEL, None)], []
    if kind == "relabel":
        return [], [(subject, RDFS_LABEL, LITERALS[i % len(LITERALS)])]
    if kind == "untype":
        typing = pools.types[i % len(pools.types)]
        return [(typing.subject, RDF_TYPE, typing.object)], []
    return [], [(subject, pools.predicates[i % len(pools.predicates)], other.object)]  # add-triple


def _settings(examples: int):
    if SCALE:
        return settings(max_examples=examples * SCALE, deadline=None, derandomize=False,
                        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@_settings(examples=12)
@given(damages=st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 10**6), st.integers(0, 10**6)),
                        min_size=1, max_size=4))
def test_compiled_shapes_give_pyshacl_turbos_results_on_damaged_data(graph, pools, damages):
    remove, add = [], []
    for kind, i, j in damages:
        more_remove, more_add = _damage(pools, kind, i, j)
        remove += more_remove
        add += more_add
    with damaged(graph.store, remove, add):
        compiled, turbo = compiled_results(graph), turbo_results(graph)
    event("violations found" if turbo else "conforms")
    assert compiled == turbo


# --- the report, the engine choice and the fallback --------------------------------------------

def test_a_conforming_graph_gives_pyshacl_turbos_report_bytes(graph):
    compiled = validate(graph, ShaclEngine.COMPILED)
    turbo = validate(graph, ShaclEngine.TURBO)
    assert compiled.conforms and turbo.conforms and compiled.warnings == []
    assert ser.canonical_turtle(compiled.report_graph, PREFIXES) == ser.canonical_turtle(turbo.report_graph, PREFIXES)


def test_a_violation_gives_pyshacl_turbos_report(graph):
    remove, add, _ = _plant(graph.store, "node")
    with damaged(graph.store, remove, add):
        compiled, turbo = validate(graph, ShaclEngine.COMPILED), validate(graph, ShaclEngine.TURBO)
    assert not compiled.conforms and [v.line() for v in compiled.violations] == [v.line() for v in turbo.violations]
    assert ser.canonical_turtle(compiled.report_graph, PREFIXES) == ser.canonical_turtle(turbo.report_graph, PREFIXES)


def test_the_shapes_are_compiled_once_per_shapes_graph(graph):
    assert compiled_shapes(graph.shapes) is compiled_shapes(graph.shapes)
    assert len(compiled_shapes(graph.shapes)) > 200


SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://s/Thing> a sh:NodeShape ; sh:targetSubjectsOf <http://p/value> ; {extra}
    sh:property [ sh:path <http://p/value> ; sh:datatype xsd:{datatype} ] ."""


def _small_graph(literals: list, datatype: str, extra: str = ""):
    store = ox.Store()
    for n, literal in enumerate(literals):
        store.add(ox.Quad(ox.NamedNode(f"http://n/{n}"), ox.NamedNode("http://p/value"), literal, DATA))
    shapes = Graph().parse(data=SHAPES.format(datatype=datatype, extra=extra), format="turtle")
    return SimpleNamespace(store=store, shapes=shapes, origins={})


def test_shapes_the_compiler_does_not_cover_are_validated_by_pyshacl_turbo_with_a_warning():
    small = _small_graph([typed("1", "integer"), typed("x", "integer")], "integer",
                         "sh:closed true ; sh:ignoredProperties ( <http://p/value> ) ;")
    report = validate(small, ShaclEngine.COMPILED)
    assert report.warnings == ["LKG-W004: the SHACL shapes use sh:closed, which the compiled validation does not "
                               "cover: validated with pyshacl-turbo instead (slower on a large graph)"]
    assert [v.focus for v in report.errors] == ["http://n/1"]


@pytest.mark.parametrize("datatype, texts", [
    ("gYear", ["2011", "two thousand", " 2011", "+2011", "0000", "-0001", "2011Z", "2011+15:00", "201", "20111"]),
    ("gYearMonth", ["2011-05", "2011-13", "2011-5", "2011-00", "2011-05Z"]),
    ("date", ["2011-05-03", "2011-02-29", "2012-02-29", "2011-5-3", "2011-05-03T00:00:00", "99999-01-01"]),
    ("integer", ["1", "01", "+1", "-0", " 1", "1.0", "1e3", "", "99999999999999999999999999"]),
    ("decimal", ["1", "1.", ".5", "+.5", "1e3", "NaN", "-0.0", "1.0000000000000000000000001"]),
    ("boolean", ["true", "false", "1", "0", "TRUE", " true"]),
    ("duration", ["P18M", "P", "PT", "-P1D", "P1.5Y", "PT1.5S", "P1W", "P-1D", "P99999999999999999999Y"]),
    ("dateTime", ["2011-05-03T00:00:00", "2011-05-03", "2011-05-03T24:00:00", "2011-05-03T10:00:60"]),
])
def test_a_literal_is_a_valid_value_of_its_datatype_as_pyshacl_turbo_decides(datatype, texts):
    """Oxigraph keeps an ill-formed literal as written; the compiled shapes
    decide well-formedness as pyshacl-turbo does (see shacl_terms)."""
    small = _small_graph([typed(text, datatype) for text in texts], datatype)
    compiled = {f.focus.value for f in compiled_findings(small.store, compiled_shapes(small.shapes))}
    turbo = {str(focus) for focus, _, _ in turbo_results(small)}
    assert compiled == turbo
    assert 0 < len(turbo) < len(texts)
