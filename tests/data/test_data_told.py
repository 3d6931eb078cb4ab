"""What the paper says, told (issue 19): how much of the paper lies inside a
passage that supports a statement, norms with their force, the content of
outcome documents, and the paper's claims with the sources it cites."""
from __future__ import annotations

import pytest


def test_at_least_nine_in_ten_content_lines_are_told(build_result, source_path):
    [paper] = build_result.lines
    # 1742 content lines: the 1863 lines less blank lines and bare page or footnote numbers.
    assert paper.content == 1742
    assert paper.told / paper.content >= 0.90, paper.line()


def test_every_top_level_part_is_mostly_told(build_result, source_path):
    [paper] = build_result.lines
    assert [(part.label, part.told, part.content) for part in paper.parts if part.share < 0.80] == []


def test_no_passage_supports_nothing(build_result):
    failures = {failure.name: failure for failure in build_result.check_failures}
    assert "passage-supports-nothing" not in failures, failures.get("passage-supports-nothing")


def test_article_38_3_is_a_permission_weaker_than_38_1_and_38_4(kg):
    # Lines 104-123: (1) "shall co-operate", (3) "may consider", (4) "shall endeavour to integrate".
    rows = kg.select("""
        SELECT ?provision ?class ?force ?strength WHERE {
          VALUES ?provision { lzc:article-38-1-a lzc:article-38-3 lzc:article-38-4 }
          ?norm lkg:imposedBy ?provision ; lkg:deonticForce ?forceNode .
          ?forceNode skos:prefLabel ?force ; lkg:forceStrength ?strength ; lkg:forceOfNorm ?class .
          ?norm a ?class } ORDER BY DESC(?strength)""")
    lkg = "https://w3id.org/lanzarote-kg/ontology#"
    lzc = "https://w3id.org/lanzarote-kg/id/provision/lanzarote-convention/"
    assert rows == [(lzc + "article-38-1-a", lkg + "Obligation", "shall", "5"),
                    (lzc + "article-38-4", lkg + "Obligation", "shall endeavour", "3"),
                    (lzc + "article-38-3", lkg + "Permission", "may", "0")]


def test_every_norm_has_its_force_as_printed(kg):
    rows = kg.select("""
        SELECT ?norm WHERE { ?norm a lkg:Norm .
          FILTER NOT EXISTS { ?norm lkg:deonticForce ?force ; lkg:forceAsPrinted ?printed } } ORDER BY ?norm""")
    assert rows == []


def test_the_yokohama_global_commitment_is_no_longer_an_empty_shell(kg):
    # Lines 549-569: early ratification; root causes; action against abusers without criminalising
    # child victims; new technologies and child pornography on the internet; family and
    # community-based monitoring; cooperation at all levels; zero tolerance.
    rows = kg.select("""
        SELECT ?text WHERE { ?item lkg:itemOf ?document ; lkg:itemText ?text .
          event:world-congress-2-yokohama-2001 lkg:outcomeDocument ?document } ORDER BY ?text""")
    texts = " | ".join(text for (text,) in rows).lower()
    for words in ("early ratification", "root causes", "criminalizing", "child pornography on the internet",
                  "community-based", "cooperation at all levels", "must not be tolerated"):
        assert words in texts, words


@pytest.mark.parametrize("line, words", [(251, "root causes"), (363, "social stigma"), (1352, "insensitive reporting")])
def test_claims_citing_unicef_2008(kg, line, words):
    rows = kg.select(f"""
        SELECT ?text WHERE {{ ?claim lkg:citesSource bib:unicef-2008 ; lkg:claimText ?text ; lkg:evidence ?passage .
          ?passage lkg:startLine ?start ; lkg:endLine ?end . FILTER (?start <= {line} && ?end >= {line} - 4) }}""")
    assert any(words in text for (text,) in rows), rows
