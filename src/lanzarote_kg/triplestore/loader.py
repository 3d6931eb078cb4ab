"""Loading the built graph into a SPARQL 1.1 server, and proving it arrived.

Each named graph of the TriG (or N-Quads) file is sent with the SPARQL 1.1
Graph Store HTTP Protocol: an HTTP PUT of N-Triples to GRAPHSTORE?graph=IRI,
which replaces the graph, so a reload never duplicates. Then the query
endpoint must show exactly the triples sent: the same number of triples,
and the same set of the triples without blank nodes (blank nodes get new
identities on the server, so those are only counted), read back in a way
a server's row cap cannot fool and compared by value (verification).

Never lose data. A plain PUT is only safe where the server replaces the
graph atomically; Oxigraph 0.5.13 does (tested in tests/engine/triplestore/test_triplestore.py),
but Oxigraph up to at least 0.5.9 cleared the graph before parsing the body
(oxigraph/oxigraph issue #1895, fixed by PR #1896), and other servers do not
promise it. So the default, `staged`, sends each graph to a staging graph,
checks it there, and then moves all of them into place with ONE SPARQL
Update request (a `MOVE` per graph, joined by `;`), which a transactional
server applies entirely or not at all: a failed or interrupted upload only
ever touches the staging graphs, and a reader's query (one snapshot) sees
either every old graph or every new one, never the new data with the old
inferences (issue 23). `direct` PUTs in place, for servers known to replace atomically.
"""
from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.namespaces import BASE
from lanzarote_kg.triplestore.http_client import HttpClient, HttpOptions, check_url
from lanzarote_kg.triplestore.sparql_protocol import SparqlEndpoint, update_endpoint_for
from lanzarote_kg.triplestore.verification import Verifier, iri as _iri

GRAPH_BASE = BASE + "graph/"
STAGING_SUFFIX = "-staging"
CONTENT_TYPES = ("application/n-triples", "text/turtle")  # N-Triples is Turtle too, for servers that want Turtle


class Replace(str, Enum):
    STAGED = "staged"  # PUT to a staging graph, check it, MOVE it into place
    DIRECT = "direct"  # PUT in place: only where the server's PUT is atomic


@dataclass(frozen=True)
class LoadOptions:
    graph_store: str
    query_endpoint: str
    update_endpoint: str | None = None  # None: derived from graph_store for known servers
    file: Path = Path("dist/lanzarote-kg.trig")
    graph_base: str | None = None  # replaces GRAPH_BASE in the graph names
    replace: Replace = Replace.STAGED
    content_type: str = CONTENT_TYPES[0]
    http: HttpOptions = HttpOptions()


@dataclass
class GraphPayload:
    name: str  # the graph IRI on the server
    triples: list[str]  # N-Triples statements, without the final " ."
    ground: set[str]  # the statements without blank nodes

    @property
    def body(self) -> bytes:
        return "".join(t + " .\n" for t in self.triples).encode("utf-8")


@dataclass
class GraphResult:
    graph: str
    sent: int
    found: int | None = None
    seconds: float = 0.0
    problem: str = ""
    stages: dict[str, float] = field(default_factory=dict)  # seconds spent in put, move, verify

    @property
    def ok(self) -> bool:
        return self.found == self.sent and not self.problem


@dataclass
class LoadReport:
    results: list[GraphResult] = field(default_factory=list)
    error: UserError | None = None  # what stopped the load, if anything

    @property
    def ok(self) -> bool:
        return self.error is None and all(r.ok for r in self.results)


def rename_graph(name: str, graph_base: str | None) -> str:
    if graph_base and name.startswith(GRAPH_BASE):
        return graph_base + name[len(GRAPH_BASE):]
    return name


def read_graphs(path: Path, graph_base: str | None = None) -> list[GraphPayload]:
    """The named graphs of a TriG or N-Quads file, in file order."""
    fmt = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}.get(path.suffix)
    if fmt is None:
        raise UserError("LKG-T010", f"{path}: expected a .trig or .nq file with named graphs")
    if not path.exists():
        raise UserError("LKG-T001", f"{path}: not found (run `lanzarote-kg build` first)")
    graphs: dict[str, tuple[set, set]] = {}
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            if not isinstance(quad.graph_name, ox.NamedNode):
                raise UserError("LKG-T010", f"{path}: triples outside a named graph; the loader sends named graphs only")
            triple = quad.triple
            statements, ground = graphs.setdefault(quad.graph_name.value, (set(), set()))
            line = str(triple)
            statements.add(line)
            if not isinstance(triple.subject, ox.BlankNode) and not isinstance(triple.object, ox.BlankNode):
                ground.add(line)
    except SyntaxError as exc:
        raise UserError("LKG-E003", f"{path}: {exc}") from None
    return [GraphPayload(rename_graph(name, graph_base), sorted(statements), ground)
            for name, (statements, ground) in graphs.items()]


class Loader:
    def __init__(self, options: LoadOptions, log: Callable[[str], None] | None = None):
        check_url(options.graph_store, "--graph-store")
        if options.content_type not in CONTENT_TYPES:
            raise UserError("LKG-T006", f"content type {options.content_type!r}: use one of {', '.join(CONTENT_TYPES)}")
        update = options.update_endpoint
        if options.replace is Replace.STAGED and not update:
            update = update_endpoint_for(options.graph_store)
            if update is None:
                raise UserError("LKG-T012", "give --update-endpoint (the staged load moves each graph into place "
                                            "with SPARQL Update), or --replace direct if the server's PUT is atomic")
        self.options = options
        self.client = HttpClient(options.http, log)
        self.log = self.client.log
        self.endpoint = SparqlEndpoint(options.query_endpoint, self.client, update)
        self.verifier = Verifier(self.endpoint, self.log)

    def put(self, graph: str, body: bytes) -> None:
        url = self.options.graph_store
        url += ("&" if urllib.parse.urlsplit(url).query else "?") + urllib.parse.urlencode({"graph": graph})
        last = [0.0]

        def progress(sent: int, total: int) -> None:
            if total > 8 << 20 and (time.monotonic() - last[0] > 5 or sent == total):
                last[0] = time.monotonic()
                self.log(f"  sent {sent / 1e6:.1f} of {total / 1e6:.1f} MB")
        self.client.request("PUT", url, body, {"Content-Type": f"{self.options.content_type}; charset=utf-8"}, progress)

    def check(self, payload: GraphPayload, graph: str, *, full: bool) -> tuple[int, str]:
        """(triples found, problem or "") for `graph` against what was sent (verification)."""
        return self.verifier.check(graph, payload.triples, payload.ground, full=full)

    def replace_direct(self, payload: GraphPayload) -> GraphResult:
        """PUT in place, then verify (only where the server's PUT is atomic)."""
        result = GraphResult(payload.name, len(payload.triples))
        clock = time.perf_counter()
        self.put(payload.name, payload.body)
        result.stages["put"] = time.perf_counter() - clock
        clock = time.perf_counter()
        result.found, result.problem = self.check(payload, payload.name, full=True)
        result.stages["verify"] = time.perf_counter() - clock
        return result

    def _cleanup_endpoint(self, after: UserError | None) -> SparqlEndpoint:
        """The endpoint for a cleanup: after a request that timed out or did
        not reach the server, a short timeout and no retries, so a dead
        server does not hold the run a second time; always within the deadline."""
        if after is not None and after.code in ("LKG-T002", "LKG-T005", "LKG-T020"):
            client = self.client.cleanup_client()
            return SparqlEndpoint(self.options.query_endpoint, client, self.endpoint.update_url)
        return self.endpoint

    def _drop_quietly(self, graphs: list[str], after: UserError | None = None) -> None:
        # Leave no half-loaded staging graph in union-default-graph queries;
        # when the server is gone, the next load's PUT replaces it anyway.
        if not graphs:
            return
        try:
            self._cleanup_endpoint(after).update(" ; ".join(f"DROP SILENT GRAPH {_iri(g)}" for g in graphs))
        except UserError as exc:
            self.log(f"  could not drop the staging graph(s) ({exc.code}); the next load replaces them")

    def _all_in_place(self, payloads: list[GraphPayload]) -> bool:
        try:
            return not any(self.check(p, p.name, full=True)[1] for p in payloads)
        except UserError:
            return False

    def load(self, payloads: list[GraphPayload]) -> LoadReport:
        from lanzarote_kg.triplestore.load_modes import refuse_other_mode

        report = LoadReport()
        try:  # never beside a versioned load of the same graphs (LKG-T021)
            refuse_other_mode(self.endpoint, [p.name for p in payloads], versioned=False)
        except UserError as exc:
            report.error = exc
            return report
        load = self._load_direct if self.options.replace is Replace.DIRECT else self._load_staged
        return load(payloads, report)

    def _load_direct(self, payloads: list[GraphPayload], report: LoadReport) -> LoadReport:
        for number, payload in enumerate(payloads, 1):
            size = len(payload.triples)
            self.log(f"[{number}/{len(payloads)}] {payload.name}: {size} triples")
            start = time.perf_counter()
            try:
                result = self.replace_direct(payload)
            except UserError as exc:
                report.results.append(GraphResult(payload.name, size, None, time.perf_counter() - start, exc.message))
                report.error = exc
                break  # the server is unreachable or refuses us: the next graphs would fail the same way
            result.seconds = time.perf_counter() - start
            report.results.append(result)
        return report

    def _load_staged(self, payloads: list[GraphPayload], report: LoadReport) -> LoadReport:
        """Every graph to its staging graph, each checked there; then ONE
        update request moves them all into place, so a reader (one query, one
        snapshot on a transactional server) sees all the old graphs or all
        the new ones, never the new data with the old inferences. A failure
        before the move leaves every loaded graph as it was."""
        staged: list[str] = []
        for number, payload in enumerate(payloads, 1):
            size = len(payload.triples)
            self.log(f"[{number}/{len(payloads)}] {payload.name}: {size} triples (via staging graph)")
            result = GraphResult(payload.name, size)
            report.results.append(result)
            start = time.perf_counter()
            staging = payload.name + STAGING_SUFFIX
            staged.append(staging)
            try:
                self.put(staging, payload.body)
                result.stages["put"] = time.perf_counter() - start
                found, problem = self.check(payload, staging, full=False)
            except UserError as exc:
                result.problem, report.error = exc.message, exc
                result.seconds = time.perf_counter() - start
                self._drop_quietly(staged, exc)
                return report  # the server is unreachable or refuses us: the next graphs would fail the same way
            result.stages["verify"] = time.perf_counter() - start - result.stages["put"]
            result.seconds = time.perf_counter() - start
            if problem:
                result.found = found
                result.problem = f"staging graph: {problem}; no graph was changed"
                self._drop_quietly(staged)
                return report
        start = time.perf_counter()
        self.log(f"moving the {len(payloads)} staging graph(s) into place in one update")
        try:
            self.endpoint.update(" ; ".join(f"MOVE {_iri(p.name + STAGING_SUFFIX)} TO {_iri(p.name)}"
                                            for p in payloads))
        except UserError as exc:
            # The answer may be lost after the server applied the update:
            # the targets' content decides.
            if exc.code in ("LKG-T003", "LKG-T020") or not self._all_in_place(payloads):
                report.error = exc
                for result in report.results:
                    result.problem = f"not moved into place: {exc.message}"
                self._drop_quietly(staged, exc)
                return report
            self._drop_quietly(staged, exc)
        moved = time.perf_counter() - start
        for payload, result in zip(payloads, report.results):
            result.stages["move"] = moved / len(payloads)
            clock = time.perf_counter()
            try:
                result.found, result.problem = self.check(payload, payload.name, full=True)
            except UserError as exc:
                result.problem, report.error = exc.message, exc
                return report
            result.stages["verify"] += time.perf_counter() - clock
            result.seconds += moved / len(payloads) + time.perf_counter() - clock
        return report


def load(options: LoadOptions, log: Callable[[str], None] | None = None) -> LoadReport:
    loader = Loader(options, log)
    return loader.load(read_graphs(options.file, options.graph_base))
