"""The interventions, cooperation tools and conclusions, checked against the
paper's own answers (Chapter 1 sections 1.2-1.4, Chapter 3 section 2.2,
Chapter 4 and the Conclusions). Expected values are read from the paper,
with the line numbers of the source text in the comments."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

ID = "https://w3id.org/lanzarote-kg/id/"
LKG = "https://w3id.org/lanzarote-kg/ontology#"


def iri(kind: str, slug: str) -> str:
    return f"<{ID}{kind}/{slug}>"


def tail(value: str) -> str:
    """The slug after the last '/' of an IRI."""
    return value.rsplit("/", 1)[-1]


def local(value: str, kind: str) -> str:
    """The part of an IRI after id/<kind>/."""
    return value.split(f"/id/{kind}/", 1)[1]


SIX = ["the-code", "tacro", "fund-child-victims", "dicam", "nigeria-italy-trafficking", "toys"]


# --- the six good practices: classes -------------------------------------------


def test_six_good_practices_and_their_classes(kg):
    rows = kg.select("""
        SELECT ?i ?class WHERE {
          VALUES ?class { lkg:Initiative lkg:Programme lkg:Fund lkg:Project lkg:Campaign }
          ?i a ?class .
          FILTER (STRSTARTS(STR(?i), STR(intv:)))
        }""")
    classes = {(tail(i), tail(c).split("#")[-1]) for i, c in rows}
    expected = {
        ("the-code", "Initiative"),             # 4.1.1 "an industry driven, multi-stakeholder initiative"
        ("tacro", "Programme"),                 # 4.1.2 developed in two phases
        ("tacro-i", "Project"),
        ("tacro-ii", "Project"),
        ("fund-child-victims", "Fund"),         # 4.2.1
        ("dicam", "Project"),                   # 4.2.2
        ("nigeria-italy-trafficking", "Project"),  # 4.3.1
        ("toys", "Campaign"),                   # 4.3.2 "an international campaign"
        ("one-in-five-campaign", "Campaign"),   # Introduction, line 85
        ("eu-helpline-116111", "Initiative"),   # 1.3, line 385
        ("interpol-child-abuse-images-database", "Initiative"),  # 4.2, line 1188
        ("italian-cooperation-strategy", "Programme"),  # Chapter 3, 2.2
    }
    assert expected <= classes


def test_tacro_phases(kg):
    rows = kg.select("""
        SELECT ?phase ?of WHERE { ?phase lkg:phaseOf ?of } ORDER BY ?phase""")
    assert [(tail(p), tail(o)) for p, o in rows] == [("tacro-i", "tacro"), ("tacro-ii", "tacro")]
    rows = kg.select("SELECT ?x WHERE { intv:tacro-ii lkg:developedFrom ?x }")
    assert [tail(r[0]) for r in rows] == ["tacro-i"]  # line 1059


def test_instruments_the_interventions_implement(kg):
    rows = kg.select("""
        SELECT ?i ?inst WHERE { ?i lkg:implementsInstrument ?inst } ORDER BY ?i""")
    pairs = {(tail(i), tail(x)) for i, x in rows}
    assert ("the-code", "code-of-conduct-travel-tourism") in pairs
    assert ("fund-child-victims", "public-notice-1-2011") in pairs
    assert ("italian-cooperation-strategy", "italian-cooperation-guidelines-on-minors-2012") in pairs
    # Footnote 27: the legal base is Article 17 para. 1 of Law n. 269 of 3 August 1998.
    rows = kg.select("SELECT ?p WHERE { intv:fund-child-victims lkg:legalBasis ?p }")
    assert [r[0] for r in rows] == [ID + "provision/italian-law-269-1998/article-17-1"]


# --- participations: funders and every role ------------------------------------

PARTICIPATIONS = """
    SELECT ?who ?role WHERE {
      ?p a lkg:Participation ; lkg:participationIn %s ; lkg:participant ?who ; lkg:role ?role .
    }"""


def roles_of(kg, intervention: str) -> set[tuple[str, str]]:
    return {(tail(w), tail(r)) for w, r in kg.select(PARTICIPATIONS % intervention)}


def funders_of(kg, intervention: str) -> set[str]:
    return {w for w, r in roles_of(kg, intervention) if r == "funder"}


def test_funders_of_the_six_practices(kg):
    # 4.1.1 lines 965-968: co-financed by SECO and the Japanese Committee for UNICEF; membership fees.
    assert funders_of(kg, "intv:the-code") == {"seco", "japanese-committee-for-unicef", "tourism-industry"}
    # 4.1.2 line 1066: TACRO II financed by the Italian Cooperation.
    assert funders_of(kg, "intv:tacro-ii") == {"italian-development-cooperation"}
    # 4.2.1 lines 1223, 1228: financed by the Italian Department of Equal Opportunities.
    assert funders_of(kg, "intv:fund-child-victims") == {"italian-department-for-equal-opportunities"}
    # 4.2.2 line 1296: European Commission, DG Justice Freedom and Security.
    assert funders_of(kg, "intv:dicam") == {"european-commission-dg-jfs"}
    # 4.3.1 line 1392: funded by the Italian Cooperation.
    assert funders_of(kg, "intv:nigeria-italy-trafficking") == {"italian-development-cooperation"}
    # 4.3.2 line 1491: funded by the European Commission.
    assert funders_of(kg, "intv:toys") == {"european-commission"}


def test_the_code_participations(kg):
    assert roles_of(kg, "intv:the-code") == {
        ("ecpat-sweden", "developer"), ("tourism-industry", "developer"),   # line 961
        ("ecpat-international", "manager"),                                 # line 962
        ("unwto", "supporter"),                                             # line 965
        ("seco", "funder"), ("japanese-committee-for-unicef", "funder"),    # lines 966-967
        ("tourism-industry", "funder"),                                     # line 967
        ("the-code-organisation", "manager"),                               # line 968
        ("local-code-representatives", "supporter"), ("local-code-representatives", "trainer"),  # 1000-1003
        ("tourism-industry", "member"),                                     # line 1009
        ("accor", "signatory"), ("kuoni", "signatory"), ("carlson", "signatory"), ("delta", "signatory"),  # 1020
    }


def test_tacro_ii_participations(kg):
    assert roles_of(kg, "intv:tacro-ii") == {
        ("italian-development-cooperation", "funder"),
        ("unicef-tacro", "implementer"),   # lines 1067-1068
        ("sica", "partner"),               # line 1074
        ("sitca", "partner"),              # line 1148
    }


def test_fund_participations(kg):
    # Lines 1228-1233: the public and private bodies the initiative involves.
    assert roles_of(kg, "intv:fund-child-victims") == {
        ("italian-department-for-equal-opportunities", "funder"),
        ("regions", "participant"), ("local-institutions", "participant"),
        ("ombudspersons-for-children", "participant"), ("local-health-services", "participant"),
        ("universities", "participant"), ("research-centres", "participant"),
        ("private-legal-persons", "participant"), ("ngos", "participant"),
        ("moral-bodies", "participant"), ("associations", "participant"), ("foundations", "participant"),
    }


def test_dicam_participations(kg):
    # Lines 1296-1301, 1322-1323.
    assert roles_of(kg, "intv:dicam") == {
        ("european-commission-dg-jfs", "funder"),
        ("save-the-children-italy", "manager"),
        ("italian-postal-and-communications-police", "partner"),
        ("cismai", "partner"),
        ("italian-observatory-paedophilia-child-pornography", "partner"),
        ("ussm", "participant"),
    }


def test_nigeria_italy_participations(kg):
    # Lines 1377-1378, 1392-1404, 1429-1430, 1442-1443, 1453-1454.
    assert roles_of(kg, "intv:nigeria-italy-trafficking") == {
        ("italian-ministry-of-foreign-affairs", "partner"), ("nigeria", "partner"),
        ("italian-development-cooperation", "funder"),
        ("unicri", "implementer"),
        ("unodc", "partner"), ("naptip", "partner"),
        ("encatip", "partner"), ("encatip", "implementer"),
        ("italian-department-for-equal-opportunities", "partner"),
        ("cooperation-platform-for-regions", "partner"),
        ("piedmont-region", "partner"), ("lazio-region", "partner"),
        ("associazione-parsec", "partner"), ("coalition-of-77-ngos", "partner"),
        ("nigeria-national-monitoring-centre", "participant"),
        ("tampep", "trainer"),
    }
    rows = kg.select("""
        SELECT ?name WHERE { ?p lkg:participationIn intv:nigeria-italy-trafficking ;
          lkg:participant actor:italian-department-for-equal-opportunities ; lkg:nameAsPrinted ?name }""")
    assert rows == [("Italian Ministry of Equal Opportunities",)]  # line 1402


def test_toys_participations(kg):
    assert roles_of(kg, "intv:toys") == {
        ("european-commission", "funder"), ("euro-rscg-dusseldorf", "developer"),    # line 1491
        ("terre-des-hommes-germany", "manager"), ("lufthansa", "partner"),          # lines 1492-1493
        ("terre-des-hommes-italy", "manager"), ("alitalia", "partner"),             # lines 1493-1495
        ("cinemas", "partner"), ("rome-airports", "partner"), ("milan-airports", "partner"),
        ("rai", "partner"), ("mediaset", "partner"),
        ("italian-association-of-tour-operators", "participant"),                    # line 1496
        ("italian-presidency-of-the-council-of-ministers", "supporter"),            # patronage, 1496-1497
        ("italian-ministry-of-foreign-affairs", "supporter"), ("unicef", "supporter"),
        ("lufthansa", "distributor"), ("alitalia", "distributor"), ("air-europa", "distributor"),  # 1516-1517
        ("olympic-airways", "distributor"), ("sabena", "distributor"), ("ltu", "distributor"),
        ("advertising-companies", "distributor"),                                    # 1518-1520
        ("rai", "distributor"), ("mediaset", "distributor"),                         # 1521
        ("italian-association-of-tour-operators", "distributor"),                    # 1522-1523
    }


def test_participation_periods(kg):
    rows = kg.select("""
        SELECT ?p ?start ?end WHERE {
          ?p a lkg:Participation ; lkg:startDate ?start .
          OPTIONAL { ?p lkg:endDate ?end }
        }""")
    periods = {local(p, "participation"): (s, e) for p, s, e in rows}
    # Toys: Terre des hommes Germany managed in 1998, Terre des hommes Italy 1999-2001 (lines 1492-1494).
    assert periods["toys/terre-des-hommes-germany-manager"] == ("1998", "1998")
    assert periods["toys/terre-des-hommes-italy-manager"] == ("1999", "2001")
    assert periods["toys/lufthansa-partner"] == ("1998", "1998")
    for airline in ("lufthansa", "alitalia", "air-europa", "olympic-airways", "sabena", "ltu"):
        assert periods[f"toys/{airline}-distributor"] == ("1999", "2001")  # line 1517
    assert periods["toys/rai-distributor"] == ("2001", "2001")  # line 1521
    assert periods["toys/mediaset-distributor"] == ("2001", "2001")
    # The Code: ECPAT Sweden in 1998; the independent organisation since 2004 (lines 961, 968).
    assert periods["the-code/ecpat-sweden-developer"] == ("1998", "1998")
    assert periods["the-code/the-code-organisation-manager"] == ("2004", None)
    # Nigeria-Italy: UNICRI from March 2008 to May 2010 (lines 1393-1394).
    assert periods["nigeria-italy-trafficking/unicri-implementer"] == ("2008-03", "2010-05")


def test_names_as_printed_differ_where_the_paper_says_so(kg):
    rows = kg.select("""
        SELECT ?p ?name WHERE { ?p lkg:nameAsPrinted ?name }""")
    names = {local(p, "participation"): n for p, n in rows}
    assert names["tacro-ii/italian-development-cooperation-funder"] == "Italian Cooperation of the Italian Ministry of Foreign Affairs"
    assert names["tacro-ii/unicef-tacro-implementer"] == "Americas and Caribbean Regional Office of UNICEF, based in Panama"
    assert names["toys/terre-des-hommes-germany-manager"] == "Terre des homes Germany"
    assert names["dicam/european-commission-dg-jfs-funder"] == "European Commission, DG Justice Freedom and Security"


# --- money ------------------------------------------------------------------


def amount_row(kg, slug: str):
    rows = kg.select(f"""
        SELECT ?amount ?currency WHERE {{ {iri('amount', slug)} a lkg:MonetaryAmount ;
          lkg:amount ?amount ; lkg:currency ?currency }}""")
    assert len(rows) == 1
    return Decimal(rows[0][0]), rows[0][1]


def test_tacro_ii_contribution_is_3_million_euros(kg):
    assert amount_row(kg, "tacro-ii/italian-contribution") == (Decimal("3000000"), "EUR")  # line 1067
    rows = kg.select("""
        SELECT ?amount WHERE { ?p lkg:participationIn intv:tacro-ii ; lkg:role role:funder ; lkg:contribution ?amount }""")
    assert [local(r[0], "amount") for r in rows] == ["tacro-ii/italian-contribution"]
    rows = kg.select(f"SELECT ?v WHERE {{ {iri('amount', 'tacro-ii/italian-contribution')} lkg:printedValue ?v }}")
    assert rows == [("3 million Euros",)]


def test_fund_amount_is_printed_twice(kg):
    # Line 1225 "2.800.000 Euro for 18 months"; line 1243 "2,800,000 euros".
    assert amount_row(kg, "fund-child-victims/overall-budget") == (Decimal("2800000"), "EUR")
    node = URIRef(ID + "amount/fund-child-victims/overall-budget")
    printed = {str(o) for o in kg.graph.objects(node, URIRef(LKG + "printedValue"))}
    assert printed == {"2.800.000 Euro", "2,800,000 euros"}
    durations = list(kg.graph.objects(node, URIRef(LKG + "duration")))
    assert durations == [Literal("P18M", datatype=XSD.duration)]
    rows = kg.select("SELECT ?a WHERE { intv:fund-child-victims lkg:totalBudget ?a }")
    assert [local(r[0], "amount") for r in rows] == ["fund-child-victims/overall-budget"]
    rows = kg.select("""
        SELECT ?a WHERE { ?p lkg:participationIn intv:fund-child-victims ; lkg:role role:funder ; lkg:contribution ?a }""")
    assert [local(r[0], "amount") for r in rows] == ["fund-child-victims/overall-budget"]


def test_nigeria_italy_total_cost(kg):
    # Lines 1396-1397: "1.954.239,00 Euro".
    assert amount_row(kg, "nigeria-italy-trafficking/total-cost") == (Decimal("1954239.00"), "EUR")
    rows = kg.select("SELECT ?a WHERE { intv:nigeria-italy-trafficking lkg:totalBudget ?a }")
    assert [local(r[0], "amount") for r in rows] == ["nigeria-italy-trafficking/total-cost"]
    rows = kg.select(f"SELECT ?v WHERE {{ {iri('amount', 'nigeria-italy-trafficking/total-cost')} lkg:printedValue ?v }}")
    assert rows == [("1.954.239,00 Euro",)]


def test_only_three_amounts_are_printed_for_the_practices(kg):
    rows = kg.select("SELECT ?a WHERE { ?a a lkg:MonetaryAmount . FILTER (CONTAINS(STR(?a), '/id/amount/')) }")
    assert {local(r[0], "amount") for r in rows} >= {
        "tacro-ii/italian-contribution", "fund-child-victims/overall-budget", "nigeria-italy-trafficking/total-cost"}


# --- periods ------------------------------------------------------------------


def test_intervention_periods(kg):
    rows = kg.select("""
        SELECT ?i ?start ?end WHERE {
          ?i a lkg:Intervention ; lkg:startDate ?start . OPTIONAL { ?i lkg:endDate ?end } }""")
    periods = {tail(i): (s, e) for i, s, e in rows}
    assert periods["the-code"] == ("1998", None)              # line 961
    assert periods["tacro"] == ("2003", "2010")               # lines 1051-1053
    assert periods["tacro-i"] == ("2003", "2005")
    assert periods["tacro-ii"] == ("2008", "2010")
    assert periods["nigeria-italy-trafficking"] == ("2008-03", "2010-05")  # lines 1393-1394
    assert periods["toys"] == ("1998", "2001")                # lines 1492-1494
    assert periods["virtual-global-taskforce"] == ("2003", None)  # line 459
    # DICAM and the Fund print no dates of their own.
    assert "dicam" not in periods and "fund-child-victims" not in periods


def test_fund_selected_projects_start_november_2012_for_18_months(kg):
    node = URIRef(ID + "result/fund-child-victims/selected-projects-start")
    assert list(kg.graph.objects(node, URIRef(LKG + "startDate"))) == [Literal("2012-11", datatype=XSD.gYearMonth)]
    assert list(kg.graph.objects(node, URIRef(LKG + "duration"))) == [Literal("P18M", datatype=XSD.duration)]


# --- countries and places -------------------------------------------------------


def places_of(kg, intervention: str) -> set[str]:
    return {tail(r[0]) for r in kg.select(f"SELECT ?p WHERE {{ {intervention} lkg:implementedIn ?p }}")}


def test_where_the_practices_were_implemented(kg):
    # Lines 1069-1070: Nicaragua, Guatemala, El Salvador and Honduras.
    assert places_of(kg, "intv:tacro-ii") == {"nicaragua", "guatemala", "el-salvador", "honduras", "central-america"}
    assert places_of(kg, "intv:tacro") == {"central-america"}
    assert places_of(kg, "intv:fund-child-victims") == {"italy"}   # line 1224
    assert places_of(kg, "intv:dicam") == {"italy"}                # line 1318
    assert places_of(kg, "intv:toys") == {"italy", "rome", "milan"}  # lines 1495, 1518
    # Nigeria-Italy: origin and destination are sub-properties of implementedIn (lines 1379-1380).
    assert places_of(kg, "intv:nigeria-italy-trafficking") == {"nigeria", "italy", "edo-state"}
    rows = kg.select("""
        SELECT ?o ?d WHERE { intv:nigeria-italy-trafficking lkg:countryOfOrigin ?o ; lkg:countryOfDestination ?d }""")
    assert [(tail(o), tail(d)) for o, d in rows] == [("nigeria", "italy")]
    assert places_of(kg, "intv:the-code") == set()  # the paper gives only "42 countries"


def test_geographic_levels(kg):
    rows = kg.select("""
        SELECT ?i ?level WHERE { ?i a lkg:Intervention ; lkg:geographicLevel ?level }""")
    levels: dict[str, set[str]] = {}
    for i, level in rows:
        levels.setdefault(tail(i), set()).add(tail(level))
    assert levels["the-code"] == {"international"}
    assert levels["tacro"] == {"regional"}
    assert levels["tacro-ii"] == {"national", "regional"}      # line 1084
    assert levels["fund-child-victims"] == {"national"}        # line 1278
    assert levels["nigeria-italy-trafficking"] == {"international", "local"}  # line 1442
    assert levels["toys"] == {"international"}                 # line 1484


# --- objectives and activities ----------------------------------------------------


def objectives(kg, owner: str, cls: str = "lkg:Objective") -> list[str]:
    rows = kg.select(f"""
        SELECT ?o ?seq WHERE {{ {owner} lkg:hasObjective ?o . ?o a {cls} ; lkg:sequence ?seq }}
        ORDER BY ?seq""")
    return [tail(o) for o, _ in rows]


def test_objectives_in_printed_order(kg):
    # 4.1.1 lines 975-981: the Code's six objectives.
    assert objectives(kg, "intv:the-code") == [
        "ethical-corporate-policy", "staff-training", "supplier-contract-clauses",
        "information-to-travellers", "information-to-local-key-persons", "annual-reporting"]
    # 4.2.1 lines 1236-1241: the three goals of the Public Notice.
    assert objectives(kg, "intv:fund-child-victims") == [
        "innovative-social-care", "integrated-services", "guidelines-on-essential-requirements"]
    # 4.2.2 lines 1305-1309: two specific objectives.
    assert objectives(kg, "intv:dicam", "lkg:SpecificObjective") == [
        "professional-knowledge-and-skills", "multidisciplinary-model"]
    # 4.3.1 lines 1414-1422: four specific objectives.
    assert objectives(kg, "intv:nigeria-italy-trafficking", "lkg:SpecificObjective") == [
        "empowerment", "prevention-assistance-reintegration", "support-to-nigerian-authorities",
        "dissemination-of-lessons"]
    # 4.3.2 lines 1505-1511: three specific objectives.
    assert objectives(kg, "intv:toys", "lkg:SpecificObjective") == [
        "video-dissemination", "protection-of-children", "informing-tourists"]
    # 1.4 lines 453-456: the VGT's three objectives.
    assert objectives(kg, "actor:virtual-global-taskforce") == [
        "safer-internet", "children-at-risk", "perpetrators-responsible"]


def test_tacro_ii_specific_and_common_objectives_are_distinct(kg):
    # Lines 1079-1089: four specific objectives (UNICEF evaluation report).
    assert objectives(kg, "intv:tacro-ii", "lkg:SpecificObjective") == [
        "legal-frameworks", "institutional-capacity", "attitudinal-change", "monitoring-and-knowledge"]
    # Lines 1090-1108: nine common objectives of the strategies.
    common = objectives(kg, "intv:tacro-ii", "lkg:CommonObjective")
    assert len(common) == 9
    assert common[0] == "mobilization-of-governments" and common[-1] == "mapping-trafficking-flows"
    rows = kg.select("SELECT ?o WHERE { ?o a lkg:SpecificObjective , lkg:CommonObjective }")
    assert rows == []


def test_numbered_steps(kg):
    def steps(owner):
        rows = kg.select(f"""
            SELECT ?a ?seq WHERE {{ {owner} lkg:hasActivity ?a . ?a lkg:sequence ?seq }} ORDER BY ?seq""")
        return [(tail(a), int(s)) for a, s in rows]
    # 4.2.1 lines 1244-1260: the Public Notice's five steps.
    assert steps("intv:fund-child-victims") == [(f"step-{n}", n) for n in range(1, 6)]
    # 4.2.2 lines 1310-1312: DICAM's three basic steps.
    assert steps("intv:dicam") == [(f"step-{n}", n) for n in range(1, 4)]


# --- results ------------------------------------------------------------------------

QUANTIFIED = """
    SELECT ?r ?value ?unit ?printed ?qualifier WHERE {
      ?owner lkg:hasResult ?r . ?r a lkg:QuantifiedResult ;
        lkg:numericValue ?value ; lkg:unit ?unit ; lkg:printedValue ?printed .
      OPTIONAL { ?r lkg:qualifier ?qualifier }
      FILTER (?owner = %s)
    }"""


def quantified(kg, owner: str) -> dict[str, tuple]:
    return {tail(r): (Decimal(v), u, p, tail(q) if q else None)
            for r, v, u, p, q in kg.select(QUANTIFIED % owner)}


def test_the_code_quantified_results(kg):
    # Lines 1009-1011: over 1,000 companies from 42 countries.
    assert quantified(kg, "intv:the-code") == {
        "member-companies": (Decimal(1000), "companies", "Over 1,000", "more-than"),
        "member-countries": (Decimal(42), "countries", "42", None),
        "companies-with-child-protection-policies": (Decimal(1000), "companies", "over 1,000", "more-than"),
    }


def test_fund_quantified_results(kg):
    # Lines 1274-1280: 105 presented, 80 admissible, 27 selected, 9 joint partnerships.
    assert quantified(kg, "intv:fund-child-victims") == {
        "projects-presented": (Decimal(105), "projects", "105", None),
        "projects-admissible": (Decimal(80), "projects", "80", None),
        "projects-selected": (Decimal(27), "projects", "27", None),
        "joint-public-private-projects": (Decimal(9), "projects", "9", None),
    }


def test_dicam_quantified_results(kg):
    # Line 1318: 18 training seminars in 18 different Italian cities.
    assert quantified(kg, "intv:dicam") == {
        "training-seminars": (Decimal(18), "seminars", "18", None),
        "seminar-cities": (Decimal(18), "cities", "18", None),
    }


def test_nigeria_italy_quantified_results(kg):
    assert quantified(kg, "intv:nigeria-italy-trafficking") == {
        "activities-performed": (Decimal(16), "activities", "16", None),                  # footnote 29
        "schools-reached": (Decimal(22), "schools", "22", None),                          # line 1448
        "pupils-reached": (Decimal(2700), "school girls and boys", "2,700", None),        # line 1448
        "intensive-training-course": (Decimal(2), "weeks", "two weeks", None),            # line 1455
        "events-in-italy": (Decimal(5), "events", "five", None),                          # line 1464
        "files-uploaded": (Decimal(1000), "files", "1,000", None),                        # line 1471
    }
    node = URIRef(ID + "result/nigeria-italy-trafficking/activities-performed")
    assert list(kg.graph.objects(node, URIRef(LKG + "duration"))) == [Literal("P24M", datatype=XSD.duration)]


def test_toys_quantified_results(kg):
    assert quantified(kg, "intv:toys") == {
        "video": (Decimal(45), "seconds", "45 seconds", None),                            # line 1485
        "people-reached": (Decimal(3000000), "people", "Around 3 million", "about"),       # line 1524
    }


def test_vgt_quantified_results(kg):
    # Line 461: over 1000 suspects.
    assert quantified(kg, "actor:virtual-global-taskforce") == {
        "suspects-investigated": (Decimal(1000), "suspects", "over 1000", "more-than"),
    }


def test_no_quantified_results_for_tacro(kg):
    assert quantified(kg, "intv:tacro-ii") == {}
    assert quantified(kg, "intv:tacro-i") == {}


def test_dated_results(kg):
    rows = kg.select("""
        SELECT ?r ?date WHERE { ?r a lkg:Result ; lkg:date ?date }""")
    dates = {local(r, "result"): d for r, d in rows}
    assert dates["the-code/avaaz-recommendation-to-hilton"] == "2010"   # line 1030
    assert dates["toys/cinema-screenings"] == "2001"                    # line 1520
    assert dates["toys/television-broadcasts"] == "2001"                # line 1521
    assert dates["tacro-i/final-report"] == "2007"                      # footnote 25
    assert dates["nigeria-italy-trafficking/final-report"] == "2011"    # footnote 29
    rows = kg.select("""
        SELECT ?r ?s ?e WHERE { ?r a lkg:Result ; lkg:startDate ?s ; lkg:endDate ?e }""")
    spans = {local(r, "result"): (s, e) for r, s, e in rows}
    assert spans["toys/in-flight-screenings"] == ("1999", "2001")       # line 1517
    assert spans["toys/airport-screenings"] == ("1999", "2001")         # line 1519


def test_non_numeric_results_keep_the_printed_wording(kg):
    rows = kg.select("""
        SELECT ?r ?printed WHERE { ?r a lkg:Result ; lkg:printedValue ?printed .
          FILTER NOT EXISTS { ?r a lkg:QuantifiedResult } }""")
    printed = {local(r, "result"): p for r, p in rows}
    assert printed["the-code/staff-trainings-and-tourist-campaigns"] == "thousands of thousands of trainings"  # line 1012
    assert printed["virtual-global-taskforce/children-rescued"] == "hundreds of children"                    # line 459
    assert printed["virtual-global-taskforce/offenders-held-accountable"] == "hundreds of child sex offenders"  # line 462


def test_tacro_ii_result_categories_and_follow_ups(kg):
    rows = kg.select("""
        SELECT ?r ?seq WHERE { intv:tacro-ii lkg:hasResult ?r . ?r lkg:sequence ?seq } ORDER BY ?seq""")
    assert [tail(r) for r, _ in rows] == [  # lines 1113, 1122, 1130, 1143
        "strengthening-justice-systems", "decreasing-social-tolerance",
        "social-policies-and-protection-systems", "prevention-of-trafficking-pornography-sex-tourism"]
    rows = kg.select("SELECT ?r WHERE { intv:tacro-ii lkg:followUp ?r }")
    assert {tail(r[0]) for r in rows} == {  # lines 1150-1153
        "procedural-penal-code-el-salvador", "law-against-sexual-violence-guatemala", "compensation-programme-guatemala"}
    rows = kg.select(f"SELECT ?e WHERE {{ {iri('result', 'tacro-ii/procedural-penal-code-el-salvador')} lkg:erratum ?e }}")
    assert [tail(r[0]) for r in rows] == ["el-salvador-printed-as-salvador"]


def test_nigeria_italy_follow_up_is_the_memorandum(kg):
    rows = kg.select("SELECT ?r WHERE { intv:nigeria-italy-trafficking lkg:followUp ?r }")
    assert [tail(r[0]) for r in rows] == ["mou-pna-naptip"]  # lines 1479-1481
    rows = kg.select(f"SELECT ?x WHERE {{ {iri('result', 'nigeria-italy-trafficking/mou-pna-naptip')} lkg:relatesTo ?x }}")
    assert ID + "instrument/mou-pna-naptip" in {r[0] for r in rows}


def test_fund_call_closing_is_kept_as_printed_with_an_erratum(kg):
    node = iri("result", "fund-child-victims/call-closed")
    rows = kg.select(f"SELECT ?d WHERE {{ {node} lkg:printedDate ?d }}")
    assert rows == [("September 211",)]  # line 1272
    assert kg.select(f"SELECT ?d WHERE {{ {node} lkg:date ?d }}") == []  # no silent correction
    rows = kg.select(f"""
        SELECT ?kind ?printed ?probable WHERE {{ {node} lkg:erratum ?e .
          ?e lkg:erratumKind ?kind ; lkg:printedValue ?printed ; lkg:probableValue ?probable }}""")
    assert [(tail(k), p, q) for k, p, q in rows] == [("date", "September 211", "September 2011")]


# --- awards -----------------------------------------------------------------------------


def test_the_code_awards(kg):
    rows = kg.select("""
        SELECT ?a ?seq ?date ?by WHERE { intv:the-code lkg:receivedAward ?a . ?a lkg:sequence ?seq .
          OPTIONAL { ?a lkg:date ?date } OPTIONAL { ?a lkg:awardedBy ?by } } ORDER BY ?seq""")
    awards = [(tail(a), d, tail(b) if b else None) for a, _, d, b in rows]
    assert awards == [  # lines 1027-1035
        ("interfaith-center-recognition-csr-tool", None, "interfaith-center-on-corporate-responsibility"),
        ("british-airways-tourism-for-tomorrow-award-2003", "2003", "british-airways"),
        ("ashoka-changemakers-ending-global-slavery-award-2008", "2008", "ashoka-changemakers"),
        ("wttc-tourism-for-tomorrow-award", None, "wttc"),
        ("ethical-corporation-award-2010", "2010", "ethical-corporation"),
        ("bird-express-travel-award", None, None),
        ("pata-gold-award", None, "pata"),
        ("travel-and-leisure-human-rights-leadership-award", None, "travel-and-leisure-magazine"),
    ]


def test_toys_award(kg):
    rows = kg.select("""
        SELECT ?by WHERE { intv:toys lkg:receivedAward ?a . ?a lkg:awardedBy ?by }""")
    assert {tail(r[0]) for r in rows} == {"united-nations", "ipra"}  # lines 1525-1527


# --- the Virtual Global Taskforce ---------------------------------------------------------


def test_vgt_is_one_node_network_and_initiative(kg):
    rows = kg.select("""
        SELECT ?class WHERE { actor:virtual-global-taskforce a ?class .
          FILTER (?class IN (lkg:Network, lkg:Initiative)) } ORDER BY ?class""")
    assert [r[0].split("#")[-1] for r in rows] == ["Initiative", "Network"]
    rows = kg.select("SELECT ?r WHERE { actor:virtual-global-taskforce lkg:hasResult ?r }")
    assert {tail(r[0]) for r in rows} == {
        "children-rescued", "law-enforcement-operations", "suspects-investigated", "offenders-held-accountable"}


# --- the Italian Cooperation's strategy (Chapter 3, 2.2) ----------------------------------


def test_italian_cooperation_supports_eight_measures(kg):
    rows = kg.select("""
        SELECT ?m ?seq WHERE { intv:italian-cooperation-strategy lkg:supportsMeasure ?m .
          ?m a lkg:Measure ; lkg:sequence ?seq } ORDER BY ?seq""")
    assert [(tail(m), int(s)) for m, s in rows] == [  # lines 829-863
        ("alignment-of-legislation", 1), ("training-of-decision-makers-and-professionals", 2),
        ("data-acquisition", 3), ("prevention-policies", 4),
        ("police-judiciary-services-coordination", 5), ("social-protection-and-rehabilitation", 6),
        ("internet-operators-partnerships", 7), ("tourism-sector-awareness", 8)]
    assert roles_of(kg, "intv:italian-cooperation-strategy") == {("italian-development-cooperation", "implementer")}


# --- cooperation tools of Chapter 1 and section 4.2 ----------------------------------------


def test_cooperation_tools_and_their_pillars(kg):
    rows = kg.select("""
        SELECT ?t ?pillar WHERE { ?t a lkg:CooperationTool ; lkg:servesPillar ?pillar }""")
    pillars: dict[str, set[str]] = {}
    for t, p in rows:
        pillars.setdefault(tail(t), set()).add(tail(p))
    # Section 1.2, lines 228-237: the seven development and cooperation initiatives.
    rows = kg.select("""
        SELECT ?t ?seq WHERE { ?t a lkg:CooperationTool ; lkg:sequence ?seq } ORDER BY ?seq""")
    assert [tail(t) for t, _ in rows] == [
        "bilateral-and-multilateral-agreements", "harmonization-of-legislation",
        "capacity-building-and-empowerment", "joint-prevention-programmes", "surveillance-mechanisms",
        "joint-advocacy-strategies", "initiatives-to-protect-and-assist-victims"]
    for slug in ("bilateral-and-multilateral-agreements", "data-collection-and-mapping",
                 "national-independent-institutions", "impact-assessments", "child-participation",
                 "ngo-awareness-campaigns-through-media", "ngo-code-of-conduct-sensitisation"):
        assert "prevent" in pillars[slug], slug
    for slug in ("helplines", "common-indicators", "programme-monitoring-databases",
                 "national-plans-of-action", "rehabilitation-and-reintegration-programmes",
                 "inter-institutional-protocols", "national-and-international-networks",
                 "development-programmes", "funds-for-children-and-youth-initiatives"):
        assert pillars[slug] == {"protect"}, slug
    for slug in ("cross-border-collaboration", "bilateral-and-multilateral-cooperation",
                 "shared-offence-definitions", "networks-among-departments",
                 "training-of-police-and-justice-personnel", "international-cooperation-for-crime-reduction",
                 "bilateral-agreements", "police-cooperation"):
        assert pillars[slug] == {"prosecute"}, slug
    rows = kg.select("SELECT ?x WHERE { id:tool\\/helplines lkg:relatesTo ?x }")
    assert ID + "intervention/eu-helpline-116111" in {r[0] for r in rows}


def test_tools_link_to_obligations_only_as_the_projects_reading(kg):
    rows = kg.select("""
        SELECT ?t WHERE { ?t a lkg:CooperationTool ; lkg:servesObligation ?o }""")
    assert rows == []
    rows = kg.select("""
        SELECT ?t WHERE { ?t a lkg:CooperationTool .
          FILTER NOT EXISTS { ?t lkg:assignedObligation ?o }
          FILTER NOT EXISTS { ?t lkg:interpretation ?i } }""")
    assert rows == []


# --- links to pillars and obligations -------------------------------------------------------


def test_every_intervention_has_a_pillar_and_every_assignment_is_explained(kg):
    rows = kg.select("""
        SELECT ?i WHERE { ?i a lkg:Intervention . FILTER NOT EXISTS { ?i lkg:addressesPillar ?p } }""")
    assert rows == []
    rows = kg.select("""
        SELECT ?i WHERE { ?i a lkg:Intervention . FILTER NOT EXISTS { ?i lkg:addressesObligation ?o } }""")
    # The paper gives no content of the "One in Five" Campaign to link it to an obligation.
    assert [tail(r[0]) for r in rows] == ["one-in-five-campaign"]
    rows = kg.select("""
        SELECT DISTINCT ?x WHERE { { ?x lkg:assignedPillar ?p } UNION { ?x lkg:assignedObligation ?o }
          FILTER NOT EXISTS { ?x lkg:interpretation ?i } }""")
    assert rows == []


def test_pillars_the_paper_states_for_the_practices(kg):
    def served(i):
        return {tail(r[0]) for r in kg.select(f"SELECT ?p WHERE {{ {i} lkg:servesPillar ?p }}")}
    assert served("intv:the-code") == {"prevent"}                                  # line 956
    assert served("intv:tacro-ii") == {"prevent", "protect", "prosecute"}          # lines 1075, 1116, 1130
    assert served("intv:fund-child-victims") == {"protect"}                        # lines 1212, 1195
    assert served("intv:nigeria-italy-trafficking") == {"prevent", "prosecute", "protect"}  # lines 1379-1384
    assert served("actor:virtual-global-taskforce") == {"prosecute", "protect"}   # section 1.4, line 452
    rows = kg.select("SELECT ?o WHERE { intv:tacro-ii lkg:assignedObligation ?o }")
    assert {tail(r[0]) for r in rows} == {"article-38-4", "article-38-1-a", "article-38-1-b", "article-38-1-c"}


# --- the conclusions ---------------------------------------------------------------------------


def test_seven_critical_issues_in_printed_order(kg):
    rows = kg.select("""
        SELECT ?c ?seq WHERE { ?c a lkg:CriticalIssue ; lkg:sequence ?seq } ORDER BY ?seq""")
    assert [(tail(c), int(s)) for c, s in rows] == [  # lines 1543-1556
        ("lack-of-data", 1), ("legal-framework-and-enforcement", 2),
        ("cross-border-regional-international-cooperation", 3),
        ("mutual-judicial-cooperation-and-extraterritoriality", 4), ("investing-in-prevention", 5),
        ("investment-in-the-future", 6), ("media-and-industry-involvement", 7)]
    rows = kg.select("""
        SELECT ?c WHERE { ?c a lkg:CriticalIssue . FILTER NOT EXISTS { ?c lkg:interpretation ?i } }""")
    assert rows == []


def test_suggested_distinction_of_interventions(kg):
    rows = kg.select("SELECT ?x WHERE { id:recommendation\\/classify-interventions lkg:relatesTo ?x }")
    related = {r[0] for r in rows}
    # Lines 1562-1565.
    for level in ("local", "national", "regional", "international"):
        assert ID + "concept/geographic-level/" + level in related
    for area in ("prevention", "protection", "prosecution-of-offenders", "rehabilitation-and-reintegration-of-victims"):
        assert ID + "concept/intervention-area/" + area in related
    for group in ("children", "professionals", "public-officials", "journalists", "general-public"):
        assert ID + "concept/target-group/" + group in related
    rows = kg.select("SELECT ?a WHERE { ?a a lkg:InterventionArea }")
    assert len(rows) == 4


def test_recommended_working_tools(kg):
    rows = kg.select("""
        SELECT ?m WHERE { id:recommendation\\/working-tools lkg:usesMethod ?m }""")
    assert {tail(r[0]) for r in rows} == {"project-cycle-management", "logical-framework-approach"}  # 1571-1572
    rows = kg.select("""
        SELECT ?label ?acronym ?alt WHERE { id:method\\/logical-framework-approach rdfs:label ?label ;
          lkg:acronym ?acronym ; skos:altLabel ?alt . FILTER (?alt != ?acronym) }""")
    assert rows == [("Logical Framework Approach", "LFA", "Logical Framework Analysis")]
    rows = kg.select("SELECT ?c WHERE { id:method\\/logical-framework-approach dcterms:creator ?c }")
    assert rows == [("Leon J. Rosenberg",)]  # footnote 23
    rows = kg.select("""
        SELECT ?printed ?probable WHERE { id:method\\/logical-framework-approach lkg:erratum ?e .
          ?e lkg:erratumKind ek:name ; lkg:printedValue ?printed ; lkg:probableValue ?probable }""")
    assert rows == [("Logical Framework Analysis (LFA)", "Logical Framework Approach (LFA)")]
    rows = kg.select("""
        SELECT ?label ?acronym ?printed WHERE { id:method\\/project-cycle-management rdfs:label ?label ;
          lkg:acronym ?acronym ; lkg:erratum ?e . ?e lkg:erratumKind ek:misprint ; lkg:printedValue ?printed }""")
    # Printed once (lines 1571-1572): a misprint, not two places that disagree.
    assert rows == [("Cycle Project Management", "CPM", "Cycle Project Management (CPM)")]
    # Chapter 4, lines 886-888: the paper itself relied on the LFA to describe the projects.
    rows = kg.select("""
        SELECT ?m WHERE { <https://w3id.org/lanzarote-kg/id/document/coe-2012-international-cooperation-lanzarote> lkg:usesMethod ?m }""")
    assert [tail(r[0]) for r in rows] == ["logical-framework-approach"]


@pytest.mark.parametrize("owner", SIX)
def test_every_practice_has_an_aim_and_evidence(kg, owner):
    rows = kg.select(f"SELECT ?aim WHERE {{ intv:{owner} lkg:aim ?aim }}")
    assert len(rows) == 1
    rows = kg.select(f"SELECT ?e WHERE {{ intv:{owner} lkg:evidence ?e }}")
    assert rows
