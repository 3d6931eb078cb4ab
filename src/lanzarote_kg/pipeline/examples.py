"""The canned reports as SPARQL examples (issue 21), in the form of SIB's
`sparql-examples` (https://github.com/sib-swiss/sparql-examples): one
`sh:SPARQLExecutable, sh:SPARQLSelectExecutable` per `queries/*.rq`, with

- `sh:select` the query, runnable as it is: a parameter is bound by a
  trailing `VALUES` clause holding the value of its `#+ example:` header
  (a label resolved to its IRI on the graph being released);
- `rdfs:label` the `#+ title`, `rdfs:comment` the `#+ question`;
- `schema:target` the local endpoint, `schema:keywords` the report's name
  and the ontology's classes the query names;
- `sh:prefixes` the query's PREFIX declarations (`sh:declare`);
- `sh:parameter` per `#+ param:`, typed with `sh:nodeKind` / `sh:datatype`,
  its example value as `sh:defaultValue`.

Generated from the `#+` headers by the build, never written by hand; the
nodes all have IRIs, so the file is byte-identical from build to build.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.namespaces import BASE
from lanzarote_kg.sparql.catalogue import SavedQuery, catalogue
from lanzarote_kg.sparql.params import bind_parameters
from lanzarote_kg.core.terms import to_oxigraph

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
EXAMPLES = BASE + ".well-known/sparql-examples/"
EXAMPLES_FILE = "sparql-examples.ttl"
PREFIXES = {"ex": EXAMPLES, "sh": SH, "rdf": RDF, "rdfs": RDFS, "schema": SCHEMA, "xsd": XSD, "dct": DCT}

_PREFIX = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I | re.M)
_CLASS = re.compile(r"\blkg:([A-Z][A-Za-z0-9]*)\b")

# The #+ param types as SHACL constraints: (sh:nodeKind, sh:datatype)
_TYPES = {
    "iri": (SH + "IRI", None),
    "iri-or-label": (SH + "IRIOrLiteral", None),
    "string": (SH + "Literal", XSD + "string"),
    "integer": (SH + "Literal", XSD + "integer"),
    "date": (SH + "Literal", XSD + "date"),
}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _s(text: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(text, language=lang) if lang else ox.Literal(text)


def query_body(query: SavedQuery) -> str:
    """The query without its `#+` header lines."""
    lines = [line for line in query.text.split("\n") if not line.startswith("#+")]
    return "\n".join(lines).strip() + "\n"


def example_values(query: SavedQuery, store: ox.Store | None) -> dict[str, ox.NamedNode | ox.Literal]:
    """The `#+ example:` values of a parametrised query, bound as the report
    command binds them (a label becomes the IRI it names)."""
    given = {}
    for part in query.extra.get("example", "").split():
        name, _, value = part.partition("=")
        given[name] = value
    bindings = bind_parameters(query, given, store)
    return {name: to_oxigraph(term) for name, term in bindings.items()}


def runnable_text(query: SavedQuery, values: dict) -> str:
    """The query with its parameters bound by a trailing VALUES clause."""
    body = query_body(query)
    if not values:
        return body
    names = " ".join(f"?{name}" for name in values)
    terms = " ".join(str(term) for term in values.values())
    return body.rstrip() + f"\nVALUES ({names}) {{ ({terms}) }}\n"


def example_triples(queries_dir: Path, store: ox.Store | None, endpoint: str) -> list[ox.Triple]:
    out: list[ox.Triple] = []

    def add(s: str, p: str, o) -> None:
        out.append(ox.Triple(_n(s), _n(p), _n(o) if isinstance(o, str) else o))

    for query in catalogue(queries_dir):
        if query.parameters and "example" not in query.extra:
            raise UserError("LKG-Q018", f"{query.path}: a report with parameters needs an '#+ example:' header "
                                        "(the SPARQL example binds it)")
        node = EXAMPLES + query.name
        values = example_values(query, store) if query.parameters else {}
        add(node, RDF + "type", SH + "SPARQLExecutable")
        add(node, RDF + "type", SH + "SPARQLSelectExecutable")
        add(node, RDFS + "label", _s(query.title, "en"))
        add(node, RDFS + "comment", _s(query.question or query.title, "en"))
        add(node, SH + "select", _s(runnable_text(query, values)))
        add(node, SCHEMA + "target", endpoint)
        add(node, DCT + "identifier", _s(query.name))
        keywords = [query.name] + sorted(set(_CLASS.findall(query.text)))
        for keyword in keywords:
            add(node, SCHEMA + "keywords", _s(keyword))
        prefixes = node + "/prefixes"
        add(node, SH + "prefixes", prefixes)
        for prefix, namespace in sorted(set(_PREFIX.findall(query.text))):
            declaration = f"{prefixes}/{prefix or 'default'}"
            add(prefixes, SH + "declare", declaration)
            add(declaration, SH + "prefix", _s(prefix))
            add(declaration, SH + "namespace", ox.Literal(namespace, datatype=_n(XSD + "anyURI")))
        for parameter in query.parameters:
            pnode = f"{node}/parameter/{parameter.name}"
            add(node, SH + "parameter", pnode)
            add(pnode, RDF + "type", SH + "Parameter")
            add(pnode, SH + "path", f"{EXAMPLES}parameter/{parameter.name}")
            add(pnode, SH + "name", _s(parameter.name))
            add(pnode, DCT + "type", _s(parameter.type))
            if parameter.description:
                add(pnode, SH + "description", _s(parameter.description, "en"))
            kind, datatype = _TYPES[parameter.type]
            add(pnode, SH + "nodeKind", kind)
            if datatype:
                add(pnode, SH + "datatype", datatype)
            if parameter.name in values:
                add(pnode, SH + "defaultValue", values[parameter.name])
    return sorted(set(out), key=str)
