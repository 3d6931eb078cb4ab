"""Deterministic artifacts, written atomically.

The same input gives byte-identical files: blank nodes of the ontology are
canonically labelled at load time, those of the data are skolemized, and
every line-based format is sorted. Each file is written to a temporary
name in the target directory and renamed into place, so a failed build
never leaves a half-written artifact.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import to_canonical_graph


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sorted_lines(text: str) -> bytes:
    lines = sorted(set(line for line in text.splitlines() if line.strip()))
    return ("\n".join(lines) + "\n").encode("utf-8")


# The writers below take quads or triples already in a stable order (see
# KnowledgeGraph.sorted_quads) and use Oxigraph's serializers, which keep
# that order: the output is byte-identical from build to build.

def ntriples(triples) -> bytes:
    """Each triple once (the inferred graph never repeats an asserted one,
    but two named graphs may share a triple), sorted."""
    return sorted_lines(ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode("utf-8"))


def nquads(quads) -> bytes:
    """The quads as given: already sorted, graph by graph."""
    return ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS)


def turtle(triples, prefixes: dict) -> bytes:
    return ox.serialize(list(triples), format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def trig(quads, prefixes: dict) -> bytes:
    return ox.serialize(list(quads), format=ox.RdfFormat.TRIG, prefixes=prefixes)


def jsonld(triples) -> bytes:
    return ox.serialize(list(triples), format=ox.RdfFormat.JSON_LD)


def canonical_turtle(graph: Graph, prefixes: dict) -> bytes:
    """Turtle of an rdflib graph whose blank nodes come from an engine (a
    validation report): relabelled canonically, then sorted."""
    from lanzarote_kg.core.terms import to_oxigraph

    canonical = Graph()
    canonical += to_canonical_graph(graph)
    triples = sorted((ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in canonical), key=str)
    return turtle(triples, prefixes)
