"""Issue 23: messages that lead to the fix."""
from __future__ import annotations

from helpers import copy_project, edit_file
from hostile_helpers import run_main

CONCLUSIONS = "data/cooperation/conclusions.ttl"
SUPPORTS_VALUE = """lkg:supports lkg:description, rdfs:label ;
        lkg:supportsValue [
            lkg:property lkg:relatesTo ;
            lkg:value pillar:prevent, pillar:prosecute, pillar:protect
        ]"""


def test_coverage_advice_names_supports_value_for_a_property_with_several_values(tmp_path):
    project = copy_project(tmp_path / "project")
    edit_file(project, CONCLUSIONS, SUPPORTS_VALUE, "lkg:supports lkg:description, rdfs:label, lkg:relatesTo")
    run = run_main("coverage", str(project / CONCLUSIONS), root=project)
    assert run.returncode == 1, run.stderr[-2000:]
    fixes = [line.strip() for line in run.stdout.splitlines() if line.strip().startswith("fix:")]
    assert fixes, run.stdout
    relates = "<https://w3id.org/lanzarote-kg/ontology#relatesTo>"
    pillar = "<https://w3id.org/lanzarote-kg/id/concept/pillar/prevent>"
    assert any(fix.startswith(f"fix: `lkg:supports {relates}` is there but the subject has ") and
               f"`lkg:supportsValue [ lkg:property {relates} ; lkg:value {pillar} ]`" in fix for fix in fixes), fixes
    assert not any(fix == f"fix: add `lkg:supports {relates}` to the passage of the subject that says it"
                   for fix in fixes)


STRUCTURE = "data/paper/structure.ttl"
QUOTE = ('"The present document collects and summarizes information on initiatives tackling SESACA, to offer a '
         'general overview of the state of the art in this field and to provide a working basis for the International '
         'Conference in Rome, 29-30 November 2012."')


def _line_of(project, relative: str, text: str) -> int:
    lines = (project / relative).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_a_quote_not_in_the_source_names_the_data_file_and_line(tmp_path, source_path):
    project = copy_project(tmp_path / "project")
    edit_file(project, STRUCTURE, QUOTE, '"to provide a working basis for the Conference in Paris"')
    run = run_main("validate", "--source", str(source_path), root=project)
    assert run.returncode == 1, run.stderr[-2000:]
    line = _line_of(project, STRUCTURE, "the Conference in Paris")
    quotes = [text.strip() for text in run.stderr.splitlines() if "quote at lines" in text]
    assert quotes and quotes[0].startswith(f"{STRUCTURE}:{line}: https://w3id.org/lanzarote-kg/id/document/"), quotes


def test_a_passage_without_its_quote_names_the_data_file_and_line(tmp_path, source_path):
    project = copy_project(tmp_path / "project")
    edit_file(project, STRUCTURE, f"lkg:endLine 1532 ;\n        lkg:quote {QUOTE} ;\n", "lkg:endLine 1532 ;\n")
    run = run_main("validate", "--source", str(source_path), root=project)
    assert run.returncode == 1, run.stderr[-2000:]
    violations = [text.strip() for text in run.stderr.splitlines() if text.strip().startswith("Violation:")]
    assert violations, run.stderr[-2000:]
    assert any(f"[{STRUCTURE}:" in text for text in violations), violations


def test_a_datatype_violation_shows_the_literal_as_a_literal_with_the_details(tmp_path):
    project = copy_project(tmp_path / "project")
    edit_file(project, "data/interventions/nigeria-italy-trafficking.ttl", 'lkg:date "2011"^^xsd:gYear ;',
              'lkg:date "two thousand"^^xsd:gYear ;')
    run = run_main("validate", root=project)
    assert run.returncode == 1, run.stderr[-2000:]
    violations = [line.strip() for line in run.stderr.splitlines() if line.strip().startswith("Violation:")]
    assert violations and "See details" not in run.stderr and "<two thousand>" not in run.stderr, violations
    assert any(line.startswith('Violation: "two thousand"^^xsd:gYear ') for line in violations), violations
    assert all('"two thousand"^^xsd:gYear is not a valid xsd:gYear' in line for line in violations), violations
    assert any("does not conform to Shape '<https://w3id.org/lanzarote-kg/shapes#PartialDate>'. a date must be "
               "typed xsd:date, xsd:gYearMonth or xsd:gYear" in line for line in violations), violations
