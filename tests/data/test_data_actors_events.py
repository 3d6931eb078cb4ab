"""Issue 4: conferences, actors, networks and memberships, checked against
the paper's own answers (values read in the paper, not copied from query
output). Line numbers refer to the paper's text in ../shared/source/."""
from __future__ import annotations

import pytest


def _figures(kg, event: str) -> set[tuple]:
    """(value, unit, qualifier, printed value) of an event's participation figures."""
    rows = kg.select(f"""
        SELECT ?value ?unit ?qualifier ?printed WHERE {{
          {event} lkg:participationFigure ?q .
          ?q a lkg:Quantity ; lkg:numericValue ?value ; lkg:unit ?unit ; lkg:printedValue ?printed .
          OPTIONAL {{ ?q lkg:qualifier ?qualifier }}
        }}""")
    short = {None: None, "https://w3id.org/lanzarote-kg/id/concept/number-qualifier/more-than": "more-than",
             "https://w3id.org/lanzarote-kg/id/concept/number-qualifier/about": "about"}
    return {(int(float(value)), unit, short[qualifier], printed) for value, unit, qualifier, printed in rows}


# --- the World Congresses and UNGASS (Chapter 2) ----------------------------

def test_stockholm_participation_figures(kg):
    # Lines 494-495: "more than 3000 people participated ... Coming from 122 countries".
    assert _figures(kg, "event:world-congress-1-stockholm-1996") == {
        (3000, "people", "more-than", "3000"),
        (122, "countries", None, "122"),
    }


def test_yokohama_participation_figures(kg):
    # Lines 543-544: "the 3.045 participants, coming from 134 government delegations
    # and with 90 official youth delegates".
    assert _figures(kg, "event:world-congress-2-yokohama-2001") == {
        (3045, "participants", None, "3.045"),
        (134, "government delegations", None, "134"),
        (90, "official youth delegates", None, "90"),
    }


def test_ungass_participation_figures(kg):
    # Lines 572 and 581-582: "more than 7.000 people", "About 70 Heads of State
    # and/or Government", "delegations from 187 States".
    assert _figures(kg, "event:ungass-2002") == {
        (7000, "people", "more-than", "7.000"),
        (70, "Heads of State and/or Government", "about", "70"),
        (187, "States", None, "187"),
    }


def test_rio_participation_figures(kg):
    # Lines 606-608: "Government delegations from 139 countries with more than
    # 3.000 people from five continents ... 300 children and adolescents".
    assert _figures(kg, "event:world-congress-3-rio-2008") == {
        (139, "countries", None, "139"),
        (3000, "people", "more-than", "3.000"),
        (5, "continents", None, "five"),
        (300, "children and adolescents", None, "300"),
    }


def test_world_congresses_ordinals_dates_and_places(kg):
    rows = kg.select("""
        SELECT ?ordinal ?start ?end ?printed ?place WHERE {
          ?e a lkg:Congress ; lkg:ordinal ?ordinal ; lkg:startDate ?start ; lkg:endDate ?end ;
             lkg:printedDate ?printed ; lkg:location/rdfs:label ?place .
        } ORDER BY ?ordinal""")
    assert rows == [
        ("1", "1996-08-27", "1996-08-31", "27 to 31 August 1996", "Stockholm"),
        ("2", "2001-12-17", "2001-12-20", "17 to 20 December 2001", "Yokohama"),
        ("3", "2008-11-25", "2008-11-28", "25 to 28 November 2008", "Rio de Janeiro"),
    ]


def test_ungass_dates_place_and_outcome(kg):
    rows = kg.select("""
        SELECT ?start ?end ?place ?outcome WHERE {
          event:ungass-2002 a lkg:Conference ; lkg:startDate ?start ; lkg:endDate ?end ;
             lkg:location/rdfs:label ?place ; lkg:outcomeDocument ?outcome .
        }""")
    assert rows == [("2002-05-08", "2002-05-10", "New York",
                     "https://w3id.org/lanzarote-kg/id/instrument/a-world-fit-for-children")]


@pytest.mark.parametrize("event, organisers", [
    # Line 493: "the Government of Sweden, UNICEF and End Child Prostitution and Trafficking ECPAT".
    ("world-congress-1-stockholm-1996", ["country/sweden", "actor/unicef", "actor/ecpat-international"]),
    # Line 535: "the Government of Japan, UNICEF, ECPAT and the NGO Group for the CRC".
    ("world-congress-2-yokohama-2001",
     ["country/japan", "actor/unicef", "actor/ecpat-international", "actor/ngo-group-for-the-crc"]),
    # Line 601: "the Government of Brazil, UNICEF and ECPAT".
    ("world-congress-3-rio-2008", ["country/brazil", "actor/unicef", "actor/ecpat-international"]),
    # Lines 65-68: the Council of Europe "in cooperation with" three Italian bodies
    # "and by the Istituto degli Innocenti".
    ("rome-conference-2012", ["actor/council-of-europe", "actor/italian-ministry-of-foreign-affairs",
                              "actor/italian-department-for-equal-opportunities",
                              "actor/italian-ministry-of-justice", "actor/istituto-degli-innocenti"]),
])
def test_event_organisers_in_printed_order(kg, event, organisers):
    rows = kg.select(f"""
        SELECT ?who WHERE {{
          ?p a lkg:Participation ; lkg:participationIn event:{event} ; lkg:role role:organiser ;
             lkg:participant ?who ; lkg:sequence ?n .
        }} ORDER BY ?n""")
    assert [who.rsplit("/id/", 1)[1] for (who,) in rows] == organisers


def test_governments_are_recorded_as_printed(kg):
    rows = kg.select("""
        SELECT ?printed WHERE {
          ?p lkg:role role:organiser ; lkg:participant ?c ; lkg:nameAsPrinted ?printed . ?c a lkg:Country .
        } ORDER BY ?printed""")
    assert rows == [("Government of Brazil",), ("Government of Japan",), ("Government of Sweden",)]


def test_outcome_documents_of_the_congresses(kg):
    rows = kg.select("""
        SELECT ?ordinal ?doc WHERE { ?e lkg:ordinal ?ordinal ; a lkg:Congress ; lkg:outcomeDocument ?doc . }
        ORDER BY ?ordinal""")
    assert [(o, d.rsplit("/", 1)[1]) for o, d in rows] == [
        ("1", "stockholm-declaration-and-agenda-for-action"),
        ("2", "yokohama-global-commitment"),
        ("3", "rio-declaration-and-call-for-action"),
    ]


def test_childrens_participation_is_visible(kg):
    descriptions = dict(kg.select("""
        SELECT ?e ?d WHERE {
          VALUES ?e { event:world-congress-1-stockholm-1996 event:ungass-2002 event:world-congress-3-rio-2008 }
          ?e lkg:description ?d .
        }"""))
    base = "https://w3id.org/lanzarote-kg/id/event/"
    # Lines 526-528: first time children were invited to participate actively.
    assert "first time that children were both invited" in descriptions[base + "world-congress-1-stockholm-1996"]
    # Lines 577-578: the first Session to include children as official delegates.
    assert "include children as official delegates" in descriptions[base + "ungass-2002"]
    # Line 608: 300 children and adolescents joined.
    assert "300 children and adolescents" in descriptions[base + "world-congress-3-rio-2008"]


def test_both_names_of_the_first_and_third_congresses_are_kept(kg):
    rows = kg.select("""
        SELECT ?e ?name WHERE {
          VALUES ?e { event:world-congress-1-stockholm-1996 event:world-congress-3-rio-2008 }
          ?e rdfs:label|skos:altLabel ?name .
        }""")
    names = {(e.rsplit("/", 1)[1], n) for e, n in rows}
    assert ("world-congress-1-stockholm-1996", "1st World Congress on Commercial Sexual Exploitation of Children") in names
    assert ("world-congress-1-stockholm-1996", "1st World Congress against Commercial Sexual Exploitation of Children") in names
    assert ("world-congress-3-rio-2008", "3rd World Congress on Sexual Exploitation of Children and Adolescents") in names
    assert ("world-congress-3-rio-2008", "3rd World Congress against Commercial Sexual Exploitation of Children") in names
    errata = kg.select("""
        SELECT ?e WHERE { ?e lkg:erratum/lkg:erratumKind ek:name . ?e a lkg:Congress . } ORDER BY ?e""")
    assert [e.rsplit("/", 1)[1] for (e,) in errata] == ["world-congress-1-stockholm-1996", "world-congress-3-rio-2008"]


def test_ljubljana_meeting_keeps_printed_date_with_date_order_erratum(kg):
    # Line 541: "The European preparatory meeting was held in Ljubljana on the
    # 5 to 9 July 2005" -- after the congress of December 2001 it prepared.
    rows = kg.select("""
        SELECT ?start ?end ?printed ?prepared ?kind ?errPrinted WHERE {
          event:european-preparatory-meeting-ljubljana lkg:startDate ?start ; lkg:endDate ?end ;
              lkg:printedDate ?printed ; lkg:preparatoryTo ?prepared ; lkg:location place:ljubljana ;
              lkg:erratum ?err .
          ?err a lkg:Erratum ; lkg:erratumKind ?kind ; lkg:printedValue ?errPrinted .
        }""")
    assert rows == [("2005-07-05", "2005-07-09", "5 to 9 July 2005",
                     "https://w3id.org/lanzarote-kg/id/event/world-congress-2-yokohama-2001",
                     "https://w3id.org/lanzarote-kg/id/concept/erratum-kind/date-order", "5 to 9 July 2005")]


def test_preparatory_and_follow_up_links(kg):
    prep = kg.select("SELECT ?e WHERE { ?e lkg:preparatoryTo event:world-congress-2-yokohama-2001 } ORDER BY ?e")
    assert [e.rsplit("/", 1)[1] for (e,) in prep] == [
        "budapest-preparatory-conference-2001", "european-preparatory-meeting-ljubljana",
        "world-congress-2-regional-consultations"]
    # Line 538: Yokohama reviewed progress since Stockholm; line 579: UNGASS
    # reviewed progress since the World Summit for Children in 1990.
    assert kg.select("SELECT ?x WHERE { event:world-congress-2-yokohama-2001 lkg:followUpTo ?x }") == [
        ("https://w3id.org/lanzarote-kg/id/event/world-congress-1-stockholm-1996",)]
    assert kg.select("SELECT ?x WHERE { event:ungass-2002 lkg:followUpTo ?x }") == [
        ("https://w3id.org/lanzarote-kg/id/event/world-summit-for-children-1990",)]


def test_six_regional_consultations(kg):
    rows = kg.select("""
        SELECT ?value ?printed WHERE {
          event:world-congress-2-regional-consultations lkg:hasFigure [ lkg:numericValue ?value ; lkg:printedValue ?printed ] .
        }""")
    assert [(int(float(v)), p) for v, p in rows] == [(6, "six")]


# --- the Rome conference and other dated meetings --------------------------

def test_rome_conference_2012_dates_and_seven_aims(kg):
    assert kg.select("""
        SELECT ?s ?e WHERE { event:rome-conference-2012 lkg:startDate ?s ; lkg:endDate ?e ; lkg:location place:rome . }
        """) == [("2012-11-29", "2012-11-30")]
    aims = kg.select("""
        SELECT ?n ?label WHERE { event:rome-conference-2012 lkg:hasObjective ?o . ?o lkg:sequence ?n ; rdfs:label ?label . }
        ORDER BY ?n""")
    assert [int(n) for n, _ in aims] == [1, 2, 3, 4, 5, 6, 7]
    # Lines 72 and 87: the first and the last aim.
    assert aims[0][1].startswith("present best practices in the area of international cooperation")
    assert aims[6][1].startswith("sensitize and disseminate information")
    assert "“One in Five” Campaign" in aims[5][1]


@pytest.mark.parametrize("event, start, end, place", [
    ("florence-meeting-2008", "2008-10-23", "2008-10-24", "Florence"),           # footnote 11
    ("global-judges-symposium-2002", "2002-08-18", "2002-08-20", "Johannesburg"),  # footnote 20
    ("paris-workshop-national-institutions-1991", "1991-10-07", "1991-10-09", "Paris"),  # footnote 21
    ("budapest-preparatory-conference-2001", "2001-11-21", "2001-11-21", "Budapest"),  # Appendix I
    ("rome-conference-1998", "1998-07-18", "1998-07-18", "Rome"),                  # Appendix I
])
def test_other_dated_meetings(kg, event, start, end, place):
    rows = kg.select(f"""
        SELECT ?s ?e ?place WHERE {{ event:{event} lkg:startDate ?s ; lkg:endDate ?e ; lkg:location/rdfs:label ?place . }}""")
    assert rows == [(start, end, place)]


# --- networks and memberships ---------------------------------------------

def test_virtual_global_taskforce_has_nine_members_in_printed_order(kg):
    # Lines 463-465.
    rows = kg.select("""
        SELECT ?name WHERE {
          ?m a lkg:Membership ; lkg:participationIn actor:virtual-global-taskforce ;
             lkg:participant/rdfs:label ?name ; lkg:sequence ?n .
        } ORDER BY ?n""")
    assert [name for (name,) in rows] == [
        "Australia", "Canada", "Europol", "INTERPOL", "Italy", "New Zealand",
        "United Arab Emirates", "United Kingdom", "United States of America"]
    assert kg.select("SELECT ?y WHERE { actor:virtual-global-taskforce a lkg:Network ; lkg:startDate ?y }") == [("2003",)]


def test_encatip_has_six_ngos(kg):
    # Lines 1398-1402.
    rows = kg.select("""
        SELECT ?acronym ?label WHERE {
          ?m lkg:role role:member ; lkg:participationIn actor:encatip ; lkg:participant ?ngo ; lkg:sequence ?n .
          ?ngo a lkg:NGO ; rdfs:label ?label . OPTIONAL { ?ngo lkg:acronym ?acronym }
        } ORDER BY ?n""")
    assert rows == [
        ("AWEG", "African Women Empowerment Guild"),
        ("COSUDOW", "Committee for the Support of the Dignity of Women"),
        ("GPI", "Girls’ Power Initiative"),
        (None, "IDIA Renaissance"),
        ("IRRRAG", "International Reproductive Rights Research Action Group"),
        ("WAI", "Women and Action Initiative"),
    ]
    figure = kg.select("SELECT ?v WHERE { actor:encatip lkg:hasFigure/lkg:numericValue ?v }")
    assert [int(float(v)) for (v,) in figure] == [6]


def test_code_board_seats_as_printed_with_count_erratum(kg):
    # Lines 994-999: a "nine seat Board" of five + four + one + two seats.
    rows = kg.select("""
        SELECT ?value ?printed WHERE {
          actor:the-code-board lkg:subOrganisationOf actor:the-code-organisation ; lkg:hasFigure ?q .
          ?q lkg:numericValue ?value ; lkg:printedValue ?printed ; lkg:unit "seats" ; lkg:sequence ?n .
        } ORDER BY ?n""")
    assert [(int(float(v)), p) for v, p in rows] == [(9, "nine"), (5, "five"), (4, "four"), (1, "one"), (2, "two")]
    assert sum(int(float(v)) for v, _ in rows[1:]) == 12
    assert kg.select("""
        SELECT ?e WHERE { actor:the-code-board lkg:erratum ?e . ?e lkg:erratumKind ek:count . }""") == [
        ("https://w3id.org/lanzarote-kg/id/erratum/the-code-board-seats",)]
    advisors = kg.select("""
        SELECT ?who WHERE { ?p lkg:participationIn actor:the-code-board ; lkg:role role:advisor ; lkg:participant ?who . }
        ORDER BY ?who""")
    assert [w.rsplit("/", 1)[1] for (w,) in advisors] == ["unicef", "unwto"]


# --- actors -------------------------------------------------------------------

def test_no_two_actors_share_a_name(kg):
    rows = kg.select("""
        SELECT ?a ?name WHERE {
          ?a a lkg:Actor ; rdfs:label|skos:altLabel|lkg:acronym|lkg:shortName ?name .
        }""")
    owners: dict[str, set[str]] = {}
    for actor, name in rows:
        owners.setdefault(name.lower(), set()).add(actor)
    shared = {name: sorted(actors) for name, actors in owners.items() if len(actors) > 1}
    assert shared == {}


def test_ilo_is_one_node_with_every_printed_name(kg):
    # Footnote 1 (line 46), section 3.5 (line 708) and Appendix I (line 1668).
    rows = kg.select("""
        SELECT ?name WHERE { actor:ilo rdfs:label|skos:altLabel|lkg:acronym ?name } ORDER BY ?name""")
    assert rows == [("ILO",), ("International Labour Organisation",), ("International Organisation of Labour",)]
    assert kg.select("SELECT ?k WHERE { actor:ilo lkg:erratum/lkg:erratumKind ?k }") == [
        ("https://w3id.org/lanzarote-kg/id/concept/erratum-kind/name",)]


def test_enoc_acronym_mismatch_is_recorded(kg):
    # Lines 275-276: "ENOC (European Ombudsman for Children)".
    rows = kg.select("""
        SELECT ?label ?acronym ?printed WHERE {
          actor:enoc a lkg:Network ; rdfs:label ?label ; lkg:acronym ?acronym ; lkg:erratum/lkg:printedValue ?printed .
        }""")
    assert rows == [("European Ombudsman for Children", "ENOC", "ENOC (European Ombudsman for Children)")]


def test_italian_cooperation_is_the_dgcs_within_the_ministry(kg):
    rows = kg.select("""
        SELECT ?acronym WHERE {
          actor:italian-development-cooperation skos:altLabel "Italian Cooperation"@en ; lkg:acronym ?acronym ;
              lkg:subOrganisationOf actor:italian-ministry-of-foreign-affairs ; lkg:interpretation ?i .
        }""")
    assert rows == [("DGCS",)]


def test_sub_organisation_chains_are_inferred(kg):
    # Line 1298: the Postal and Communication Police Service "of the Italian
    # Ministry of Interior"; lines 1299-1301: the observatory "based in the Equal
    # Opportunity Department, Italian Presidency of the Council of Ministers".
    for child, ancestor in [
        ("italian-postal-and-communications-police", "italian-ministry-of-interior"),
        ("italian-observatory-paedophilia-child-pornography", "italian-presidency-of-the-council-of-ministers"),
        ("unicef-tacro", "unicef"),
        ("european-commission-dg-jfs", "european-union"),
        ("the-code-board", "the-code-organisation"),
    ]:
        assert kg.select(f"SELECT ?x WHERE {{ actor:{child} lkg:subOrganisationOf actor:{ancestor} . BIND(1 AS ?x) }}") == [("1",)], child


def test_unicef_regional_office_is_based_in_panama(kg):
    # Lines 1068-1069: "the Americas and Caribbean Regional Office of UNICEF, based in Panama".
    assert kg.select("SELECT ?c WHERE { actor:unicef-tacro lkg:basedIn ?c }") == [
        ("https://w3id.org/lanzarote-kg/id/country/panama",)]


def test_one_node_for_the_equal_opportunities_department(kg):
    rows = kg.select("""
        SELECT ?name WHERE { actor:italian-department-for-equal-opportunities skos:altLabel ?name } ORDER BY ?name""")
    names = {n for (n,) in rows}
    assert {"Department of Equal Opportunity", "Italian Department of Equal Opportunities",
            "Italian Ministry of Equal Opportunities"} <= names


# --- countries and places ---------------------------------------------------

def test_countries_named_by_the_paper_with_their_iso_codes(kg):
    rows = kg.select("""
        SELECT ?code WHERE {
          ?c a lkg:Country ; lkg:iso3166Alpha2 ?code ;
             lkg:externalSource <https://w3id.org/lanzarote-kg/id/source/iso-3166-1> .
        } ORDER BY ?code""")
    assert [code for (code,) in rows] == sorted([
        "ES", "IT", "AU", "CA", "NZ", "AE", "GB", "US", "SE", "JP", "BR", "ZA", "CH",
        "CR", "PA", "NI", "GT", "SV", "HN", "NG", "DE"])
    # Countries whose only sign in the paper is a city are not added.
    assert kg.select("""
        SELECT ?c WHERE { VALUES ?c { country:france country:slovenia country:hungary country:uruguay } ?c ?p ?o }""") == []


def test_places_located_where_the_paper_says(kg):
    rows = kg.select("SELECT ?p ?c WHERE { ?p a lkg:Place ; lkg:locatedIn ?c . } ORDER BY ?p")
    located = {(p.rsplit("/", 1)[1], c.rsplit("/", 1)[1]) for p, c in rows}
    assert {("lanzarote", "spain"), ("florence", "italy"), ("johannesburg", "south-africa"),
            ("edo-state", "nigeria"), ("san-jose", "costa-rica")} == located
