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
These statements are never written by hand: the build writes them in their
own named graph of the release, and only when the source text is available.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pyoxigraph as ox

from lanzarote_kg.core.namespaces import BASE
from lanzarote_kg.pipeline.quotes import Anchor
from lanzarote_kg.pipeline.sources import Sources

OA = "http://www.w3.org/ns/oa#"
CONTEXT = 32  # characters of prefix and suffix, as Hypothesis uses

# N-Triples text of the fixed terms. Literals are written by Oxigraph
# (str of an ox.Literal), so their escapes are those of its serializers.
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_VALUE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#value>"
_CONFORMS_TO = "<http://purl.org/dc/terms/conformsTo>"
_RFC_5147 = "<http://tools.ietf.org/rfc/rfc5147>"
# xsd:integer (_INT below), not the xsd:nonNegativeInteger of the Web Annotation
# context: Oxigraph stores the latter as the former, and a loaded graph must equal the file.
_SUPPORTS_VALUE = f"<{BASE}ontology#supportsValue>"
_PROPERTY, _VALUE_OF = f"<{BASE}ontology#property>", f"<{BASE}ontology#value>"


def _oa(name: str) -> str:
    return f"<{OA}{name}>"


def _text(value: str) -> str:
    return str(ox.Literal(value))


def line_fragment(anchor: Anchor, length: int, md5: str) -> str:
    """The RFC 5147 fragment of the passage's lines, with integrity checks."""
    return f"line={anchor.start_line - 1},{anchor.end_line};length={length},UTF-8;md5={md5},UTF-8"


_A, _SR, _TQS, _TPS, _FS = (_oa(name) for name in ("Annotation", "SpecificResource", "TextQuoteSelector",
                                                    "TextPositionSelector", "FragmentSelector"))
_MOTIVATED, _IDENTIFYING, _BODY, _TARGET = (_oa(name) for name in ("motivatedBy", "identifying", "hasBody", "hasTarget"))
_SOURCE, _SELECTOR, _EXACT, _PREFIX, _SUFFIX, _START, _END = (
    _oa(name) for name in ("hasSource", "hasSelector", "exact", "prefix", "suffix", "start", "end"))
_INT = "^^<http://www.w3.org/2001/XMLSchema#integer>"


def annotation_lines(anchors: list[Anchor], sources: Sources) -> Iterator[str]:
    """The Web Annotation statements of the anchored passages as N-Triples
    text, one block of 19 lines per passage (never terms in the store: at a
    million triples they were more than the data, issue 22); the release
    sorts them with the rest."""
    for anchor in anchors:
        text = sources.texts[anchor.document].text
        p = f"<{anchor.passage}>"
        start, end = anchor.located.start, anchor.located.end
        q, s, n = f"<{anchor.passage}/text-quote>", f"<{anchor.passage}/text-position>", f"<{anchor.passage}/lines>"
        a = "<" + anchor.passage.replace(f"{BASE}id/passage/", f"{BASE}id/annotation/", 1) + ">"
        fragment = _text(line_fragment(anchor, len(text), sources.texts[anchor.document].md5))
        yield (f"{a} {_TYPE} {_A} .\n{a} {_MOTIVATED} {_IDENTIFYING} .\n{a} {_BODY} <{anchor.subject}> .\n"
               f"{a} {_TARGET} {p} .\n{p} {_TYPE} {_SR} .\n{p} {_SOURCE} <{anchor.document}> .\n"
               f"{p} {_SELECTOR} {q} .\n{p} {_SELECTOR} {s} .\n{p} {_SELECTOR} {n} .\n{q} {_TYPE} {_TQS} .\n"
               f"{q} {_EXACT} {_text(text[start:end])} .\n{q} {_PREFIX} {_text(text[max(0, start - CONTEXT):start])} .\n"
               f"{q} {_SUFFIX} {_text(text[end:end + CONTEXT])} .\n{s} {_TYPE} {_TPS} .\n"
               f'{s} {_START} "{start}"{_INT} .\n{s} {_END} "{end}"{_INT} .\n{n} {_TYPE} {_FS} .\n'
               f"{n} {_CONFORMS_TO} {_RFC_5147} .\n{n} {_VALUE} {fragment} .\n")


_BARE_SUPPORTS = """
PREFIX lkg: <https://w3id.org/lanzarote-kg/ontology#>
SELECT ?passage ?property (SAMPLE(?any) AS ?value) WHERE {
  ?entity lkg:evidence ?passage .
  ?passage lkg:supports ?property .
  GRAPH <https://w3id.org/lanzarote-kg/graph/data> { ?entity ?property ?any }
} GROUP BY ?passage ?property HAVING (COUNT(?any) = 1)"""


def expanded_support_lines(store) -> Iterator[str]:
    """Each passage's `lkg:supports P` written out as the statement it covers,
    `lkg:supportsValue [ lkg:property P ; lkg:value V ]`, so that a query finds
    every passage of a statement one way, without telling asserted values
    from inferred ones (only where the subject has one value of P, as the
    coverage rule reads it). N-Triples text, three lines per statement."""
    for row in store.query(_BARE_SUPPORTS, use_default_graph_as_union=True):
        passage, property_, object_ = row["passage"], row["property"], row["value"]
        digest = hashlib.sha256(f"{property_} {object_}".encode("utf-8")).hexdigest()[:12]
        node = f"<{passage.value}/supports/{digest}>"
        yield f"{passage} {_SUPPORTS_VALUE} {node} .\n{node} {_PROPERTY} {property_} .\n{node} {_VALUE_OF} {object_} .\n"
