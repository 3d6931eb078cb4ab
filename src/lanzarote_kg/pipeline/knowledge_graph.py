"""The knowledge graph as named graphs: what is loaded, and how.

Files are parsed once, with Oxigraph, and the graph lives in an Oxigraph
store: the fast engines on the default path (reasonable, pyshacl-turbo,
Oxigraph's SPARQL and serializers) read it without conversion. rdflib views
of each named graph are built only on demand, for the reference engines
(owlrl, pyshacl, rdflib's SPARQL) and for code that wants rdflib terms.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import ReadOnlyGraphAggregate

from lanzarote_kg.core.terms import from_oxigraph
from lanzarote_kg.core.layout import Layout
from lanzarote_kg.pipeline.loading import parse_triples
from lanzarote_kg.core.namespaces import PREFIXES, Graphs
from lanzarote_kg.pipeline.skolem import skolemize

_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _name(graph: str) -> ox.NamedNode:
    return ox.NamedNode(str(graph))


@dataclass
class KnowledgeGraph:
    """The asserted named graphs, the shapes and (after reasoning) the inferred graph."""

    store: ox.Store
    shape_triples: list
    origins: dict = field(default_factory=dict)  # subject IRI (str) -> file it is described in
    statement_origins: dict = field(default_factory=dict)  # data ox.Triple -> file it is written in
    root: Path | None = None  # the checkout the origins' relative paths start from
    annotated: bool = False  # whether the store holds the annotations graph (see add_annotations)

    def origin_of(self, subject, predicate=None, value=None) -> str:
        """The file a data statement is written in, else the file that first
        describes its subject ("" when unknown). Terms are rdflib or Oxigraph."""
        from lanzarote_kg.core.terms import to_oxigraph

        if predicate is not None and value is not None:
            terms = [t if isinstance(t, (ox.NamedNode, ox.BlankNode, ox.Literal)) else to_oxigraph(t)
                     for t in (subject, predicate, value)]
            found = self.statement_origins.get(ox.Triple(*terms))
            if found is not None:
                return str(found)
        return str(self.origins.get(str(subject), ""))

    # --- Oxigraph side ---------------------------------------------------------
    def triples(self, *graphs: str) -> list[ox.Triple]:
        return [q.triple for g in graphs for q in self.store.quads_for_pattern(None, None, None, _name(g))]

    def count(self, graph: str) -> int:
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, _name(graph)))

    def set_inferred(self, triples: list[ox.Triple]) -> None:
        name = _name(Graphs.INFERRED)
        self.store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
        self.__dict__.pop("inferred", None)
        self.__dict__.pop("full_graph", None)

    def add_annotations(self, lines) -> None:
        """The annotations graph, from its N-Triples lines (parsed by Oxigraph)."""
        text = "".join(lines).encode("utf-8")
        self.store.bulk_load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=_name(Graphs.ANNOTATIONS))
        self.annotated = True
        self.__dict__.pop("full_graph", None)
        self.__dict__.pop("full_dataset", None)

    # --- rdflib views, built on first use --------------------------------------
    def _rdflib(self, graph: str) -> Graph:
        view = Graph()
        view.addN((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object), view)
                  for t in self.triples(graph))
        return _bind(view)

    @cached_property
    def ontology(self) -> Graph:
        return self._rdflib(Graphs.ONTOLOGY)

    @cached_property
    def vocabularies(self) -> Graph:
        return self._rdflib(Graphs.VOCABULARIES)

    @cached_property
    def data(self) -> Graph:
        return self._rdflib(Graphs.DATA)

    @cached_property
    def inferred(self) -> Graph:
        return self._rdflib(Graphs.INFERRED)

    @cached_property
    def shapes(self) -> Graph:
        graph = Graph()
        graph.addN((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object), graph)
                   for t in self.shape_triples)
        return graph

    def asserted(self) -> Graph:
        """Ontology + vocabularies + data, as a read-only rdflib view."""
        return ReadOnlyGraphAggregate([self.ontology, self.vocabularies, self.data])

    def full(self) -> Graph:
        """Asserted + inferred, as a read-only rdflib view (for engines that
        only iterate triples; SPARQL over a view repeats rows, see full_graph)."""
        return ReadOnlyGraphAggregate([self.ontology, self.vocabularies, self.data, self.inferred])

    @cached_property
    def full_graph(self) -> Graph:
        """Asserted + inferred (+ the annotations, once the build has made
        them) in one rdflib graph, for rdflib's SPARQL engine (which repeats
        solutions once per member graph of a view)."""
        graph = _bind(Graph())
        for part in (self.ontology, self.vocabularies, self.data, self.inferred, self._rdflib(Graphs.ANNOTATIONS)):
            graph += part
        return graph

    @cached_property
    def full_dataset(self) -> Dataset:
        """The same, as a dataset of the named graphs whose default graph is
        their union: what the data checks see on Oxigraph, GRAPH clauses
        included (rdflib refuses GRAPH on a plain graph)."""
        dataset = _bind(Dataset(default_union=True))
        for name in (*Graphs.ASSERTED, Graphs.INFERRED, Graphs.ANNOTATIONS):
            named = dataset.graph(URIRef(str(name)))
            named.addN((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object), named)
                       for t in self.triples(name))
        return dataset


def _bind(graph):
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def _canonical(graphs: dict) -> dict:
    """Blank nodes relabelled by W3C RDF Dataset Canonicalization (RDFC-1.0),
    so the ontology's anonymous class expressions get stable labels. One
    dataset for all graphs, so labels never collide between graphs."""
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object, _name(name))
                         for name, triples in graphs.items() for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {name: [q.triple for q in dataset.quads_for_graph_name(_name(name))] for name in graphs}


def load(layout: Layout) -> KnowledgeGraph:
    """Parse ontology, vocabularies, data and shapes from a checkout."""
    layout.check_inputs()
    origins: dict = {}
    statement_origins: dict = {}
    typed: set[str] = set()

    def shown_path(path: Path) -> Path:
        return path.relative_to(layout.root) if path.is_relative_to(layout.root) else path

    def read(paths: list[Path], *, skolem: bool) -> list[ox.Triple]:
        triples: list[ox.Triple] = []
        for path in paths:
            parsed = parse_triples(path)
            if skolem:
                # Blank nodes are file-local in Turtle, so skolemizing per
                # file gives the same IRIs as skolemizing the union.
                parsed = skolemize(parsed)
                statement_origins.update(dict.fromkeys(parsed, shown_path(path)))
            shown = shown_path(path)
            for triple in parsed:
                if isinstance(triple.subject, ox.NamedNode):
                    # A node described in several files (an obligation and, elsewhere, its
                    # force) is placed where it is typed: that is where an author looks.
                    if triple.predicate == _TYPE and triple.subject.value not in typed:
                        typed.add(triple.subject.value)
                        origins[triple.subject.value] = shown
                    else:
                        origins.setdefault(triple.subject.value, shown)
            triples.extend(parsed)
        return triples

    canonical = _canonical({Graphs.ONTOLOGY: read(layout.ontology_files(), skolem=False),
                            Graphs.VOCABULARIES: read(layout.vocabulary_files(), skolem=False)})
    data = read(layout.data_files(), skolem=True)
    shapes = [t for path in layout.shapes_files() for t in parse_triples(path)]

    store = ox.Store()
    for name, triples in ((Graphs.ONTOLOGY, canonical[Graphs.ONTOLOGY]),
                          (Graphs.VOCABULARIES, canonical[Graphs.VOCABULARIES]), (Graphs.DATA, data)):
        graph = _name(name)
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return KnowledgeGraph(store=store, shape_triples=shapes, origins=origins,
                          statement_origins=statement_origins, root=layout.root)
