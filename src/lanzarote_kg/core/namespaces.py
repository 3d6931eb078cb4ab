"""Namespaces and the IRIs of the named graphs."""
from rdflib import Namespace, URIRef

BASE = "https://w3id.org/lanzarote-kg/"
LKG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
ONTOLOGY_IRI = URIRef(BASE + "ontology")
SH = Namespace("http://www.w3.org/ns/shacl#")
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # owlrl's error vocabulary


class Graphs:
    """Named graph IRIs of the built dataset."""

    ONTOLOGY = URIRef(BASE + "graph/ontology")
    VOCABULARIES = URIRef(BASE + "graph/vocabularies")
    DATA = URIRef(BASE + "graph/data")
    INFERRED = URIRef(BASE + "graph/inferred")
    ANNOTATIONS = URIRef(BASE + "graph/annotations")  # Web Annotation anchors, computed by the build
    SHAPES = URIRef(BASE + "graph/shapes")
    DESCRIPTION = URIRef(BASE + "graph/description")  # the dataset description (VoID, DCAT, SD), computed by the build

    ASSERTED = (ONTOLOGY, VOCABULARIES, DATA)
    ALL = (ONTOLOGY, VOCABULARIES, DATA, INFERRED, ANNOTATIONS)  # the graphs the description counts
    RELEASE = ALL + (DESCRIPTION,)  # the named graphs of the TriG and N-Quads files


PREFIXES = {
    "lkg": str(LKG),
    "id": str(ID),
    "inst": BASE + "id/instrument/",
    "actor": BASE + "id/actor/",
    "country": BASE + "id/country/",
    "event": BASE + "id/event/",
    "intv": BASE + "id/intervention/",
    "part": BASE + "id/document/coe-2012-international-cooperation-lanzarote/",
    "pillar": BASE + "id/concept/pillar/",
    "role": BASE + "id/concept/participation-role/",
    "tg": BASE + "id/concept/target-group/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "sh": str(SH),
    "eli": "http://data.europa.eu/eli/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "schema": "https://schema.org/",
    "time": "http://www.w3.org/2006/time#",
    "place": BASE + "id/place/",
    "erratum": BASE + "id/erratum/",
    "ikind": BASE + "id/concept/instrument-kind/",
    "okind": BASE + "id/concept/offence-kind/",
    "geo": BASE + "id/concept/geographic-level/",
    "nq": BASE + "id/concept/number-qualifier/",
    "ek": BASE + "id/concept/erratum-kind/",
    "lzc": BASE + "id/provision/lanzarote-convention/",
    "crc": BASE + "id/provision/crc/",
    "obl": BASE + "id/obligation/lanzarote-convention/",
    "off": BASE + "id/offence/lanzarote-convention/",
    "scheme": BASE + "id/scheme/",
    "norm": BASE + "id/norm/",
    "item": BASE + "id/item/",
    "claim": BASE + "id/claim/",
    "bib": BASE + "id/bibliographic-source/",
    "activity": BASE + "id/activity/",
    "force": BASE + "id/concept/deontic-force/",
    "itemk": BASE + "id/concept/item-kind/",
    "ck": BASE + "id/concept/claim-kind/",
    "ak": BASE + "id/concept/activity-kind/",
    "lrml": "http://docs.oasis-open.org/legalruleml/ns/v1.0/",
    "odrl": "http://www.w3.org/ns/odrl/2/",
}
