"""Evidence per statement on the paper's data: what covers each statement,
file by file, and the per-statement provenance of Toys (section 4.3.2)."""
from __future__ import annotations

MIGRATED = ["data/interventions/toys.ttl"]


def test_coverage_counts_of_the_paper(build_result):
    counts = build_result.coverage.counts()
    assert counts["statements"] == sum(counts[k] for k in ("supported", "interpreted", "external", "unsupported"))
    assert counts["statements"] == 3275


def test_migrated_files_have_no_unsupported_statement(build_result):
    assert [(str(s.entity), str(s.property), str(s.value), s.file)
            for s in build_result.coverage.unsupported(set(MIGRATED))] == []


def test_toys_statements_by_cover(build_result):
    toys = [s for s in build_result.coverage.statements if s.file == "data/interventions/toys.ttl"]
    by_cover = {kind: sum(1 for s in toys if s.cover == kind) for kind in ("supported", "interpreted", "unsupported")}
    # The three obligations the project assigns (Articles 8, 9, 38(1)(a)) are its interpretation.
    assert by_cover == {"supported": 178, "interpreted": 3, "unsupported": 0}


def test_toys_start_date_points_to_its_sentence(kg):
    rows = kg.select("""
        SELECT ?value ?start ?end ?quote WHERE {
          intv:toys lkg:evidence ?passage .
          ?passage lkg:supportsValue [ lkg:property lkg:startDate ; lkg:value ?value ] ;
                   lkg:startLine ?start ; lkg:endLine ?end ; lkg:quote ?quote }""")
    assert rows == [("1998", "1492", "1492", "managed in 1998 by Terre des homes Germany")]


def test_toys_target_groups_each_have_their_passage(kg):
    rows = kg.select("""
        SELECT ?group (MIN(?start) AS ?first) WHERE {
          intv:toys lkg:evidence ?passage .
          ?passage lkg:supportsValue [ lkg:property lkg:targetGroup ; lkg:value ?group ] ; lkg:startLine ?start }
        GROUP BY ?group ORDER BY ?group""")
    # "addressed to tourists" (line 1484); "to inform tourist and the public opinion" (line 1503).
    assert rows == [("https://w3id.org/lanzarote-kg/id/concept/target-group/general-public", "1503"),
                    ("https://w3id.org/lanzarote-kg/id/concept/target-group/tourists", "1484")]


def test_countries_iso_codes_are_external(build_result):
    iso = [s for s in build_result.coverage.statements if str(s.property).endswith("#iso3166Alpha2")]
    assert len(iso) == 21 and {s.cover for s in iso} == {"external"}
