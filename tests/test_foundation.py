"""The foundation's promises, checked against the paper's real answers."""
from __future__ import annotations

from lanzarote_kg.reasoning import Reasoner


def test_build_of_the_paper_is_clean(build_result):
    assert build_result.report.errors == []
    assert build_result.quote_problems == []
    assert [c.name for c in build_result.check_failures if c.severity == "error"] == []
    assert build_result.engine_errors == []
    assert build_result.ok


def test_convention_dates_as_the_introduction_prints_them(kg):
    rows = kg.select("""
        SELECT ?signature ?force WHERE {
          inst:lanzarote-convention lkg:openedForSignatureDate ?signature ; lkg:entryIntoForceDate ?force .
        }""")
    assert rows == [("2007-10-25", "2010-07-10")]


def test_article_38_is_part_of_the_convention(kg):
    rows = kg.select("SELECT ?whole WHERE { lzc:article-38 lkg:partOf ?whole } ORDER BY ?whole")
    assert rows == [("https://w3id.org/lanzarote-kg/id/instrument/lanzarote-convention",)]


def test_article_38_has_four_paragraphs_and_three_points(kg):
    paragraphs = kg.select("""
        SELECT ?number WHERE { ?p a lkg:Paragraph ; lkg:partOf lzc:article-38 ; lkg:provisionNumber ?number . }
        ORDER BY ?number""")
    assert paragraphs == [("1",), ("2",), ("3",), ("4",)]
    points = kg.select("""
        SELECT ?number WHERE { ?p a lkg:Point ; lkg:partOf lzc:article-38-1 ; lkg:provisionNumber ?number . }
        ORDER BY ?number""")
    assert points == [("a",), ("b",), ("c",)]


def test_transitive_part_of_is_inferred(kg):
    # Asserted: point (a) is part of paragraph 1, which is part of Article 38.
    rows = kg.select("""
        SELECT ?point WHERE { ?point a lkg:Point ; lkg:partOf inst:lanzarote-convention . } ORDER BY ?point""")
    assert [r[0].rsplit("/", 1)[-1] for r in rows] == ["article-38-1-a", "article-38-1-b", "article-38-1-c"]


def test_instrument_class_is_reasoned_from_its_kind(kg):
    # The data says only lkg:instrumentKind ikind:convention.
    rows = kg.select("""
        SELECT ?class WHERE { inst:lanzarote-convention a ?class .
          FILTER (?class IN (lkg:Convention, lkg:Treaty, lkg:Instrument, lkg:LegalText)) } ORDER BY ?class""")
    assert sorted(r[0].rsplit("#", 1)[-1] for r in rows) == ["Convention", "Instrument", "LegalText", "Treaty"]


def test_the_4ps_of_the_convention(kg):
    rows = kg.select("""
        SELECT ?label WHERE { inst:lanzarote-convention lkg:servesPillar ?p . ?p skos:prefLabel ?label ; skos:notation ?n . }
        ORDER BY ?n""")
    assert rows == [("prevent",), ("protect",), ("prosecute",), ("promote",)]


def test_article_38_obligations_and_their_pillars(kg):
    # Paragraphs 1(a)-(c), 2 and 4 impose duties; paragraph 3 only enables
    # (a Party "may consider" the Convention a legal basis).
    rows = kg.select("""
        SELECT ?provision (GROUP_CONCAT(?pillarName; separator=",") AS ?pillars) WHERE {
          ?obligation lkg:imposedBy ?provision ; lkg:bearer tg:parties ; lkg:servesPillar ?pillar .
          ?provision lkg:partOf+ lzc:article-38 .
          ?pillar skos:prefLabel ?pillarName .
        } GROUP BY ?provision ORDER BY ?provision""")
    by_provision = {r[0].rsplit("/", 1)[-1]: set(r[1].split(",")) for r in rows}
    assert by_provision == {
        "article-38-1-a": {"prevent", "promote"},
        "article-38-1-b": {"protect", "promote"},
        "article-38-1-c": {"prosecute", "promote"},
        "article-38-2": {"protect"},
        "article-38-4": {"prevent", "promote"},
    }


def test_the_six_offences_of_chapter_vi(kg):
    rows = kg.select("""
        SELECT ?label WHERE { ?o a lkg:Offence ; lkg:establishedBy lzc:chapter-vi ; rdfs:label ?label ; lkg:sequence ?n . }
        ORDER BY ?n""")
    assert [r[0] for r in rows] == [
        "child sexual abuse",
        "child prostitution",
        "child pornography",
        "child corruption",
        "solicitation of children for sexual purposes",
        "aiding, abetting and attempting the commission of an offence established in accordance with the Convention",
    ]


def test_section_numbers_are_recorded_as_printed_with_errata(kg):
    rows = kg.select("""
        SELECT ?number WHERE { ?s lkg:subPartOf part:chapter-2 ; lkg:printedNumber ?number . } ORDER BY ?number""")
    assert rows == [("3.1",), ("3.2",), ("3.3",), ("3.4",), ("3.5",)]
    errata = kg.select("""
        SELECT ?printed WHERE { part:chapter-2 lkg:erratum ?e . ?e lkg:printedValue ?printed ; lkg:erratumKind ek:numbering . }""")
    assert errata == [("3.1, 3.2, 3.3, 3.4, 3.5",)]


def test_every_instance_has_evidence_with_a_line_range(kg):
    rows = kg.select("""
        SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
          ?x a ?class . VALUES ?class { lkg:Instrument lkg:Provision lkg:Obligation lkg:Offence lkg:Actor
                                        lkg:Event lkg:Intervention lkg:Participation }
          FILTER NOT EXISTS { ?x lkg:evidence/lkg:startLine ?line }
        }""")
    assert rows == [("0",)]


def test_owlrl_and_reasonable_agree_on_the_instances(build_result):
    """The fast reasoner on the default path gives the reference engine's
    closure over the project's own instances (reflexive triples and
    owl:Thing typings set aside, as neither adds information)."""
    import pyoxigraph as ox

    from lanzarote_kg.namespaces import Graphs
    from lanzarote_kg.reasoning import infer

    asserted = build_result.kg.triples(*Graphs.ASSERTED)

    def instance_closure(reasoner: Reasoner) -> set:
        inferred = infer(asserted, reasoner).inferred
        return {t for t in inferred
                if isinstance(t.subject, ox.NamedNode)
                and t.subject.value.startswith("https://w3id.org/lanzarote-kg/id/") and t.subject != t.object}

    fast = instance_closure(Reasoner.REASONABLE)
    reference = instance_closure(Reasoner.OWLRL)
    assert fast == reference
    assert len(fast) > 100  # the closure is not trivially empty


def test_pyshacl_turbo_and_pyshacl_report_the_same_results(build_result):
    """The fast SHACL engine on the default path gives the reference
    engine's results (focus, path, constraint, value, severity) on the
    project's reasoned graph."""
    from rdflib.namespace import RDF

    from lanzarote_kg.namespaces import SH
    from lanzarote_kg.validation import ShaclEngine, validate

    def results(engine: ShaclEngine) -> set:
        report = validate(build_result.kg, engine).report_graph
        return {tuple(str(report.value(r, p)) for p in (SH.focusNode, SH.resultPath, SH.sourceConstraintComponent,
                                                          SH.value, SH.resultSeverity))
                for r in report.subjects(RDF.type, SH.ValidationResult)}

    assert results(ShaclEngine.TURBO) == results(ShaclEngine.PYSHACL)


def test_every_class_with_instances_is_targeted_by_a_shape(build_result):
    """Each lkg class that has instances is a shape's target, itself or
    through a superclass (SHACL targets include instances of subclasses)."""
    from rdflib.namespace import RDF, RDFS

    from lanzarote_kg.namespaces import LKG, SH

    kg = build_result.kg
    targeted = set(kg.shapes.objects(None, SH.targetClass))
    ontology = kg.ontology
    used = {c for c in kg.data.objects(None, RDF.type) if str(c).startswith(str(LKG))}
    untargeted = []
    for cls in sorted(used):
        ancestors = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        if not ancestors & targeted:
            untargeted.append(str(cls))
    assert untargeted == []
    assert len(used) > 30


def test_every_quote_occurs_verbatim_in_the_source(build_result, source_path):
    """Each passage's quote is found in the paper's text, inside its line
    range (white space normalised, number-only lines skipped)."""
    from lanzarote_kg.quotes import verify_quotes
    from lanzarote_kg.source import SourceText

    source = SourceText(source_path)
    assert source.sha256 == "b53d54781f617be51496c205a22223f3ab30d1a70d325e5d6a708c8f57e1cc90"
    assert [p.line() for p in verify_quotes(build_result.store, source)] == []
    passages = build_result.store.query(
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?p <https://w3id.org/lanzarote-kg/ontology#quote> ?q } }")
    assert int(next(iter(passages))["n"].value) > 1000
