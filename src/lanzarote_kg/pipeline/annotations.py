"""W3C Web Annotation anchors for every passage, computed from the source text.

Each passage becomes an `oa:SpecificResource` of its source document with
three selectors, so that any annotation tool can find the quote again:
- `oa:TextQuoteSelector`: the exact characters with up to 32 characters of
  context either side;
- `oa:TextPositionSelector`: character offsets (Unicode code points, end
  exclusive) in the source text;
- `oa:FragmentSelector` conforming to RFC 5147: `line=S,E` (line positions
  count line ends, so it selects the passage's lines S+1 to E) with the
  text's length in characters and its MD5 as integrity checks.
An `oa:Annotation` links the passage (target) to the node it supports (body).
These triples are never written by hand: the build puts them in their own
named graph, and only when the source text is available.
"""
from __future__ import annotations

import hashlib

import pyoxigraph as ox

from lanzarote_kg.core.namespaces import BASE
from lanzarote_kg.pipeline.quotes import Anchor
from lanzarote_kg.pipeline.sources import Sources

OA = "http://www.w3.org/ns/oa#"
RFC_5147 = ox.NamedNode("http://tools.ietf.org/rfc/rfc5147")
CONTEXT = 32  # characters of prefix and suffix, as Hypothesis uses

_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_VALUE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#value")
_CONFORMS_TO = ox.NamedNode("http://purl.org/dc/terms/conformsTo")
# xsd:integer, not the xsd:nonNegativeInteger of the Web Annotation context:
# Oxigraph stores the latter as the former, and a loaded graph must equal the file.
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _oa(name: str) -> ox.NamedNode:
    return ox.NamedNode(OA + name)


def line_fragment(anchor: Anchor, length: int, md5: str) -> str:
    """The RFC 5147 fragment of the passage's lines, with integrity checks."""
    return f"line={anchor.start_line - 1},{anchor.end_line};length={length},UTF-8;md5={md5},UTF-8"


def annotation_triples(anchors: list[Anchor], sources: Sources) -> list[ox.Triple]:
    """The Web Annotation triples of the anchored passages, in a stable order."""
    triples = []
    for anchor in sorted(anchors, key=lambda a: a.passage):
        text = sources.texts[anchor.document]
        passage = ox.NamedNode(anchor.passage)
        start, end = anchor.located.start, anchor.located.end
        quote, position, lines = (ox.NamedNode(f"{anchor.passage}/{kind}")
                                  for kind in ("text-quote", "text-position", "lines"))
        annotation = ox.NamedNode(anchor.passage.replace(f"{BASE}id/passage/", f"{BASE}id/annotation/", 1))
        triples += [
            ox.Triple(annotation, _TYPE, _oa("Annotation")),
            ox.Triple(annotation, _oa("motivatedBy"), _oa("identifying")),
            ox.Triple(annotation, _oa("hasBody"), ox.NamedNode(anchor.subject)),
            ox.Triple(annotation, _oa("hasTarget"), passage),
            ox.Triple(passage, _TYPE, _oa("SpecificResource")),
            ox.Triple(passage, _oa("hasSource"), ox.NamedNode(anchor.document)),
            ox.Triple(passage, _oa("hasSelector"), quote),
            ox.Triple(passage, _oa("hasSelector"), position),
            ox.Triple(passage, _oa("hasSelector"), lines),
            ox.Triple(quote, _TYPE, _oa("TextQuoteSelector")),
            ox.Triple(quote, _oa("exact"), ox.Literal(text.text[start:end])),
            ox.Triple(quote, _oa("prefix"), ox.Literal(text.text[max(0, start - CONTEXT):start])),
            ox.Triple(quote, _oa("suffix"), ox.Literal(text.text[end:end + CONTEXT])),
            ox.Triple(position, _TYPE, _oa("TextPositionSelector")),
            ox.Triple(position, _oa("start"), ox.Literal(str(start), datatype=_INTEGER)),
            ox.Triple(position, _oa("end"), ox.Literal(str(end), datatype=_INTEGER)),
            ox.Triple(lines, _TYPE, _oa("FragmentSelector")),
            ox.Triple(lines, _CONFORMS_TO, RFC_5147),
            ox.Triple(lines, _VALUE, ox.Literal(line_fragment(anchor, len(text.text), text.md5))),
        ]
    return triples


_BARE_SUPPORTS = """
PREFIX lkg: <https://w3id.org/lanzarote-kg/ontology#>
SELECT ?passage ?property (SAMPLE(?any) AS ?value) WHERE {
  ?entity lkg:evidence ?passage .
  ?passage lkg:supports ?property .
  GRAPH <https://w3id.org/lanzarote-kg/graph/data> { ?entity ?property ?any }
} GROUP BY ?passage ?property HAVING (COUNT(?any) = 1)"""


def expanded_supports(store) -> list[ox.Triple]:
    """Each passage's `lkg:supports P` written out as the statement it covers,
    `lkg:supportsValue [ lkg:property P ; lkg:value V ]`, so that a query finds
    every passage of a statement one way, without telling asserted values
    from inferred ones (only where the subject has one value of P, as the
    coverage rule reads it)."""
    supports_value = ox.NamedNode(f"{BASE}ontology#supportsValue")
    prop, value = ox.NamedNode(f"{BASE}ontology#property"), ox.NamedNode(f"{BASE}ontology#value")
    triples = []
    for row in store.query(_BARE_SUPPORTS, use_default_graph_as_union=True):
        passage, property_, object_ = row["passage"], row["property"], row["value"]
        digest = hashlib.sha256(f"{property_} {object_}".encode("utf-8")).hexdigest()[:12]
        node = ox.NamedNode(f"{passage.value}/supports/{digest}")
        triples += [ox.Triple(passage, supports_value, node), ox.Triple(node, prop, property_),
                    ox.Triple(node, value, object_)]
    return sorted(triples, key=str)
