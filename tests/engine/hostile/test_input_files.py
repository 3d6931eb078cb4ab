"""Every file under data/ and ontology/ is read or refused by name; hostile
or broken data never crashes the build: a 5,000-item list, line numbers
that are not numbers, a million-digit integer, a literal rdflib cannot
convert; owl:imports are named, never followed."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import copy_project, edit_file
from hostile_helpers import ConnectionRecorder, run_main, write_query

TRIPLE = "<https://example.org/s> <https://example.org/p> <https://example.org/o> .\n"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@pytest.mark.parametrize("name, says", [
    ("data/extra/more.nt", "N-Triples is not read, only Turtle (*.ttl)"),
    ("data/extra.rdf", "RDF/XML is not read"),
    ("ontology/extra.owl", "RDF/XML or OWL/XML is not read"),
    ("data/context.jsonld", "JSON-LD is not read"),
    ("data/graphs.trig", "TriG is not read"),
    ("ontology/imports/more.ttl", "a Turtle file in a folder that is not read"),
    ("data/notes.txt", "not a Turtle file (*.ttl)"),
])
@pytest.mark.parametrize("command", ["validate", "qc"])
def test_a_file_that_is_not_read_is_refused_by_name(tmp_path, name, says, command):
    project = copy_project(tmp_path / "project")
    (project / name).parent.mkdir(parents=True, exist_ok=True)
    (project / name).write_text(TRIPLE, encoding="utf-8")
    run = run_main(command, root=project)
    assert run.returncode == 2
    assert run.error_line() == f"error: LKG-E004: {name}: {says}" + run.error_line().split(says, 1)[1]
    assert says in run.error_line()


def test_a_file_that_is_not_regular_or_too_large_is_refused(tmp_path):
    import os

    from lanzarote_kg.pipeline import loading

    project = copy_project(tmp_path / "project")
    fifo = project / "data" / "pipe.ttl"
    os.mkfifo(fifo)  # reading it would block forever
    run = run_main("validate", root=project)
    assert run.returncode == 2 and run.error_line() == f"error: LKG-E005: {fifo}: not a regular file"
    fifo.unlink()
    big = project / "data" / "big.ttl"
    with open(big, "wb") as handle:
        handle.truncate(loading.MAX_FILE_BYTES + 1)
    run = run_main("validate", root=project)
    assert run.returncode == 2 and run.error_line() == f"error: LKG-E005: {big}: larger than 64 MiB: not read"


def _set_start_lines(path: Path, values: list[str]) -> None:
    replacements = iter(values)
    text = re.sub(r"lkg:startLine \d+", lambda m: f"lkg:startLine {next(replacements, m.group()[14:])}",
                  path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory):
    """One validation of data with a 5,000-item list, three passages whose
    line numbers are no numbers and a literal rdflib cannot convert."""
    project = copy_project(tmp_path_factory.mktemp("broken") / "project")
    items = " ".join(f'"item {i}"' for i in range(5000))
    (project / "data" / "long-list.ttl").write_text(
        f"<https://w3id.org/lanzarote-kg/id/x/long-list> <http://www.w3.org/2000/01/rdf-schema#comment> ( {items} ) .\n",
        encoding="utf-8")
    _set_start_lines(project / "data" / "events" / "ungass.ttl", ['"abc"', '"12.5"', '"abc"^^xsd:integer'])
    return run_main("validate", root=project)


def test_broken_data_fails_validation_without_a_traceback(broken_run):
    assert broken_run.returncode == 1, broken_run.stderr[-3000:]
    assert broken_run.error_line().startswith("failed: LKG-B001: build failed: ")
    assert "Traceback" not in broken_run.stderr and "Failed to convert" not in broken_run.stderr


@pytest.mark.parametrize("value, constraint", [("abc", "Datatype"), ("12.5", "Datatype")])
def test_each_bad_line_number_is_a_violation_naming_its_file(broken_run, value, constraint):
    lines = [line for line in broken_run.stderr.splitlines() if f"(value: {value})" in line]
    assert any(f"{constraint}ConstraintComponent" in line and "[data/events/ungass.ttl:" in line
               and "ontology#startLine" in line for line in lines), broken_run.stderr[-3000:]


def test_the_5000_item_list_is_in_the_graph(tmp_path):
    """Skolemized iteratively: 5,000 cells, each its own IRI."""
    from lanzarote_kg.pipeline.skolem import skolemize
    import pyoxigraph as ox

    items = " ".join(f'"item {i}"' for i in range(5000))
    triples = [q.triple for q in ox.parse(f"<https://e/s> <https://e/p> ( {items} ) .", format=ox.RdfFormat.TURTLE)]
    named = skolemize(triples)
    cells = {t.subject for t in named if t.predicate.value == RDF + "first"}
    assert len(cells) == 5000 and not any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
                                          for t in named)


def test_a_million_digit_line_number_is_refused_naming_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "events" / "ungass.ttl"
    _set_start_lines(path, ['"1' + "0" * 1_000_000 + '"^^xsd:integer'])
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "1000000000" in text)
    run = run_main("validate", root=project)
    assert run.returncode == 2
    assert run.error_line() == (f"error: LKG-E006: {path}:{line}: an xsd:integer value of 1000001 characters "
                                f"(10000000000000000000…): at most 100")


def test_the_rdflib_engine_on_a_5000_item_list_is_one_line(tmp_path):
    graph = tmp_path / "list.nq"
    graph.write_text("<https://example.org/list> <https://example.org/items> _:b0 .\n" + "".join(
        f'_:b{i} <{RDF}first> "{i}" .\n_:b{i} <{RDF}rest> _:b{i + 1} .\n' for i in range(5000)))
    query = write_query(tmp_path / "q.rq", "SELECT (COUNT(?x) AS ?n) WHERE { <https://example.org/list> "
                                           f"<https://example.org/items>/<{RDF}rest>*/<{RDF}first> ?x }}")
    run = run_main("query", str(query), "--engine", "rdflib", "--graph", str(graph), root=tmp_path)
    assert run.returncode == 2
    assert run.error_line().startswith(f"error: LKG-Q016: {query}: the rdflib engine ran out of stack")
    run = run_main("query", str(query), "--graph", str(graph), "--format", "csv", root=tmp_path)
    assert run.returncode == 0 and run.stdout.splitlines()[1] == "5000"


def test_imports_are_named_never_followed(tmp_path):
    recorder = ConnectionRecorder()
    project = copy_project(tmp_path / "project")
    edit_file(project, Path("ontology/header.ttl"), "owl:versionIRI",
              f"owl:imports <{recorder.url}imported> ;\n    owl:versionIRI")
    (project / "ontology" / "cycle.ttl").write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://example.org/a> a owl:Ontology ; owl:imports <https://example.org/b> .\n"
        "<https://example.org/b> a owl:Ontology ; owl:imports <https://example.org/a> .\n", encoding="utf-8")
    run = run_main("validate", root=project)
    try:
        assert recorder.connections() == 0
    finally:
        recorder.close()
    assert run.returncode == 0, run.stderr[-2000:]
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: LKG-W001: ontology/header.ttl: <https://w3id.org/lanzarote-kg/ontology> owl:imports "
        f"<{recorder.url}imported>: not followed (imports are never fetched; only the Turtle files under "
        f"ontology/ are read)",
        "warning: LKG-W002: ontology/cycle.ttl: owl:imports cycle between <https://example.org/a>, "
        "<https://example.org/b>: each is read once from its file, nothing is fetched"]


def test_a_100000_character_parameter_is_cut_in_the_error_line(tmp_path):
    from hostile_helpers import SMALL_GRAPH

    graph = tmp_path / "g.nq"
    graph.write_text(SMALL_GRAPH, encoding="utf-8")
    root = Path(__file__).resolve().parents[3]
    run = run_main("report", "actor-profile", "--param", "actor=" + "x" * 100_000, "--graph", str(graph), root=root)
    assert run.returncode == 2
    assert run.error_line() == ("error: LKG-Q007: actor-profile: no node is labelled '" + "x" * 80 +
                                "'… (100000 characters) (parameter actor)")


def test_deeply_nested_blank_nodes_build_and_fmt_says_it_cannot(tmp_path):
    import pyoxigraph as ox

    from lanzarote_kg.pipeline.skolem import skolemize

    nested = "<https://e/s> <https://e/p> " + "[ <https://e/p> " * 3000 + "<https://e/o>" + " ]" * 3000 + " .\n"
    named = skolemize([q.triple for q in ox.parse(nested, format=ox.RdfFormat.TURTLE)])
    assert len({t.subject for t in named}) == 3001  # one IRI per level, no recursion
    project = copy_project(tmp_path / "project")
    path = project / "data" / "deep.ttl"
    path.write_text(nested, encoding="utf-8")
    run = run_main("fmt", "--check", str(path), root=project)
    assert run.returncode == 2
    assert run.error_line() == (f"error: LKG-F006: {path}: blank nodes nested too deeply to format (about a "
                                f"thousand levels or more); file left as is")


def test_cite_with_a_part_line_that_is_not_an_integer_names_the_part(project, source_path):
    structure = project / "data" / "paper" / "structure.ttl"
    text = structure.read_text(encoding="utf-8")
    structure.write_text(text.replace("lkg:startLine 100 ;", 'lkg:startLine "one hundred" ;', 1), encoding="utf-8")
    run = run_main("cite", "--source", str(source_path), "Lanzarote Convention", root=project)
    line = run.error_line()
    assert run.returncode == 2 and line.startswith("error: LKG-E014: data/paper/structure.ttl: part ")
    assert "one hundred" in line
