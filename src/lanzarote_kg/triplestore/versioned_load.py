"""Fast staged reloads into Oxigraph: versioned graph names and a pointer.

`load --replace staged` PUTs into a staging graph and MOVEs it into place:
on Oxigraph the PUT is one transaction held in memory and the MOVE copies
every triple again. Here, instead, each named graph of the file goes into
a fresh graph named after the file's content, `<graph>/v/<sha256 prefix>`,
with the server's bulk loader (`POST /store?graph=…&no_transaction`: no
transaction to hold; the server still parses strictly), sent as N-Triples
in `parallel` parts at once (Oxigraph loads each request on its own
thread: 14 s instead of 27 s for a million triples on 2 cores). It is
verified there (version_check: the count, then the exact set of triples,
read back on as many threads), and only then becomes what readers use:
one small SPARQL Update rewrites the pointer graph `graph/versions`, which
says for each graph name the version graph to read (`dcterms:hasVersion`).
Until that update, readers see the old version, whole; afterwards the new
one; nothing is copied. A failed load drops its half-written version graph
and leaves the pointer alone.

Superseded versions are kept for a grace period after the switch
(GRACE_SECONDS, `load --grace`): a reader that read the pointer before the
switch finishes its query on the old version, whole. Readers also read the
pointer again after each query and run it once more when it changed
(remote_reports.SnapshotEndpoint), so a query slower than the grace period
is answered from the new version instead of a half-dropped old one. Then
the superseded versions are dropped, so readers never wait for it (`drop_superseded`): per predicate, on `parallel` threads, since
Oxigraph's one-transaction DROP GRAPH of a million triples took 133 s and
smaller deletes cost less per triple. A version graph that a crash left
behind is dropped by the next load.

Readers: `report --endpoint` asks the pointer graph for the versions and
queries them as its dataset (served_graphs); queries that name no graph
therefore never see two versions at once.
"""
from __future__ import annotations

import hashlib
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.namespaces import BASE
from lanzarote_kg.triplestore.http_client import HttpClient
from lanzarote_kg.triplestore.sparql_protocol import SparqlEndpoint
from lanzarote_kg.triplestore.verification import iri
from lanzarote_kg.triplestore.version_check import VersionCheck, predicate_counts

VERSIONS_GRAPH = BASE + "graph/versions"
HAS_VERSION = "http://purl.org/dc/terms/hasVersion"
GRACE_SECONDS = 10.0  # how long a superseded version stays after the switch, for readers that started before it
_NTRIPLES = "application/n-triples; charset=utf-8"


@dataclass
class Payload:
    """One named graph of the file: its N-Triples statements (no final " ")."""

    graph: str
    version_graph: str
    statements: list[bytes] = field(default_factory=list)

    def parts(self, count: int) -> list[bytes]:
        """The statements as `count` N-Triples bodies of about equal size."""
        n = len(self.statements)
        slices = [self.statements[i * n // count:(i + 1) * n // count] for i in range(count)]
        return [b" .\n".join(part) + b" .\n" for part in slices if part]

    @property
    def size(self) -> int:
        return sum(len(s) for s in self.statements) + 3 * len(self.statements)


@dataclass
class ReloadReport:
    version: str
    graphs: dict[str, int] = field(default_factory=dict)  # graph name -> triples found in its new version
    stages: dict[str, float] = field(default_factory=dict)  # read, load, verify, switch, drop-old
    superseded: list[str] = field(default_factory=list)  # version graphs to drop once readers switched
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def version_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def read_payloads(path: Path, version: str) -> list[Payload]:
    """Each named graph's statements, to go into `<graph>/v/<version>`.
    N-Quads lines are split as bytes (the server parses them strictly);
    TriG is parsed and written as N-Quads first."""
    if path.suffix == ".trig":
        quads = ox.parse(path=str(path), format=ox.RdfFormat.TRIG)
        text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    elif path.suffix == ".nq":
        text = path.read_bytes()
    else:
        raise UserError("LKG-T010", f"{path}: expected a .trig or .nq file with named graphs")
    payloads: dict[bytes, Payload] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith(b"#"):
            continue
        head, graph, dot = line.rsplit(b" ", 2)
        if dot != b"." or not graph.startswith(b"<"):
            raise UserError("LKG-T010", f"{path}: a statement outside a named graph, or not one per line: "
                                        f"{line[:120].decode('utf-8', 'replace')}")
        payload = payloads.get(graph)
        if payload is None:
            name = graph[1:-1].decode("utf-8")
            payload = payloads[graph] = Payload(name, f"{name}/v/{version}")
        payload.statements.append(head)
    return list(payloads.values())


class VersionedLoader:
    def __init__(self, store_url: str, query_url: str, update_url: str, client: HttpClient, parallel: int = 2,
                 log: Callable[[str], None] | None = None, grace: float = GRACE_SECONDS):
        self.store_url, self.client, self.parallel = store_url, client, max(1, parallel)
        self.grace = max(0.0, grace)
        self.endpoint = SparqlEndpoint(query_url, client, update_url)
        self.cleanup = SparqlEndpoint(query_url, client.cleanup_client(), update_url)
        self.check = VersionCheck(self.endpoint, client, self.parallel, log or client.log)

    def current(self) -> dict[str, str]:
        """graph name -> the version graph readers use now."""
        table = self.endpoint.select(f"SELECT ?g ?v WHERE {{ GRAPH <{VERSIONS_GRAPH}> {{ ?g <{HAS_VERSION}> ?v }} }}")
        return {str(g): str(v) for g, v in table.rows}

    def leftovers(self, payloads: list[Payload], current: dict[str, str]) -> list[str]:
        """Version graphs of these graphs that no pointer names (an interrupted load or drop left them)."""
        prefixes = " || ".join(f'STRSTARTS(STR(?g), "{p.graph}/v/")' for p in payloads)
        table = self.endpoint.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ }} FILTER ({prefixes}) }}")
        return sorted({str(g) for (g,) in table.rows} - set(current.values()))

    def bulk_post(self, payload: Payload) -> None:
        url = self.store_url + ("&" if urllib.parse.urlsplit(self.store_url).query else "?")
        url += urllib.parse.urlencode({"graph": payload.version_graph}) + "&no_transaction"
        parts = payload.parts(self.parallel if len(payload.statements) > 10_000 else 1)
        with ThreadPoolExecutor(len(parts)) as pool:
            list(pool.map(lambda body: self.client.request("POST", url, body, {"Content-Type": _NTRIPLES}), parts))

    def drop(self, graphs, endpoint: SparqlEndpoint | None = None) -> None:
        graphs = sorted(graphs)
        if graphs:
            (endpoint or self.endpoint).update(" ; ".join(f"DROP SILENT GRAPH {iri(g)}" for g in graphs))

    def drop_after_failure(self, graphs, failure: UserError) -> None:
        """Drop a failed load's version graphs: after a request that timed out
        or did not reach the server, with a short timeout and no retries (a
        dead server must not hold the run twice); a graph left behind is
        dropped by the next load."""
        dead = failure.code in ("LKG-T002", "LKG-T005", "LKG-T020")
        try:
            self.drop(graphs, self.cleanup if dead else None)
        except UserError:
            pass

    def wait_for_readers(self) -> None:
        """The grace period after a switch, within the run's deadline."""
        left = self.client.remaining()
        time.sleep(self.grace if left is None else max(0.0, min(self.grace, left)))

    def drop_superseded(self, graphs) -> None:
        """Delete version graphs predicate by predicate, on `parallel` threads."""
        def delete(graph: str, predicate: str) -> None:
            self.endpoint.update(f"DELETE WHERE {{ GRAPH {iri(graph)} {{ ?s {iri(predicate)} ?o }} }}")
        work = [(g, p) for g in graphs for p in sorted(predicate_counts(self.endpoint, g))]
        with ThreadPoolExecutor(self.parallel) as pool:
            list(pool.map(lambda item: delete(*item), work))
        self.drop(graphs)  # whatever a concurrent writer added meanwhile

    def switch(self, payloads: list[Payload]) -> None:
        """One update: readers see all old versions of these graphs or all
        new ones (graphs not in the file keep theirs)."""
        graphs = " ".join(f"<{p.graph}>" for p in payloads)
        inserted = " ".join(f"<{p.graph}> <{HAS_VERSION}> <{p.version_graph}> ." for p in payloads)
        self.endpoint.update(
            f"DELETE {{ GRAPH <{VERSIONS_GRAPH}> {{ ?g <{HAS_VERSION}> ?v }} }} "
            f"WHERE {{ VALUES ?g {{ {graphs} }} GRAPH <{VERSIONS_GRAPH}> {{ ?g <{HAS_VERSION}> ?v }} }} ; "
            f"INSERT DATA {{ GRAPH <{VERSIONS_GRAPH}> {{ {inserted} }} }}")

    def reload(self, path: Path, drop_superseded: bool = True) -> ReloadReport:
        """Load, verify and switch; then (drop_superseded) wait the grace
        period and drop the old versions, after readers have moved on. report.stages gives each
        step's seconds; readers use the new version from the end of "switch"."""
        clock = [time.perf_counter()]
        report = ReloadReport(version_of(path))

        def lap(stage: str) -> None:
            now = time.perf_counter()
            report.stages[stage] = report.stages.get(stage, 0.0) + now - clock[0]
            clock[0] = now
        from lanzarote_kg.triplestore.load_modes import refuse_other_mode

        payloads = read_payloads(path, report.version)
        refuse_other_mode(self.endpoint, [p.graph for p in payloads], versioned=True)  # LKG-T021
        previous = self.current()
        fresh = [p for p in payloads if previous.get(p.graph) != p.version_graph]
        stale = self.leftovers(payloads, previous)
        lap("read")
        self.drop_superseded(stale)  # what an interrupted earlier load or drop left, this version's included
        with ThreadPoolExecutor(1) as side:
            # The sets to verify against, built while the server parses (the upload waits on sockets).
            sent = side.submit(lambda: [{s + b" ." for s in p.statements} for p in payloads])
            try:
                for payload in fresh:
                    self.bulk_post(payload)
            except UserError as exc:
                self.drop_after_failure([p.version_graph for p in fresh], exc)  # a cut-off bulk load is not atomic
                raise
            sent_lines = sent.result()
        lap("load")
        for payload, lines in zip(payloads, sent_lines):
            found, problem = self.check.problem(payload.version_graph, lines, payload.size)
            report.graphs[payload.graph] = found
            if problem:
                report.problem = f"{payload.version_graph}: {problem}; readers still use the previous version"
                self.drop(p.version_graph for p in fresh)
                lap("verify")
                return report
        lap("verify")
        self.switch(payloads)
        lap("switch")
        report.superseded = [previous[p.graph] for p in payloads
                             if p.graph in previous and previous[p.graph] != p.version_graph]
        if drop_superseded and report.superseded:
            self.wait_for_readers()
            lap("grace")
            self.drop_superseded(report.superseded)
            lap("drop-old")
        return report


def current_versions(endpoint: SparqlEndpoint, graphs: tuple[str, ...]) -> tuple[str, ...] | None:
    """Each graph's current version where a versioned load set one, else the
    graph itself; None when the server cannot answer."""
    try:
        table = endpoint.select(f"SELECT ?g ?v WHERE {{ GRAPH <{VERSIONS_GRAPH}> {{ ?g <{HAS_VERSION}> ?v }} }}")
    except UserError:
        return None
    versions = {str(g): str(v) for g, v in table.rows}
    return tuple(versions.get(g, g) for g in graphs)


def served_graphs(endpoint: SparqlEndpoint, graphs: tuple[str, ...]) -> tuple[str, ...]:
    """The graphs a reader should query for `graphs`: each one's current
    version where a versioned load set one, else the graph itself."""
    versions = current_versions(endpoint, graphs)
    # A server that cannot answer this cannot answer the reports either; they say why.
    return graphs if versions is None else versions
