"""Proving through a query endpoint that a graph holds what was sent, in a
way a server's row cap cannot fool.

Two checks per graph. The number of triples (`COUNT`, one row, which no
cap cuts). Then the triples themselves, read back with CONSTRUCT as
N-Triples and compared, as a set, with the sent triples that have no blank
node (blank nodes get new identities on a server, so those are counted,
not compared). A server may cut an answer silently: Virtuoso's shipped
`ResultSetMaxRows = 10000` returns the first 10,001 triples of a graph with
HTTP 200. Because the count is known, a short read-back is recognised as a
cut; the verifier says so once, in one line naming the setting, and reads
the graph again in parts small enough to pass the cap: ranges of the MD5
of the subject (cheap to compute), as few as the cap allows, each split in
two wherever it still reaches the cap, and split by the MD5 of the whole
triple where one subject alone reaches it. (Paging with ORDER BY / OFFSET
does not work there: Virtuoso refuses to sort past the same cap.)

Literals are compared by value (literal_values): a server that writes a
literal back in another form of the same value gets a named warning, not
a failure; only a missing, changed or unexpected triple fails.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pyoxigraph as ox

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.triplestore.http_client import Limits, display_url
from lanzarote_kg.triplestore.literal_values import short, value_key
from lanzarote_kg.triplestore.sparql_protocol import SparqlEndpoint

_SPACE = 16 ** 4  # ranges of the first four hex digits of an MD5
_SUBJECT_TEXT = 'COALESCE(STR(?s), "")'
_TRIPLE_TEXT = 'CONCAT(COALESCE(STR(?s), ""), " ", STR(?p), " ", COALESCE(STR(?o), ""))'


def count_value(term, endpoint: SparqlEndpoint) -> int:
    """A count the server answered, as an int (none: 0). Anything but a
    non-negative integer is the server's fault, named on one line."""
    if term is None:
        return 0
    text = str(term).strip()
    if not text.isdigit():
        raise UserError("LKG-T019", f"POST {display_url(endpoint.query_url)}: answered {text[:40]!r} where a count "
                                    "of triples was asked for")
    return int(text)


def iri(name: str) -> str:
    if any(c in name for c in '<>"{}|^`\\ \n\t'):
        raise UserError("LKG-T006", f"graph name {name!r} is not an IRI")
    return f"<{name}>"


def _has_blank(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _parse(lines) -> list[ox.Triple]:
    return [q.triple for q in ox.parse("".join(line + " .\n" for line in lines), format=ox.RdfFormat.N_TRIPLES)]


def _key(triple: ox.Triple) -> tuple:
    return triple.subject, triple.predicate, value_key(triple.object)


@dataclass
class Comparison:
    missing: list[str] = field(default_factory=list)  # sent, not found (even by value)
    extra: list[str] = field(default_factory=list)  # found, never sent
    rewritten: list[tuple] = field(default_factory=list)  # (sent, found) objects, same value


def compare(sent: set[str], found: list[ox.Triple]) -> Comparison:
    """Sent ground triples (N-Triples lines, no final " .") against the
    ground triples read back."""
    found_lines = {str(t) for t in found if not _has_blank(t)}
    only_sent, only_found = sent - found_lines, found_lines - sent
    result = Comparison()
    if not only_sent and not only_found:
        return result
    by_value = {_key(t): t for t in _parse(sorted(only_found))}
    for triple in _parse(sorted(only_sent)):
        match = by_value.pop(_key(triple), None)
        if match is None:
            result.missing.append(str(triple))
        else:
            result.rewritten.append((triple.object, match.object))
    result.extra = sorted(str(t) for t in by_value.values())
    return result


class Verifier:
    def __init__(self, endpoint: SparqlEndpoint, warn: Callable[[str], None]):
        self.endpoint = endpoint
        self.warn = warn
        self.cap: int | None = None  # rows per answer, once the server is seen to cut one

    @property
    def shown(self) -> str:
        return display_url(self.endpoint.query_url)

    def count(self, graph: str) -> int:
        table = self.endpoint.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}",
                                     Limits(1 << 20))
        return count_value(table.rows[0][0] if table.rows else None, self.endpoint)

    def _construct(self, graph: str, part: tuple, limits: Limits) -> list[ox.Triple]:
        """The triples of a part: (subject range) or (subject range, triple range)."""
        tests = []
        for text, (low, high) in zip((_SUBJECT_TEXT, _TRIPLE_TEXT), part):
            tests += ([f'MD5({text}) >= "{low:04x}"'] if low > 0 else [])
            tests += ([f'MD5({text}) < "{high:04x}"'] if high < _SPACE else [])
        where = f"GRAPH {iri(graph)} {{ ?s ?p ?o }}" + (f" FILTER ({' && '.join(tests)})" if tests else "")
        return self.endpoint.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}", limits)

    def read(self, graph: str, total: int, sent_bytes: int) -> list[ox.Triple]:
        """Every triple of a graph that holds `total` of them."""
        # Room for another form of each literal (Virtuoso writes \u escapes for non-ASCII).
        limits = Limits(max_bytes=(32 << 20) + 4 * sent_bytes)
        if self.cap is None or total < self.cap:
            triples = self._construct(graph, (), limits)
            if len(triples) >= total:
                return triples
            if self.cap is None:
                self.cap = len(triples)
                self.warn(f"warning: LKG-T013: {self.shown} cut an answer at {len(triples)} of {total} triples "
                          "with no error (a row cap: on Virtuoso raise ResultSetMaxRows in the [SPARQL] section "
                          "of virtuoso.ini); reading in parts instead")
        count = max(2, -(-2 * total // max(self.cap, 2)))  # parts of about half the cap each
        bounds = [i * _SPACE // count for i in range(count)] + [_SPACE]
        pending = [((low, high),) for low, high in zip(bounds, bounds[1:])]
        triples: list[ox.Triple] = []
        while pending:
            part = pending.pop()
            found = self._construct(graph, part, limits)
            low, high = part[-1]
            if len(found) < self.cap:
                triples.extend(found)
            elif high - low > 1:  # may be cut too: split its last range in two
                middle = (low + high) // 2
                pending += [part[:-1] + ((low, middle),), part[:-1] + ((middle, high),)]
            elif len(part) == 1:  # one subject's triples reach the cap: split them by triple
                pending += [part + ((0, _SPACE // 2),), part + ((_SPACE // 2, _SPACE),)]
            else:
                triples.extend(found)  # cannot split further: the count comparison reports it
        return triples

    def check(self, graph: str, statements: list[str], ground: set[str], *, full: bool) -> tuple[int, str]:
        """(triples found, problem or "") for `graph` against what was sent."""
        found = self.count(graph)
        if found != len(statements):
            return found, f"sent {len(statements)} triples, {self.shown} has {found}"
        if not full:
            return found, ""
        triples = self.read(graph, found, sum(len(s) + 3 for s in statements))
        if len(triples) != found:
            return found, (f"{self.shown} counts {found} triples but gave back {len(triples)}"
                           + (f" in parts under its cap of {self.cap} rows" if self.cap else ""))
        outcome = compare(ground, triples)
        if outcome.rewritten:
            examples = ", ".join(f"{short(a)} as {short(b)}" for a, b in outcome.rewritten[:3])
            self.warn(f"warning: LKG-T014: {self.shown} wrote {len(outcome.rewritten)} literal(s) of {graph} "
                      f"back in another form of the same value ({examples}); compared by value")
        if outcome.missing or outcome.extra:
            example = (outcome.missing or outcome.extra)[0]
            return found, (f"{len(outcome.missing)} triple(s) missing, {len(outcome.extra)} unexpected "
                           f"(e.g. {example})")
        return found, ""
