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

Counting follows the HCLS profile (section 6.6): void:entities counts the
IRIs that are the subject of an rdf:type statement; void:distinctObjects
counts the objects that are not literals, and the distinct literals are the
rdfs:Literal class partition; void:classPartition gives, per class, the
distinct subjects typed with it; void:propertyPartition, per predicate, its
triples. Every node has an IRI (no blank nodes), so the output is
byte-identical from build to build.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from lanzarote_kg.core.namespaces import BASE, LKG, ONTOLOGY_IRI, Graphs

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


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_n(datatype or XSD + "integer"))
    return ox.Literal(str(value), datatype=_n(datatype) if datatype else None)


def _key(term) -> str:
    return hashlib.sha256(str(term).encode("utf-8")).hexdigest()[:16]


# --- statistics ------------------------------------------------------------------------

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


def statistics(triples) -> Statistics:
    """VoID figures of a set of ox.Triple (each counted once)."""
    triples = set(triples)
    subjects, objects, literals, typed = set(), set(), set(), set()
    properties: Counter = Counter()
    members: dict[str, set] = defaultdict(set)
    for t in triples:
        subjects.add(t.subject)
        if isinstance(t.object, ox.Literal):
            literals.add(t.object)
        else:
            objects.add(t.object)
        properties[t.predicate.value] += 1
        if t.predicate.value == RDF + "type" and isinstance(t.object, ox.NamedNode):
            members[t.object.value].add(t.subject)
            if isinstance(t.subject, ox.NamedNode):
                typed.add(t.subject)
    classes = {c: len(s) for c, s in members.items()}
    examples = []
    for cls, _ in sorted(classes.items(), key=lambda kv: (-kv[1], kv[0])):
        iris = sorted(s.value for s in members[cls] if isinstance(s, ox.NamedNode))
        if iris and iris[0] not in examples:
            examples.append(iris[0])
        if len(examples) == 3:
            break
    return Statistics(len(triples), len(typed), len(subjects), len(objects), len(literals),
                      dict(properties), classes, examples)


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


class _Triples:
    def __init__(self):
        self.items: list[ox.Triple] = []

    def add(self, s: str, p: str, o) -> None:
        if isinstance(o, str):
            o = _n(o)
        self.items.append(ox.Triple(_n(s), _n(p), o))


def _stats_triples(out: _Triples, node: str, stats: Statistics, partitions: str) -> None:
    out.add(node, VOID + "triples", _lit(stats.triples))
    out.add(node, VOID + "entities", _lit(stats.entities))
    out.add(node, VOID + "distinctSubjects", _lit(stats.distinct_subjects))
    out.add(node, VOID + "distinctObjects", _lit(stats.distinct_objects))
    out.add(node, VOID + "properties", _lit(len(stats.properties)))
    out.add(node, VOID + "classes", _lit(len(stats.classes)))
    for example in stats.examples:
        out.add(node, VOID + "exampleResource", example)
    for vocabulary in stats.vocabularies:
        out.add(node, VOID + "vocabulary", vocabulary)
    literal = f"{partitions}/class/literal"
    out.add(node, VOID + "classPartition", literal)
    out.add(literal, VOID + "class", RDFS + "Literal")
    out.add(literal, VOID + "entities", _lit(stats.literals))
    for cls, count in stats.classes.items():
        part = f"{partitions}/class/{_key(cls)}"
        out.add(node, VOID + "classPartition", part)
        out.add(part, VOID + "class", cls)
        out.add(part, VOID + "entities", _lit(count))
    for prop, count in stats.properties.items():
        part = f"{partitions}/property/{_key(prop)}"
        out.add(node, VOID + "propertyPartition", part)
        out.add(part, VOID + "property", prop)
        out.add(part, VOID + "triples", _lit(count))


def _common(out: _Triples, node: str, facts: ReleaseFacts, title: str, description: str) -> None:
    out.add(node, DCT + "title", _lit(title, lang="en"))
    out.add(node, DCT + "description", _lit(description, lang="en"))
    out.add(node, DCT + "publisher", PUBLISHER)
    if facts.license:
        out.add(node, DCT + "license", facts.license)


def graph_name(graph: str) -> str:
    return graph.rsplit("/", 1)[-1]


def description_triples(facts: ReleaseFacts, graphs: dict[str, list], files: dict[str, bytes]) -> list[ox.Triple]:
    """The description: `graphs` maps each named graph IRI to its triples,
    `files` each described file of dist/ to its bytes (the files holding the
    description itself map to b"" and get no size and no checksum)."""
    out = _Triples()
    version = f"{DATASET}/{facts.version}"
    # Publisher and software.
    out.add(PUBLISHER, RDF + "type", FOAF + "Organization")
    out.add(PUBLISHER, FOAF + "name", _lit(facts.creator or "lanzarote-kg contributors"))
    out.add(SOFTWARE, RDF + "type", PROV + "SoftwareAgent")
    out.add(SOFTWARE, DCT + "title", _lit("lanzarote-kg", lang="en"))
    out.add(SOFTWARE, PAV + "version", _lit(facts.version))
    createdwith = f"{SOFTWARE}/{facts.version}"
    out.add(createdwith, RDF + "type", PROV + "SoftwareAgent")
    out.add(createdwith, DCT + "title", _lit(f"lanzarote-kg {facts.version}", lang="en"))
    out.add(createdwith, PAV + "version", _lit(facts.version))
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
    out.add(version, PAV + "version", _lit(facts.version))
    if facts.ontology_version:
        out.add(version, DCT + "conformsTo", f"{ONTOLOGY_IRI}/{facts.ontology_version}")
    if facts.issued:
        out.add(version, DCT + "issued", _lit(facts.issued, XSD + "date"))
    if facts.previous:
        out.add(version, PAV + "previousVersion", f"{DATASET}/{facts.previous}")
    for document, digest in facts.documents:
        out.add(version, DCT + "source", document)
        out.add(version, PROV + "wasDerivedFrom", document)
        checksum = f"{version}/source/{_key(document)}/sha256"
        out.add(document, SPDX + "checksum", checksum)
        out.add(checksum, RDF + "type", SPDX + "Checksum")
        out.add(checksum, SPDX + "algorithm", SPDX + "checksumAlgorithm_sha256")
        out.add(checksum, SPDX + "checksumValue", _lit(digest, XSD + "hexBinary"))
    # The named graphs and the whole dataset.
    union = set()
    subsets = []
    for graph, triples in graphs.items():
        union.update(triples)
        node = f"{version}/graph/{graph_name(graph)}"
        subsets.append(node)
        out.add(node, RDF + "type", VOID + "Dataset")
        out.add(node, DCT + "title", _lit(f"named graph {graph_name(graph)}", lang="en"))
        out.add(node, SD + "name", graph)
        _stats_triples(out, node, statistics(triples), node)
    total = statistics(union)
    everything = f"{version}/all"
    # Distribution level.
    for name, payload in sorted(files.items()):
        media, fmt, title, what, rdf = ARTIFACTS[name]
        node = f"{version}/{name}"
        out.add(version, DCAT + "distribution", node)
        out.add(node, RDF + "type", DCAT + "Distribution")
        _common(out, node, facts, f"lanzarote-kg {facts.version}, {title}", f"{name}: {what}.")
        out.add(node, DCT + "creator", PUBLISHER)
        out.add(node, PAV + "version", _lit(facts.version))
        out.add(node, PAV + "createdWith", createdwith)
        out.add(node, DCT + "format", _lit(media))
        out.add(node, DCAT + "mediaType", IANA + media)
        if fmt:
            out.add(node, DCT + "conformsTo", fmt)
        if facts.issued:
            out.add(node, DCT + "issued", _lit(facts.issued, XSD + "date"))
        out.add(node, DCAT + "downloadURL", f"{BASE}release/{facts.version}/{name}")
        if name in SELF_CONTAINING:
            out.add(node, RDF + "type", VOID + "Dataset")
            out.add(node, RDFS + "comment", _lit(
                "This file holds this description, so its size and checksum cannot be in it: they are in void.ttl.",
                lang="en"))
            for subset in subsets:
                out.add(node, VOID + "subset", subset)
            _stats_triples(out, node, total, everything)
        else:
            file_facts(out, node, payload)
    # SPARQL 1.1 Service Description of the local endpoint.
    _service(out, facts, version, graphs, total)
    return sorted(set(out.items), key=str)


def file_facts(out: _Triples, node: str, payload: bytes) -> None:
    # xsd:integer, not DCAT 3's xsd:nonNegativeInteger: Oxigraph 0.5 stores the latter as
    # xsd:integer, and a loaded graph would no longer read back as sent.
    out.add(node, DCAT + "byteSize", _lit(len(payload)))
    checksum = f"{node}/sha256"
    out.add(node, SPDX + "checksum", checksum)
    out.add(checksum, RDF + "type", SPDX + "Checksum")
    out.add(checksum, SPDX + "algorithm", SPDX + "checksumAlgorithm_sha256")
    out.add(checksum, SPDX + "checksumValue", _lit(hashlib.sha256(payload).hexdigest(), XSD + "hexBinary"))


def size_and_checksum(version: str, name: str, payload: bytes) -> list[ox.Triple]:
    out = _Triples()
    file_facts(out, f"{DATASET}/{version}/{name}", payload)
    return out.items


def _service(out: _Triples, facts: ReleaseFacts, version: str, graphs: dict, total: Statistics) -> None:
    service = f"{version}/service"
    dataset = f"{service}/dataset"
    default = f"{service}/default-graph"
    out.add(service, RDF + "type", SD + "Service")
    out.add(service, SD + "endpoint", facts.endpoint)
    out.add(service, SD + "supportedLanguage", SD + "SPARQL11Query")
    out.add(service, SD + "feature", SD + "UnionDefaultGraph")
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "RDF_XML", "N-Quads", "TriG"):
        out.add(service, SD + "resultFormat", FORMATS + fmt)
    out.add(service, SD + "defaultEntailmentRegime", "http://www.w3.org/ns/entailment/Simple")
    out.add(service, SD + "defaultDataset", dataset)
    out.add(service, RDFS + "comment", _lit(
        "The read-only endpoint of `lanzarote-kg serve` on this machine (127.0.0.1, default port 7878). "
        "Queries without GRAPH see the union of the named graphs (sd:UnionDefaultGraph).", lang="en"))
    out.add(dataset, RDF + "type", SD + "Dataset")
    out.add(dataset, DCT + "source", version)
    out.add(dataset, SD + "defaultGraph", default)
    out.add(default, RDF + "type", SD + "Graph")
    out.add(default, VOID + "triples", _lit(total.triples))
    out.add(default, RDFS + "comment", _lit(
        "The union of the named graphs. Its void:triples counts the five graphs of the knowledge graph "
        "(each triple once); the description graph, which a server also merges in, is not counted.", lang="en"))
    described = f"{service}/named-graph/description"
    out.add(dataset, SD + "namedGraph", described)
    out.add(described, RDF + "type", SD + "NamedGraph")
    out.add(described, SD + "name", str(Graphs.DESCRIPTION))
    out.add(described, RDFS + "comment", _lit(
        "This description (not counted in the figures, which describe the other named graphs).", lang="en"))
    for graph in graphs:
        named = f"{service}/named-graph/{graph_name(graph)}"
        out.add(dataset, SD + "namedGraph", named)
        out.add(named, RDF + "type", SD + "NamedGraph")
        out.add(named, SD + "name", graph)
        out.add(named, SD + "graph", f"{version}/graph/{graph_name(graph)}")
        if graph == str(Graphs.INFERRED):
            out.add(named, SD + "entailmentRegime", "http://www.w3.org/ns/entailment/OWL-RDF-Based")
            out.add(named, SD + "supportedEntailmentProfile", "http://www.w3.org/ns/owl-profile/RL")
            out.add(named, RDFS + "comment", _lit(
                "What the OWL 2 RL closure of the ontology, vocabularies and data adds, computed by the build "
                "and stored (the endpoint itself does no reasoning).", lang="en"))
