"""Shared fixtures: the project layout, the paper's text, and the graph
built once per test session (in memory, nothing written)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph

from lanzarote_kg.pipeline.build import BuildOptions, BuildResult, run_build
from lanzarote_kg.sparql.engines import select_oxigraph
from lanzarote_kg.core.layout import Layout
from lanzarote_kg.core.namespaces import PREFIXES

ROOT = Path(__file__).resolve().parents[1]

_PREAMBLE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(PREFIXES.items()))


@dataclass
class BuiltGraph:
    """The built graph as tests see it."""

    result: BuildResult

    @property
    def graph(self) -> Graph:
        """Asserted + inferred triples, one rdflib graph."""
        return self.result.rdflib_graph

    def select(self, sparql: str) -> list[tuple]:
        """Run a SELECT (project prefixes pre-bound) on Oxigraph; rows of
        str() of each term, None where unbound, in the query's order."""
        table = select_oxigraph(self.result.store, _PREAMBLE + sparql)
        return [tuple(None if term is None else str(term) for term in row) for row in table.rows]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A throw-away copy of the project's inputs, for tests that change them."""
    from helpers import copy_project

    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def layout() -> Layout:
    return Layout(ROOT)


@pytest.fixture(scope="session")
def source_path(layout: Layout) -> Path:
    path = layout.default_source
    if not path.exists():
        pytest.skip(f"the paper's text is not at {path} (set LANZAROTE_KG_SOURCE to its path)")
    return path


@pytest.fixture(scope="session")
def build_result(layout: Layout) -> BuildResult:
    source = layout.default_source if layout.default_source.exists() else None
    return run_build(layout, BuildOptions(source=source))


@pytest.fixture(scope="session")
def kg(build_result: BuildResult) -> BuiltGraph:
    return BuiltGraph(build_result)
