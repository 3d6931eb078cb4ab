"""Fast staged reloads into Oxigraph: versioned graph names and a pointer.

`load --replace staged` PUTs into a staging graph and MOVEs it into place:
on Oxigraph the PUT is one transaction held in memory (94 s for a million
triples) and the MOVE copies every triple again (424 s for a reload of a
million). Here, instead, each named graph of the file goes into a fresh
graph named after the file's content, `<graph>/v/<sha256 prefix>`, with the
server's bulk loader (`POST /store?no_transaction`: no transaction to hold,
the server still parses strictly), is verified there (the count, and the
exact set of triples), and only then becomes what readers use: one small
SPARQL Update rewrites the pointer graph `graph/versions`, which says for
each graph name the version graph to read (`dcterms:hasVersion`). Until
that update, readers see the old version, whole; afterwards the new one;
nothing is copied. A failed load drops its half-written version graph and
leaves the pointer alone. Superseded versions are dropped after the switch.

Readers: `report --endpoint` asks the pointer graph for the versions and
queries them as its dataset (served_graphs); queries that name no graph
therefore never see two versions at once.
"""
from __future__ import annotations

import hashlib
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.namespaces import BASE
from lanzarote_kg.triplestore.http_client import HttpClient, Limits
from lanzarote_kg.triplestore.sparql_protocol import SparqlEndpoint

VERSIONS_GRAPH = BASE + "graph/versions"
HAS_VERSION = "http://purl.org/dc/terms/hasVersion"
_NQUADS = "application/n-quads"


@dataclass
class Payload:
    """The N-Quads of one graph of the file, already renamed to its version."""

    graph: str
    version_graph: str
    renamed: bytes = b""  # the version graph as an N-Quads term
    quads: list[bytes] = field(default_factory=list)  # N-Quads lines, without the newline

    def body(self) -> bytes:
        return b"\n".join(self.quads) + b"\n"

    def triple_lines(self) -> list[bytes]:
        """The triples as N-Triples statements (the quad minus its graph)."""
        return [line.rsplit(b" ", 2)[0] + b" ." for line in self.quads]


@dataclass
class ReloadReport:
    version: str
    graphs: dict[str, int] = field(default_factory=dict)  # graph name -> triples found in its new version
    stages: dict[str, float] = field(default_factory=dict)  # read, load, verify, switch, drop-old
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
    """Each named graph's quads, renamed to `<graph>/v/<version>`. N-Quads
    lines are regrouped as bytes (the server parses them strictly); TriG is
    parsed and written as N-Quads first."""
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
            payload = payloads[graph] = Payload(name, f"{name}/v/{version}", f"<{name}/v/{version}>".encode())
        payload.quads.append(head + b" " + payload.renamed + b" .")
    return list(payloads.values())


class VersionedLoader:
    def __init__(self, store_url: str, query_url: str, update_url: str, client: HttpClient):
        self.store_url, self.client = store_url, client
        self.endpoint = SparqlEndpoint(query_url, client, update_url)

    def current(self) -> dict[str, str]:
        """graph name -> the version graph readers use now."""
        table = self.endpoint.select(f"SELECT ?g ?v WHERE {{ GRAPH <{VERSIONS_GRAPH}> {{ ?g <{HAS_VERSION}> ?v }} }}")
        return {str(g): str(v) for g, v in table.rows}

    def bulk_post(self, payload: Payload) -> None:
        url = self.store_url + ("&" if urllib.parse.urlsplit(self.store_url).query else "?") + "no_transaction"
        self.client.request("POST", url, payload.body(), {"Content-Type": f"{_NQUADS}; charset=utf-8"})

    def count(self, graph: str) -> int:
        table = self.endpoint.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return int(table.rows[0][0])

    def problem(self, payload: Payload) -> tuple[int, str]:
        """(triples found, what differs or "") for a loaded version graph:
        the count, then the triples themselves, compared as sorted N-Triples
        (both sides are Oxigraph's serializations; parsed only if they differ)."""
        found = self.count(payload.version_graph)
        if found != len(payload.quads):
            return found, f"sent {len(payload.quads)} triples, the server has {found}"
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{payload.version_graph}> {{ ?s ?p ?o }} }}"
        size = sum(len(line) for line in payload.quads)
        answer = self.client.request("POST", self.endpoint.query_url, query.encode("utf-8"),
                                     {"Content-Type": "application/sparql-query; charset=utf-8",
                                      "Accept": "application/n-triples"},
                                     limits=Limits(max_bytes=(32 << 20) + 2 * size)).body
        sent = payload.triple_lines()
        if sorted(answer.splitlines()) == sorted(sent):
            return found, ""

        def ground(data: bytes) -> set[str]:
            return {str(t) for t in (q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
                    if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)}
        missing, extra = ground(b"\n".join(sent)) - ground(answer), ground(answer) - ground(b"\n".join(sent))
        if missing or extra:
            return found, f"{len(missing)} triple(s) missing, {len(extra)} unexpected (e.g. {sorted(missing or extra)[0]})"
        return found, ""  # the same triples; blank nodes relabelled by the server

    def drop(self, graphs) -> None:
        if graphs:
            self.endpoint.update(" ; ".join(f"DROP SILENT GRAPH <{g}>" for g in sorted(graphs)))

    def switch(self, payloads: list[Payload]) -> None:
        """One update: readers see all old versions of these graphs or all
        new ones (graphs not in the file keep theirs)."""
        graphs = " ".join(f"<{p.graph}>" for p in payloads)
        inserted = " ".join(f"<{p.graph}> <{HAS_VERSION}> <{p.version_graph}> ." for p in payloads)
        self.endpoint.update(
            f"DELETE {{ GRAPH <{VERSIONS_GRAPH}> {{ ?g <{HAS_VERSION}> ?v }} }} "
            f"WHERE {{ VALUES ?g {{ {graphs} }} GRAPH <{VERSIONS_GRAPH}> {{ ?g <{HAS_VERSION}> ?v }} }} ; "
            f"INSERT DATA {{ GRAPH <{VERSIONS_GRAPH}> {{ {inserted} }} }}")

    def reload(self, path: Path) -> ReloadReport:
        clock = [time.perf_counter()]
        report = ReloadReport(version_of(path))

        def lap(stage: str) -> None:
            now = time.perf_counter()
            report.stages[stage] = report.stages.get(stage, 0.0) + now - clock[0]
            clock[0] = now
        payloads = read_payloads(path, report.version)
        previous = self.current()
        lap("read")
        fresh = [p.version_graph for p in payloads if previous.get(p.graph) != p.version_graph]
        self.drop(fresh)  # what an interrupted earlier load of this version left
        try:
            for payload in payloads:
                if payload.version_graph in fresh:
                    self.bulk_post(payload)
        except UserError:
            self.drop(fresh)  # a refused or cut-off bulk load is not atomic: remove what it wrote
            raise
        lap("load")
        for payload in payloads:
            found, problem = self.problem(payload)
            report.graphs[payload.graph] = found
            if problem:
                report.problem = f"{payload.version_graph}: {problem}; readers still use the previous version"
                self.drop(fresh)
                lap("verify")
                return report
        lap("verify")
        self.switch(payloads)
        lap("switch")
        self.drop([previous[p.graph] for p in payloads
                   if p.graph in previous and previous[p.graph] != p.version_graph])
        lap("drop-old")
        return report


def served_graphs(endpoint: SparqlEndpoint, graphs: tuple[str, ...]) -> tuple[str, ...]:
    """The graphs a reader should query for `graphs`: each one's current
    version where a versioned load set one, else the graph itself."""
    try:
        table = endpoint.select(f"SELECT ?g ?v WHERE {{ GRAPH <{VERSIONS_GRAPH}> {{ ?g <{HAS_VERSION}> ?v }} }}")
    except UserError:
        return graphs  # a server that cannot answer this cannot answer the reports either; they say why
    versions = {str(g): str(v) for g, v in table.rows}
    return tuple(versions.get(g, g) for g in graphs)
