"""Terms both ways between rdflib (the reference engines, formatting) and
pyoxigraph (the default engines): one place, so every module converts a
literal the same way (xsd:string kept apart from plain, as rdflib does)."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

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
