"""The build of the paper is clean, and the fast engines give the reference
engines' answers: reasonable = owlrl on the instances, pyshacl-turbo =
pyshacl, every class with instances is a shape's target, every quote is in
the source."""
from __future__ import annotations

from lanzarote_kg.pipeline.reasoning import Reasoner


def test_build_of_the_paper_is_clean(build_result):
    assert build_result.report.errors == []
    assert build_result.quote_problems == []
    assert [c.name for c in build_result.check_failures if c.severity == "error"] == []
    assert build_result.engine_errors == []
    assert build_result.ok


def test_owlrl_and_reasonable_agree_on_the_instances(build_result):
    """The fast reasoner on the default path gives the reference engine's
    closure over the project's own instances (reflexive triples and
    owl:Thing typings set aside, as neither adds information)."""
    import pyoxigraph as ox

    from lanzarote_kg.core.namespaces import Graphs
    from lanzarote_kg.pipeline.reasoning import infer

    asserted = build_result.kg.triples(*Graphs.ASSERTED)

    def instance_closure(reasoner: Reasoner) -> set:
        inferred = infer(asserted, reasoner).inferred
        return {t for t in inferred
                if isinstance(t.subject, ox.NamedNode)
                and t.subject.value.startswith("https://w3id.org/lanzarote-kg/id/") and t.subject != t.object}

    fast = instance_closure(Reasoner.REASONABLE)
    reference = instance_closure(Reasoner.OWLRL)
    assert fast == reference
    assert len(fast) > 100  # the closure is not trivially empty


def test_pyshacl_turbo_and_pyshacl_report_the_same_results(build_result):
    """The fast SHACL engine on the default path gives the reference
    engine's results (focus, path, constraint, value, severity) on the
    project's reasoned graph."""
    from rdflib.namespace import RDF

    from lanzarote_kg.core.namespaces import SH
    from lanzarote_kg.pipeline.validation import ShaclEngine, validate

    def results(engine: ShaclEngine) -> set:
        report = validate(build_result.kg, engine).report_graph
        return {tuple(str(report.value(r, p)) for p in (SH.focusNode, SH.resultPath, SH.sourceConstraintComponent,
                                                          SH.value, SH.resultSeverity))
                for r in report.subjects(RDF.type, SH.ValidationResult)}

    assert results(ShaclEngine.TURBO) == results(ShaclEngine.PYSHACL)


def test_every_class_with_instances_is_targeted_by_a_shape(build_result):
    """Each lkg class that has instances is a shape's target, itself or
    through a superclass (SHACL targets include instances of subclasses)."""
    from rdflib.namespace import RDF, RDFS

    from lanzarote_kg.core.namespaces import LKG, SH

    kg = build_result.kg
    targeted = set(kg.shapes.objects(None, SH.targetClass))
    ontology = kg.ontology
    used = {c for c in kg.data.objects(None, RDF.type) if str(c).startswith(str(LKG))}
    untargeted = []
    for cls in sorted(used):
        ancestors = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        if not ancestors & targeted:
            untargeted.append(str(cls))
    assert untargeted == []
    assert len(used) > 30


def test_every_quote_occurs_verbatim_in_the_source(build_result, source_path):
    """Each passage's quote is found in the paper's text, inside its line
    range (white space normalised, number-only lines skipped)."""
    from lanzarote_kg.pipeline.quotes import verify_quotes
    from lanzarote_kg.pipeline.sources import load_sources

    sources = load_sources(build_result.store, source_path)
    paper = sources.texts["https://w3id.org/lanzarote-kg/id/document/coe-2012-international-cooperation-lanzarote"]
    assert paper.sha256 == "b53d54781f617be51496c205a22223f3ab30d1a70d325e5d6a708c8f57e1cc90"
    problems, anchors = verify_quotes(build_result.store, sources)
    assert [p.line() for p in problems] == []
    passages = build_result.store.query(
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?p <https://w3id.org/lanzarote-kg/ontology#quote> ?q } }")
    assert int(next(iter(passages))["n"].value) == len(anchors) > 1000
