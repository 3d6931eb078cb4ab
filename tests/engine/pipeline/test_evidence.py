"""Evidence per statement, anchors and sources as data: an uncovered value
is named with its file, the anchors reproduce every quote, and a second
document works without a code change."""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from helpers import edit_file, run_cli
from lanzarote_kg.core.layout import Layout
from lanzarote_kg.pipeline.build import BuildOptions, run_build
from lanzarote_kg.pipeline.build_failures import failure_lines
from lanzarote_kg.pipeline.knowledge_graph import load
from lanzarote_kg.pipeline.quotes import verify_quotes
from lanzarote_kg.pipeline.source import SourceText
from lanzarote_kg.pipeline.sources import load_sources

TOYS = Path("data/interventions/toys.ttl")
LKG = "https://w3id.org/lanzarote-kg/ontology#"
ID = "https://w3id.org/lanzarote-kg/id/"
OA = "http://www.w3.org/ns/oa#"
RULE = Path("queries/checks/unsupported-statements.rq")


def _rule_at_error(project: Path) -> None:
    """The rule's severity, whatever the checkout says, set to error."""
    path = project / RULE
    path.write_text(re.sub(r"(?m)^#\+ severity: \w+$", "#+ severity: error", path.read_text(encoding="utf-8")),
                    encoding="utf-8")


def _statements(statements) -> set[tuple[str, str, str, str]]:
    return {(str(s.entity), str(s.property), str(s.value), s.file) for s in statements}


def test_a_statement_without_evidence_is_named_with_its_subject_property_and_file(project, source_path):
    _rule_at_error(project)
    # A new value no passage supports, in a file of its own.
    (project / "data" / "zz-unsupported.ttl").write_text(
        "<https://w3id.org/lanzarote-kg/id/intervention/toys> "
        "<https://w3id.org/lanzarote-kg/ontology#relatesTo> <https://w3id.org/lanzarote-kg/id/place/tokyo> .\n",
        encoding="utf-8")
    # A bare lkg:supports does not cover a property with two values (Toys serves two pillars).
    edit_file(project, TOYS, """lkg:supportsValue [
            lkg:property lkg:servesPillar ;
            lkg:value pillar:prevent
        ]""", "lkg:supports lkg:servesPillar")
    # A support naming a value the subject does not have: Milan loses its passage.
    edit_file(project, TOYS, "lkg:value place:milan, place:rome", "lkg:value place:rome, place:turin")
    result = run_build(Layout(project), BuildOptions(source=source_path))
    toys = f"{ID}intervention/toys"
    files = {"data/interventions/toys.ttl", "data/zz-unsupported.ttl"}
    assert _statements(result.coverage.unsupported(files)) == {
        (toys, f"{LKG}relatesTo", f"{ID}place/tokyo", "data/zz-unsupported.ttl"),
        (toys, f"{LKG}servesPillar", f"{ID}concept/pillar/prevent", "data/interventions/toys.ttl"),
        (toys, f"{LKG}implementedIn", f"{ID}place/milan", "data/interventions/toys.ttl"),
    }
    assert not result.ok
    failed = {f.name: f for f in result.blocking_checks}
    assert (toys, f"{LKG}implementedIn", f"{ID}place/turin") in {
        tuple(str(t) for t in row) for row in failed["supports-nothing"].table.rows}
    assert "unsupported-statements" in failed
    # The rule (a left join, for speed at scale) and the count (its own query) agree row for row.
    assert {tuple(str(t) for t in row) for row in failed["unsupported-statements"].table.rows} == {
        statement[:3] for statement in _statements(result.coverage.unsupported())}
    lines = "\n".join(failure_lines(result))
    assert f"{toys} | {LKG}implementedIn | {ID}place/turin [data/interventions/toys.ttl]" in lines


def test_coverage_lists_a_files_unsupported_statements(project):
    edit_file(project, TOYS, '    lkg:startDate "1998"^^xsd:gYear ;\n    lkg:targetGroup',
              '    lkg:startDate "1998"^^xsd:gYear ;\n    lkg:printedDate "in 1998" ;\n    lkg:targetGroup')
    completed = run_cli("coverage", str(project / TOYS), root=project)
    assert completed.returncode == 1, completed.stderr
    listed = [line.strip() for line in completed.stdout.splitlines() if line.startswith("  ")]
    assert listed == ['intv:toys lkg:printedDate "in 1998"',
                      "fix: add `lkg:supports <https://w3id.org/lanzarote-kg/ontology#printedDate>` to the passage "
                      "of the subject that says it"]
    assert completed.stdout.startswith("data/interventions/toys.ttl\n")
    assert "unsupported: 1 in 1 file(s)" in completed.stdout
    outside = run_cli("coverage", str(project / "queries" / "provenance.rq"), root=project)
    assert outside.returncode == 2 and "LKG-E013" in outside.stderr


def test_every_passage_has_quote_and_position_selectors_that_reproduce_it(kg, source_path):
    source = SourceText(source_path)
    rows = kg.select(f"""
        SELECT ?passage ?quote ?exact ?prefix ?suffix ?start ?end ?fragment ?first ?last WHERE {{
          GRAPH <https://w3id.org/lanzarote-kg/graph/annotations> {{
            ?passage <{OA}hasSource> <{ID}document/coe-2012-international-cooperation-lanzarote> ;
                <{OA}hasSelector> ?q, ?p, ?f .
            ?q a <{OA}TextQuoteSelector> ; <{OA}exact> ?exact ; <{OA}prefix> ?prefix ; <{OA}suffix> ?suffix .
            ?p a <{OA}TextPositionSelector> ; <{OA}start> ?start ; <{OA}end> ?end .
            ?f a <{OA}FragmentSelector> ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?fragment }}
          ?passage lkg:quote ?quote ; lkg:startLine ?first ; lkg:endLine ?last }}""")
    passages = kg.select("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p lkg:quote ?q }")
    assert len(rows) == len({row[0] for row in rows}) == int(passages[0][0])
    integrity = f"length={len(source.text)},UTF-8;md5={hashlib.md5(source_path.read_bytes()).hexdigest()},UTF-8"
    for passage, quote, exact, prefix, suffix, start, end, fragment, first, last in rows:
        start, end = int(start), int(end)
        assert source.text[start:end] == exact, passage
        assert source.reproduces(quote, start, end), passage
        assert source.text[:start].endswith(prefix) and source.text[end:].startswith(suffix), passage
        assert fragment == f"line={int(first) - 1},{last};{integrity}", passage
        # The fragment's lines hold the characters of the position selector.
        assert int(first) <= source.text.count("\n", 0, start) + 1
        assert source.text.count("\n", 0, end - 1) + 1 <= int(last)


def test_the_convention_passage_is_anchored_at_its_offsets(kg, source_path):
    text = SourceText(source_path).text
    rows = kg.select(f"""
        SELECT ?start ?end WHERE {{ inst:lanzarote-convention lkg:evidence ?passage .
          ?passage lkg:startLine 17 ; <{OA}hasSelector> [ <{OA}start> ?start ; <{OA}end> ?end ] }}""")
    assert rows
    for start, end in rows:
        # Line 17 starts "The Lanzarote Convention, opened for signature in Lanzarote (Spain) on 25 October".
        assert text.count("\n", 0, int(start)) + 1 >= 17
        assert "Lanzarote" in text[int(start):int(end)]


SECOND = """@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix lkg: <https://w3id.org/lanzarote-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix doc: <https://w3id.org/lanzarote-kg/id/document/test-helpline-note/> .

<https://w3id.org/lanzarote-kg/id/document/test-helpline-note> a lkg:SourceDocument ;
    rdfs:label "A test-only note on a helpline"@en ;
    dcterms:title "Test helpline note"@en ;
    lkg:textFile "test-helpline-note.txt" ;
    lkg:sha256 "%(sha)s" ;
    lkg:lineCount 3 ;
    lkg:evidence [
        lkg:inPart doc:body ;
        lkg:startLine 1 ;
        lkg:endLine 1 ;
        lkg:quote "A note written for the tests."
    ] .

doc:body a lkg:Section ;
    rdfs:label "Body"@en ;
    lkg:startLine 1 ;
    lkg:endLine 3 ;
    lkg:partOfDocument <https://w3id.org/lanzarote-kg/id/document/test-helpline-note> .

<https://w3id.org/lanzarote-kg/id/actor/test-helpline> a lkg:Organisation ;
    rdfs:label "Test Helpline"@en ;
    lkg:evidence [
        lkg:inPart doc:body ;
        lkg:startLine 2 ;
        lkg:endLine 3 ;
        lkg:quote "%(quote)s" ;
        lkg:supports rdfs:label
    ] .
"""
NOTE = "A note written for the tests.\nThe Test Helpline answers\ncalls from children.\n"


def test_a_second_document_is_checked_and_anchored_without_code_changes(project, source_path, tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(source_path, texts / source_path.name)
    (texts / "test-helpline-note.txt").write_text(NOTE, encoding="utf-8")
    sha = hashlib.sha256(NOTE.encode("utf-8")).hexdigest()
    data = project / "data" / "zz-second-document.ttl"
    data.write_text(SECOND % {"sha": sha, "quote": "The Test Helpline answers calls from children."}, encoding="utf-8")
    result = run_build(Layout(project), BuildOptions(source=texts / "test-helpline-note.txt"))
    assert result.report.conforms and not result.quote_problems
    assert not result.sources.missing
    anchors = [a for a in result.anchors if a.subject.endswith("/test-helpline")]
    assert [(a.subject, a.start_line, a.end_line, a.located.start, a.located.end) for a in anchors] == [
        (f"{ID}actor/test-helpline", 2, 3, NOTE.index("The Test"), NOTE.index("children.") + len("children."))]
    rows = [r[0].value for r in result.store.query(
        f"SELECT ?fragment WHERE {{ ?p <{OA}hasSource> <{ID}document/test-helpline-note> ; <{OA}hasSelector> ?f . "
        "?f <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?fragment }", use_default_graph_as_union=True)]
    integrity = f"length={len(NOTE)},UTF-8;md5={hashlib.md5(NOTE.encode()).hexdigest()},UTF-8"
    assert sorted(rows) == [f"line=0,1;{integrity}", f"line=1,3;{integrity}"]
    supported = {(str(s.entity), str(s.property)) for s in result.coverage.statements if s.cover == "supported"}
    assert (f"{ID}actor/test-helpline", "http://www.w3.org/2000/01/rdf-schema#label") in supported
    # The quote is checked against its own document: words of the note are not in the paper.
    data.write_text(SECOND % {"sha": sha, "quote": "The Test Helpline answers calls from adults."}, encoding="utf-8")
    changed = load(Layout(project))
    problems, _anchors = verify_quotes(changed.store, load_sources(changed.store, texts))
    assert [p.subject for p in problems] == [f"{ID}actor/test-helpline"]


def test_a_source_file_that_no_document_names_is_refused(project, tmp_path, source_path):
    stray = tmp_path / "paper.txt"
    shutil.copy(source_path, stray)
    completed = run_cli("validate", "--source", str(stray), root=project)
    assert completed.returncode == 2
    assert "LKG-E012" in completed.stderr and "coe-2012-international-cooperation-lanzarote.txt" in completed.stderr
