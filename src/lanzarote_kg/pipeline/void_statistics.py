"""VoID statistics of a set of triples, and the RDF the description writes
them as (pipeline.description). Counting follows the HCLS profile, section
6.6: void:entities counts the IRIs that are the subject of an rdf:type
statement; void:distinctObjects the objects that are not literals (the
distinct literals are the rdfs:Literal class partition); a class partition
gives the distinct subjects typed with its class, a property partition the
triples of its predicate. Partition nodes get IRIs derived from the class or
property (no blank nodes), so the output is the same from build to build."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pyoxigraph as ox

DCT = "http://purl.org/dc/terms/"
DCTYPES = "http://purl.org/dc/dcmitype/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
PAV = "http://purl.org/pav/"
SPDX = "http://spdx.org/rdf/terms#"
SD = "http://www.w3.org/ns/sparql-service-description#"
FOAF = "http://xmlns.com/foaf/0.1/"
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
FORMATS = "http://www.w3.org/ns/formats/"
IANA = "https://www.iana.org/assignments/media-types/"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def literal(value, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_n(datatype or XSD + "integer"))
    return ox.Literal(str(value), datatype=_n(datatype) if datatype else None)


def term_key(term) -> str:
    return hashlib.sha256(str(term).encode("utf-8")).hexdigest()[:16]


# --- statistics (counted by pipeline.line_statistics) ----------------------------------

@dataclass
class Statistics:
    triples: int
    entities: int
    distinct_subjects: int
    distinct_objects: int  # not literals (HCLS)
    literals: int  # distinct literals
    properties: dict[str, int]  # predicate IRI -> triples
    classes: dict[str, int]  # class IRI -> distinct subjects typed with it
    examples: list[str]  # up to three IRIs, one per most frequent class

    @property
    def vocabularies(self) -> list[str]:
        return vocabularies_of(list(self.properties) + list(self.classes))


def namespace_of(iri: str) -> str:
    """The namespace of a term: up to its last '#', else its last '/'."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut >= 0 else iri


def vocabularies_of(terms) -> list[str]:
    return sorted({namespace_of(t) for t in terms})


class Triples:
    def __init__(self):
        self.items: list[ox.Triple] = []

    def add(self, s: str, p: str, o) -> None:
        if isinstance(o, str):
            o = _n(o)
        self.items.append(ox.Triple(_n(s), _n(p), o))


def stats_triples(out: Triples, node: str, stats: Statistics, partitions: str) -> None:
    out.add(node, VOID + "triples", literal(stats.triples))
    out.add(node, VOID + "entities", literal(stats.entities))
    out.add(node, VOID + "distinctSubjects", literal(stats.distinct_subjects))
    out.add(node, VOID + "distinctObjects", literal(stats.distinct_objects))
    out.add(node, VOID + "properties", literal(len(stats.properties)))
    out.add(node, VOID + "classes", literal(len(stats.classes)))
    for example in stats.examples:
        out.add(node, VOID + "exampleResource", example)
    for vocabulary in stats.vocabularies:
        out.add(node, VOID + "vocabulary", vocabulary)
    literal_part = f"{partitions}/class/literal"
    out.add(node, VOID + "classPartition", literal_part)
    out.add(literal_part, VOID + "class", RDFS + "Literal")
    out.add(literal_part, VOID + "entities", literal(stats.literals))
    for cls, count in stats.classes.items():
        part = f"{partitions}/class/{term_key(cls)}"
        out.add(node, VOID + "classPartition", part)
        out.add(part, VOID + "class", cls)
        out.add(part, VOID + "entities", literal(count))
    for prop, count in stats.properties.items():
        part = f"{partitions}/property/{term_key(prop)}"
        out.add(node, VOID + "propertyPartition", part)
        out.add(part, VOID + "property", prop)
        out.add(part, VOID + "triples", literal(count))
