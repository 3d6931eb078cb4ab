"""A real OpenLink Virtuoso 7.2 (Debian `virtuoso-opensource`), set up as
docs/TRIPLESTORE.md tells a user: its shipped limits (ResultSetMaxRows =
10000), `GRANT SPARQL_UPDATE TO "SPARQL"`, a dba password. `load` through
both Graph Store endpoints (open, and Digest-protected), a reload, and every
report through `report --endpoint`, row for row as local. The server runs on
free 127.0.0.1 ports with a private database and is stopped by its PID."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode

from helpers import ROOT
from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.namespaces import Graphs
from lanzarote_kg.pipeline.access import store_from_file
from lanzarote_kg.reports.runner import write_all
from lanzarote_kg.triplestore.http_client import HttpClient, HttpOptions
from lanzarote_kg.triplestore.loader import read_graphs
from lanzarote_kg.triplestore.remote_reports import RemoteStore, remote_runner
from lanzarote_kg.triplestore.sparql_protocol import Dataset, SparqlEndpoint
from lanzarote_kg.triplestore.verification import Verifier
from lanzarote_kg.triplestore.virtuoso import VirtuosoOptions, VirtuosoServer, virtuoso_commands
from report_rows import compare_every_report

pytestmark = pytest.mark.skipif(virtuoso_commands() is None, reason="Virtuoso is not installed "
                                "(apt-get install virtuoso-opensource; .ci/run installs it when missing)")

SECRET = "v1rtu0so-Secret-for-tests"
GRAPHS = tuple(str(g) for g in Graphs.ALL)


def cli(*args: str, password: str | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, KG_TEST_PASSWORD=password or SECRET)
    return subprocess.run([sys.executable, "-m", "lanzarote_kg", "--root", str(ROOT), *args],
                          capture_output=True, text=True, env=environment, timeout=300)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    server = VirtuosoServer(VirtuosoOptions(tmp_path_factory.mktemp("virtuoso") / "db"))
    try:
        server.start()
        server.set_up(SECRET)
        print(f"virtuoso: new database answering after {server.started_in:.1f} s")
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def trig(kg, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("release") / "lanzarote-kg.trig"
    kg.result.store.dump(str(path), format=ox.RdfFormat.TRIG)
    return path


def endpoint(url: str, **options) -> SparqlEndpoint:
    return SparqlEndpoint(url, HttpClient(HttpOptions(timeout=60, retries=0, **options), log=lambda m: None),
                          dataset=Dataset(GRAPHS, GRAPHS))


def counts(server: VirtuosoServer) -> dict[str, int]:
    table = endpoint(server.sparql_url).select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), 'https://w3id.org/')) } "
        "GROUP BY ?g")
    return {str(g): int(n) for g, n in table.rows}


def summary(stdout: str) -> dict[str, tuple[int, int, float, str]]:
    rows = {}
    for line in stdout.splitlines()[1:]:
        graph, sent, found, seconds, status = line.split()
        rows[graph] = (int(sent), int(found), float(seconds), status)
    return rows


@pytest.fixture(scope="module")
def loaded(virtuoso, trig):
    """`load` through the open endpoint, as after the GRANT."""
    clock = time.monotonic()
    completed = cli("load", "--graph-store", virtuoso.graph_store_url, "--query-endpoint", virtuoso.sparql_url,
                    "--file", str(trig))
    print(f"virtuoso: load (staged, verified) {time.monotonic() - clock:.1f} s")
    return completed


def test_load_after_the_grant_survives_the_row_cap_and_the_rewritten_durations(loaded, virtuoso, trig):
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    expected = {p.name: len(p.triples) for p in read_graphs(trig)}
    assert expected[str(Graphs.DATA)] > 10001  # more than the shipped cap lets through in one answer
    rows = summary(loaded.stdout)
    assert {g: (r[0], r[1], r[3]) for g, r in rows.items()} == {g: (n, n, "OK") for g, n in expected.items()}
    assert counts(virtuoso) == expected  # and no staging graph left behind
    warnings = [line for line in loaded.stderr.splitlines() if line.startswith("warning:")]
    cut = [w for w in warnings if "LKG-T013" in w]
    assert len(cut) == 1 and "cut an answer at 10001 of" in cut[0] and "ResultSetMaxRows" in cut[0], warnings
    rewritten = [w for w in warnings if "LKG-T014" in w]
    assert any('"P1Y6M"^^xsd:duration as "18"^^xsd:duration' in w for w in rewritten), warnings
    print("virtuoso: " + ", ".join(f"{g.rsplit('/', 1)[1]} {r[1]} triples {r[2]:.2f} s" for g, r in rows.items()))


def test_reload_through_the_digest_endpoint(loaded, virtuoso, trig):
    before = counts(virtuoso)
    auth = ["--user", "dba", "--password-env", "KG_TEST_PASSWORD"]
    completed = cli("load", "--graph-store", virtuoso.graph_store_auth_url, "--query-endpoint",
                    virtuoso.sparql_auth_url, "--file", str(trig), "--replace", "direct", *auth)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert all(r[3] == "OK" for r in summary(completed.stdout).values())
    assert SECRET not in completed.stdout + completed.stderr
    assert counts(virtuoso) == before  # replaced, never doubled
    wrong = cli("load", "--graph-store", virtuoso.graph_store_auth_url, "--query-endpoint", virtuoso.sparql_url,
                "--file", str(trig), *auth, password="not-the-password")
    errors = [line for line in wrong.stderr.splitlines() if line.startswith("error:")]
    assert wrong.returncode == 2 and len(errors) == 1 and "LKG-T003" in errors[0], wrong.stderr
    assert counts(virtuoso) == before


def test_a_changed_value_fails_verification_where_a_rewritten_one_does_not(loaded, virtuoso, trig):
    data = next(p for p in read_graphs(trig) if p.name == str(Graphs.DATA))
    warnings: list[str] = []
    verifier = Verifier(endpoint(virtuoso.sparql_url), warnings.append)
    assert verifier.check(data.name, data.triples, data.ground, full=True) == (len(data.triples), "")
    assert any("LKG-T013" in w for w in warnings) and any("LKG-T014" in w for w in warnings)
    changed = next(t for t in data.triples if '"P1Y6M"' in t)
    subject, predicate = changed.split(" ")[:2]
    update = endpoint(virtuoso.sparql_url)
    update.update_url = virtuoso.sparql_url

    def set_duration(value: str) -> None:
        update.update(f'WITH <{data.name}> DELETE {{ {subject} {predicate} ?d }} INSERT {{ {subject} {predicate} '
                      f'"{value}"^^<http://www.w3.org/2001/XMLSchema#duration> }} WHERE {{ {subject} {predicate} ?d }}')
    set_duration("P1Y7M")
    try:
        found, problem = verifier.check(data.name, data.triples, data.ground, full=True)
        assert found == len(data.triples)
        assert re.match(r"1 triple\(s\) missing, 1 unexpected \(e\.g\. .*P1Y6M", problem), problem
    finally:
        set_duration("P1Y6M")


def test_every_report_gives_the_local_rows_on_virtuoso(loaded, virtuoso, trig, tmp_path):
    remote = endpoint(virtuoso.sparql_url)
    reports, rows = compare_every_report(ROOT / "queries", store_from_file(trig), RemoteStore(remote),
                                         remote_runner(remote))
    assert reports >= 17 and rows > 400
    print(f"virtuoso: {reports} reports, {rows} rows identical to local")
    there = cli("report", "--all", "--out", str(tmp_path / "remote"), "--endpoint", virtuoso.sparql_url)
    assert there.returncode == 0, there.stderr
    write_all(ROOT / "queries", store_from_file(trig), tmp_path / "local")
    # The same reports with the same row counts, through the CLI.
    assert (tmp_path / "remote" / "index.md").read_text() == (tmp_path / "local" / "index.md").read_text()


def test_virtuoso_blank_nodes_read_as_blank_nodes(loaded, virtuoso):
    table = endpoint(virtuoso.sparql_url).select(
        f"SELECT ?b WHERE {{ GRAPH <{Graphs.ONTOLOGY}> {{ ?b ?p ?o FILTER (isBlank(?b)) }} }} LIMIT 2")
    assert len(table.rows) == 2 and all(isinstance(row[0], BNode) for row in table.rows)


def test_a_partial_answer_is_refused_not_taken_for_the_result(loaded, virtuoso):
    # Virtuoso's "anytime" query: cut by a time limit (here the request's own
    # `timeout` in ms; MaxQueryExecutionTime in the ini), answered HTTP 200
    # with only an X-SQL-State header to say so.
    hurried = endpoint(virtuoso.sparql_url + "?timeout=1")
    with pytest.raises(UserError) as refused:
        hurried.select("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?c ?g ?h }")
    assert refused.value.code == "LKG-T018" and "partial answer" in refused.value.message
    assert "MaxQueryExecutionTime" in refused.value.message
