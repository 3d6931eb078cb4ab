"""Opening the built graph for queries: from dist/ when it has been built,
otherwise by building it in memory."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.layout import Layout

NQUADS = "lanzarote-kg.nq"


def store_from_file(path: Path) -> ox.Store:
    store = ox.Store()
    fmt = ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TRIG
    try:
        store.bulk_load(path=str(path), format=fmt)
    except FileNotFoundError:
        raise UserError("LKG-E001", f"{path}: file not found") from None
    except SyntaxError as exc:
        raise UserError("LKG-E003", f"{path}: {exc}") from None
    return store


def graph_from_store(store: ox.Store) -> Graph:
    """All quads of a store as one rdflib graph (for the reference engine)."""
    from lanzarote_kg.core.terms import from_oxigraph

    graph = Graph()
    for quad in store:
        graph.add((from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object)))
    return graph


def open_store(layout: Layout, graph_file: Path | None = None, out_dir: Path | None = None) -> ox.Store:
    """The built dataset as an Oxigraph store: the given file, else
    dist/lanzarote-kg.nq, else an in-memory build (which must pass)."""
    if graph_file is not None:
        return store_from_file(graph_file)
    built = (out_dir or layout.root / "dist") / NQUADS
    if built.exists():
        return store_from_file(built)
    from lanzarote_kg.pipeline.build import BuildOptions, run_build
    from lanzarote_kg.pipeline.build_failures import raise_if_failed

    result = run_build(layout, BuildOptions())
    raise_if_failed(result)
    return result.store
