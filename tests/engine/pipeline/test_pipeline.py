"""The build pipeline's behaviour: failures name what is wrong, outputs are
deterministic, nothing is half-written, nothing reaches the network."""
from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

import pytest

from helpers import edit_file, run_cli
from lanzarote_kg.core import netguard
from lanzarote_kg.pipeline.build import BuildOptions, run_build
from lanzarote_kg.core.errors import BuildFailure
from lanzarote_kg.core.layout import Layout

CONVENTION = Path("data/instruments/lanzarote-convention.ttl")
OBLIGATION_38_4 = "https://w3id.org/lanzarote-kg/id/obligation/lanzarote-convention/article-38-4"




def test_injected_shacl_violation_fails_the_build_naming_the_focus_node(project):
    # Remove the requirement of the Article 38(4) obligation: its shape demands exactly one.
    edit_file(project, CONVENTION,
          '    lkg:requirement "Each Party endeavours to integrate prevention',
          '    rdfs:comment "Each Party endeavours to integrate prevention')
    completed = run_cli("build", "--out", str(project / "dist"), root=project)
    assert completed.returncode == 1, completed.stderr
    assert OBLIGATION_38_4 in completed.stderr
    assert "Integrate child protection in development assistance" in completed.stderr  # its label
    assert "data/instruments/lanzarote-convention.ttl" in completed.stderr  # its file
    assert "Traceback" not in completed.stderr
    # The graph artifacts are not written for a failing build.
    assert not (project / "dist" / "lanzarote-kg.trig").exists()
    assert (project / "dist" / "validation-report.ttl").exists()


def test_an_event_ending_before_it_starts_is_caught_by_the_sparql_rule(project):
    (project / "data" / "zz-bad-dates.ttl").write_text("""
@prefix lkg: <https://w3id.org/lanzarote-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix part: <https://w3id.org/lanzarote-kg/id/document/coe-2012-international-cooperation-lanzarote/> .
<https://w3id.org/lanzarote-kg/id/event/test-backwards> a lkg:Meeting ;
    rdfs:label "a meeting that ends before it starts"@en ;
    lkg:startDate "2012-11-30"^^xsd:date ; lkg:endDate "2012-11-29"^^xsd:date ;
    lkg:evidence [ lkg:inPart part:introduction ; lkg:startLine 3 ; lkg:endLine 3 ;
                   lkg:quote "The International Conference which will be held in Rome on 29-30 November 2012" ] .
""", encoding="utf-8")
    result = run_build(Layout(project), BuildOptions())
    messages = [(v.focus, v.message) for v in result.report.errors]
    assert ("https://w3id.org/lanzarote-kg/id/event/test-backwards", "ends before it starts") in messages


def test_broken_turtle_names_file_and_line_and_writes_nothing(project):
    path = project / CONVENTION
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(30, 'inst:broken lkg:printedTitle "unterminated .')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    completed = run_cli("build", "--out", str(project / "dist"), root=project)
    assert completed.returncode == 2
    assert completed.stderr.startswith("error: LKG-E003: ")
    assert f"{project / CONVENTION}:31:" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1
    assert not (project / "dist").exists()


def test_missing_query_file_and_bad_parameter_are_one_line_errors(project):
    completed = run_cli("query", "queries/no-such-report.rq", root=project)
    assert completed.returncode == 2
    assert "LKG-Q001" in completed.stderr and "no-such-report.rq" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_empty_shapes_fail_loudly(project):
    for shapes_file in (project / "ontology" / "shapes").glob("*.ttl"):
        shapes_file.write_text("# no shapes\n", encoding="utf-8")
    with pytest.raises(BuildFailure) as failure:
        run_build(Layout(project), BuildOptions())
    assert failure.value.code == "LKG-V001"


def test_shapes_that_target_nothing_fail_loudly(project):
    for shapes_file in (project / "ontology" / "shapes").glob("*.ttl"):
        shapes_file.unlink()
    (project / "ontology" / "shapes" / "only.ttl").write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:x:shape> a sh:NodeShape ; sh:targetClass <urn:x:NoSuchClass> ; sh:property [ sh:path <urn:x:p> ; sh:minCount 1 ] .
""", encoding="utf-8")
    with pytest.raises(BuildFailure) as failure:
        run_build(Layout(project), BuildOptions())
    assert failure.value.code == "LKG-V002"


def test_build_is_byte_identical_across_runs(project):
    outputs = []
    for seed in ("1", "2"):
        out = project / f"dist-{seed}"
        completed = run_cli("build", "--out", str(out), root=project, env={"PYTHONHASHSEED": seed})
        assert completed.returncode == 0, completed.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0].keys() == {"lanzarote-kg.trig", "lanzarote-kg.nq", "lanzarote-kg.ttl",
                                 "lanzarote-kg-full.nt", "lanzarote-kg.jsonld", "validation-report.ttl",
                                 "void.ttl", "sparql-examples.ttl", ".htaccess"}
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name], f"{name} differs between two builds"


def test_no_network_access_during_build_validate_and_query(layout):
    netguard.block_network()
    try:
        with pytest.raises(netguard.NetworkAccessError):
            urllib.request.urlopen("http://example.org/")
        with pytest.raises(netguard.NetworkAccessError):
            socket.create_connection(("192.0.2.1", 80), timeout=1)
        # The whole pipeline runs under the guard: any fetch would raise.
        result = run_build(layout, BuildOptions())
        assert len(result.kg.data) > 0
        from lanzarote_kg.sparql.engines import select_oxigraph
        assert select_oxigraph(result.store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    finally:
        netguard.allow_network()


def test_queries_that_could_reach_out_are_refused(layout, tmp_path):
    query = tmp_path / "remote.rq"
    query.write_text("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", encoding="utf-8")
    completed = run_cli("query", str(query))
    assert completed.returncode == 2
    assert "LKG-Q012" in completed.stderr


def test_a_quote_not_in_the_source_fails_the_build_naming_its_node(project, source_path):
    # "10 July 2010" becomes "11 July 2010": no longer what the paper prints.
    edit_file(project, CONVENTION, "(Spain) on 25 October 2007 and entered into force on 10 July 2010\"",
          "(Spain) on 25 October 2007 and entered into force on 11 July 2010\"")
    completed = run_cli("build", "--out", str(project / "dist"), "--source", str(source_path), root=project)
    assert completed.returncode == 1, completed.stderr
    assert "1 quote(s) not found in the source" in completed.stderr
    assert "https://w3id.org/lanzarote-kg/id/instrument/lanzarote-convention" in completed.stderr


def test_a_different_source_text_is_refused(project, source_path, tmp_path):
    # Named as the paper's text file, in another folder.
    altered = tmp_path / source_path.name
    altered.write_bytes(source_path.read_bytes() + b"\nan extra line\n")
    completed = run_cli("validate", "--source", str(altered), root=project)
    assert completed.returncode == 1
    assert "LKG-B002" in completed.stderr and "SHA-256" in completed.stderr


def test_two_actors_sharing_a_name_fail_the_shared_names_check(project):
    """The check keys actors by their lower-cased names (linear at scale);
    it still finds a label shared with another actor's acronym."""
    (project / "data" / "zz-shared-name.ttl").write_text("""
@prefix lkg: <https://w3id.org/lanzarote-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix part: <https://w3id.org/lanzarote-kg/id/document/coe-2012-international-cooperation-lanzarote/> .
<https://w3id.org/lanzarote-kg/id/actor/test-unicef-twin> a lkg:NGO ;
    rdfs:label "unicef"@en ;
    lkg:evidence [ lkg:inPart part:introduction ; lkg:startLine 3 ; lkg:endLine 3 ;
                   lkg:quote "The International Conference which will be held in Rome on 29-30 November 2012" ] .
""", encoding="utf-8")
    result = run_build(Layout(project), BuildOptions())
    (failure,) = [f for f in result.check_failures if f.name == "shared-actor-names"]
    rows = {tuple(str(t) for t in row) for row in failure.table.rows}
    assert ("https://w3id.org/lanzarote-kg/id/actor/test-unicef-twin", "https://w3id.org/lanzarote-kg/id/actor/unicef",
            "unicef") in rows
