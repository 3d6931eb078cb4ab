"""Issue 23: the build catches what qc catches about terms. A misspelt
property of the project's namespace fails `build` naming the file, the line
and the closest declared term; an IRI in a namespace one edit away from the
project's own is named as a likely typo."""
from __future__ import annotations

from helpers import copy_project, edit_file
from hostile_helpers import run_main
from lanzarote_kg.pipeline.declared_terms import distance, near_namespace

STRUCTURE = "data/paper/structure.ttl"


def _line_of(project, relative: str, text: str) -> int:
    lines = (project / relative).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_a_misspelt_property_fails_the_build_with_file_line_and_closest_term(tmp_path):
    project = copy_project(tmp_path / "project")
    edit_file(project, STRUCTURE, "lkg:textFile ", "lkg:textFle ")
    run = run_main("build", "--out", str(tmp_path / "dist"), root=project)
    assert run.returncode == 1, run.stderr[-2000:]
    assert run.error_line() == ("failed: LKG-B003: 1 term(s) the ontology does not declare, or in a namespace that "
                                "looks misspelt (`lanzarote-kg qc` lists the same)")
    line = _line_of(project, STRUCTURE, "lkg:textFle ")
    assert f"  {STRUCTURE}:{line}: lkg:textFle (used as a property) is not declared by the ontology, the " \
           "vocabularies or the shapes; the closest declared term: lkg:textFile" in run.stderr.splitlines()
    assert not (tmp_path / "dist" / "lanzarote-kg.trig").exists()


def test_a_misspelt_namespace_is_named_as_a_likely_typo(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "typo.ttl"
    path.write_text("@prefix lkgx: <https://w3id.org/lanzarote-kg/ontolgy#> .\n"
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n"
                    "<https://w3id.org/lanzarote-kg/id/actor/unicef> lkgx:acronym \"UNICEF\" .\n", encoding="utf-8")
    run = run_main("validate", root=project)
    assert run.returncode == 1, run.stderr[-2000:]
    assert ("  data/typo.ttl:1: the namespace <https://w3id.org/lanzarote-kg/ontolgy#> is one edit away from the "
            "project's <https://w3id.org/lanzarote-kg/ontology#>: a likely typo") in run.stderr.splitlines()


def test_near_namespaces():
    assert distance("ontology#", "ontolgy#") == 1 and distance("abc", "abc") == 0 and distance("abcd", "xy") == 2
    assert near_namespace("https://w3id.org/lanzarote-kg/ontolgy#") == "https://w3id.org/lanzarote-kg/ontology#"
    assert near_namespace("https://w3id.org/lanzarote-kg/shape#") == "https://w3id.org/lanzarote-kg/shapes#"
    assert near_namespace("https://w3id.org/lanzarote-kg/ontology/") is None  # the version IRIs
    assert near_namespace("http://w3id.org/lanzarote-kg/id/actor/") == "https://w3id.org/lanzarote-kg/"
    assert near_namespace("https://w3id.org/lanzarote-kg/id/actor/") is None
    assert near_namespace("http://www.w3.org/2000/01/rdf-schema#") is None
    assert near_namespace("https://schema.org/") is None
