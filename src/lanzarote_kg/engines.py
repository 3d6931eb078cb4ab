"""Running SPARQL SELECT queries on rdflib (reference) or Oxigraph (default).

Both engines return the same `Table` of rdflib terms, so formatting and
tests do not care which one ran. Parameters are bound through each engine's
binding API (rdflib initBindings, Oxigraph substitutions), never by editing
the query text. Queries that could reach the network or the file system
(SERVICE, LOAD, FROM, FROM NAMED) are refused before they run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery

from .errors import UserError


class Engine(str, Enum):
    OXIGRAPH = "oxigraph"
    RDFLIB = "rdflib"


@dataclass
class Table:
    variables: list[str]
    rows: list[tuple]  # rdflib terms or None

    def __len__(self) -> int:
        return len(self.rows)


# Strings, IRIs, comments, variables and prefixed names can contain any
# word; the keywords that reach out can only appear outside them.
_LEXEMES = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|\#[^\n]*|[?$][A-Za-z0-9_]+|[A-Za-z0-9_.-]*:[A-Za-z0-9_.%-]*''')
_REACHING_OUT = re.compile(r"\b(SERVICE|LOAD|FROM)\b", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|DROP|CLEAR|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def check_safe(query_text: str, origin: str = "query") -> None:
    """Refuse non-SELECT queries and anything that could reach the network
    or the file system (SERVICE, LOAD, FROM / FROM NAMED). A lexical check:
    parsing with rdflib's parser costs 20-120 ms per report, more than
    Oxigraph takes to answer it; syntax errors are reported by the engine."""
    bare = _LEXEMES.sub(" ", query_text)
    outside = _REACHING_OUT.search(bare)
    if outside:
        keyword = outside.group(1).upper()
        detail = "FROM / FROM NAMED are not allowed (the dataset is fixed)" if keyword == "FROM" else \
            "SERVICE and LOAD are not allowed (no network access)"
        raise UserError("LKG-Q012", f"{origin}: {detail}")
    form = _FORM.search(bare)
    if form is None or form.group(1).upper() != "SELECT":
        found = form.group(1).upper() if form else "no query form"
        raise UserError("LKG-Q011", f"{origin}: only SELECT queries can be run as reports (got {found})")


# --- term conversion --------------------------------------------------------

def to_oxigraph(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def from_oxigraph(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"cannot convert {term!r}")


class TermConverter:
    """Converts terms both ways, remembering each: a graph repeats its
    predicates, classes and concepts thousands of times."""

    _XSD_STRING_DT = URIRef(_XSD_STRING)

    def __init__(self):
        self._to_ox: dict = {}
        self._to_rdflib: dict = {}

    def to_oxigraph(self, term):
        try:
            return self._to_ox[term]
        except KeyError:
            if isinstance(term, Literal) and term.datatype == self._XSD_STRING_DT:
                converted = ox.Literal(str(term))  # rdflib keeps xsd:string apart from plain
            else:
                converted = to_oxigraph(term)
            self._to_ox[term] = converted
            return converted

    def to_rdflib(self, term):
        try:
            return self._to_rdflib[term]
        except KeyError:
            converted = self._to_rdflib[term] = from_oxigraph(term)
            return converted


# --- execution ---------------------------------------------------------------

def select_rdflib(graph: Graph, query_text: str, bindings: dict | None = None, origin: str = "query") -> Table:
    check_safe(query_text, origin)
    try:
        prepared = prepareQuery(query_text)
    except Exception as exc:
        raise UserError("LKG-Q010", f"{origin}: SPARQL syntax error: {' '.join(str(exc).split())}") from None
    result = graph.query(prepared, initBindings={Variable(k): v for k, v in (bindings or {}).items()})
    variables = [str(v) for v in result.vars]
    # A result row is a tuple in projection order (None where unbound).
    return Table(variables, [tuple(row) for row in result])


def select_oxigraph(store: ox.Store, query_text: str, bindings: dict | None = None, origin: str = "query") -> Table:
    check_safe(query_text, origin)
    substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
    try:
        solutions = store.query(query_text, use_default_graph_as_union=True, substitutions=substitutions)
    except SyntaxError as exc:
        raise UserError("LKG-Q010", f"{origin}: SPARQL syntax error: {exc}") from None
    variables = [v.value for v in solutions.variables]
    rows = [tuple(from_oxigraph(solution[v]) for v in variables) for solution in solutions]
    return Table(variables, rows)
