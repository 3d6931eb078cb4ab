"""The SPARQL 1.1 Protocol operations the project needs (SELECT, CONSTRUCT,
update) over the HTTP client, with the dataset sent as default-graph-uri /
named-graph-uri parameters.

Queries and updates go as form-encoded POST (`query=` / `update=`), the one
form every server accepts: Virtuoso 7.2 never answers a query POSTed as a
raw application/sparql-query body (openlink/virtuoso-opensource #842), and
GET limits the query's length. Answers are asked for, and accepted, in one
kind each: SPARQL JSON results for SELECT, N-Triples or N-Quads for
CONSTRUCT; anything else (RDF/XML with its entities, HTML) is refused
unread. A partial answer (Virtuoso's "anytime" queries, marked only by an
X-SQL-State header on an HTTP 200) is refused too.
"""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

import pyoxigraph as ox

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.sparql.engines import Table
from lanzarote_kg.triplestore.http_client import HttpClient, Limits, Response, check_url, display_url
from lanzarote_kg.triplestore.sparql_json import ResultsError, parse_select

RESULTS_JSON = "application/sparql-results+json"
_GRAPH_FORMATS = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "application/n-quads": ox.RdfFormat.N_QUADS}
_FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset a query runs on, sent as the Protocol's
    default-graph-uri / named-graph-uri parameters (none: the server's own)."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def params(self) -> list[tuple[str, str]]:
        return ([("default-graph-uri", g) for g in self.default_graphs]
                + [("named-graph-uri", g) for g in self.named_graphs])


class SparqlEndpoint:
    def __init__(self, query_url: str, client: HttpClient, update_url: str | None = None,
                 dataset: Dataset = Dataset()):
        check_url(query_url, "query endpoint")
        if update_url:
            check_url(update_url, "update endpoint")
        self.query_url, self.update_url, self.client, self.dataset = query_url, update_url, client, dataset

    def _query(self, text: str, accept: str, limits: Limits) -> Response:
        form = urllib.parse.urlencode([("query", text)] + self.dataset.params()).encode("ascii")
        response = self.client.request("POST", self.query_url, form, {"Content-Type": _FORM, "Accept": accept},
                                       limits=limits)
        state = response.headers.get("x-sql-state")
        if state:
            reason = " ".join(response.headers.get("x-sql-message", "").split())[:200]
            raise UserError("LKG-T018", f"POST {display_url(self.query_url)}: the server sent a partial answer "
                                        f"(X-SQL-State {state}: {reason or 'no reason given'}); on Virtuoso raise "
                                        "MaxQueryExecutionTime in the [SPARQL] section of virtuoso.ini")
        return response

    def _refuse(self, response: Response, wanted: str) -> UserError:
        return UserError("LKG-T015", f"POST {display_url(self.query_url)}: answered {response.content_type or 'no type'!r} "
                                     f"where {wanted} was asked for; refused unread")

    def select(self, text: str, limits: Limits = Limits()) -> Table:
        response = self._query(text, RESULTS_JSON, limits)
        if response.content_type != RESULTS_JSON:
            raise self._refuse(response, RESULTS_JSON)
        try:
            return parse_select(response.body)
        except ResultsError as exc:
            raise UserError("LKG-T004", f"{display_url(self.query_url)}: unreadable query results: {exc}") from None

    def construct(self, text: str, limits: Limits = Limits()) -> list:
        """pyoxigraph Triples of a CONSTRUCT query."""
        response = self._query(text, "application/n-triples, application/n-quads;q=0.9", limits)
        fmt = _GRAPH_FORMATS.get(response.content_type)
        if fmt is None:
            raise self._refuse(response, "N-Triples or N-Quads")
        try:
            return [quad.triple for quad in ox.parse(response.body, format=fmt)]
        except (SyntaxError, ValueError) as exc:
            raise UserError("LKG-T004", f"{display_url(self.query_url)}: unreadable graph: {exc}") from None

    def update(self, text: str) -> None:
        if not self.update_url:
            raise UserError("LKG-T012", "no SPARQL update endpoint given (--update-endpoint)")
        form = urllib.parse.urlencode([("update", text)]).encode("ascii")
        self.client.request("POST", self.update_url, form, {"Content-Type": _FORM}, limits=Limits(16 << 20))


# Where a server's SPARQL Update endpoint sits next to its Graph Store endpoint
# (see docs/TRIPLESTORE.md for the sources).
_UPDATE_NEXT_TO_STORE = (
    ("/store", "/update"),  # Oxigraph
    ("/data", "/update"),  # Fuseki
    ("/rdf-graphs/service", "/statements"),  # GraphDB, RDF4J
    ("/sparql-graph-crud-auth", "/sparql-auth"),  # Virtuoso
    ("/sparql-graph-crud", "/sparql"),  # Virtuoso
)


def update_endpoint_for(graph_store: str) -> str | None:
    parts = urllib.parse.urlsplit(graph_store)
    for store_path, update_path in _UPDATE_NEXT_TO_STORE:
        if parts.path.rstrip("/").endswith(store_path):
            path = parts.path.rstrip("/")[: -len(store_path)] + update_path
            return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return None
