"""The SPARQL 1.1 Service Description of the local endpoint
(`lanzarote-kg serve`), part of the release's description: the named
graphs, the default graph as their union, and the OWL 2 RL entailment of the
inferred graph (materialised by the build; the endpoint does no reasoning)."""
from __future__ import annotations

from lanzarote_kg.core.namespaces import Graphs
from lanzarote_kg.pipeline.void_statistics import DCT, FORMATS, RDF, RDFS, SD, VOID, Statistics, Triples, literal


def graph_name(graph: str) -> str:
    return graph.rsplit("/", 1)[-1]


def service_triples(out: Triples, endpoint: str, version: str, graphs: dict, total: Statistics) -> None:
    service = f"{version}/service"
    dataset = f"{service}/dataset"
    default = f"{service}/default-graph"
    out.add(service, RDF + "type", SD + "Service")
    out.add(service, SD + "endpoint", endpoint)
    out.add(service, SD + "supportedLanguage", SD + "SPARQL11Query")
    out.add(service, SD + "feature", SD + "UnionDefaultGraph")
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "RDF_XML", "N-Quads", "TriG"):
        out.add(service, SD + "resultFormat", FORMATS + fmt)
    out.add(service, SD + "defaultEntailmentRegime", "http://www.w3.org/ns/entailment/Simple")
    out.add(service, SD + "defaultDataset", dataset)
    out.add(service, RDFS + "comment", literal(
        "The read-only endpoint of `lanzarote-kg serve` on this machine (127.0.0.1, default port 7878). "
        "Queries without GRAPH see the union of the named graphs (sd:UnionDefaultGraph).", lang="en"))
    out.add(dataset, RDF + "type", SD + "Dataset")
    out.add(dataset, DCT + "source", version)
    out.add(dataset, SD + "defaultGraph", default)
    out.add(default, RDF + "type", SD + "Graph")
    out.add(default, VOID + "triples", literal(total.triples))
    out.add(default, RDFS + "comment", literal(
        "The union of the named graphs. Its void:triples counts the five graphs of the knowledge graph "
        "(each triple once); the description graph, which a server also merges in, is not counted.", lang="en"))
    described = f"{service}/named-graph/description"
    out.add(dataset, SD + "namedGraph", described)
    out.add(described, RDF + "type", SD + "NamedGraph")
    out.add(described, SD + "name", str(Graphs.DESCRIPTION))
    out.add(described, RDFS + "comment", literal(
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
            out.add(named, RDFS + "comment", literal(
                "What the OWL 2 RL closure of the ontology, vocabularies and data adds, computed by the build "
                "and stored (the endpoint itself does no reasoning).", lang="en"))
