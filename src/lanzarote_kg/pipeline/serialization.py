"""Deterministic artifacts, written atomically.

The same input gives byte-identical files: blank nodes of the ontology are
canonically labelled at load time, those of the data are skolemized, and
every graph is written in the order of its sorted N-Triples text. Each file is written to a temporary
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


# Oxigraph's serializers keep the order they are given: triples given in a
# stable order give byte-identical output. The graph artifacts themselves are
# streamed from sorted files (pipeline.release_files).

def turtle(triples, prefixes: dict) -> bytes:
    return ox.serialize(list(triples), format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def canonical_turtle(graph: Graph, prefixes: dict) -> bytes:
    """Turtle of an rdflib graph whose blank nodes come from an engine (a
    validation report): relabelled canonically, then sorted."""
    from lanzarote_kg.core.terms import to_oxigraph

    canonical = Graph()
    canonical += to_canonical_graph(graph)
    triples = sorted((ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in canonical), key=str)
    return turtle(triples, prefixes)
