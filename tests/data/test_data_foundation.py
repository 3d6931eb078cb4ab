"""The foundation's promises about the paper: the Convention's dates, Article 38,
the 4Ps, the offences of Chapter VI, the sections as printed, evidence on
every instance. Every expected value was read in the paper."""
from __future__ import annotations





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
