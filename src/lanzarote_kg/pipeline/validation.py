"""SHACL validation, and a report people can read.

Two engines with the same API and the same results: pyshacl-turbo (Rust, the
default; about 20 times faster on this graph) and pyshacl (the reference).
A test checks that both report the same results on the project's data.

The shapes graph is kept apart from the data graph (never merged into it),
pyshacl's own inference is off (the closure is computed once, by the
reasoning stage), and validation fails loudly when there is nothing to
validate: an empty shapes graph or shapes that target no node would
otherwise "conform".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from lanzarote_kg.core.errors import BuildFailure
from lanzarote_kg.core.namespaces import SH


class ShaclEngine(str, Enum):
    TURBO = "pyshacl-turbo"
    PYSHACL = "pyshacl"


@dataclass(frozen=True)
class Violation:
    severity: str
    focus: str
    focus_label: str
    path: str
    message: str
    value: str
    shape: str
    file: str

    def line(self) -> str:
        where = f" [{self.file}]" if self.file else ""
        label = f" ({self.focus_label})" if self.focus_label else ""
        path = f" {self.path}:" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: <{self.focus}>{label}{where}{path} {self.message}{value}"


@dataclass
class ValidationReport:
    conforms: bool
    report_graph: Graph
    violations: list[Violation] = field(default_factory=list)

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Violation"]


def _short(term) -> str:
    return "" if term is None else str(term)


def _has_instances(store, cls) -> bool:
    import pyoxigraph as ox

    rdf_type = ox.NamedNode(str(RDF.type))
    return next(store.quads_for_pattern(None, rdf_type, ox.NamedNode(str(cls)), None), None) is not None


def _is_used(store, prop) -> bool:
    import pyoxigraph as ox

    return next(store.quads_for_pattern(None, ox.NamedNode(str(prop)), None, None), None) is not None


def check_shapes_target_something(shapes: Graph, store) -> None:
    """Fail when the shapes graph is empty or none of its targets matches."""
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    if not node_shapes:
        raise BuildFailure("LKG-V001", "the SHACL shapes graph holds no node shape: nothing would be validated")
    if any(_has_instances(store, c) for c in shapes.objects(None, SH.targetClass) if isinstance(c, URIRef)):
        return
    for predicate in (SH.targetSubjectsOf, SH.targetObjectsOf):
        if any(_is_used(store, p) for p in shapes.objects(None, predicate) if isinstance(p, URIRef)):
            return
    raise BuildFailure("LKG-V002", "no SHACL shape targets any node of the data: nothing would be validated")


def validate(kg, engine: ShaclEngine = ShaclEngine.TURBO) -> ValidationReport:
    """Validate the reasoned graph (all named graphs) against the shapes.

    pyshacl-turbo reads the Oxigraph store directly; pyshacl gets rdflib views."""
    from lanzarote_kg.sparql.results import store_lookup

    check_shapes_target_something(kg.shapes, kg.store)
    if engine is ShaclEngine.TURBO:
        import pyshacl_turbo as shacl
        data = kg.store
    else:
        import pyshacl as shacl
        data = kg.full()
    conforms, report_graph, _text = shacl.validate(
        data,
        shacl_graph=kg.shapes,
        inference="none",
        advanced=True,  # SPARQL-based targets (the ontology-term shapes)
        allow_warnings=True,
        abort_on_first=False,
    )
    label_of = store_lookup(kg.store)
    violations = []
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = report_graph.value(result, SH.focusNode)
        severity = report_graph.value(result, SH.resultSeverity)
        message = report_graph.value(result, SH.resultMessage)
        value = report_graph.value(result, SH.value)
        violations.append(Violation(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus=_short(focus),
            focus_label=(label_of(focus) or "") if isinstance(focus, URIRef) else "",
            path=_short(report_graph.value(result, SH.resultPath)),
            message=str(message) if message is not None else "",
            value=str(value) if isinstance(value, (Literal, URIRef)) else "",
            shape=_short(report_graph.value(result, SH.sourceShape)),
            file=str(kg.origins.get(str(focus), "")),
        ))
    violations.sort(key=lambda v: (v.severity != "Violation", v.file, v.focus, v.path, v.message, v.value))
    return ValidationReport(conforms=bool(conforms), report_graph=report_graph, violations=violations)
