"""`load --replace versioned` against a live Oxigraph server: each graph
goes into a new version graph with the bulk loader, is verified, and only
then do readers (`report --endpoint`) switch to it; a refused load leaves
them on the old version, whole; the superseded version is dropped. The
load goes in parallel parts and the verification reads the graph back in
parallel, one predicate per request: the server must hold exactly the set sent
(a triple added or swapped on the server fails the load), and readers see
the old version, whole, until the switch."""
from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest

from helpers import ROOT
from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.namespaces import Graphs
from lanzarote_kg.triplestore.http_client import HttpClient, HttpOptions
from lanzarote_kg.triplestore.server import OxigraphServer, ServerOptions, free_port
from lanzarote_kg.triplestore.sparql_protocol import SparqlEndpoint
from lanzarote_kg.bench.synthetic import write_synthetic
from lanzarote_kg.triplestore.versioned_load import VersionedLoader, read_payloads, served_graphs

DATA = str(Graphs.DATA)
WORLD_CONGRESSES = 4  # queries/world-congresses.expect.toml: the paper's four world congresses


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = OxigraphServer(ServerOptions(tmp_path_factory.mktemp("oxigraph") / "store", free_port(), writable=True,
                                           union_default_graph=False)).start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def nquads(build_result, tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("graph") / "kg.nq"
    build_result.store.dump(str(path), format=ox.RdfFormat.N_QUADS)
    return path.read_bytes()


def _loader(server, parallel: int = 2) -> VersionedLoader:
    return VersionedLoader(server.store_url, server.query_url, server.update_url,
                           HttpClient(HttpOptions(timeout=120, retries=0)), parallel=parallel, grace=0.2)


def _endpoint(server) -> SparqlEndpoint:
    return SparqlEndpoint(server.query_url, HttpClient(HttpOptions(timeout=60, retries=0)), server.update_url)


def _as_graph(synthetic, graph: str, path):
    """A copy of a synthetic N-Quads file whose triples are in `graph`."""
    path.write_bytes(synthetic.read_bytes().replace(b"<urn:lkg-test:synthetic>", f"<{graph}>".encode()))
    return path


def _graph_sizes(server) -> dict[str, int]:
    table = _endpoint(server).select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {str(g): int(n) for g, n in table.rows}


def _world_congresses(server) -> int:
    completed = subprocess.run([sys.executable, "-m", "lanzarote_kg", "--root", str(ROOT), "report", "world-congresses",
                                "--endpoint", server.query_url, "--format", "csv"], capture_output=True, text=True,
                               timeout=120)
    assert completed.returncode == 0, completed.stderr
    return len(completed.stdout.strip().splitlines()) - 1  # minus the header


def test_versioned_load_reload_and_refused_load(server, nquads, build_result, tmp_path):
    first = tmp_path / "first.nq"
    first.write_bytes(nquads)
    report = _loader(server).reload(first)
    assert report.ok, report.problem
    expected = build_result.counts()
    assert report.graphs[DATA] == expected["data"] and report.graphs[str(Graphs.INFERRED)] == expected["inferred"]
    version = _loader(server).current()[DATA]
    assert version == f"{DATA}/v/{report.version}"
    assert _world_congresses(server) == WORLD_CONGRESSES  # the reports read the version graphs

    # A second file (one triple more in the data graph) becomes a new version; the old one is dropped.
    extra = f'<https://w3id.org/lanzarote-kg/id/actor/unicef> <http://www.w3.org/2000/01/rdf-schema#comment> "x" <{DATA}> .\n'
    second = tmp_path / "second.nq"
    second.write_bytes(nquads + extra.encode())
    report = _loader(server).reload(second)
    assert report.ok and report.graphs[DATA] == expected["data"] + 1
    sizes = _graph_sizes(server)
    assert version not in sizes and sizes[_loader(server).current()[DATA]] == expected["data"] + 1

    # A file the server refuses: the error is raised, nothing half-written stays, readers keep the second version.
    current = _loader(server).current()
    broken = tmp_path / "broken.nq"
    broken.write_bytes(nquads + f'<https://w3id.org/lanzarote-kg/id/bad iri> <urn:p> "x" <{DATA}> .\n'.encode())
    with pytest.raises(UserError):
        _loader(server).reload(broken)
    assert _loader(server).current() == current
    assert set(_graph_sizes(server)) == set(current.values()) | {"https://w3id.org/lanzarote-kg/graph/versions"}
    assert _world_congresses(server) == WORLD_CONGRESSES


def test_readers_without_a_versioned_load_read_the_graphs_themselves(server):
    assert served_graphs(_endpoint(server), ("urn:not-versioned",)) == ("urn:not-versioned",)


def _triples(server, graph: str) -> set[str]:
    return {str(t) for t in _endpoint(server).construct(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")}


def _file_triples(path) -> set[str]:
    return {str(q.triple) for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)}


@pytest.fixture(scope="module")
def synthetic_files(tmp_path_factory):
    """Two different 60,000-triple graphs named `urn:lkg-test:synthetic`: past the
    size where the load is split in parts and the read-back in predicate groups."""
    folder = tmp_path_factory.mktemp("synthetic")
    files = folder / "first.nq", folder / "second.nq"
    for seed, path in zip((1, 2), files):
        write_synthetic(path, 60_000, seed=seed, graph="urn:lkg-test:synthetic")
    return files


def test_parallel_parts_load_the_exact_set_and_readers_keep_the_old_version_until_the_switch(server, synthetic_files):
    first, second = synthetic_files
    graph = "urn:lkg-test:synthetic"
    report = _loader(server).reload(first)
    assert report.ok, report.problem
    old = _loader(server).current()[graph]
    assert report.graphs[graph] == 60_000 and _triples(server, old) == _file_triples(first)

    loader = _loader(server)
    seen_before_switch = {}
    real_switch = loader.switch

    def switch_after_looking(payloads):
        # What a reader is told to read, and what that graph holds, once the new version is loaded and verified.
        seen_before_switch["graphs"] = served_graphs(_endpoint(server), (graph,))
        seen_before_switch["triples"] = _triples(server, old)
        real_switch(payloads)
    loader.switch = switch_after_looking
    report = loader.reload(second)
    assert report.ok, report.problem
    assert seen_before_switch["graphs"] == (old,) and seen_before_switch["triples"] == _file_triples(first)
    new = _loader(server).current()[graph]
    assert new != old and _triples(server, new) == _file_triples(second)
    assert report.superseded == [old] and old not in _graph_sizes(server)  # dropped after the switch


def test_a_server_graph_that_differs_from_the_sent_set_fails_the_load(server, synthetic_files, tmp_path):
    first, _ = synthetic_files
    graph = "urn:lkg-test:synthetic-tampered"
    path = _as_graph(first, graph, tmp_path / "tampered.nq")
    endpoint = _endpoint(server)
    a_line = path.read_bytes().splitlines()[123].decode()
    subject, predicate, rest = a_line.split(" ", 2)
    obj = rest.rsplit(" ", 2)[0]

    def tamper_with(change: str):
        loader = _loader(server)
        real_post = loader.bulk_post

        def post_then_change(payload):
            real_post(payload)  # a concurrent writer changes the new version before it is verified
            endpoint.update(change.replace("GRAPH", f"GRAPH <{payload.version_graph}>"))
        loader.bulk_post = post_then_change
        return loader.reload(path)

    before = _loader(server).current().get(graph)
    extra = tamper_with('INSERT DATA { GRAPH { <urn:x> <urn:y> "z" } }')
    assert not extra.ok and "sent 60000 triples, the server has 60001" in extra.problem
    swapped = tamper_with(f'DELETE DATA {{ GRAPH {{ {subject} {predicate} {obj} }} }} ; '
                          f'INSERT DATA {{ GRAPH {{ {subject} {predicate} "another value" }} }}')
    assert not swapped.ok and "1 triple(s) missing, 1 unexpected" in swapped.problem
    assert _loader(server).current().get(graph) == before  # readers never switched
    assert not [g for g in _graph_sizes(server) if g.startswith(graph + "/v/")]  # the refused versions are gone


def test_a_version_graph_left_by_an_interrupted_load_is_dropped_by_the_next(server, synthetic_files, tmp_path):
    first, _ = synthetic_files
    graph = "urn:lkg-test:synthetic-leftover"
    path = _as_graph(first, graph, tmp_path / "leftover.nq")
    endpoint = _endpoint(server)
    endpoint.update(f'INSERT DATA {{ GRAPH <{graph}/v/0000000000000000> {{ <urn:x> <urn:y> "half a load" }} }}')
    report = _loader(server, parallel=1).reload(path)
    assert report.ok, report.problem
    versions = [g for g in _graph_sizes(server) if g.startswith(graph + "/v/")]
    assert versions == [f"{graph}/v/{report.version}"]


def test_a_large_graph_is_sent_in_parts_that_together_hold_every_statement(synthetic_files):
    payload, = read_payloads(synthetic_files[0], "v")
    assert len(payload.statements) == 60_000 and b"".join(payload.parts(2)).count(b" .\n") == 60_000


def test_a_load_in_the_other_mode_is_refused_on_one_line(tmp_path, nquads):
    """Issue 21: after a staged load a versioned one (and the other way round)
    would leave both copies and union queries would see every triple twice."""
    file = tmp_path / "kg.nq"
    file.write_bytes(nquads)
    running = OxigraphServer(ServerOptions(tmp_path / "store", free_port(), writable=True,
                                           union_default_graph=False)).start()
    try:
        def load(mode: str) -> subprocess.CompletedProcess:
            return subprocess.run([sys.executable, "-m", "lanzarote_kg", "--root", str(ROOT), "load",
                                   "--graph-store", running.store_url, "--query-endpoint", running.query_url,
                                   "--file", str(file), "--replace", mode], capture_output=True, text=True, timeout=300)
        assert load("staged").returncode == 0
        before = _graph_sizes(running)
        refused = load("versioned")
        errors = [line for line in refused.stderr.splitlines() if line.startswith("error:")]
        assert refused.returncode == 2 and len(errors) == 1 and "LKG-T021" in errors[0], refused.stderr
        assert "Traceback" not in refused.stderr and f"DROP GRAPH <{DATA}>" in errors[0]
        assert _graph_sizes(running) == before  # nothing written, nothing lost
        # Once the plain graphs are gone, a versioned load goes through; then a staged one is refused.
        _endpoint(running).update(" ; ".join(f"DROP GRAPH <{g}>" for g in before))
        assert load("versioned").returncode == 0
        before = _graph_sizes(running)
        refused = load("staged")
        assert refused.returncode == 2 and "LKG-T021" in refused.stderr and "versioned load" in refused.stderr
        assert _graph_sizes(running) == before
    finally:
        running.stop()
