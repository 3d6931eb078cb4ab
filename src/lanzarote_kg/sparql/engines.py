"""Running SPARQL SELECT queries on rdflib (reference) or Oxigraph (default).

Both engines return the same `Table` of rdflib terms, so formatting and
tests do not care which one ran. Parameters are bound through each engine's
binding API (rdflib initBindings, Oxigraph substitutions), never by editing
the query text. Queries that could reach the network or the file system
(SERVICE, LOAD, FROM, FROM NAMED) are refused before they run.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import pyoxigraph as ox
from rdflib import Graph, Variable
from rdflib.plugins.sparql import prepareQuery

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.terms import TermConverter, to_oxigraph
from lanzarote_kg.sparql.safety import check_safe


class Engine(str, Enum):
    OXIGRAPH = "oxigraph"
    RDFLIB = "rdflib"


@dataclass
class Table:
    variables: list[str]
    rows: list[tuple]  # rdflib terms or None

    def __len__(self) -> int:
        return len(self.rows)


def select_rdflib(graph: Graph, query_text: str, bindings: dict | None = None, origin: str = "query") -> Table:
    check_safe(query_text, origin)
    try:
        prepared = prepareQuery(query_text)
    except Exception as exc:
        raise UserError("LKG-Q010", f"{origin}: SPARQL syntax error: {' '.join(str(exc).split())}") from None
    try:
        result = graph.query(prepared, initBindings={Variable(k): v for k, v in (bindings or {}).items()})
        variables = [str(v) for v in result.vars]
        # A result row is a tuple in projection order (None where unbound).
        return Table(variables, [tuple(row) for row in result])
    except RecursionError:
        # rdflib evaluates property paths and nested patterns recursively:
        # a long RDF list (rdf:rest*) exhausts Python's stack.
        raise UserError("LKG-Q016", f"{origin}: the rdflib engine ran out of stack on this data (a long RDF list "
                                    f"or deep nesting); run it with the oxigraph engine") from None


def select_oxigraph(store: ox.Store, query_text: str, bindings: dict | None = None, origin: str = "query") -> Table:
    check_safe(query_text, origin)
    substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
    try:
        solutions = store.query(query_text, use_default_graph_as_union=True, substitutions=substitutions)
    except SyntaxError as exc:
        raise UserError("LKG-Q010", f"{origin}: SPARQL syntax error: {' '.join(str(exc).split())}") from None
    variables = [v.value for v in solutions.variables]
    # Each distinct term converted once: a report repeats its dates, kinds and
    # labels (timeline at 1M triples: 17k rows, most of its second in conversion).
    convert = TermConverter().to_rdflib
    rows = [tuple(None if solution[v] is None else convert(solution[v]) for v in variables) for solution in solutions]
    return Table(variables, rows)
