"""The SPARQL 1.1 Protocol operations the project needs (SELECT, CONSTRUCT,
update) over the HTTP client, with the dataset sent as default-graph-uri /
named-graph-uri parameters."""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

import pyoxigraph as ox

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.terms import from_oxigraph
from lanzarote_kg.sparql.engines import Table
from lanzarote_kg.triplestore.http_client import HttpClient, Response, check_url, display_url

_RESULT_FORMATS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                   "application/sparql-results+xml": ox.QueryResultsFormat.XML}
_GRAPH_FORMATS = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
                  "text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML}


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

    def _post_query(self, text: str, accept: str) -> Response:
        url = _with_params(self.query_url, self.dataset.params())
        return self.client.request("POST", url, text.encode("utf-8"),
                                   {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept})

    def select(self, text: str) -> Table:
        response = self._post_query(text, "application/sparql-results+json, application/sparql-results+xml;q=0.8")
        fmt = _RESULT_FORMATS.get(response.content_type)
        if fmt is None:
            raise UserError("LKG-T004", f"{display_url(self.query_url)}: unexpected result type "
                                        f"{response.content_type or 'none'!r} for a SELECT query")
        try:
            solutions = ox.parse_query_results(response.body, format=fmt)
            variables = [v.value for v in solutions.variables]
            rows = [tuple(from_oxigraph(solution[v]) for v in variables) for solution in solutions]
        except (SyntaxError, ValueError) as exc:
            raise UserError("LKG-T004", f"{display_url(self.query_url)}: unreadable query results: {exc}") from None
        return Table(variables, rows)

    def construct(self, text: str) -> list:
        """pyoxigraph Triples of a CONSTRUCT query."""
        response = self._post_query(text, "application/n-triples, text/turtle;q=0.8, application/rdf+xml;q=0.5")
        fmt = _GRAPH_FORMATS.get(response.content_type)
        if fmt is None:
            raise UserError("LKG-T004", f"{display_url(self.query_url)}: unexpected result type "
                                        f"{response.content_type or 'none'!r} for a CONSTRUCT query")
        try:
            return [quad.triple for quad in ox.parse(response.body, format=fmt)]
        except SyntaxError as exc:
            raise UserError("LKG-T004", f"{display_url(self.query_url)}: unreadable graph: {exc}") from None

    def update(self, text: str) -> None:
        if not self.update_url:
            raise UserError("LKG-T012", "no SPARQL update endpoint given (--update-endpoint)")
        self.client.request("POST", self.update_url, text.encode("utf-8"),
                            {"Content-Type": "application/sparql-update; charset=utf-8"})


def _with_params(url: str, params: list[tuple[str, str]]) -> str:
    if not params:
        return url
    return url + ("&" if urllib.parse.urlsplit(url).query else "?") + urllib.parse.urlencode(params)
