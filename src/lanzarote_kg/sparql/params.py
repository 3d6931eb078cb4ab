"""Typed query parameters: checked, converted to RDF terms, and bound
through the engine's binding API (never pasted into the query text)."""
from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from lanzarote_kg.sparql.catalogue import SavedQuery
from lanzarote_kg.core.errors import FREE_TEXT_CONTROLS, UserError, check_text, shown

# An absolute IRI without the characters SPARQL forbids inside <...>.
_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$')
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_LABEL_QUERY = """
SELECT DISTINCT ?entity ?wanted WHERE {
  ?entity ?labelProperty ?label .
  VALUES ?labelProperty {
    <http://www.w3.org/2000/01/rdf-schema#label> <http://www.w3.org/2004/02/skos/core#altLabel>
    <http://www.w3.org/2004/02/skos/core#prefLabel> <https://w3id.org/lanzarote-kg/ontology#acronym>
  }
  FILTER (LCASE(STR(?label)) = LCASE(STR(?wanted)))
} ORDER BY ?entity"""


def _iri(query: SavedQuery, name: str, value: str) -> URIRef:
    if not _IRI.match(value):
        raise UserError("LKG-Q006", f"{query.name}: parameter {name}={shown(value)} is not a valid IRI")
    return URIRef(value)


def resolve_label(store: ox.Store, query: SavedQuery, name: str, value: str) -> URIRef:
    """A label (or acronym) names exactly one node; otherwise say which."""
    solutions = store.query(_LABEL_QUERY, use_default_graph_as_union=True,
                            substitutions={ox.Variable("wanted"): ox.Literal(value)})
    found = [URIRef(s["entity"].value) for s in solutions]
    if not found:
        raise UserError("LKG-Q007", f"{query.name}: no node is labelled {shown(value)} (parameter {name})")
    if len(found) > 1:
        candidates = ", ".join(str(f) for f in found)
        raise UserError("LKG-Q008", f"{query.name}: {shown(value)} is ambiguous (parameter {name}); candidates: {candidates}")
    return found[0]


def bind_parameters(query: SavedQuery, given: dict[str, str], store: ox.Store | None) -> dict:
    """Check given values against the query's declared parameters."""
    bindings = {}
    for name, value in given.items():
        check_text(name, f"{query.name}: parameter name")
        check_text(value, f"{query.name}: the value of parameter {name}", FREE_TEXT_CONTROLS)
        query.parameter(name)  # unknown names are an error
    for parameter in query.parameters:
        value = given.get(parameter.name, parameter.default)
        if value is None:
            continue
        if parameter.type == "iri":
            bindings[parameter.name] = _iri(query, parameter.name, value)
        elif parameter.type == "iri-or-label":
            if _IRI.match(value) and ":" in value and "//" in value:
                bindings[parameter.name] = URIRef(value)
            else:
                if store is None:
                    raise UserError("LKG-Q007", f"{query.name}: cannot resolve label {shown(value)} without a graph")
                bindings[parameter.name] = resolve_label(store, query, parameter.name, value)
        elif parameter.type == "integer":
            if not re.fullmatch(r"-?\d+", value):
                raise UserError("LKG-Q006", f"{query.name}: parameter {parameter.name}={shown(value)} is not an integer")
            bindings[parameter.name] = Literal(int(value))
        elif parameter.type == "date":
            if not _DATE.match(value):
                raise UserError("LKG-Q006", f"{query.name}: parameter {parameter.name}={shown(value)} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
            bindings[parameter.name] = Literal(value, datatype=datatype)
        else:
            bindings[parameter.name] = Literal(value)
    missing = [p.name for p in query.parameters if p.name not in bindings]
    if missing:
        raise UserError("LKG-Q009", f"{query.name}: missing parameter(s): {', '.join(missing)} (use --param name=value)")
    return bindings
