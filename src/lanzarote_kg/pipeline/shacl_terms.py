"""The SPARQL pieces the SHACL compiler writes: terms, property paths, SHACL
instances, node kinds, and whether a literal is a valid value of its datatype.

Well-formedness, as pyshacl-turbo decides it (tests/engine/pipeline/
test_shacl_compiled.py holds the two equal on ill-formed literals):
- xsd:integer, xsd:decimal, xsd:boolean by their lexical form (a regular
  expression): pyshacl-turbo accepts integers and decimals of any size,
  which Oxigraph's casts refuse past 64 bits or 18 decimal digits;
- dates, years, year-months, date-times and durations by Oxigraph's cast
  from the literal's text, which fails on an ill-formed value (2011-02-30,
  "two thousand"): the store keeps such a literal as written, so the cast,
  not the stored value, decides;
- xsd:string and rdf:langString by the datatype alone.
Any other datatype is not compiled (the shapes fall back to pyshacl-turbo).
"""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, XSD

from lanzarote_kg.core.namespaces import SH

# SHACL instance: rdf:type, then rdfs:subClassOf* in the data graph (the
# ontology's subclass axioms are in the union graph the queries read).
INSTANCE_OF = f"<{RDF.type}>/<{RDFS.subClassOf}>*"

LEXICAL = {
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.decimal: r"^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$",
    XSD.boolean: r"^(true|false|1|0)$",
}
CAST = (XSD.date, XSD.gYear, XSD.gYearMonth, XSD.dateTime, XSD.duration)
ANY_TEXT = (XSD.string, RDF.langString)

NODE_KINDS = {
    SH.IRI: "isIRI({0})", SH.BlankNode: "isBlank({0})", SH.Literal: "isLiteral({0})",
    SH.BlankNodeOrIRI: "!isLiteral({0})", SH.BlankNodeOrLiteral: "!isIRI({0})", SH.IRIOrLiteral: "!isBlank({0})",
}


class UnsupportedShapes(Exception):
    """The shapes use a construct the compiler does not cover (the message names it)."""


def sparql_term(term) -> str:
    """An IRI or literal as SPARQL writes it; blank nodes cannot be named in a query."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = str(term)
        for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r")):
            text = text.replace(raw, escaped)
        if term.language:
            return f'"{text}"@{term.language}'
        return f'"{text}"' + (f"^^<{term.datatype}>" if term.datatype is not None else "")
    kind = "a blank node" if isinstance(term, BNode) else repr(term)
    raise UnsupportedShapes(f"{kind} as a value in a constraint")


def datatype_ok(node: str, datatype) -> str:
    """Is `node` a literal of `datatype`, and a valid value of it?"""
    if not isinstance(datatype, URIRef):
        raise UnsupportedShapes("sh:datatype that is not an IRI")
    typed = f"isLiteral({node}) && DATATYPE({node}) = <{datatype}>"
    if datatype in LEXICAL:
        return f'({typed} && REGEX(STR({node}), "{LEXICAL[datatype]}"))'
    if datatype in CAST:
        return f"({typed} && COALESCE(isLiteral(<{datatype}>(STR({node}))), false))"
    if datatype in ANY_TEXT:
        return f"({typed})"
    raise UnsupportedShapes(f"sh:datatype <{datatype}>")


def node_kind_ok(node: str, kind) -> str:
    if kind not in NODE_KINDS:
        raise UnsupportedShapes(f"sh:nodeKind {kind}")
    return NODE_KINDS[kind].format(node)


def value_in(node: str, members: list) -> str:
    """sh:in compares terms (sameTerm), not values as SPARQL's IN does."""
    return "(" + (" || ".join(f"sameTerm({node}, {sparql_term(m)})" for m in members) or "false") + ")"


def sparql_path(graph: Graph, node) -> str:
    """A SHACL property path (in `graph`) as a SPARQL property path."""
    if isinstance(node, URIRef):
        return sparql_term(node)
    if node is None:
        raise UnsupportedShapes("a property shape without sh:path")
    if (node, RDF.first, None) in graph:
        return "(" + "/".join(sparql_path(graph, step) for step in Collection(graph, node)) + ")"
    (predicate, value), *rest = list(graph.predicate_objects(node)) or [(None, None)]
    if rest or predicate is None:
        raise UnsupportedShapes("a property path of several parts in one node")
    if predicate == SH.alternativePath:
        return "(" + "|".join(sparql_path(graph, step) for step in Collection(graph, value)) + ")"
    modifiers = {SH.inversePath: "^({})", SH.zeroOrMorePath: "({})*", SH.oneOrMorePath: "({})+",
                 SH.zeroOrOnePath: "({})?"}
    if predicate not in modifiers:
        raise UnsupportedShapes(f"property path {predicate}")
    return modifiers[predicate].format(sparql_path(graph, value))
