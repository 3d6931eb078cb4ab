"""The release's dataset description, computed by the build (issue 21).

Three levels as the W3C HCLS Dataset Description profile lays them out:

- the summary (`<https://w3id.org/lanzarote-kg/dataset>`), independent of
  version and format;
- the version (`…/dataset/<version>`): pav:version, dct:isVersionOf, the
  previous version where CHANGELOG.md names one, the date of the version's
  CHANGELOG heading (never the clock), the source document and its SHA-256;
- one distribution per file of dist/ (`…/dataset/<version>/<file>`):
  media type, dcat:byteSize, spdx:checksum (SHA-256), pav:createdWith the
  package version.

with VoID statistics (per named graph, and for the whole dataset: the union
of the named graphs, which is the endpoint's default graph) and a SPARQL 1.1
Service Description of the local endpoint (`lanzarote-kg serve`).

A file cannot hold its own checksum. The description graph goes into the
TriG and N-Quads files, so in that graph those two distributions carry no
byteSize and no checksum; dist/void.ttl, which is the description graph
plus the size and checksum of the TriG and N-Quads files, is the one place
that has them. void.ttl describes every other file of dist/ and not itself.

The statistics are counted by pipeline.line_statistics (as the HCLS
profile's section 6.6 counts them, see pipeline.void_statistics), the Service Description written by
pipeline.service_description. Every node has an IRI (no blank nodes), so
the output is byte-identical from build to build.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from lanzarote_kg.core.namespaces import BASE, LKG, ONTOLOGY_IRI, Graphs
from lanzarote_kg.pipeline.service_description import graph_name, service_triples
from lanzarote_kg.pipeline.void_statistics import (DCAT, DCT, DCTYPES, FOAF, FORMATS, IANA, PAV, PROV, RDF, RDFS,
                                                   SD, SPDX, VOID, XSD, Statistics, Triples, literal, stats_triples,
                                                   term_key)

DATASET = BASE + "dataset"
PUBLISHER = BASE + "publisher"
SOFTWARE = BASE + "software/lanzarote-kg"
DEFAULT_ENDPOINT = "http://127.0.0.1:7878/query"  # `lanzarote-kg serve` with its default port

DESCRIPTION_PREFIXES = {
    "dct": DCT, "dctypes": DCTYPES, "dcat": DCAT, "void": VOID, "pav": PAV, "spdx": SPDX, "sd": SD,
    "foaf": FOAF, "prov": PROV, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "lkg": str(LKG),
    "schema": "https://schema.org/", "sh": "http://www.w3.org/ns/shacl#", "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}

# dist/ file -> (media type, W3C format IRI or None, title, what it holds, RDF?)
ARTIFACTS = {
    "lanzarote-kg.trig": ("application/trig", FORMATS + "TriG", "TriG",
                          "the named graphs (ontology, vocabularies, data, inferred, annotations) and this description", True),
    "lanzarote-kg.nq": ("application/n-quads", FORMATS + "N-Quads", "N-Quads",
                        "the same named graphs as the TriG file, sorted", True),
    "lanzarote-kg.ttl": ("text/turtle", FORMATS + "Turtle", "Turtle",
                         "the asserted triples merged (ontology, vocabularies, data)", True),
    "lanzarote-kg-full.nt": ("application/n-triples", FORMATS + "N-Triples", "N-Triples",
                             "the asserted and the inferred triples, sorted", True),
    "lanzarote-kg.jsonld": ("application/ld+json", FORMATS + "JSON-LD", "JSON-LD",
                            "the asserted triples as JSON-LD", True),
    "validation-report.ttl": ("text/turtle", FORMATS + "Turtle", "SHACL validation report",
                              "the SHACL validation report of the build", True),
    "sparql-examples.ttl": ("text/turtle", FORMATS + "Turtle", "SPARQL examples",
                            "the canned reports as SIB sparql-examples (sh:SPARQLSelectExecutable)", True),
    ".htaccess": ("text/plain", None, "w3id redirect rules",
                  "Apache rewrite rules for a w3id.org entry: a 303 redirect per media type", False),
}
# Files that hold the description graph: described without size and checksum inside it.
SELF_CONTAINING = ("lanzarote-kg.trig", "lanzarote-kg.nq")
VOID_FILE = "void.ttl"
SHAPES_FILE = Path(__file__).with_name("shapes") / "hcls-dataset.ttl"  # the HCLS MUSTs, for the tests


# --- versions from CHANGELOG.md ----------------------------------------------------------

_RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\](?:\s*-\s*(\d{4}-\d{2}-\d{2}))?", re.M)


def releases(changelog: Path) -> list[tuple[str, str | None]]:
    """(version, date) of each dated heading of CHANGELOG.md, newest first."""
    if not changelog.is_file():
        return []
    return [(m.group(1), m.group(2)) for m in _RELEASE.finditer(changelog.read_text(encoding="utf-8"))]


def version_dates(changelog: Path, version: str) -> tuple[str | None, str | None]:
    """(date of `version`, the version before it), from CHANGELOG.md."""
    listed = releases(changelog)
    for index, (name, date) in enumerate(listed):
        if name == version:
            previous = listed[index + 1][0] if index + 1 < len(listed) else None
            return date, previous
    return None, listed[0][0] if listed else None


# --- the description ----------------------------------------------------------------------

@dataclass(frozen=True)
class ReleaseFacts:
    version: str  # the package version
    ontology_version: str | None
    title: str
    description: str
    license: str | None
    creator: str | None
    issued: str | None  # the date of the version's CHANGELOG heading
    previous: str | None
    documents: tuple[tuple[str, str], ...]  # (source document IRI, SHA-256 of its text)
    endpoint: str = DEFAULT_ENDPOINT


_FACTS = """
SELECT ?title ?description ?license ?creator ?versionInfo WHERE {
  GRAPH <%(g)s> { <%(o)s> <%(dct)stitle> ?title .
    OPTIONAL { <%(o)s> <%(dct)sdescription> ?description }
    OPTIONAL { <%(o)s> <%(dct)slicense> ?license }
    OPTIONAL { <%(o)s> <%(dct)screator> ?creator }
    OPTIONAL { <%(o)s> <http://www.w3.org/2002/07/owl#versionInfo> ?versionInfo } }
} ORDER BY ?title LIMIT 1""" % {"g": Graphs.ONTOLOGY, "o": ONTOLOGY_IRI, "dct": DCT}
_DOCUMENTS = """
SELECT ?document ?sum WHERE { GRAPH <%(g)s> { ?document a <%(doc)s> ; <%(sum)s> ?sum } } ORDER BY ?document
""" % {"g": Graphs.DATA, "doc": LKG.SourceDocument, "sum": LKG.sha256}


def release_facts(store: ox.Store, version: str, changelog: Path) -> ReleaseFacts:
    """What the description says of the release, read from the ontology
    header and the data (never written twice) and from CHANGELOG.md."""
    rows = list(store.query(_FACTS))
    row = rows[0] if rows else None

    def value(name):
        term = row[name] if row is not None else None
        return term.value if term is not None else None

    issued, previous = version_dates(changelog, version)
    documents = tuple((r["document"].value, r["sum"].value) for r in store.query(_DOCUMENTS))
    return ReleaseFacts(
        version=version, ontology_version=value("versionInfo"),
        title="lanzarote-kg: international cooperation against the sexual exploitation and sexual abuse of children",
        description=value("description") or "The lanzarote-kg knowledge graph.",
        license=value("license"), creator=value("creator"), issued=issued, previous=previous,
        documents=documents)


def _common(out: Triples, node: str, facts: ReleaseFacts, title: str, description: str) -> None:
    out.add(node, DCT + "title", literal(title, lang="en"))
    out.add(node, DCT + "description", literal(description, lang="en"))
    out.add(node, DCT + "publisher", PUBLISHER)
    if facts.license:
        out.add(node, DCT + "license", facts.license)


def description_triples(facts: ReleaseFacts, graphs: dict[str, Statistics], total: Statistics,
                         files: dict[str, tuple[int, str] | None]) -> list[ox.Triple]:
    """The description: `graphs` maps each named graph IRI to its
    statistics, `total` is the whole dataset's (each statement once),
    `files` maps each described file of dist/ to its size and SHA-256 (the
    files holding the description itself map to None: no size, no checksum)."""
    out = Triples()
    version = f"{DATASET}/{facts.version}"
    # Publisher and software.
    out.add(PUBLISHER, RDF + "type", FOAF + "Organization")
    out.add(PUBLISHER, FOAF + "name", literal(facts.creator or "lanzarote-kg contributors"))
    out.add(SOFTWARE, RDF + "type", PROV + "SoftwareAgent")
    out.add(SOFTWARE, DCT + "title", literal("lanzarote-kg", lang="en"))
    out.add(SOFTWARE, PAV + "version", literal(facts.version))
    createdwith = f"{SOFTWARE}/{facts.version}"
    out.add(createdwith, RDF + "type", PROV + "SoftwareAgent")
    out.add(createdwith, DCT + "title", literal(f"lanzarote-kg {facts.version}", lang="en"))
    out.add(createdwith, PAV + "version", literal(facts.version))
    out.add(createdwith, PROV + "specializationOf", SOFTWARE)
    # Summary level.
    out.add(DATASET, RDF + "type", DCTYPES + "Dataset")
    _common(out, DATASET, facts, facts.title, facts.description)
    out.add(DATASET, PAV + "hasCurrentVersion", version)
    # Version level.
    out.add(version, RDF + "type", DCTYPES + "Dataset")
    _common(out, version, facts, f"{facts.title}, version {facts.version}",
            f"Version {facts.version} of the dataset. {facts.description}")
    out.add(version, DCT + "creator", PUBLISHER)
    out.add(version, DCT + "isVersionOf", DATASET)
    out.add(version, PAV + "version", literal(facts.version))
    if facts.ontology_version:
        out.add(version, DCT + "conformsTo", f"{ONTOLOGY_IRI}/{facts.ontology_version}")
    if facts.issued:
        out.add(version, DCT + "issued", literal(facts.issued, XSD + "date"))
    if facts.previous:
        out.add(version, PAV + "previousVersion", f"{DATASET}/{facts.previous}")
    for document, digest in facts.documents:
        out.add(version, DCT + "source", document)
        out.add(version, PROV + "wasDerivedFrom", document)
        checksum = f"{version}/source/{term_key(document)}/sha256"
        out.add(document, SPDX + "checksum", checksum)
        out.add(checksum, RDF + "type", SPDX + "Checksum")
        out.add(checksum, SPDX + "algorithm", SPDX + "checksumAlgorithm_sha256")
        out.add(checksum, SPDX + "checksumValue", literal(digest, XSD + "hexBinary"))
    # The named graphs and the whole dataset.
    subsets = []
    for graph, stats in graphs.items():
        node = f"{version}/graph/{graph_name(graph)}"
        subsets.append(node)
        out.add(node, RDF + "type", VOID + "Dataset")
        out.add(node, DCT + "title", literal(f"named graph {graph_name(graph)}", lang="en"))
        out.add(node, SD + "name", graph)
        stats_triples(out, node, stats, node)
    everything = f"{version}/all"
    # Distribution level.
    for name, digest in sorted(files.items()):
        media, fmt, title, what, rdf = ARTIFACTS[name]
        node = f"{version}/{name}"
        out.add(version, DCAT + "distribution", node)
        out.add(node, RDF + "type", DCAT + "Distribution")
        _common(out, node, facts, f"lanzarote-kg {facts.version}, {title}", f"{name}: {what}.")
        out.add(node, DCT + "creator", PUBLISHER)
        out.add(node, PAV + "version", literal(facts.version))
        out.add(node, PAV + "createdWith", createdwith)
        out.add(node, DCT + "format", literal(media))
        out.add(node, DCAT + "mediaType", IANA + media)
        if fmt:
            out.add(node, DCT + "conformsTo", fmt)
        if facts.issued:
            out.add(node, DCT + "issued", literal(facts.issued, XSD + "date"))
        out.add(node, DCAT + "downloadURL", f"{BASE}release/{facts.version}/{name}")
        if name in SELF_CONTAINING:
            out.add(node, RDF + "type", VOID + "Dataset")
            out.add(node, RDFS + "comment", literal(
                "This file holds this description, so its size and checksum cannot be in it: they are in void.ttl.",
                lang="en"))
            for subset in subsets:
                out.add(node, VOID + "subset", subset)
            stats_triples(out, node, total, everything)
        else:
            file_facts(out, node, *digest)
    # SPARQL 1.1 Service Description of the local endpoint.
    service_triples(out, facts.endpoint, version, graphs, total)
    return sorted(set(out.items), key=str)


def file_facts(out: Triples, node: str, size: int, sha256: str) -> None:
    # xsd:integer, not DCAT 3's xsd:nonNegativeInteger: Oxigraph 0.5 stores the latter as
    # xsd:integer, and a loaded graph would no longer read back as sent.
    out.add(node, DCAT + "byteSize", literal(size))
    checksum = f"{node}/sha256"
    out.add(node, SPDX + "checksum", checksum)
    out.add(checksum, RDF + "type", SPDX + "Checksum")
    out.add(checksum, SPDX + "algorithm", SPDX + "checksumAlgorithm_sha256")
    out.add(checksum, SPDX + "checksumValue", literal(sha256, XSD + "hexBinary"))


def size_and_checksum(version: str, name: str, size: int, sha256: str) -> list[ox.Triple]:
    out = Triples()
    file_facts(out, f"{DATASET}/{version}/{name}", size, sha256)
    return out.items
