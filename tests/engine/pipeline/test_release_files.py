"""The release streamed through sorted files (issue 22): GNU sort's C-locale
order is the order Python's sorted() gave, the annotations written as text
are the statements the release holds, the statistics combine as a recount
of the union does, and a build leaves no staging folder behind."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lanzarote_kg.core.namespaces import Graphs
from lanzarote_kg.pipeline.build import BuildOptions, release_annotations, run_build
from lanzarote_kg.pipeline.external_sort import duplicate_lines, sort_files
from lanzarote_kg.pipeline.line_statistics import as_statistics, combined, count_lines

EX = "http://example.org/"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# Any Unicode text but the surrogates, which UTF-8 cannot hold (nor can RDF).
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)
# IRIs: letters and digits of any script, and the punctuation that sorts below '>'.
IRI_PART = st.text(alphabet=st.characters(categories=("L", "Nd"), include_characters="-./:;=~_"), max_size=6)


def _line(triple: ox.Triple) -> str:
    return ox.serialize([triple], format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(IRI_PART, TEXT, st.sampled_from(["", "en", "fr-be"])), min_size=2, max_size=30))
def test_c_locale_sort_is_python_order_and_oxigraph_writes_literals_as_str(tmp_path_factory, rows):
    triples = [ox.Triple(ox.NamedNode(EX + iri), ox.NamedNode(EX + "p"),
                         ox.Literal(text, language=lang) if lang else ox.Literal(text)) for iri, text, lang in rows]
    lines = [_line(t) for t in triples]
    # annotations.py writes literals with str(): the serializer's text, byte for byte.
    assert lines == [f"<{t.subject.value}> <{EX}p> {t.object} .\n" for t in triples]
    folder = tmp_path_factory.mktemp("sort")
    (folder / "in.nt").write_text("".join(lines), encoding="utf-8")
    sort_files([folder / "in.nt"], folder / "out.nt")
    with open(folder / "out.nt", encoding="utf-8") as handle:  # as the release reads them: lines end at \n only
        assert list(handle) == sorted(lines)
    # ... and sorting lines is sorting the statements as the build did before (key=str).
    assert sorted(lines) == [_line(t) for t in sorted(triples, key=str)]


def _counts_of(lines: list[str]):
    return as_statistics(count_lines(lines))


def test_statistics_of_the_union_combine_from_the_parts_with_shared_statements_once(tmp_path):
    a = [f"<{EX}a> <{TYPE}> <{EX}C> .\n", f"<{EX}a> <{EX}p> \"x\" .\n", f"<{EX}b> <{TYPE}> <{EX}C> .\n"]
    b = [f"<{EX}a> <{TYPE}> <{EX}C> .\n", f"<{EX}c> <{TYPE}> <{EX}D> .\n", f"<{EX}c> <{EX}q> <{EX}a> .\n",
         "_:n <http://example.org/p> \"x\" .\n"]
    files = []
    for name, lines in (("a", a), ("b", b)):
        files.append(tmp_path / f"{name}.nt")
        files[-1].write_text("".join(sorted(lines)), encoding="utf-8")
    repeated = duplicate_lines(files)
    assert repeated == [f"<{EX}a> <{TYPE}> <{EX}C> .\n"] * 2
    union = as_statistics(combined([count_lines(a), count_lines(b)], repeated))
    assert union == _counts_of(sorted(set(a) | set(b)))
    assert (union.triples, union.entities, union.distinct_subjects, union.distinct_objects, union.literals) == \
        (6, 3, 4, 3, 1)
    assert union.classes == {f"{EX}C": 2, f"{EX}D": 1}
    assert union.properties == {TYPE: 3, f"{EX}p": 2, f"{EX}q": 1}
    assert union.examples == [f"{EX}a", f"{EX}c"]


def test_the_builds_store_holds_no_annotations_until_the_release_graph_is_asked_for(layout, source_path):
    result = run_build(layout, BuildOptions(source=source_path))
    annotations = ox.NamedNode(str(Graphs.ANNOTATIONS))
    assert next(result.kg.store.quads_for_pattern(None, None, None, annotations), None) is None
    lines = "".join(release_annotations(result.anchors, result.sources, result.kg.store)).splitlines(keepends=True)
    store = result.store
    held = {q.triple for q in store.quads_for_pattern(None, None, None, annotations)}
    written = {q.triple for q in ox.parse("".join(lines), format=ox.RdfFormat.N_TRIPLES)}
    assert len(written) == len(lines)
    assert held == written
    # 19 statements per anchored passage, 3 per written-out support.
    supports = sum(1 for line in lines if "/ontology#supportsValue> " in line)
    assert len(lines) == 19 * len(result.anchors) + 3 * supports
    assert len(result.anchors) == 2296


@pytest.fixture()
def failing_project(project: Path) -> Path:
    data = project / "data" / "zz-broken.ttl"
    data.write_text("@prefix lkg: <https://w3id.org/lanzarote-kg/ontology#> .\n"
                    "<https://w3id.org/lanzarote-kg/id/country/Nowhere> a lkg:Country .\n", encoding="utf-8")
    return project


def test_a_failing_build_writes_only_its_report_and_leaves_no_staging_folder(failing_project, tmp_path):
    from lanzarote_kg.core.layout import Layout

    out = tmp_path / "dist"
    out.mkdir()
    (out / "lanzarote-kg.nq").write_bytes(b"the last good release\n")
    result = run_build(Layout(failing_project), BuildOptions(out_dir=out))
    assert not result.ok
    assert sorted(p.name for p in out.iterdir()) == ["lanzarote-kg.nq", "validation-report.ttl"]
    assert (out / "lanzarote-kg.nq").read_bytes() == b"the last good release\n"


def test_a_statement_in_two_graphs_is_found_whole_when_its_literal_holds_a_unicode_line_separator(tmp_path):
    line = _line(ox.Triple(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal("one\x85two\u2028three")))
    for name in ("a.nt", "b.nt"):
        (tmp_path / name).write_text(line, encoding="utf-8")
    assert duplicate_lines([tmp_path / "a.nt", tmp_path / "b.nt"]) == [line, line]


def test_the_trig_written_in_two_parts_is_the_trig_of_the_n_quads_written_at_once(layout, source_path, tmp_path):
    """The graphs' TriG comes from a child process and the description's is
    appended without its prefix lines: the bytes must be those of one
    serialization of the same quads, in the N-Quads file's order."""
    from lanzarote_kg.core.namespaces import PREFIXES

    out = tmp_path / "dist"
    assert run_build(layout, BuildOptions(out_dir=out, source=source_path)).ok
    quads = list(ox.parse(path=str(out / "lanzarote-kg.nq"), format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {str(g) for g in Graphs.RELEASE}
    at_once = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes={k: str(v) for k, v in PREFIXES.items()})
    assert (out / "lanzarote-kg.trig").read_bytes() == at_once
    assert not [p.name for p in out.iterdir() if p.name.startswith(".build-")]
