"""`load --replace versioned` against a live Oxigraph server: each graph
goes into a new version graph with the bulk loader, is verified, and only
then do readers (`report --endpoint`) switch to it; a refused load leaves
them on the old version, whole; the superseded version is dropped."""
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
from lanzarote_kg.triplestore.versioned_load import VersionedLoader, served_graphs

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


def _loader(server) -> VersionedLoader:
    return VersionedLoader(server.store_url, server.query_url, server.update_url,
                           HttpClient(HttpOptions(timeout=120, retries=0)))


def _graph_sizes(server) -> dict[str, int]:
    endpoint = SparqlEndpoint(server.query_url, HttpClient(HttpOptions(timeout=60, retries=0)))
    table = endpoint.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
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
    endpoint = SparqlEndpoint(server.query_url, HttpClient(HttpOptions(timeout=60, retries=0)))
    assert served_graphs(endpoint, ("urn:not-versioned",)) == ("urn:not-versioned",)
