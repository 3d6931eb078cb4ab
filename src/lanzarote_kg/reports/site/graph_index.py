"""One pass over the built dataset: what each node says (asserted and
inferred), what points at it, and the label of everything, as plain Python
values, so that writing a page never queries the store."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
import re
from collections import Counter
from typing import NamedTuple

import pyoxigraph as ox

from lanzarote_kg.core.namespaces import BASE, LKG, Graphs

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
SHORT_NAME, ACRONYM = str(LKG.shortName), str(LKG.acronym)
ALT_LABELS = {SKOS_ALT, SHORT_NAME, ACRONYM, str(LKG.printedTitle)}
ID = BASE + "id/"
GRAPH_NAMES = ("ontology", "vocabularies", "data", "inferred", "annotations")
# graph/annotations holds what the build derives from the source text: the
# Web Annotation anchors and each passage's supports written out per value.
# The pages show the supports only; the anchors (four fifths of the graph)
# are counted, not indexed.
_GRAPHS = {name: ox.NamedNode(f"{BASE}graph/{name}") for name in GRAPH_NAMES}
_SHOWN_ANNOTATIONS = frozenset({str(LKG.supportsValue), str(LKG.property), str(LKG.value)})


# Names of the standard vocabularies' properties, whose labels the graph
# does not hold (only the project's ontology is loaded).
KNOWN_PROPERTY_LABELS = {
    SKOS_PREF: "preferred label", SKOS_ALT: "alternative label", RDFS_LABEL: "label",
    "http://www.w3.org/2004/02/skos/core#inScheme": "in scheme",
    "http://www.w3.org/2004/02/skos/core#topConceptOf": "top concept of",
    "http://www.w3.org/2004/02/skos/core#hasTopConcept": "top concept",
    "http://www.w3.org/2004/02/skos/core#closeMatch": "close match",
    "http://www.w3.org/2004/02/skos/core#exactMatch": "exact match",
    "http://www.w3.org/2004/02/skos/core#definition": "definition",
    "http://www.w3.org/2004/02/skos/core#notation": "notation",
    "http://www.w3.org/2004/02/skos/core#broader": "broader",
    "http://www.w3.org/2004/02/skos/core#narrower": "narrower",
    "http://www.w3.org/2004/02/skos/core#scopeNote": "scope note",
    "http://www.w3.org/2000/01/rdf-schema#comment": "comment",
    "http://www.w3.org/2000/01/rdf-schema#seeAlso": "see also",
    "http://www.w3.org/2000/01/rdf-schema#isDefinedBy": "defined by",
    RDF_TYPE: "kind",
}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[_-]+")


def words(name: str) -> str:
    """A camelCase or snake_case name as words: `nameAsPrinted` is "name as
    printed"; an acronym inside stays ("iso3166Alpha2" is "iso3166 alpha2")."""
    parts = [p for p in _CAMEL.split(name) if p]
    return " ".join(p if p.isupper() and len(p) > 1 else p.lower() for p in parts)


class Term(NamedTuple):  # a tuple: made 20 000 times per build, and cheaply
    """An RDF term as the site needs it: an IRI (`iri` true) or a literal."""
    value: str
    iri: bool = False
    datatype: str = ""
    language: str = ""


def _term(node) -> Term:
    if isinstance(node, ox.NamedNode):
        return Term(node.value, iri=True)
    if isinstance(node, ox.Literal):
        if node.language:
            return Term(node.value, language=node.language)
        return Term(node.value, datatype=node.datatype.value)
    return Term(str(node))


@dataclass
class GraphIndex:
    out: dict[str, list[tuple[str, Term]]] = field(default_factory=lambda: defaultdict(list))
    inferred: dict[str, list[tuple[str, Term]]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    labels: dict[str, str] = field(default_factory=dict)
    triples: dict[str, int] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)   # node -> its page
    kinds: dict[str, str] = field(default_factory=dict)   # page kind -> its name, in the site's order
    supports: dict = field(default_factory=dict)  # node -> support.Support, read once (support.support_of)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def property_label(self, iri: str) -> str:
        """A property's name in words: its label, else a known name, else
        its local name split into words (never camelCase)."""
        return (self.labels.get(iri) or KNOWN_PROPERTY_LABELS.get(iri)
                or words(iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]))

    def short_label(self, iri: str, limit: int = 40) -> str:
        """A name that fits on a chart: the short name, else the acronym,
        else the label, cut to `limit` characters."""
        short = self.first(iri, SHORT_NAME) or self.first(iri, ACRONYM)
        name = short.value if short else self.label(iri)
        return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"

    def alt_labels(self, iri: str) -> list[str]:
        return sorted({t.value for p, t in self.out.get(iri, ()) if p in ALT_LABELS})

    def first(self, iri: str, predicate: str) -> Term | None:
        for p, term in self.out.get(iri, ()):
            if p == predicate:
                return term
        return None

    def all(self, iri: str, predicate: str) -> list[Term]:
        return [term for p, term in self.out.get(iri, ()) if p == predicate]


def index_store(store: ox.Store) -> GraphIndex:
    """Labels from every asserted graph; statements from the data and the
    vocabularies (the ontology's own axioms get no page), and the supports
    of the annotations graph."""
    index = GraphIndex()
    english: dict[str, str] = {}
    for name in ("ontology", "vocabularies", "data"):
        index.triples[name] = _add(index, english, store.quads_for_pattern(None, None, None, _GRAPHS[name]),
                                   statements=name != "ontology")
    annotations = _GRAPHS["annotations"]
    for predicate in sorted(_SHOWN_ANNOTATIONS):
        _add(index, english, store.quads_for_pattern(None, ox.NamedNode(predicate), None, annotations))
    count = _count(store, annotations)
    if count:
        index.triples["annotations"] = count
    count = 0
    for quad in store.quads_for_pattern(None, None, None, _GRAPHS["inferred"]):
        count += 1
        if isinstance(quad.subject, ox.NamedNode):
            index.inferred[quad.subject.value].append((quad.predicate.value, _term(quad.object)))
    index.triples["inferred"] = count
    index.labels = english
    _page_kinds(index)
    return index


def _page_kinds(index: GraphIndex) -> None:
    """Every typed node `id/KIND/...` of a kind not shown elsewhere gets a
    page (paths.gets_page); the kinds come from the graph, named as
    paths.KNOWN_KINDS names them or else after their commonest class."""
    from .paths import KNOWN_KINDS, gets_page, kind_of, page_path

    classes: dict[str, Counter] = {}
    for iri, facts in index.out.items():
        types = [t.value for p, t in facts if p == RDF_TYPE]
        if types and iri.startswith(ID) and gets_page(iri):
            index.pages[iri] = page_path(iri)
            classes.setdefault(kind_of(iri), Counter()).update(types)
    known = [k for k in KNOWN_KINDS if k in classes]
    others = sorted(k for k in classes if k not in KNOWN_KINDS)
    for kind in known:
        index.kinds[kind] = KNOWN_KINDS[kind]
    for kind in others:
        commonest = min(classes[kind].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        name = index.labels.get(commonest) or words(commonest.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
        index.kinds[kind] = name[:1].upper() + name[1:]


def _add(index: GraphIndex, english: dict[str, str], quads, statements: bool = True) -> int:
    """Index the quads; returns how many there were."""
    count = 0
    for quad in quads:
        count += 1
        subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
        if not isinstance(subject, ox.NamedNode):
            continue
        s = subject.value
        if predicate == RDFS_LABEL or predicate == SKOS_PREF:
            # An English label wins; otherwise the first one seen.
            if s not in english or getattr(obj, "language", None) == "en":
                english[s] = obj.value
        if not statements:
            continue
        term = _term(obj)
        index.out[s].append((predicate, term))
        if term.iri and predicate != RDF_TYPE:
            index.incoming[term.value].append((s, predicate))
    return count


def _count(store: ox.Store, graph: ox.NamedNode) -> int:
    solutions = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    return int(next(iter(solutions))["n"].value)
