"""The instruments data (issue 3) against the paper's own answers: the
entries of Appendix I, the dates and reference numbers printed, the
provisions the chapters cite, the obligations, the Convention's measures,
the conducts the CRC Committee asks to criminalise, the Carta di Treviso
and the Guidelines of the Italian Cooperation on Minors. Every expected
value below was read in the paper (line numbers in the comments)."""
from __future__ import annotations

import pytest


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


# --- Appendix I (lines 1579-1676) ----------------------------------------

APPENDIX_GROUPS = {
    # group part: (printed entries, instruments named by them)
    "appendix-i-united-nations": (9, 12),  # entry 6 names UNTOC and two protocols; entry 7 a resolution and the Guidelines
    "appendix-i-council-of-europe": (14, 17),  # entry 1 names the ECHR and Protocols 11 and 14; entry 9 a recommendation and a resolution
    "appendix-i-european-union": (11, 11),
    "appendix-i-other-international-standards": (6, 6),
}


@pytest.mark.parametrize("group, counts", sorted(APPENDIX_GROUPS.items()))
def test_appendix_i_entries_and_instruments_per_group(kg, group, counts):
    rows = kg.select(f"""
        SELECT (COUNT(DISTINCT ?n) AS ?entries) (COUNT(DISTINCT ?i) AS ?instruments) WHERE {{
          ?i a lkg:Instrument ; lkg:listedIn part:{group} ; lkg:sequence ?n .
        }}""")
    assert rows == [(str(counts[0]), str(counts[1]))]


@pytest.mark.parametrize("group, counts", sorted(APPENDIX_GROUPS.items()))
def test_appendix_i_positions_run_from_one_without_gaps(kg, group, counts):
    rows = kg.select(f"""
        SELECT DISTINCT ?n WHERE {{ ?i lkg:listedIn part:{group} ; lkg:sequence ?n . }} ORDER BY ?n""")
    assert [int(r[0]) for r in rows] == list(range(1, counts[0] + 1))


def test_appendix_i_other_standards_in_printed_order(kg):
    rows = kg.select("""
        SELECT ?title WHERE { ?i lkg:listedIn part:appendix-i-other-international-standards ;
                                 lkg:sequence ?n ; lkg:printedTitle ?title . } ORDER BY ?n""")
    assert [r[0] for r in rows] == [
        "Stockholm Declaration and Agenda for Action",
        "Statute of the International Criminal Court",
        "Convention n. 182 concerning the Prohibition and Immediate Action for the Elimination of the Worst Forms of Child Labour",
        "Budapest Commitment and Plan of Action",
        "Yokohama Global Commitment",
        "Rio de Janeiro Declaration and Call for Action to Prevent and Stop Sexual Exploitation of Children and Adolescents",
    ]


def test_appendix_i_united_nations_entry_6_names_three_instruments(kg):
    rows = kg.select("""
        SELECT ?i WHERE { ?i lkg:listedIn part:appendix-i-united-nations ; lkg:sequence 6 . } ORDER BY ?i""")
    assert [local(r[0]) for r in rows] == ["palermo-trafficking-protocol", "smuggling-of-migrants-protocol", "untoc"]
    protocols = kg.select("SELECT ?p WHERE { ?p lkg:protocolTo inst:untoc } ORDER BY ?p")
    assert [local(r[0]) for r in protocols] == ["palermo-trafficking-protocol", "smuggling-of-migrants-protocol"]


def test_the_lanzarote_convention_is_entry_8_of_the_council_of_europe_group(kg):
    rows = kg.select("""
        SELECT ?n ?date WHERE { inst:lanzarote-convention lkg:listedIn part:appendix-i-council-of-europe ;
                                  lkg:sequence ?n ; lkg:openedForSignatureDate ?date . }""")
    assert rows == [("8", "2007-10-25")]
    # The paper never dates the adoption: 25 October 2007 is the opening for signature (lines 17-19).
    assert kg.select("SELECT ?d WHERE { inst:lanzarote-convention lkg:adoptionDate ?d }") == []


def test_the_echr_as_amended_by_protocols_11_and_14(kg):
    rows = kg.select("SELECT ?p WHERE { ?p lkg:amends inst:echr ; lkg:protocolTo inst:echr . } ORDER BY ?p")
    assert [local(r[0]) for r in rows] == ["echr-protocol-11", "echr-protocol-14"]
    date = kg.select("SELECT ?d WHERE { inst:echr lkg:adoptionDate ?d }")
    assert date == [("1950-11-04",)]


REFERENCE_NUMBERS = {
    "iccpr": ["2200A (XXI)"],
    "icescr": ["2200A (XXI)"],
    "crc-opsc": ["A/RES/54/263"],
    "a-world-fit-for-children": ["S-27/2"],
    "untoc": ["55/25"],
    "ecosoc-resolution-2005-20": ["2005/20"],
    "unga-resolution-63-156": ["A/RES/63/156"],
    "unga-resolution-63-180": ["A/RES/63/180"],
    "pace-resolution-sexual-exploitation-zero-tolerance": ["1307/2002"],
    "pace-resolution-child-victims": ["1530/2007"],
    "pace-resolution-prostitution-which-stance": ["1579/2007"],
    "pace-resolution-abandonment-at-birth": ["1628/2004"],
    "pace-resolution-gender-based-human-rights-violations": ["1662/2009"],
    "cm-rec-2009-10": ["10/CM/MS 2009", "CM/Rec(2009)10"],
    "eu-communication-child-sex-tourism-1996": ["COM (1996) 547"],
    "eu-communication-child-sex-tourism-1999": ["COM (1999) 262"],
    "eu-decision-2000-375-jha": ["2000/375/JHA"],
    "eu-framework-decision-2001-220-jha": ["2001/220/JHA"],
    "eu-framework-decision-2002-629-jha": ["2002/629/JHA"],
    "eu-framework-decision-2004-68-jha": ["2004/68/JHA"],
    "eu-directive-2004-81": ["2004/81"],
    "eu-communication-fighting-trafficking-2005": ["COM(2005) 514 final"],
    "eu-decision-854-2005-ec": ["854/2005/EC"],
    "eu-communication-rights-of-the-child-2006": ["COM/2006/0367 final"],
    "unchr-resolution-1992-54": ["1992/54"],
    "unga-resolution-48-134": ["48/134"],
    "italian-law-269-1998": ["269"],
    "italian-legislative-decree-286-1998": ["286"],
    "italian-mfa-directional-committee-resolution-165-2011": ["165"],
    "public-notice-1-2011": ["1/2011"],
    "italian-law-196-2003": ["196/2003"],
}


@pytest.mark.parametrize("slug, numbers", sorted(REFERENCE_NUMBERS.items()))
def test_reference_numbers_as_printed(kg, slug, numbers):
    rows = kg.select(f"SELECT ?r WHERE {{ inst:{slug} lkg:referenceNumber ?r }} ORDER BY ?r")
    assert [r[0] for r in rows] == sorted(numbers)


ADOPTION_DATES = {
    "iccpr": ["1966-12-16"],
    "crc": ["1989-11-20"],
    "crc-opsc": ["2000-05-25"],
    "a-world-fit-for-children": ["2002-05"],
    "untoc": ["2000-11-15"],
    "palermo-trafficking-protocol": ["2000"],
    "ecosoc-resolution-2005-20": ["2005-07-22"],
    "unga-resolution-63-156": ["2008-12-18"],
    "coe-convention-exercise-of-childrens-rights": ["1996-01-25"],
    "european-social-charter": ["1961-10-18"],
    "coe-convention-on-cybercrime": ["2001-11-23"],
    "coe-trafficking-convention": ["2005-05-16"],
    "pace-recommendation-forced-and-child-marriages": ["2006-10"],
    "pace-resolution-abandonment-at-birth": ["2008-06-27"],
    "coe-guidelines-child-friendly-justice": ["2010-11-17"],
    "eu-decision-2000-375-jha": ["2000-05-29"],
    "eu-framework-decision-2001-220-jha": ["2001-03-15"],
    "eu-framework-decision-2002-629-jha": ["2002-07-19"],
    "eu-framework-decision-2004-68-jha": ["2003-12-22"],
    "eu-directive-2004-81": ["2004-04-29"],
    "eu-communication-fighting-trafficking-2005": ["2005-10-18"],
    "eu-plan-trafficking-best-practices-2005": ["2005-12-01"],
    "eu-decision-854-2005-ec": ["2005-05-11"],
    "eu-communication-rights-of-the-child-2006": ["2006"],
    "stockholm-declaration-and-agenda-for-action": ["1996-08-31"],
    "icc-statute": ["1998-07-18"],
    "ilo-convention-182": ["1999-06-17"],
    "budapest-commitment-and-plan-of-action": ["2001-11-21"],
    "yokohama-global-commitment": ["2001-12-20"],
    "rio-declaration-and-call-for-action": ["2008-11-28"],
    "istanbul-convention": ["2011-04-07"],
    "johannesburg-principles": ["2002-08"],
    "paris-principles": ["1992", "1993"],
    "italian-law-269-1998": ["1998-08-03"],
    "italian-legislative-decree-286-1998": ["1998-07-25"],
    "italian-cooperation-guidelines-on-minors-2012": ["1998"],
    "italian-mfa-directional-committee-resolution-165-2011": ["2011-12-12"],
    "carta-di-treviso": ["1990-10-05"],
    "vademecum-treviso-1995": ["1995"],
    "italian-data-protection-authority-deliberation-2006-10-26": ["2006-10-26"],
}


@pytest.mark.parametrize("slug, dates", sorted(ADOPTION_DATES.items()))
def test_adoption_dates_as_printed(kg, slug, dates):
    rows = kg.select(f"SELECT ?d WHERE {{ inst:{slug} lkg:adoptionDate ?d }} ORDER BY ?d")
    assert [r[0] for r in rows] == dates


def test_partial_dates_keep_their_precision(kg):
    rows = kg.select("""
        SELECT ?slug ?type WHERE {
          VALUES (?i ?slug) { (inst:a-world-fit-for-children "wffc") (inst:pace-recommendation-forced-and-child-marriages "forced")
                              (inst:eu-communication-rights-of-the-child-2006 "eu2006") }
          ?i lkg:adoptionDate ?d . BIND(DATATYPE(?d) AS ?type) } ORDER BY ?slug""")
    assert [(r[0], r[1].rsplit("#", 1)[-1]) for r in rows] == [
        ("eu2006", "gYear"), ("forced", "gYearMonth"), ("wffc", "gYearMonth")]


def test_adopting_bodies(kg):
    rows = kg.select("""
        SELECT ?i ?body WHERE { VALUES ?i { inst:crc inst:coe-guidelines-child-friendly-justice inst:istanbul-convention
                                            inst:eu-decision-854-2005-ec inst:ilo-convention-182 inst:paris-principles }
                                ?i lkg:adoptedBy ?body . } ORDER BY ?i ?body""")
    assert [(local(a), local(b)) for a, b in rows] == [
        ("coe-guidelines-child-friendly-justice", "coe-committee-of-ministers"),
        ("crc", "un-general-assembly"),
        ("eu-decision-854-2005-ec", "council-of-the-eu"),
        ("eu-decision-854-2005-ec", "european-parliament"),
        ("ilo-convention-182", "ilo"),
        ("istanbul-convention", "coe-committee-of-ministers"),
        ("paris-principles", "un-commission-on-human-rights"),
        ("paris-principles", "un-general-assembly"),
    ]


def test_outcome_documents_of_the_world_congresses_and_ungass(kg):
    rows = kg.select("""
        SELECT ?i ?event WHERE { ?i a lkg:Instrument ; lkg:adoptedAt ?event . } ORDER BY ?i""")
    assert [(local(a), local(b)) for a, b in rows] == [
        ("a-world-fit-for-children", "ungass-2002"),
        ("budapest-commitment-and-plan-of-action", "budapest-preparatory-conference-2001"),
        ("icc-statute", "rome-conference-1998"),
        ("johannesburg-principles", "global-judges-symposium-2002"),
        ("paris-principles", "paris-workshop-national-institutions-1991"),
        ("rio-declaration-and-call-for-action", "world-congress-3-rio-2008"),
        ("stockholm-declaration-and-agenda-for-action", "world-congress-1-stockholm-1996"),
        ("yokohama-global-commitment", "world-congress-2-yokohama-2001"),
    ]


# --- Footnote 1 (lines 42-48) and the Introduction ---------------------------

def test_footnote_1_instruments_before_the_convention(kg):
    rows = kg.select("SELECT ?i WHERE { inst:lanzarote-convention lkg:adoptedAfter ?i } ORDER BY ?i")
    assert [local(r[0]) for r in rows] == [
        "coe-convention-on-cybercrime", "coe-trafficking-convention", "crc", "crc-opsc",
        "icc-statute", "ilo-convention-182"]


def test_one_node_for_recommendation_cm_rec_2009_10(kg):
    # Introduction (line 34-35) and Appendix I (lines 1631-1632) name the same recommendation.
    rows = kg.select("""
        SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i lkg:referenceNumber ?r . FILTER(?r IN ("CM/Rec(2009)10", "10/CM/MS 2009")) }""")
    assert rows == [("1",)]


# --- Provisions cited by the chapters ---------------------------------------

def test_lanzarote_provisions_cited(kg):
    rows = kg.select("""
        SELECT ?p ?number WHERE { ?p lkg:partOf inst:lanzarote-convention ; lkg:provisionNumber ?number .
          FILTER NOT EXISTS { ?p a lkg:Point } } ORDER BY ?p""")
    assert [local(r[0]) for r in rows] == [
        "article-38", "article-38-1", "article-38-2", "article-38-3", "article-38-4",
        "article-4", "article-46", "article-5", "article-5-1", "article-5-3",
        "article-6", "article-7", "article-8", "article-9", "chapter-vi", "chapter-x"]


def test_crc_articles_cited(kg):
    rows = kg.select("SELECT ?n WHERE { ?a a lkg:Article ; lkg:partOf inst:crc ; lkg:provisionNumber ?n . }")
    assert sorted(int(r[0]) for r in rows) == [2, 3, 4, 6, 12, 34, 39]


def test_other_provisions_cited(kg):
    rows = kg.select("""
        SELECT ?instrument ?number WHERE {
          ?p a lkg:Provision ; lkg:partOf ?instrument ; lkg:provisionNumber ?number .
          ?instrument a lkg:Instrument .
          FILTER (?instrument NOT IN (inst:lanzarote-convention, inst:crc, inst:carta-di-treviso))
          FILTER NOT EXISTS { ?p lkg:partOf ?parent . ?parent a lkg:Provision }
        } ORDER BY ?instrument ?number""")
    assert [(local(a), b) for a, b in rows] == [
        ("a-world-fit-for-children", "6"),
        ("icc-statute", "7"),
        ("istanbul-convention", "38"),
        ("italian-law-269-1998", "17"),
        ("italian-legislative-decree-286-1998", "18"),
        ("italian-order-of-journalists-institutional-law", "2"),
        ("un-charter", "55"),
        ("un-charter", "56"),
    ]
    sub = kg.select("""
        SELECT ?parent ?number WHERE { ?p a lkg:Paragraph ; lkg:partOf ?parent ; lkg:provisionNumber ?number .
          ?parent a lkg:Article . FILTER (?parent IN (<https://w3id.org/lanzarote-kg/id/provision/icc-statute/article-7>,
                                             <https://w3id.org/lanzarote-kg/id/provision/italian-law-269-1998/article-17>)) }
        ORDER BY ?parent""")
    assert [(local(a), b) for a, b in sub] == [("article-7", "c"), ("article-17", "1")]


def test_public_notice_legal_basis_is_article_17_para_1_of_law_269(kg):
    rows = kg.select("SELECT ?b WHERE { inst:public-notice-1-2011 lkg:legalBasis ?b }")
    assert rows == [("https://w3id.org/lanzarote-kg/id/provision/italian-law-269-1998/article-17-1",)]


# --- Obligations --------------------------------------------------------------

def test_prevention_obligations_of_articles_4_to_9(kg):
    rows = kg.select("""
        SELECT ?provision (GROUP_CONCAT(DISTINCT ?tgName; separator="|") AS ?groups) WHERE {
          ?o a lkg:Obligation ; lkg:imposedBy ?provision ; lkg:bearer tg:parties ; lkg:servesPillar pillar:prevent ;
             lkg:targetGroup ?tg .
          ?tg skos:prefLabel ?tgName .
          FILTER (?provision IN (lzc:article-4, lzc:article-5-1, lzc:article-5-3, lzc:article-6, lzc:article-7, lzc:article-8, lzc:article-9))
        } GROUP BY ?provision ORDER BY ?provision""")
    got = {local(p): set(g.split("|")) for p, g in rows}
    assert got == {
        "article-4": {"children"},
        "article-5-1": {"people working in contact with children"},
        "article-5-3": {"candidates for professions in contact with children"},
        "article-6": {"children"},
        "article-7": {"persons who fear they may commit offences"},
        "article-8": {"general public"},
        "article-9": {"children", "private sector", "the media", "civil society"},
    }


def test_chapter_x_obligation_is_borne_by_the_committee_of_the_parties(kg):
    rows = kg.select("SELECT ?bearer WHERE { ?o lkg:imposedBy lzc:chapter-x ; lkg:bearer ?bearer }")
    assert [local(r[0]) for r in rows] == ["lanzarote-committee"]


def test_enabling_clauses_impose_no_obligation(kg):
    # Article 38(3) gives a permission ("may consider", lines 116-120), no obligation; Article 46 gives no norm.
    rows = kg.select("SELECT ?o WHERE { ?o lkg:imposedBy ?p . FILTER (?p IN (lzc:article-38-3, lzc:article-46)) }")
    assert [local(r[0]) for r in rows] == ["article-38-3"]
    kinds = kg.select("""SELECT ?force WHERE { ?o lkg:imposedBy lzc:article-38-3 ; a lkg:Permission ; lkg:deonticForce ?force .
        FILTER NOT EXISTS { ?o a lkg:Obligation } }""")
    assert [local(r[0]) for r in kinds] == ["may"]


def test_crc_articles_34_and_39_obligations(kg):
    rows = kg.select("""
        SELECT ?p ?pillar ?tg WHERE { ?o a lkg:Obligation ; lkg:imposedBy ?p ; lkg:addressesPillar ?pillar ; lkg:targetGroup ?tg .
          ?p lkg:partOf inst:crc . } ORDER BY ?p""")
    assert [(local(a), local(b), local(c)) for a, b, c in rows] == [
        ("article-34", "protect", "children"), ("article-39", "protect", "child-victims")]
    # The paper does not relate Article 34 to the 4Ps: the pillar is the project's reading.
    assigned = kg.select("SELECT ?o WHERE { ?o lkg:imposedBy crc:article-34 ; lkg:assignedPillar pillar:protect ; lkg:interpretation ?i }")
    assert len(assigned) == 1


# --- The Convention's measures (sections 1.2 and 1.3) ---------------------

def test_section_1_2_has_ten_prevention_measures_tied_to_articles(kg):
    rows = kg.select("""
        SELECT ?n ?provision WHERE { ?m a lkg:Measure ; lkg:sequence ?n ; lkg:relatedProvision ?provision ;
            lkg:servesPillar pillar:prevent ; lkg:servesObligation ?o . ?o lkg:imposedBy ?provision . } ORDER BY ?n""")
    assert [(int(n), local(p)) for n, p in rows] == [
        (1, "article-5-1"), (2, "article-5-3"), (3, "article-7"), (4, "article-6"),
        (5, "article-8"), (6, "article-8"), (7, "article-9"), (8, "article-9"), (9, "article-9"), (10, "article-9")]


def test_section_1_3_has_eight_protection_measures(kg):
    rows = kg.select("""
        SELECT ?n WHERE { ?m a lkg:Measure ; lkg:sequence ?n ; lkg:servesPillar pillar:protect ;
            lkg:relatedProvision inst:lanzarote-convention . } ORDER BY ?n""")
    assert [int(r[0]) for r in rows] == list(range(1, 9))


# --- Offences the CRC Committee asks to criminalise (section 3.5) --------

def test_crc_committee_offences_in_the_order_named(kg):
    rows = kg.select("""
        SELECT ?label WHERE { ?o a lkg:Offence ; lkg:criminalisationCalledForBy actor:un-crc-committee ;
            lkg:relatedProvision crc:article-34 ; rdfs:label ?label ; lkg:sequence ?n . } ORDER BY ?n""")
    assert [r[0] for r in rows] == [
        "sexual exploitation and sexual abuse of children and adolescents (SESACA)",
        "child prostitution",
        "child pornography",
        "possession of child pornography",
        "use of children in other unlawful sexual practices",
        "sexual exploitation by nationals in other countries",
        "use of child prostitutes",
        "publication and distribution of child pornography",
        "child trafficking",
        "production, distribution and possession of erotic images involving children",
        "commercial sexual exploitation of children",
    ]


def test_the_crc_committee_asks_to_ratify_four_instruments(kg):
    # Lines 704-709: the OPSC, the trafficking Protocol, the immigrant workers' convention and ILO Convention 182.
    rows = kg.select("""
        SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i lkg:evidence/lkg:startLine ?s .
          VALUES ?i { inst:crc-opsc inst:palermo-trafficking-protocol inst:migrant-workers-convention inst:ilo-convention-182 }
          FILTER (?s >= 704 && ?s <= 709) }""")
    assert rows == [("4",)]


# --- The Carta di Treviso (section 4.3, Appendix III) -------------------

@pytest.mark.parametrize("prefix, numbers", [
    ("binding-norm-", [str(n) for n in range(1, 12)]),
    ("commitment-", [str(n) for n in range(1, 10)]),
    ("executive-norm-", ["a", "b", "c", "d"]),
])
def test_carta_di_treviso_lists(kg, prefix, numbers):
    rows = kg.select(f"""
        SELECT ?number WHERE {{ ?p a lkg:Paragraph ; lkg:partOf inst:carta-di-treviso ; lkg:provisionNumber ?number ;
            lkg:sequence ?n . FILTER (STRSTARTS(STR(?p), "https://w3id.org/lanzarote-kg/id/provision/carta-di-treviso/{prefix}")) }}
        ORDER BY ?n""")
    assert [r[0] for r in rows] == numbers


def test_carta_di_treviso_norms_by_kind_and_bearer(kg):
    # Lines 1777-1856: binding norms 1-11 for journalists (3 "to be additionally
    # avoided" and 5 "must not" are prohibitions), the recommendation to
    # directors and editors of media, commitments 1-9 and executive norms a-d
    # of the Order and FNSI ("are committed"); lines 1757-1762: the two
    # principles the State "must" follow, adopted in the premises; line
    # 1725: the commitment of the Italian Republican State to protect infancy.
    rows = kg.select("""
        SELECT ?kind ?bearer (COUNT(DISTINCT ?o) AS ?n) WHERE {
          VALUES ?kind { lkg:Obligation lkg:Permission lkg:Prohibition lkg:NormativeRecommendation }
          ?o a ?kind, lkg:DocumentItem ; lkg:itemOf inst:carta-di-treviso ; lkg:bearer ?bearer ; lkg:deonticForce ?force .
        } GROUP BY ?kind ?bearer ORDER BY ?kind ?bearer""")
    assert sorted((k.rsplit("#", 1)[-1], local(b), int(n)) for k, b, n in rows) == [
        ("NormativeRecommendation", "media", 1),
        ("Obligation", "fnsi", 13), ("Obligation", "governments", 2),
        ("Obligation", "italian-order-of-journalists", 13), ("Obligation", "italy", 1),
        ("Obligation", "journalists", 9),
        ("Prohibition", "journalists", 2)]


def test_carta_di_treviso_binding_norm_forces(kg):
    rows = kg.select("""
        SELECT ?number ?force ?printed WHERE {
          ?o lkg:itemOf inst:carta-di-treviso ; lkg:itemKind itemk:binding-norm ; lkg:itemNumber ?number ;
             lkg:sequence ?n ; lkg:deonticForce ?force ; lkg:forceAsPrinted ?printed .
        } ORDER BY ?n""")
    assert [(a, local(b), c) for a, b, c in rows] == [
        ("1)", "is-obliged", "are obliged to observe"),
        ("2)", "shall", "is guaranteed"),
        ("3)", "to-be-avoided", "to be additionally avoided"),
        ("4)", "is-necessary", "it is however necessary"),
        ("5)", "must-not", "must not be interviewed"),
        ("6)", "is-necessary", "it is necessary to not emphasize"),
        ("7)", "is-necessary", "it is necessary to pay particular attention and demonstrate sensitivity"),
        ("8)", "shall", "will however be taken into consideration"),
        ("9)", "shall", "particular attention will be paid"),
        ("10)", "shall", "are also applied"),
        ("11)", "is-obliged", "are obliged to observe")]


def test_carta_di_treviso_history(kg):
    rows = kg.select("""
        SELECT ?adopted ?updated ?published WHERE { inst:carta-di-treviso lkg:adoptionDate ?adopted ;
            lkg:updateDate ?updated ; lkg:publicationDate ?published . }""")
    assert rows == [("1990-10-05", "2006-03-30", "2006-11-13")]
    bodies = kg.select("SELECT ?b WHERE { inst:carta-di-treviso lkg:adoptedBy ?b } ORDER BY ?b")
    assert [local(r[0]) for r in bodies] == ["fnsi", "italian-order-of-journalists"]
    vademecum = kg.select("SELECT ?d WHERE { inst:vademecum-treviso-1995 lkg:updates inst:carta-di-treviso ; lkg:adoptionDate ?d }")
    assert vademecum == [("1995",)]
    erratum = kg.select("""
        SELECT ?kind WHERE { inst:carta-di-treviso lkg:erratum ?e . ?e lkg:erratumKind ?kind ;
            lkg:printedValue "adopted in 1990 by the National Council of the Italian Order of Journalists" . }""")
    assert [local(r[0]) for r in erratum] == ["attribution"]


# --- The Guidelines of the Italian Cooperation on Minors (section 2.1) ----

def test_guidelines_seven_topics_in_order(kg):
    rows = kg.select("""
        SELECT ?label WHERE { ?t a lkg:ThematicTopic ; lkg:topicOf inst:italian-cooperation-guidelines-on-minors-2012 ;
            lkg:sequence ?n ; rdfs:label ?label . } ORDER BY ?n""")
    assert [r[0].split(" (")[0] for r in rows] == [
        "Education", "Commercial Sexual Exploitation and Trafficking", "Justice", "Labour",
        "Contexts of Crisis", "Disability", "Migration"]


def test_guidelines_three_instruments_in_order(kg):
    rows = kg.select("""
        SELECT ?label WHERE { ?t a lkg:MeansOfAction ; lkg:topicOf inst:italian-cooperation-guidelines-on-minors-2012 ;
            lkg:sequence ?n ; rdfs:label ?label . } ORDER BY ?n""")
    assert [r[0].split(" (")[0] for r in rows] == [
        "Social Communication", "Planning skills and Efficiency of Aid for Development",
        "International standards on children rights adopted by International Governmental Organizations"]


def test_guidelines_history(kg):
    updates = kg.select("SELECT ?d WHERE { inst:italian-cooperation-guidelines-on-minors-2012 lkg:updateDate ?d } ORDER BY ?d")
    assert [r[0] for r in updates] == ["2004", "2011"]
    adopted = kg.select("""
        SELECT ?r ?d WHERE { ?r lkg:adopts inst:italian-cooperation-guidelines-on-minors-2012 ; lkg:adoptionDate ?d }""")
    assert [(local(a), b) for a, b in adopted] == [("italian-mfa-directional-committee-resolution-165-2011", "2011-12-12")]


# --- Errata on instruments -------------------------------------------------

def test_errata_on_instruments(kg):
    rows = kg.select("""
        SELECT DISTINCT ?e WHERE { ?i a lkg:Instrument ; lkg:erratum ?e . } ORDER BY ?e""")
    assert [local(r[0]) for r in rows] == [
        "carta-di-treviso-1990-adopter",
        "cm-rec-2009-10-reference",
        "coe-committee-of-ministers-printed-as-council-of-ministers",
        "crc-opsc-title",
        "el-salvador-printed-as-salvador",
        "ilo-name",
        "pace-resolution-abandonment-at-birth-reference",
        "public-notice-1-2011-closing-date",
        "public-notice-1-2011-public-advice",
        "world-congress-3-name",
    ]


def test_council_of_ministers_erratum_covers_seven_council_of_europe_texts(kg):
    rows = kg.select("""
        SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE {
          ?i lkg:listedIn part:appendix-i-council-of-europe ; lkg:erratum erratum:coe-committee-of-ministers-printed-as-council-of-ministers . }""")
    assert rows == [("7",)]


def test_reference_year_mismatches_are_flagged(kg):
    rows = kg.select("""
        SELECT ?printed WHERE { ?i lkg:erratum ?e . ?e lkg:erratumKind ek:reference ; lkg:printedValue ?printed . }
        ORDER BY ?printed""")
    # "2004/68/JHA of 22 December 2003" (line 1647) is not flagged: nothing in
    # the paper contradicts a 2004 number for an act dated December 2003.
    assert [r[0] for r in rows] == ["10/CM/MS 2009", "1628/2004 on 27 June 2008"]
