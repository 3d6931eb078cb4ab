"""coverage --lines: which content lines of a source text lie inside a passage
that supports a statement, per top-level part, and the longest untold runs."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from helpers import run_cli
from lanzarote_kg.pipeline.line_coverage import line_coverage
from lanzarote_kg.pipeline.source import SourceText
from lanzarote_kg.pipeline.sources import Sources

DOC = "https://example.org/doc"
TEXT = "\n".join([
    "HEADING",                            # 1  told by the part's heading passage
    "",                                   # 2  blank: not content
    "first sentence of part one",         # 3  told
    "12",                                 # 4  a page number: not content
    "second sentence of part one",        # 5  untold (its passage supports nothing)
    "third sentence of part one",         # 6  untold
    "PART TWO",                           # 7  untold
    "only sentence of part two here",     # 8  told
    "a last line outside every part",     # 9  untold, outside the parts
])
TTL = f"""
@prefix lkg: <https://w3id.org/lanzarote-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{DOC}/one> a lkg:Section ; rdfs:label "HEADING" ; lkg:partOfDocument <{DOC}> ; lkg:startLine 1 ; lkg:endLine 6 ;
    lkg:printedTitle "HEADING" ;
    lkg:evidence [ lkg:inPart <{DOC}/one> ; lkg:startLine 1 ; lkg:endLine 1 ; lkg:supports lkg:printedTitle ] .
<{DOC}/one-a> a lkg:Section ; lkg:subPartOf <{DOC}/one> ; lkg:partOfDocument <{DOC}> ; lkg:startLine 3 ; lkg:endLine 6 .
<{DOC}/two> a lkg:Section ; rdfs:label "PART TWO" ; lkg:partOfDocument <{DOC}> ; lkg:startLine 7 ; lkg:endLine 8 .
<https://example.org/thing> lkg:evidence
    [ lkg:inPart <{DOC}/one-a> ; lkg:startLine 3 ; lkg:endLine 4 ; lkg:supportsValue [ lkg:property rdfs:label ] ],
    [ lkg:inPart <{DOC}/one-a> ; lkg:startLine 5 ; lkg:endLine 6 ],
    [ lkg:inPart <{DOC}/two> ; lkg:startLine 8 ; lkg:endLine 8 ; lkg:supports rdfs:label ] .
"""


def _lines(tmp_path: Path):
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    store = ox.Store()
    store.load(TTL.encode(), ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    [document] = line_coverage(store, Sources({DOC: SourceText(path)}, []))
    return document


def test_content_lines_leave_out_blank_lines_and_bare_numbers(tmp_path):
    document = _lines(tmp_path)
    assert (document.content, document.told) == (7, 3)
    assert document.line() == "lines told: 3 of 7 content lines (42.9%)"


def test_shares_per_top_level_part_and_outside(tmp_path):
    parts = [(p.label, p.start, p.end, p.told, p.content) for p in _lines(tmp_path).parts]
    # The sub-part 3-6 counts in its top-level part; line 9 lies outside every part.
    assert parts == [("HEADING", 1, 6, 2, 4), ("PART TWO", 7, 8, 1, 2), ("(outside every part)", 9, 9, 0, 1)]


def test_untold_runs_longest_first_skipping_blank_and_number_lines(tmp_path):
    runs = [(r.start, r.end, r.content, r.first_words) for r in _lines(tmp_path).runs]
    # A passage that supports nothing (5-6) tells nothing: its lines join the heading of part two.
    assert runs == [(5, 7, 3, "second sentence of part one"), (9, 9, 1, "a last line outside every part")]


def test_coverage_lines_on_the_paper(source_path):
    completed = run_cli("coverage", "--lines", "--min", "100", "--source", str(source_path))
    assert completed.returncode == 0, completed.stderr
    out = completed.stdout
    assert "CHAPTER 2 THE WORLD CONFERENCES" in out and "longest untold runs" not in out
    assert out.rstrip().splitlines()[-1] == "  lines told: 1742 of 1742 content lines (100.0%)"


def test_coverage_lines_names_what_a_removed_file_leaves_untold(project, source_path):
    # Without the Yokohama Global Commitment's items, its calls (lines 551-564) are told by nothing.
    (project / "data" / "content" / "yokohama-global-commitment.ttl").unlink()
    completed = run_cli("coverage", "--lines", "--min", "100", "--runs", "1", "--source", str(source_path), root=project)
    assert completed.returncode == 1 and "below --min 100%" in completed.stdout
    [run] = [line.split() for line in completed.stdout.splitlines() if line.startswith("    ")]
    start, end = (int(n) for n in run[0].split("-"))
    assert 549 <= start and end <= 569 and int(run[1]) >= 5


def test_coverage_lines_takes_no_data_files():
    completed = run_cli("coverage", "--lines", "data/paper/structure.ttl")
    assert completed.returncode == 2
    assert completed.stderr.strip() == "error: LKG-E040: coverage --lines counts whole source documents: give no data files"
