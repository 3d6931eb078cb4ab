"""Canned reports on a remote endpoint: parameters bound as a VALUES block
built from serialised RDF terms, and the two store calls the report layer
makes answered by the endpoint, so `report --endpoint` needs no local graph."""
from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import Literal, URIRef

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.terms import from_oxigraph, to_oxigraph
from lanzarote_kg.sparql.engines import Table
from lanzarote_kg.sparql.safety import check_safe
from lanzarote_kg.triplestore.sparql_protocol import SparqlEndpoint

_IRIREF = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]*$')
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# What may hide a '{': a comment, the four string forms, an IRI; else the brace itself.
_TOKENS = re.compile("|".join([
    r"#[^\n]*",
    r"'{3}(?:[^'\\]|\\.|'(?!''))*'{3}", r'"{3}(?:[^"\\]|\\.|"(?!""))*"{3}',
    r"'(?:[^'\\\n]|\\.)*'", r'"(?:[^"\\\n]|\\.)*"',
    r'<[^\x00-\x20<>"{}|^`\\]*>',
    r"\{",
]), re.S)


def _checked_n3(name: str, term) -> str:
    """The SPARQL form of a bound value, refused unless it reads back as
    exactly the same term (so no value can close the VALUES block)."""
    if isinstance(term, URIRef):
        ok = bool(_IRIREF.match(str(term)))
    elif isinstance(term, Literal):
        ok = ((term.language is None or bool(_LANG.match(term.language)))
              and (term.datatype is None or bool(_IRIREF.match(str(term.datatype)))))
    else:
        ok = False  # blank nodes mean nothing on another server
    text = term.n3() if ok else ""
    if ok:
        try:
            solutions = list(ox.Store().query(f"SELECT ?v WHERE {{ VALUES ?v {{ {text} }} }}"))
            ok = len(solutions) == 1 and from_oxigraph(solutions[0]["v"]) == term
        except SyntaxError:
            ok = False
    if not ok:
        raise UserError("LKG-Q006", f"parameter {name}={str(term)!r} cannot be sent as one RDF term")
    return text


def values_clause(bindings: dict) -> str:
    names = sorted(bindings)
    for name in names:
        if not _VARNAME.match(name):
            raise UserError("LKG-Q006", f"parameter name {name!r} is not a SPARQL variable name")
    terms = " ".join(_checked_n3(name, bindings[name]) for name in names)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}"


def _group_start(text: str) -> int:
    """Offset of the first '{' outside comments, strings and IRIs: the
    opening of the WHERE group of a SELECT query."""
    for token in _TOKENS.finditer(text):
        if token.group() == "{":
            return token.start()
    raise UserError("LKG-Q010", "the query has no WHERE group")


def bind_values(query_text: str, bindings: dict, origin: str = "query") -> str:
    """The query with the bindings as a VALUES block at the start of its WHERE
    group, built from serialised RDF terms (never from the user's text), which
    binds the variables from the start like the local engines' substitution."""
    if not bindings:
        return query_text
    at = _group_start(query_text) + 1
    bound = query_text[:at] + "\n  " + values_clause(bindings) + "\n" + query_text[at:]
    check_safe(bound, origin)  # still one SELECT, nothing that reaches out
    return bound


def remote_runner(endpoint: SparqlEndpoint):
    """A `runner` for reports.run_report: the query runs on the endpoint."""
    def run(query_text: str, bindings: dict, origin: str) -> Table:
        check_safe(query_text, origin)
        return endpoint.select(bind_values(query_text, bindings, origin))
    return run


class SnapshotEndpoint:
    """The project's graphs on an endpoint, read as one snapshot per query.

    After `load --replace versioned` the graphs to query are the versions
    the pointer graph names. A reader reads the pointer, queries those
    versions, then reads the pointer again: when it changed meanwhile (a
    reload switched, and may be dropping the version just read), the query
    runs once more on the new versions. With the loader's grace period
    before it drops a superseded version, every answer is then the old
    graph's or the new graph's, never a mixture. Without a pointer (staged
    or direct loads) the graphs themselves are queried, one request per
    query, and the staged load switches them all in one update."""

    def __init__(self, query_url: str, client, graphs: tuple[str, ...]):
        from lanzarote_kg.triplestore.sparql_protocol import Dataset
        from lanzarote_kg.triplestore.versioned_load import current_versions

        self._dataset = Dataset
        self._pointer = lambda: current_versions(SparqlEndpoint(query_url, client), graphs)
        self.query_url, self.client, self.graphs = query_url, client, graphs
        versions = self._pointer()
        self.versioned = versions is not None and versions != graphs
        self.served = versions if self.versioned else graphs
        self.retries = 0  # queries run again because the pointer changed (for tests and the bench)

    def _at(self, served: tuple[str, ...]) -> SparqlEndpoint:
        return SparqlEndpoint(self.query_url, self.client, dataset=self._dataset(served, served))

    def select(self, text: str, *args, **kwargs) -> Table:
        served = self.served
        table = self._at(served).select(text, *args, **kwargs)
        if not self.versioned:
            return table
        now = self._pointer()
        if now is not None and now != served:
            self.served, self.retries = now, self.retries + 1
            table = self._at(now).select(text, *args, **kwargs)
        return table


def remote_source(query_url: str, client, graphs: tuple[str, ...]):
    """(store, runner) for reports.run_report / write_all on an endpoint,
    each query on one snapshot of the project's graphs (SnapshotEndpoint)."""
    endpoint = SnapshotEndpoint(query_url, client, graphs)
    return RemoteStore(endpoint), remote_runner(endpoint)


class RemoteStore:
    """The two pyoxigraph.Store calls the report layer makes besides running
    the report (label resolution of parameters, labels for display),
    answered by the endpoint, so `report --endpoint` needs no local graph."""

    def __init__(self, endpoint: SparqlEndpoint):
        self.endpoint = endpoint

    def query(self, text: str, use_default_graph_as_union: bool = True, substitutions: dict | None = None):
        bindings = {var.value: from_oxigraph(term) for var, term in (substitutions or {}).items()}
        table = self.endpoint.select(bind_values(text, bindings))
        return [{name: to_oxigraph(term) for name, term in zip(table.variables, row) if term is not None}
                for row in table.rows]

    def quads_for_pattern(self, subject, predicate, obj, graph):
        query = "SELECT ?o WHERE { ?s ?p ?o } LIMIT 1"
        bindings = {"s": from_oxigraph(subject), "p": from_oxigraph(predicate)}
        return [ox.Quad(subject, predicate, to_oxigraph(row[0]), ox.DefaultGraph())
                for row in self.endpoint.select(bind_values(query, bindings)).rows]
