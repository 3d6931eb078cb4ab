"""The knowledge graph as named graphs: what is loaded, and how."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.compare import to_canonical_graph

from .layout import Layout
from .loading import parse_turtle
from .namespaces import PREFIXES, Graphs
from .skolem import skolemize


@dataclass
class KnowledgeGraph:
    """Asserted named graphs, the shapes, and (after reasoning) the inferred graph."""

    ontology: Graph
    vocabularies: Graph
    data: Graph
    shapes: Graph
    inferred: Graph = field(default_factory=Graph)
    origins: dict = field(default_factory=dict)  # subject -> file it is described in

    def asserted(self) -> Graph:
        merged = Graph()
        for part in (self.ontology, self.vocabularies, self.data):
            merged += part
        return _bind(merged)

    def full(self) -> Graph:
        merged = self.asserted()
        merged += self.inferred
        return merged

    def dataset(self) -> Dataset:
        dataset = Dataset()
        for name, graph in zip(Graphs.ALL, (self.ontology, self.vocabularies, self.data, self.inferred)):
            named = dataset.graph(name)
            for triple in graph:
                named.add(triple)
        _bind(dataset)
        return dataset


def _bind(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def _read(paths: list[Path], layout: Layout, origins: dict | None, *, skolem: bool) -> Graph:
    merged = Graph()
    for path in paths:
        graph = parse_turtle(path)
        if skolem:
            # Blank nodes are file-local in Turtle, so skolemizing per file
            # gives the same IRIs as skolemizing the union.
            graph = skolemize(graph)
        if origins is not None:
            shown = path.relative_to(layout.root) if path.is_relative_to(layout.root) else path
            for subject in graph.subjects(unique=True):
                origins.setdefault(subject, shown)
        merged += graph
    return merged


def _canonical(graph: Graph) -> Graph:
    """Blank nodes relabelled from their content, so outputs are stable."""
    canonical = Graph()
    canonical += to_canonical_graph(graph)
    return canonical


def load(layout: Layout) -> KnowledgeGraph:
    """Parse ontology, vocabularies, data and shapes from a checkout."""
    origins: dict = {}
    ontology = _canonical(_read(layout.ontology_files(), layout, origins, skolem=False))
    vocabularies = _canonical(_read(layout.vocabulary_files(), layout, origins, skolem=False))
    data = _read(layout.data_files(), layout, origins, skolem=True)
    shapes = _read(layout.shapes_files(), layout, None, skolem=False)
    return KnowledgeGraph(ontology=ontology, vocabularies=vocabularies, data=data, shapes=shapes, origins=origins)
