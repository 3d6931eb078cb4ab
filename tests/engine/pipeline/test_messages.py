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
