"""The report catalogue and its engines: every required report with its
metadata, the same rows on Oxigraph and on rdflib, parameters that cannot
inject SPARQL, the CLI and the W3C result formats."""
from __future__ import annotations

import pytest
from rdflib import Literal

from helpers import ROOT, run_cli
from lanzarote_kg.sparql.catalogue import catalogue, find
from lanzarote_kg.sparql.engines import select_oxigraph, select_rdflib
from lanzarote_kg.core.errors import UserError
from lanzarote_kg.sparql.params import bind_parameters
from report_expectations import prepared, sidecar

QUERIES = ROOT / "queries"
REPORTS = [q.name for q in catalogue(QUERIES)]
REQUIRED = {"instruments-by-body", "timeline", "convention-provisions", "article-38", "pillar-matrix",
            "interventions", "funding-by-funder", "actor-profile", "world-congresses", "offences", "networks",
            "results", "countries", "critical-issues", "source-errata", "provenance", "child-participation"}


def test_the_catalogue_holds_every_required_report_with_its_metadata():
    assert REQUIRED <= set(REPORTS)
    for query in catalogue(QUERIES):
        assert query.title and query.question, f"{query.name}: header needs a title and a question"
        assert sidecar(QUERIES, query.name).exists(), f"{query.name}: no sidecar {query.name}.expect.toml"


@pytest.mark.parametrize("name", REPORTS)
def test_report_rows_are_the_same_on_oxigraph_and_rdflib(kg, name):
    query, _expectation, bindings = prepared(QUERIES, kg.result.store, name)
    fast = select_oxigraph(kg.result.store, query.text, bindings)
    reference = select_rdflib(kg.graph, query.text, bindings)
    assert fast.variables == reference.variables

    def cell(term) -> str:
        if term is None:
            return ""
        # Decimals print differently ("3045" vs "3045.0") but are the same value.
        text = str(term.toPython()) if isinstance(term, Literal) else str(term)
        # SPARQL leaves the order of GROUP_CONCAT unspecified: compare the parts.
        for separator in ("; ", " | "):
            if separator in text:
                return separator.join(sorted(text.split(separator)))
        return text

    def normal(rows):
        return sorted(tuple(cell(t) for t in row) for row in rows)

    assert normal(fast.rows) == normal(reference.rows)


@pytest.mark.parametrize("hostile", ['x> } ; DROP ALL #', 'UNICEF" } UNION { ?s ?p ?o } #', "https://example.org/a> ?p ?o . } #"])
def test_parameter_values_cannot_inject_sparql(kg, hostile):
    query = find(QUERIES, "actor-profile")
    before = len(kg.result.store)
    try:
        bindings = bind_parameters(query, {"actor": hostile}, kg.result.store)
    except UserError as refused:
        assert refused.code in {"LKG-Q006", "LKG-Q007"}
    else:
        table = select_oxigraph(kg.result.store, query.text, bindings)
        assert table.rows == []
    assert len(kg.result.store) == before


def test_an_ambiguous_label_lists_the_candidates(kg):
    query = find(QUERIES, "actor-profile")
    rows = kg.select("""SELECT ?name (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x rdfs:label|skos:altLabel|lkg:acronym ?name }
                        GROUP BY ?name HAVING (COUNT(DISTINCT ?x) > 1) ORDER BY ?name LIMIT 1""")
    if not rows:
        pytest.skip("no label is shared by two nodes")
    with pytest.raises(UserError) as error:
        bind_parameters(query, {"actor": rows[0][0]}, kg.result.store)
    assert error.value.code == "LKG-Q008" and "candidates" in error.value.message


def test_report_cli_lists_and_writes_every_report(tmp_path):
    listed = run_cli("report", "--list")
    assert listed.returncode == 0, listed.stderr
    assert {line.split("\t")[0] for line in listed.stdout.splitlines()} == set(REPORTS)
    written = run_cli("report", "--all", "--out", str(tmp_path / "reports"))
    assert written.returncode == 0, written.stderr
    names = {p.name for p in (tmp_path / "reports").iterdir()}
    assert {"index.md", "offences.md", "offences.csv", "world-congresses.csv"} <= names
    assert "index.html" not in names  # the site's report pages are the HTML view
    csv_bytes = (tmp_path / "reports" / "offences.csv").read_bytes()
    # For spreadsheets: each IRI column followed by its labels.
    assert csv_bytes.startswith(b"offence,offence label,kind,establishedBy,establishedBy label,calledForBy,"
                                b"calledForBy label,relatedProvision,relatedProvision label\r\n")


def test_report_formats_follow_the_sparql_results_formats(tmp_path):
    import json

    completed = run_cli("report", "offences", "--format", "json")
    assert completed.returncode == 0, completed.stderr
    document = json.loads(completed.stdout)
    assert document["head"]["vars"] == ["offence", "kind", "establishedBy", "calledForBy", "relatedProvision"]
    first = document["results"]["bindings"][0]
    assert first["offence"]["type"] == "uri"
    tsv = run_cli("report", "offences", "--format", "tsv")
    assert tsv.stdout.splitlines()[0] == "?offence\t?kind\t?establishedBy\t?calledForBy\t?relatedProvision"
    table = run_cli("report", "offences")
    assert "child sexual abuse" in table.stdout and "https://" not in table.stdout.splitlines()[2]
