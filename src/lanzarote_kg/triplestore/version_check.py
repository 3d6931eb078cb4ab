"""Proving that a version graph on Oxigraph holds exactly the triples sent,
at the cost of reading the graph once, on every core the server has.

What is proved: the graph's triples, read back through the query endpoint,
are the sent set. First the number of triples per predicate (one GROUP BY,
no term is decoded). Then the triples themselves, one CONSTRUCT per
predicate, largest first, read side by side (Oxigraph answers concurrent
requests on separate threads; one CONSTRUCT of a million triples keeps one
core busy for about 19 s). The answer's N-Triples lines are compared as a
set with the sent lines (both are Oxigraph's canonical N-Triples when the
file was written by Oxigraph or by the build); where they differ (blank
nodes relabelled, a hand-written file in another form of the same terms),
both sides are parsed and compared by value on the triples without blank
nodes (verification.compare), as `load` does for other servers.

Why not a digest computed by the server, to avoid shipping the triples
back: measured on Oxigraph 0.5.13 for a million triples, the cost is in
decoding each term's string from the store (a SELECT of SUM(STRLEN(STR(?s)
...)) alone takes 16 CPU s), not in the transfer; the same SUM of a
SHA-256 per triple takes 31 CPU s (19 s for the CONSTRUCT), so the digest
would be slower, and give no list of what differs.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox

from lanzarote_kg.triplestore.http_client import HttpClient, Limits
from lanzarote_kg.triplestore.literal_values import short
from lanzarote_kg.triplestore.sparql_protocol import SparqlEndpoint
from lanzarote_kg.triplestore.verification import compare, count_value, iri

_SMALL = 50_000  # triples below which one CONSTRUCT of the whole graph is cheaper than several


def predicate_counts(endpoint: SparqlEndpoint, graph: str) -> dict[str, int]:
    table = endpoint.select(f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }} GROUP BY ?p")
    return {str(p): count_value(n, endpoint) for p, n in table.rows}


class VersionCheck:
    def __init__(self, endpoint: SparqlEndpoint, client: HttpClient, parallel: int, warn):
        self.endpoint, self.client, self.parallel, self.warn = endpoint, client, max(1, parallel), warn

    def _construct(self, graph: str, predicate: str | None, max_bytes: int) -> bytes:
        # A constant predicate reads Oxigraph's graph-predicate index directly (a VALUES list of
        # predicates cost 26-32 CPU s instead of 19 for a million triples).
        p = "?p" if predicate is None else iri(predicate)
        query = f"CONSTRUCT {{ ?s {p} ?o }} WHERE {{ GRAPH {iri(graph)} {{ ?s {p} ?o }} }}"
        response = self.client.request("POST", self.endpoint.query_url, query.encode("utf-8"),
                                       {"Content-Type": "application/sparql-query; charset=utf-8",
                                        "Accept": "application/n-triples"}, limits=Limits(max_bytes=max_bytes))
        return response.body

    def read_back(self, graph: str, counts: dict[str, int], sent_bytes: int) -> tuple[int, set[bytes]]:
        """(lines read, the set of them) for every triple of the graph as
        N-Triples lines: one CONSTRUCT per predicate, largest first, on
        `parallel` threads, each answer's lines added to the set as soon as it
        arrives (while the server still answers the others)."""
        total = sum(counts.values())
        cap = (32 << 20) + 2 * sent_bytes
        parts = [None] if total < _SMALL or self.parallel == 1 else sorted(counts, key=lambda p: (-counts[p], p))
        lines: set[bytes] = set()
        read = [0]
        lock = threading.Lock()

        def fetch(predicate: str | None) -> None:
            answer = [line for line in self._construct(graph, predicate, cap).splitlines() if line]
            with lock:
                lines.update(answer)
                read[0] += len(answer)
        with ThreadPoolExecutor(self.parallel) as pool:
            list(pool.map(fetch, parts))
        return read[0], lines

    def problem(self, graph: str, sent: set[bytes], sent_bytes: int) -> tuple[int, str]:
        """(triples found, what differs or "") for a version graph against the
        sent N-Triples lines (`<s> <p> o .`)."""
        counts = predicate_counts(self.endpoint, graph)
        found = sum(counts.values())
        if found != len(sent):
            return found, f"sent {len(sent)} triples, the server has {found}"
        read, answer = self.read_back(graph, counts, sent_bytes)
        if read != found or len(answer) != found:
            return found, f"the server counts {found} triples but gave back {read}"
        if answer == sent:
            return found, ""
        return found, self._by_value(graph, sent, answer)

    def _by_value(self, graph: str, sent: set[bytes], answer: set[bytes]) -> str:
        def parse(lines) -> list[ox.Triple]:
            text = b"".join(line + b"\n" for line in lines)
            return [quad.triple for quad in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]

        def ground(triples) -> set[str]:
            return {str(t) for t in triples
                    if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)}
        outcome = compare(ground(parse(sorted(sent))), parse(answer))
        if outcome.rewritten:
            examples = ", ".join(f"{short(a)} as {short(b)}" for a, b in outcome.rewritten[:3])
            self.warn(f"warning: LKG-T014: the server wrote {len(outcome.rewritten)} literal(s) of {graph} back in "
                      f"another form of the same value ({examples}); compared by value")
        if outcome.missing or outcome.extra:
            return (f"{len(outcome.missing)} triple(s) missing, {len(outcome.extra)} unexpected "
                    f"(e.g. {(outcome.missing or outcome.extra)[0]})")
        return ""
