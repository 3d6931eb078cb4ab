"""Loading into a real SPARQL 1.1 server (Oxigraph 0.5.13, started per
module) and running the reports there: the data arrives whole, a reload
replaces, nothing already loaded is ever lost, credentials never leak."""
from __future__ import annotations

import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from helpers import ROOT
from report_rows import compare_every_report
from lanzarote_kg.pipeline.access import store_from_file
from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.namespaces import Graphs
from lanzarote_kg.triplestore.http_client import HttpClient, HttpOptions, HttpStatusError
from lanzarote_kg.triplestore.remote_reports import RemoteStore, bind_values, remote_runner
from lanzarote_kg.triplestore.sparql_protocol import Dataset, SparqlEndpoint
from lanzarote_kg.reports.runner import run_report
from lanzarote_kg.triplestore.server import OxigraphServer, ServerOptions, free_port
from lanzarote_kg.bench.synthetic import write_synthetic
from lanzarote_kg.triplestore.loader import read_graphs

SECRET = "s3cr3t-Pa55word-for-tests"
GRAPHS = tuple(str(g) for g in Graphs.ALL)


def cli(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    environment = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "lanzarote_kg", "--root", str(ROOT), *args],
                          capture_output=True, text=True, env=environment, timeout=timeout)


def error_lines(completed: subprocess.CompletedProcess) -> list[str]:
    return [line for line in completed.stderr.splitlines() if line.startswith(("error:", "failed:"))]


@pytest.fixture(scope="module")
def trig(tmp_path_factory) -> Path:
    """The built graph: dist/ when a build passed, else a build of the paper's
    structure and the Convention alone (valid or not, it is RDF all the same)."""
    built = ROOT / "dist" / "lanzarote-kg.trig"
    if built.exists():
        return built
    from lanzarote_kg.pipeline.build import BuildOptions, run_build
    from lanzarote_kg.core.layout import Layout

    copy = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "ontology", copy / "ontology")
    shutil.copytree(ROOT / "queries", copy / "queries")
    shutil.copytree(ROOT / "data" / "paper", copy / "data" / "paper")
    (copy / "data" / "instruments").mkdir()
    shutil.copy(ROOT / "data" / "instruments" / "lanzarote-convention.ttl", copy / "data" / "instruments")
    result = run_build(Layout(copy), BuildOptions())
    path = copy / "lanzarote-kg.trig"
    result.store.dump(str(path), format=ox.RdfFormat.TRIG)
    return path


def start_server(location: Path, port: int | None = None) -> OxigraphServer:
    # No --union-default-graph: the reports must not depend on the server's default graph.
    return OxigraphServer(ServerOptions(location, port or free_port(), writable=True,
                                        union_default_graph=False)).start()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start_server(tmp_path_factory.mktemp("oxigraph") / "store")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def endpoint(server) -> SparqlEndpoint:
    return SparqlEndpoint(server.query_url, HttpClient(HttpOptions(timeout=60, retries=0)), server.update_url)


def load_args(server: OxigraphServer, trig: Path, *extra: str) -> list[str]:
    return ["load", "--graph-store", server.store_url, "--query-endpoint", server.query_url,
            "--file", str(trig), *extra]


def counts(endpoint: SparqlEndpoint) -> dict[str, int]:
    table = endpoint.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {str(g): int(n) for g, n in table.rows}


def graph_lines(endpoint: SparqlEndpoint, graph: str) -> set[str]:
    return {str(t) for t in endpoint.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")}


@pytest.fixture(scope="module")
def loaded(server, endpoint, trig):
    completed = cli(*load_args(server, trig, "--user", "loader", "--password-env", "KG_TEST_PASSWORD"),
                    env={"KG_TEST_PASSWORD": SECRET})
    return completed


def test_load_sends_every_named_graph_and_verifies_it(loaded, endpoint, trig):
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    expected = {p.name: len(p.triples) for p in read_graphs(trig)}
    # graph/annotations is empty (so absent) when the build had no source text.
    assert set(GRAPHS[:4]) | {str(Graphs.DESCRIPTION)} <= set(expected) <= set(GRAPHS) | {str(Graphs.DESCRIPTION)}
    assert counts(endpoint) == expected
    for graph, sent in expected.items():
        assert any(line.split()[:3] == [graph, str(sent), str(sent)] and line.endswith("OK")
                   for line in loaded.stdout.splitlines()), loaded.stdout
    # Credentials given through the environment never show.
    assert SECRET not in loaded.stdout + loaded.stderr


def test_reload_replaces_and_never_duplicates(loaded, server, endpoint, trig):
    before = counts(endpoint)
    data = graph_lines(endpoint, str(Graphs.DATA))
    for mode in ("staged", "direct"):
        completed = cli(*load_args(server, trig, "--replace", mode))
        assert completed.returncode == 0, completed.stderr
        assert counts(endpoint) == before  # no staging graph left, nothing doubled
    assert graph_lines(endpoint, str(Graphs.DATA)) == data


def test_every_canned_report_gives_the_same_rows_on_the_endpoint(loaded, endpoint, trig):
    remote = SparqlEndpoint(endpoint.query_url, endpoint.client, dataset=Dataset(GRAPHS, GRAPHS))
    reports, rows = compare_every_report(ROOT / "queries", store_from_file(trig), RemoteStore(remote),
                                         remote_runner(remote))
    assert reports >= 17 and rows > 400


PARAMETERS = """#+ title: test
#+ param: name string
#+ param: thing iri
#+ param: year integer
# a comment with a { brace
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name ?thing ?year ?label (CONCAT("{", '{', STR(?year)) AS ?braced) WHERE {
  OPTIONAL { ?thing rdfs:label ?label }
  FILTER (?name != "}")
}
"""


def test_parameters_are_bound_as_rdf_terms_never_pasted(loaded, endpoint, tmp_path):
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "echo.rq").write_text(PARAMETERS, encoding="utf-8")
    remote = SparqlEndpoint(endpoint.query_url, endpoint.client, dataset=Dataset(GRAPHS, GRAPHS))
    runner, store = remote_runner(remote), RemoteStore(remote)
    before = counts(endpoint)
    hostile = 'x> } ; DROP ALL #'
    thing = "https://w3id.org/lanzarote-kg/id/instrument/lanzarote-convention"
    run = run_report(queries, "echo", store, {"name": hostile, "thing": thing, "year": "2007"}, runner=runner)
    assert run.table.rows[0][:3] == (Literal(hostile), URIRef(thing), Literal(2007))
    with pytest.raises(UserError):  # not an IRI: refused before anything is sent
        run_report(queries, "echo", store, {"name": "a", "thing": hostile, "year": "1"}, runner=runner)
    with pytest.raises(UserError):  # and refused by the VALUES builder itself
        bind_values(PARAMETERS, {"thing": URIRef(hostile)})
    quoted = 'a" } ; DROP ALL ; SELECT * { "\n"""'
    bound = bind_values(PARAMETERS, {"name": Literal(quoted)})
    assert bound.count("VALUES") == 1 and bound.index("WHERE {") < bound.index("VALUES") < bound.index("OPTIONAL")
    run = run_report(queries, "echo", store, {"name": quoted, "thing": thing, "year": "1"}, runner=runner)
    assert run.table.rows[0][0] == Literal(quoted)
    assert counts(endpoint) == before


def test_a_malformed_put_leaves_the_previous_graph_intact(loaded, server, endpoint):
    """Evidence for Oxigraph 0.5.13: its Graph Store PUT is one transaction."""
    graph = str(Graphs.VOCABULARIES)
    before = graph_lines(endpoint, graph)
    body = b'<http://example.org/s> <http://example.org/p> "new" .\n<http://example.org/s> <broken\n'
    with pytest.raises(HttpStatusError) as raised:
        endpoint.client.request("PUT", f"{server.store_url}?graph={graph}", body,
                                {"Content-Type": "application/n-triples"})
    assert raised.value.status == 400
    assert graph_lines(endpoint, graph) == before


@pytest.mark.parametrize("mode", ["staged", "direct"])
def test_a_server_killed_mid_load_keeps_the_previous_graph(mode, trig, tmp_path_factory):
    big = tmp_path_factory.getbasetemp() / "synthetic-200k.nq"
    if not big.exists():
        write_synthetic(big, 200_000)  # into .../graph/data, the name the paper's data has
    location = tmp_path_factory.mktemp("crash") / "store"
    server = start_server(location)
    try:
        assert cli(*load_args(server, trig, "--replace", "direct")).returncode == 0
        endpoint = SparqlEndpoint(server.query_url, HttpClient(HttpOptions(retries=0)))
        before = graph_lines(endpoint, str(Graphs.DATA))
        process = subprocess.Popen([sys.executable, "-m", "lanzarote_kg", "--root", str(ROOT),
                                    *load_args(server, big, "--replace", mode, "--retries", "1")],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline, early = time.monotonic() + 30, []
        for line in process.stderr:  # kill the server once the upload is under way
            early.append(line)
            if "sent" in line or time.monotonic() > deadline:
                break
        server.kill()
        stdout, stderr = process.communicate(timeout=60)
        stderr = "".join(early) + stderr
        assert process.returncode != 0
        errors = [line for line in stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and "LKG-T002" in errors[0], stderr
        assert "Traceback" not in stderr
        assert "FAILED" in stdout
        sent = re.findall(r"sent ([\d.]+) of ([\d.]+) MB", stderr)
        assert sent and all(done != total for done, total in sent)  # killed mid-upload
        server = start_server(location, server.options.port)
        assert graph_lines(endpoint, str(Graphs.DATA)) == before
    finally:
        server.stop()


def test_an_unreachable_endpoint_fails_fast_on_one_line(trig):
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    start = time.monotonic()
    completed = cli("load", "--graph-store", url + "/store", "--query-endpoint", url + "/query",
                    "--file", str(trig), "--timeout", "5", "--retries", "1")
    assert completed.returncode == 2
    assert time.monotonic() - start < 20
    errors = error_lines(completed)
    assert len(errors) == 1 and "LKG-T002" in errors[0] and "connection refused" in errors[0], completed.stderr
    assert "Traceback" not in completed.stderr


class _Silent:
    """A server on 127.0.0.1 that accepts connections, reads what comes and
    never answers (a hung triplestore)."""

    def __init__(self):
        import socket

        self.socket = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.held, self.stop = [], threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        self.socket.settimeout(0.1)
        while not self.stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.held.append(connection)
            threading.Thread(target=self._drain, args=(connection,), daemon=True).start()

    @staticmethod
    def _drain(connection):
        try:
            while connection.recv(1 << 16):
                pass
        except OSError:
            pass

    def close(self):
        self.stop.set()
        self.thread.join(2)
        for connection in self.held:
            connection.close()
        self.socket.close()


@pytest.mark.parametrize("replace", ["staged", "versioned"])
def test_one_deadline_bounds_the_whole_load_cleanup_included(replace, trig):
    """Issue 23: against a server that never answers, `--timeout 4` took
    twice as long on main (the cleanup waited on the dead server again); now
    the cleanup gets a short timeout, and --deadline bounds the whole run."""
    silent = _Silent()
    try:
        args = ["load", "--graph-store", silent.url + "/store", "--query-endpoint", silent.url + "/query",
                "--file", str(trig), "--retries", "0", "--replace", replace]
        start = time.monotonic()
        completed = cli(*args, "--timeout", "4")
        took = time.monotonic() - start
        assert completed.returncode == 2, completed.stderr
        errors = error_lines(completed)
        assert len(errors) == 1 and "LKG-T005" in errors[0] and "no answer within 4 s" in errors[0], completed.stderr
        assert took < 4 + 4 + 8, took  # the PUT times out once, the cleanup waits at most as long (4 s here, never
        # over 10 s), plus the interpreter start-up on a busy machine

        start = time.monotonic()
        completed = cli(*args, "--timeout", "30", "--deadline", "3")
        took = time.monotonic() - start
        assert completed.returncode == 2, completed.stderr
        errors = error_lines(completed)
        assert len(errors) == 1 and "LKG-T020" in errors[0], completed.stderr
        assert "the run's deadline of 3 s has passed (raise --deadline" in errors[0]
        assert took < 3 + 6, took  # the deadline, plus the interpreter's start-up
        assert "Traceback" not in completed.stderr
    finally:
        silent.close()


class _Refusing(http.server.BaseHTTPRequestHandler):
    challenge = 'Basic realm="lanzarote-kg tests"'
    seen: list = []

    def _refuse(self):
        self.seen.append(self.headers.get("Authorization", ""))
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(401)
        self.send_header("WWW-Authenticate", self.challenge)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_PUT = _refuse

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("challenge, extra, code", [
    ('Basic realm="kg"', [], "LKG-T017"),  # Basic over plain http: refused, nothing sent
    ('Basic realm="kg"', ["--allow-basic-over-http"], "LKG-T003"),
    ('Digest realm="kg", nonce="abc123", qop="auth"', [], "LKG-T003"),
])
def test_credentials_go_only_in_answer_to_a_challenge_and_never_show(challenge, extra, code, trig):
    handler = type("Handler", (_Refusing,), {"challenge": challenge, "seen": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    auth = ["--user", "alice", "--password-env", "KG_TEST_PASSWORD", *extra]
    try:
        completed = cli("load", "--graph-store", url + "/store", "--query-endpoint", url + "/query",
                        "--file", str(trig), *auth, env={"KG_TEST_PASSWORD": SECRET})
        reported = cli("report", "--all", "--out", str(trig.parent / "remote-reports"), "--endpoint",
                       url + "/query", *auth, env={"KG_TEST_PASSWORD": SECRET})
    finally:
        httpd.shutdown()
    for run in (completed, reported):
        assert run.returncode == 2, run.stderr
        errors = error_lines(run)
        assert len(errors) == 1 and code in errors[0], run.stderr
        assert "authentication failed" in errors[0] or "--allow-basic-over-http" in errors[0]
        assert SECRET not in run.stdout + run.stderr
    # Each exchange opens without credentials; they follow only the challenge.
    assert handler.seen[0] == "", handler.seen
    answers = [h for h in handler.seen if h]
    if code == "LKG-T017":
        assert answers == []
    elif challenge.startswith("Basic"):
        assert answers and all(h.startswith("Basic ") for h in answers)
    else:
        assert answers and all(h.startswith('Digest username="alice"') for h in answers)


def test_5xx_is_retried_with_backoff_4xx_never():
    answers = {"/flaky": [503, 502, 200], "/bad": [400, 200]}
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            requests.append(self.path)
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status = answers[self.path].pop(0)
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    client = HttpClient(HttpOptions(retries=3, backoff=0.01), log=lambda message: None)
    try:
        assert client.request("POST", url + "/flaky", b"x").status == 200
        with pytest.raises(HttpStatusError) as raised:
            client.request("POST", url + "/bad", b"x")
    finally:
        httpd.shutdown()
    assert raised.value.status == 400 and raised.value.code == "LKG-T004"
    assert requests == ["/flaky"] * 3 + ["/bad"]


def test_credentials_in_the_url_are_refused_without_echo(trig):
    completed = cli("load", "--graph-store", f"http://alice:{SECRET}@127.0.0.1:9/store",
                    "--query-endpoint", "http://127.0.0.1:9/query", "--file", str(trig))
    assert completed.returncode == 2 and "LKG-T006" in completed.stderr
    assert SECRET not in completed.stdout + completed.stderr


def test_serve_answers_on_localhost_and_stops_on_ctrl_c(trig):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "lanzarote_kg", "--root", str(ROOT), "serve",
                                "--port", str(port), "--graph", str(trig)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        for line in process.stdout:
            lines.append(line)
            if line.startswith("store:"):
                break
        assert f"query endpoint: http://127.0.0.1:{port}/query\n" in lines, "".join(lines) + process.stderr.read()
        workdir = Path(lines[-1].split()[1])
        assert workdir.exists()
        endpoint = SparqlEndpoint(f"http://127.0.0.1:{port}/query", HttpClient(HttpOptions(retries=0)))
        total = sum(len(p.triples) for p in read_graphs(trig))
        # Without GRAPH, the union of the named graphs.
        assert int(endpoint.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]) == total
        with pytest.raises(UserError):  # read-only
            endpoint.client.request("POST", f"http://127.0.0.1:{port}/update", b"DROP ALL",
                                    {"Content-Type": "application/sparql-update"})
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 130
        assert not workdir.exists()
    finally:
        if process.poll() is None:
            process.kill()
    with pytest.raises(UserError):  # the server is gone with it
        endpoint.select("ASK { }")


def test_serve_says_what_is_missing_or_taken(trig, server):
    missing = cli("serve", "--graph", str(trig.parent / "nothing-here.trig"))
    assert missing.returncode == 2 and error_lines(missing)[0].startswith("error: LKG-T001")
    taken = cli("serve", "--graph", str(trig), "--port", str(server.options.port))
    assert taken.returncode == 2 and error_lines(taken)[0].startswith("error: LKG-T008"), taken.stderr


def test_report_all_writes_the_same_bytes_locally_and_on_the_endpoint(loaded, server, tmp_path):
    """GROUP_CONCAT parts come in one order (issue 21): `report --all` over the
    endpoint and on the local graph can be compared with diff."""
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert cli("report", "--all", "--out", str(local)).returncode == 0
    completed = cli("report", "--all", "--out", str(remote), "--endpoint", server.query_url)
    assert completed.returncode == 0, completed.stderr
    names = sorted(p.name for p in local.iterdir())
    assert names == sorted(p.name for p in remote.iterdir()) and len(names) > 17
    for name in names:
        assert (local / name).read_bytes() == (remote / name).read_bytes(), name
