"""The scale corpus of `make bench-scale` conforms: at a small size, the
paper's data plus the corpus builds clean (shapes, data checks, quotes),
so at every size validation and checks do their real work, not an error
report; and the same size and seed give the same file."""
from __future__ import annotations

import shutil

import pytest

from lanzarote_kg.bench.scale_corpus import write_corpus
from lanzarote_kg.core.layout import Layout
from lanzarote_kg.pipeline.build import BuildOptions, run_build
from lanzarote_kg.pipeline.source import SourceText

SIZE = 3_000


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory, layout, source_path):
    project = tmp_path_factory.mktemp("scale") / "project"
    for folder in ("ontology", "queries", "data"):
        shutil.copytree(layout.root / folder, project / folder)
    corpus = project / "data" / "scale" / "corpus.ttl"
    written = write_corpus(corpus, SIZE, layout, SourceText(source_path))
    return corpus, written, run_build(Layout(project), BuildOptions(source=source_path))


def test_the_corpus_builds_clean(corpus_build):
    _corpus, written, result = corpus_build
    assert written >= SIZE
    assert result.report.violations == []
    assert result.check_failures == [] and result.quote_problems == []
    assert result.ok


def test_the_corpus_gives_the_reasoner_and_the_shapes_work(corpus_build, build_result):
    _corpus, written, result = corpus_build
    # Every corpus instrument is typed from its kind by the reasoner (owl:hasValue).
    rows = result.store.query("""
        PREFIX lkg: <https://w3id.org/lanzarote-kg/ontology#>
        SELECT (COUNT(DISTINCT ?i) AS ?n) (SUM(IF(BOUND(?typed), 1, 0)) AS ?t) WHERE {
          ?i lkg:instrumentKind ?kind . FILTER STRSTARTS(STR(?i), "https://w3id.org/lanzarote-kg/id/instrument/scale-")
          OPTIONAL { GRAPH <https://w3id.org/lanzarote-kg/graph/inferred> { ?i a ?typed }
                     ?typed <http://www.w3.org/2002/07/owl#equivalentClass> ?r . ?r <http://www.w3.org/2002/07/owl#hasValue> ?kind } }""",
        use_default_graph_as_union=True)
    (row,) = list(rows)
    assert int(row["n"].value) == int(row["t"].value) > 10
    paper = build_result.counts()
    counts = result.counts()
    assert counts["inferred"] > paper["inferred"]
    # Passages are written as blank nodes: the skolemizer names every one.
    assert counts["data"] - paper["data"] == pytest.approx(written, rel=0.01)


def test_the_corpus_is_deterministic(tmp_path, layout, source_path):
    text = SourceText(source_path)
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    write_corpus(first, 500, layout, text)
    write_corpus(second, 500, layout, text)
    assert first.read_bytes() == second.read_bytes()
    write_corpus(second, 500, layout, text, seed=7)
    assert first.read_bytes() != second.read_bytes()
